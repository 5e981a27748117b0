CREATE TABLE "county_warnings" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"level" text NOT NULL,
	"previous_level" text,
	"seekers" integer NOT NULL,
	"open_seats" integer NOT NULL,
	"postings" integer NOT NULL,
	"postings_before" integer NOT NULL,
	"hires" integer NOT NULL,
	"hires_before" integer NOT NULL,
	"unmatched_7d" integer NOT NULL,
	"mass_cancellations" integer NOT NULL,
	"mass_cancel_employer_id" uuid,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"seekers_per_seat" double precision NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "county_warnings_region_code_day_pk" PRIMARY KEY("region_code","day"),
	CONSTRAINT "county_warnings_level_known" CHECK ("county_warnings"."level" in ('BLUE', 'YELLOW', 'ORANGE', 'RED')),
	CONSTRAINT "county_warnings_counts_non_negative" CHECK ("county_warnings"."seekers" >= 0 and "county_warnings"."open_seats" >= 0 and "county_warnings"."postings" >= 0 and "county_warnings"."postings_before" >= 0
        and "county_warnings"."hires" >= 0 and "county_warnings"."hires_before" >= 0 and "county_warnings"."unmatched_7d" between 0 and "county_warnings"."seekers"
        and "county_warnings"."mass_cancellations" >= 0)
);
--> statement-breakpoint
ALTER TABLE "county_warnings" ADD CONSTRAINT "county_warnings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_warnings" ADD CONSTRAINT "county_warnings_mass_cancel_employer_id_employers_id_fk" FOREIGN KEY ("mass_cancel_employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "county_warnings_day_idx" ON "county_warnings" USING btree ("day","level");