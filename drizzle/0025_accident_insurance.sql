CREATE TABLE "accident_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"covered_on" date NOT NULL,
	"provider" text NOT NULL,
	"insurer" text NOT NULL,
	"policy_number" text NOT NULL,
	"payer" text NOT NULL,
	"arranged_by_account_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accident_policies_one_per_day" UNIQUE("engagement_id","covered_on"),
	CONSTRAINT "accident_policies_number_unique" UNIQUE("provider","policy_number"),
	CONSTRAINT "accident_policies_number_present" CHECK (length(trim("accident_policies"."policy_number")) > 0)
);
--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "accident_risk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD CONSTRAINT "accident_policies_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_policies" ADD CONSTRAINT "accident_policies_arranged_by_account_id_accounts_id_fk" FOREIGN KEY ("arranged_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;