CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gig_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"status" text DEFAULT 'APPLIED' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "applications_status_known" CHECK ("applications"."status" in ('APPLIED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'))
);
--> statement-breakpoint
CREATE TABLE "crew_members" (
	"crew_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"status" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	CONSTRAINT "crew_members_crew_id_worker_id_pk" PRIMARY KEY("crew_id","worker_id"),
	CONSTRAINT "crew_members_status_known" CHECK ("crew_members"."status" in ('INVITED', 'MEMBER', 'LEFT')),
	CONSTRAINT "crew_members_joined_when_member" CHECK ("crew_members"."status" <> 'MEMBER' or "crew_members"."joined_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "crews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"leader_worker_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_roster" (
	"employer_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "employer_roster_employer_id_worker_id_pk" PRIMARY KEY("employer_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gig_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"offer_id" uuid,
	"application_id" uuid,
	"crew_id" uuid,
	"status" text DEFAULT 'CONFIRMED' NOT NULL,
	"origin" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"terms" jsonb NOT NULL,
	"contract_text" text NOT NULL,
	"contract_hash" text NOT NULL,
	"worker_accepted_at" timestamp with time zone,
	"employer_accepted_at" timestamp with time zone,
	"amount_due_fen" integer NOT NULL,
	"pay_due_at" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "engagements_offer_id_unique" UNIQUE("offer_id"),
	CONSTRAINT "engagements_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "engagements_status_known" CHECK ("engagements"."status" in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED')),
	CONSTRAINT "engagements_origin_known" CHECK ("engagements"."origin" in ('LOCAL', 'OUT_OF_COUNTY', 'OUT_OF_CITY')),
	CONSTRAINT "engagements_window_forward" CHECK ("engagements"."ends_at" > "engagements"."starts_at"),
	CONSTRAINT "engagements_amount_non_negative" CHECK ("engagements"."amount_due_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gig_dispatch" (
	"gig_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'ACTIVE' NOT NULL,
	"wave" integer DEFAULT 0 NOT NULL,
	"tier" text,
	"fan_out" integer NOT NULL,
	"offer_ttl_seconds" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gig_dispatch_state_known" CHECK ("gig_dispatch"."state" in ('ACTIVE', 'EXHAUSTED', 'DONE')),
	CONSTRAINT "gig_dispatch_fan_out_range" CHECK ("gig_dispatch"."fan_out" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gig_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"crew_id" uuid,
	"wave" integer NOT NULL,
	"tier" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"distance_km" double precision,
	"score" double precision,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	CONSTRAINT "offers_status_known" CHECK ("offers"."status" in ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
	CONSTRAINT "offers_tier_known" CHECK ("offers"."tier" in ('ROSTER', 'RATED', 'MATCH', 'CREW')),
	CONSTRAINT "offers_expiry_after_send" CHECK ("offers"."expires_at" > "offers"."sent_at")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"by_role" text NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_stars_range" CHECK ("ratings"."stars" between 1 and 5),
	CONSTRAINT "ratings_by_role_known" CHECK ("ratings"."by_role" in ('WORKER', 'EMPLOYER'))
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"name" text NOT NULL,
	"search" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crew_members" ADD CONSTRAINT "crew_members_crew_id_crews_id_fk" FOREIGN KEY ("crew_id") REFERENCES "public"."crews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crew_members" ADD CONSTRAINT "crew_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crews" ADD CONSTRAINT "crews_leader_worker_id_workers_id_fk" FOREIGN KEY ("leader_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_roster" ADD CONSTRAINT "employer_roster_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_roster" ADD CONSTRAINT "employer_roster_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_crew_id_crews_id_fk" FOREIGN KEY ("crew_id") REFERENCES "public"."crews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gig_dispatch" ADD CONSTRAINT "gig_dispatch_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crew_id_crews_id_fk" FOREIGN KEY ("crew_id") REFERENCES "public"."crews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_per_worker" ON "applications" USING btree ("gig_id","worker_id");--> statement-breakpoint
CREATE INDEX "applications_worker_idx" ON "applications" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "crew_members_worker_idx" ON "crew_members" USING btree ("worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_one_per_worker" ON "engagements" USING btree ("gig_id","worker_id");--> statement-breakpoint
CREATE INDEX "engagements_worker_idx" ON "engagements" USING btree ("worker_id","starts_at");--> statement-breakpoint
CREATE INDEX "gig_dispatch_due_idx" ON "gig_dispatch" USING btree ("due_at") WHERE "gig_dispatch"."state" = 'ACTIVE';--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_per_worker" ON "offers" USING btree ("gig_id","worker_id") WHERE "offers"."crew_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_per_crew" ON "offers" USING btree ("gig_id","crew_id") WHERE "offers"."crew_id" is not null;--> statement-breakpoint
CREATE INDEX "offers_pending_expiry_idx" ON "offers" USING btree ("expires_at") WHERE "offers"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "offers_worker_idx" ON "offers" USING btree ("worker_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_one_per_side" ON "ratings" USING btree ("engagement_id","by_role");--> statement-breakpoint
CREATE INDEX "saved_searches_worker_idx" ON "saved_searches" USING btree ("worker_id");--> statement-breakpoint
-- A worker never holds two live hires whose windows overlap: the database refuses the second,
-- however many accepts race (btree_gist was enabled by 0002).
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_no_double_booking"
  EXCLUDE USING gist ("worker_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" IN ('CONFIRMED', 'CHECKED_IN', 'COMPLETED'));
