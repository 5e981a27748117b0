CREATE TABLE "arrears_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"owed_fen" integer NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"resolution" text,
	"closed_by_account_id" uuid,
	CONSTRAINT "arrears_status_known" CHECK ("arrears_cases"."status" in ('OPEN', 'CLOSED')),
	CONSTRAINT "arrears_owed_positive" CHECK ("arrears_cases"."owed_fen" > 0),
	CONSTRAINT "arrears_closed_consistently" CHECK (("arrears_cases"."status" = 'OPEN') = ("arrears_cases"."closed_at" is null) and ("arrears_cases"."status" = 'OPEN') = ("arrears_cases"."close_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "dispute_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispute_id" uuid NOT NULL,
	"author_account_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"opened_by_role" text NOT NULL,
	"opened_by_account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"arrears_case_id" uuid,
	"resolution" text,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_account_id" uuid,
	CONSTRAINT "disputes_status_known" CHECK ("disputes"."status" in ('OPEN', 'MEDIATING', 'RESOLVED')),
	CONSTRAINT "disputes_kind_known" CHECK ("disputes"."kind" in ('WAGE', 'WORK', 'CONDUCT', 'OTHER')),
	CONSTRAINT "disputes_resolved_consistently" CHECK (("disputes"."status" = 'RESOLVED') = ("disputes"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_account_id" uuid NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "check_in_code" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "check_in_lat" double precision;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "check_in_lng" double precision;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "check_in_distance_m" integer;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "check_in_off_site" boolean;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "off_site_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "checked_in_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "checked_out_auto" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "hours_worked" double precision;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "no_show_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "cancelled_late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "paid_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "confirmed_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "payment_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gig_dispatch" ADD COLUMN "backfill" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "arrears_cases" ADD CONSTRAINT "arrears_cases_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_cases" ADD CONSTRAINT "arrears_cases_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_cases" ADD CONSTRAINT "arrears_cases_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_cases" ADD CONSTRAINT "arrears_cases_closed_by_account_id_accounts_id_fk" FOREIGN KEY ("closed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_account_id_accounts_id_fk" FOREIGN KEY ("opened_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_arrears_case_id_arrears_cases_id_fk" FOREIGN KEY ("arrears_case_id") REFERENCES "public"."arrears_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_account_id_accounts_id_fk" FOREIGN KEY ("resolved_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "arrears_one_per_engagement" ON "arrears_cases" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "arrears_open_by_employer_idx" ON "arrears_cases" USING btree ("employer_id") WHERE "arrears_cases"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "dispute_notes_dispute_idx" ON "dispute_notes" USING btree ("dispute_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_one_open_per_engagement" ON "disputes" USING btree ("engagement_id") WHERE "disputes"."status" <> 'RESOLVED';--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "payments_engagement_idx" ON "payments" USING btree ("engagement_id","recorded_at");--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_checked_in_by_account_id_accounts_id_fk" FOREIGN KEY ("checked_in_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagements_running_idx" ON "engagements" USING btree ("ends_at") WHERE "engagements"."status" in ('CONFIRMED', 'CHECKED_IN');--> statement-breakpoint
CREATE INDEX "engagements_unsettled_idx" ON "engagements" USING btree ("pay_due_at") WHERE "engagements"."status" = 'COMPLETED' and "engagements"."confirmed_fen" < "engagements"."amount_due_fen";--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_paid_non_negative" CHECK ("engagements"."paid_fen" >= 0 and "engagements"."confirmed_fen" >= 0);--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_confirmed_within_paid" CHECK ("engagements"."confirmed_fen" <= "engagements"."paid_fen");--> statement-breakpoint
-- 电子劳动合同: what both sides agreed is never rewritten. The terms, the contract text, its hash
-- and the amount due are fixed at the hire, and an acknowledgement, once given, stays.
CREATE FUNCTION "engagements_contract_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.gig_id IS DISTINCT FROM OLD.gig_id OR NEW.worker_id IS DISTINCT FROM OLD.worker_id
     OR NEW.terms IS DISTINCT FROM OLD.terms OR NEW.contract_text IS DISTINCT FROM OLD.contract_text
     OR NEW.contract_hash IS DISTINCT FROM OLD.contract_hash
     OR NEW.amount_due_fen IS DISTINCT FROM OLD.amount_due_fen
     OR (OLD.worker_accepted_at IS NOT NULL AND NEW.worker_accepted_at IS DISTINCT FROM OLD.worker_accepted_at)
     OR (OLD.employer_accepted_at IS NOT NULL AND NEW.employer_accepted_at IS DISTINCT FROM OLD.employer_accepted_at)
     OR NEW.paid_fen < OLD.paid_fen OR NEW.confirmed_fen < OLD.confirmed_fen THEN
    RAISE EXCEPTION 'the contract of engagement % cannot be changed after the hire', OLD.id
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'engagements_contract_fixed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engagements_contract_fixed" BEFORE UPDATE ON "engagements"
  FOR EACH ROW EXECUTE FUNCTION "engagements_contract_fixed"();
--> statement-breakpoint
-- Payments and mediation notes are a record: added to, never edited or removed.
CREATE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = TG_TABLE_NAME || '_append_only';
END $$;
--> statement-breakpoint
CREATE TRIGGER "payments_append_only" BEFORE UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
--> statement-breakpoint
CREATE TRIGGER "dispute_notes_append_only" BEFORE UPDATE OR DELETE ON "dispute_notes"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
