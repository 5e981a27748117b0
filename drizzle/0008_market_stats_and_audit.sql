CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "audit_log_action_format" CHECK ("audit_log"."action" ~ '^[A-Z][A-Z_]+$')
);
--> statement-breakpoint
CREATE TABLE "region_day_stats" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"trade_code" text NOT NULL,
	"gigs_posted" integer DEFAULT 0 NOT NULL,
	"gigs_filled" integer DEFAULT 0 NOT NULL,
	"hires" integer DEFAULT 0 NOT NULL,
	"hires_local" integer DEFAULT 0 NOT NULL,
	"hires_out_of_county" integer DEFAULT 0 NOT NULL,
	"hires_out_of_city" integer DEFAULT 0 NOT NULL,
	"older_hires" integer DEFAULT 0 NOT NULL,
	"wages_paid_fen" bigint DEFAULT 0 NOT NULL,
	"arrears_opened" integer DEFAULT 0 NOT NULL,
	"arrears_closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "region_day_stats_region_code_trade_code_day_pk" PRIMARY KEY("region_code","trade_code","day")
);
--> statement-breakpoint
CREATE TABLE "region_fill_minutes" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"trade_code" text NOT NULL,
	"minutes" integer NOT NULL,
	"gigs" integer NOT NULL,
	CONSTRAINT "region_fill_minutes_region_code_trade_code_day_minutes_pk" PRIMARY KEY("region_code","trade_code","day","minutes")
);
--> statement-breakpoint
CREATE TABLE "stat_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"trade_code" text NOT NULL,
	"gigs_posted" integer DEFAULT 0 NOT NULL,
	"gigs_filled" integer DEFAULT 0 NOT NULL,
	"hires" integer DEFAULT 0 NOT NULL,
	"hires_local" integer DEFAULT 0 NOT NULL,
	"hires_out_of_county" integer DEFAULT 0 NOT NULL,
	"hires_out_of_city" integer DEFAULT 0 NOT NULL,
	"older_hires" integer DEFAULT 0 NOT NULL,
	"wages_paid_fen" bigint DEFAULT 0 NOT NULL,
	"arrears_opened" integer DEFAULT 0 NOT NULL,
	"arrears_closed" integer DEFAULT 0 NOT NULL,
	"fill_minutes" integer
);
--> statement-breakpoint
ALTER TABLE "gigs" ADD COLUMN "filled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_account_id","at");--> statement-breakpoint
-- stat_deltas is a queue: every row is deleted by the next fold. Vacuum it after every 10,000 dead
-- rows whatever its size, so readers never wade through the dead rows of a large fold.
ALTER TABLE "stat_deltas" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 10000);
--> statement-breakpoint
-- Statistics: every counted change writes a delta row in its own transaction (see src/db/schema/stats.ts).
CREATE FUNCTION "stat_day"(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date
$$;
--> statement-breakpoint
-- A gig's trade for the statistics: its first listed skill.
CREATE FUNCTION "gig_trade"(gig uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT skill_code FROM gig_skills WHERE gig_id = gig ORDER BY position, skill_code LIMIT 1), '')
$$;
--> statement-breakpoint
CREATE FUNCTION "stats_gig_posted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_deltas (region_code, day, trade_code, gigs_posted)
  VALUES (NEW.region_code, stat_day(NEW.created_at), gig_trade(NEW.id), 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Deferred to commit, when the gig's skills have been written too.
CREATE CONSTRAINT TRIGGER "gigs_stats_posted" AFTER INSERT ON "gigs" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "stats_gig_posted"();
--> statement-breakpoint
CREATE FUNCTION "stats_gig_filled"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_deltas (region_code, day, trade_code, gigs_filled, fill_minutes)
  VALUES (NEW.region_code, stat_day(NEW.created_at), gig_trade(NEW.id), 1,
          greatest(0, round(extract(epoch FROM NEW.filled_at - NEW.created_at) / 60))::integer);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "gigs_stats_filled" AFTER UPDATE OF "filled_at" ON "gigs"
  FOR EACH ROW WHEN (OLD.filled_at IS NULL AND NEW.filled_at IS NOT NULL)
  EXECUTE FUNCTION "stats_gig_filled"();
--> statement-breakpoint
CREATE FUNCTION "stats_engagement_hired"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g record;
  born date;
BEGIN
  SELECT region_code, id INTO g FROM gigs WHERE id = NEW.gig_id;
  SELECT birth_date INTO born FROM workers WHERE id = NEW.worker_id;
  INSERT INTO stat_deltas (region_code, day, trade_code, hires, hires_local, hires_out_of_county,
                           hires_out_of_city, older_hires)
  VALUES (g.region_code, stat_day(NEW.created_at), gig_trade(g.id), 1,
          (NEW.origin = 'LOCAL')::integer, (NEW.origin = 'OUT_OF_COUNTY')::integer,
          (NEW.origin = 'OUT_OF_CITY')::integer,
          (extract(year FROM age(stat_day(NEW.created_at), born)) >= 45)::integer);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engagements_stats_hired" AFTER INSERT ON "engagements"
  FOR EACH ROW EXECUTE FUNCTION "stats_engagement_hired"();
--> statement-breakpoint
CREATE FUNCTION "stats_payment_recorded"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_deltas (region_code, day, trade_code, wages_paid_fen)
  SELECT g.region_code, stat_day(NEW.recorded_at), gig_trade(g.id), NEW.amount_fen
  FROM engagements e JOIN gigs g ON g.id = e.gig_id WHERE e.id = NEW.engagement_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payments_stats_recorded" AFTER INSERT ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "stats_payment_recorded"();
--> statement-breakpoint
CREATE FUNCTION "stats_arrears_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_deltas (region_code, day, trade_code, arrears_opened, arrears_closed)
  SELECT g.region_code,
         stat_day(CASE WHEN TG_OP = 'INSERT' THEN NEW.opened_at ELSE NEW.closed_at END),
         gig_trade(g.id), (TG_OP = 'INSERT')::integer, (TG_OP = 'UPDATE')::integer
  FROM engagements e JOIN gigs g ON g.id = e.gig_id WHERE e.id = NEW.engagement_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "arrears_stats_opened" AFTER INSERT ON "arrears_cases"
  FOR EACH ROW EXECUTE FUNCTION "stats_arrears_changed"();
--> statement-breakpoint
CREATE TRIGGER "arrears_stats_closed" AFTER UPDATE OF "status" ON "arrears_cases"
  FOR EACH ROW WHEN (OLD.status = 'OPEN' AND NEW.status = 'CLOSED')
  EXECUTE FUNCTION "stats_arrears_changed"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
--> statement-breakpoint
-- A market that ran before this migration keeps its history: deltas for what is already there.
INSERT INTO stat_deltas (region_code, day, trade_code, gigs_posted)
SELECT region_code, stat_day(created_at), gig_trade(id), 1 FROM gigs;
--> statement-breakpoint
INSERT INTO stat_deltas (region_code, day, trade_code, hires, hires_local, hires_out_of_county, hires_out_of_city, older_hires)
SELECT g.region_code, stat_day(e.created_at), gig_trade(g.id), 1, (e.origin = 'LOCAL')::integer,
       (e.origin = 'OUT_OF_COUNTY')::integer, (e.origin = 'OUT_OF_CITY')::integer,
       (extract(year FROM age(stat_day(e.created_at), w.birth_date)) >= 45)::integer
FROM engagements e JOIN gigs g ON g.id = e.gig_id JOIN workers w ON w.id = e.worker_id;
--> statement-breakpoint
INSERT INTO stat_deltas (region_code, day, trade_code, wages_paid_fen)
SELECT g.region_code, stat_day(p.recorded_at), gig_trade(g.id), p.amount_fen
FROM payments p JOIN engagements e ON e.id = p.engagement_id JOIN gigs g ON g.id = e.gig_id;
--> statement-breakpoint
INSERT INTO stat_deltas (region_code, day, trade_code, arrears_opened, arrears_closed)
SELECT g.region_code, stat_day(d.at), gig_trade(g.id), d.opened, 1 - d.opened
FROM (SELECT engagement_id, opened_at AS at, 1 AS opened FROM arrears_cases
      UNION ALL SELECT engagement_id, closed_at, 0 FROM arrears_cases WHERE status = 'CLOSED') d
JOIN engagements e ON e.id = d.engagement_id JOIN gigs g ON g.id = e.gig_id;
--> statement-breakpoint
-- Gigs already full: the time their latest hire was made stands for when they filled (fires the trigger).
UPDATE gigs SET filled_at = (SELECT max(created_at) FROM engagements WHERE gig_id = gigs.id)
WHERE filled >= headcount;
