CREATE TABLE "gig_accident_cover" (
	"gig_id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"insurer" text,
	"policy_number" text,
	"stated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gig_accident_cover_group_policy_named" CHECK (("gig_accident_cover"."provider" = 'EMPLOYER_GROUP_POLICY') = ("gig_accident_cover"."insurer" is not null and "gig_accident_cover"."policy_number" is not null))
);
--> statement-breakpoint
ALTER TABLE "accident_policies" ALTER COLUMN "policy_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accident_policies" ALTER COLUMN "issued_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD COLUMN "status" text DEFAULT 'ISSUED' NOT NULL;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD COLUMN "reserved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gig_accident_cover" ADD CONSTRAINT "gig_accident_cover_gig_id_gigs_id_fk" FOREIGN KEY ("gig_id") REFERENCES "public"."gigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD CONSTRAINT "accident_policies_issued_whole" CHECK (("accident_policies"."status" = 'ISSUED') = ("accident_policies"."policy_number" is not null and "accident_policies"."issued_at" is not null));