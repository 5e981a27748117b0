CREATE TABLE "gig_skills" (
	"gig_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gig_skills_gig_id_skill_code_pk" PRIMARY KEY("gig_id","skill_code")
);
--> statement-breakpoint
CREATE TABLE "gigs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"headcount" integer NOT NULL,
	"filled" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"pay_fen" integer NOT NULL,
	"pay_unit" text NOT NULL,
	"hours_per_day" double precision,
	"pieces_per_hour" double precision,
	"hourly_fen" integer NOT NULL,
	"pay_due_days" integer NOT NULL,
	"older_friendly" boolean DEFAULT false NOT NULL,
	"public_welfare" boolean DEFAULT false NOT NULL,
	"instant" boolean DEFAULT false NOT NULL,
	"search_radius_km" double precision NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gigs_headcount_range" CHECK ("gigs"."headcount" between 1 and 500),
	CONSTRAINT "gigs_filled_within_headcount" CHECK ("gigs"."filled" between 0 and "gigs"."headcount"),
	CONSTRAINT "gigs_window_forward" CHECK ("gigs"."ends_at" > "gigs"."starts_at"),
	CONSTRAINT "gigs_pay_positive" CHECK ("gigs"."pay_fen" > 0 and "gigs"."hourly_fen" > 0),
	CONSTRAINT "gigs_pay_due_days_range" CHECK ("gigs"."pay_due_days" between 0 and 30),
	CONSTRAINT "gigs_pay_unit_known" CHECK ("gigs"."pay_unit" in ('HOUR', 'DAY', 'PIECE', 'TOTAL')),
	CONSTRAINT "gigs_piece_rate_given" CHECK ("gigs"."pay_unit" <> 'PIECE' or "gigs"."pieces_per_hour" > 0),
	CONSTRAINT "gigs_status_known" CHECK ("gigs"."status" in ('OPEN', 'FILLED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED')),
	CONSTRAINT "gigs_cancel_has_reason" CHECK ("gigs"."status" <> 'CANCELLED' or "gigs"."cancel_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "gig_skills" ADD CONSTRAINT "gig_skills_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gig_skills" ADD CONSTRAINT "gig_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gigs" ADD CONSTRAINT "gigs_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gigs" ADD CONSTRAINT "gigs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gig_skills_skill_idx" ON "gig_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "gigs_employer_idx" ON "gigs" USING btree ("employer_id","starts_at");--> statement-breakpoint
CREATE INDEX "gigs_status_starts_idx" ON "gigs" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "gigs_region_idx" ON "gigs" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "gigs_updated_idx" ON "gigs" USING btree ("updated_at");