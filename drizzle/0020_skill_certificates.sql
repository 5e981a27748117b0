CREATE TABLE "worker_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"kind" text NOT NULL,
	"level" integer,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"verified_by" text NOT NULL,
	"verified_by_account_id" uuid,
	"verified_at_station_id" uuid,
	"verified_at" timestamp with time zone NOT NULL,
	"expiry_notice_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "worker_certificates_kind_known" CHECK ("worker_certificates"."kind" in ('SKILL_LEVEL', 'QUALIFICATION', 'SPECIAL_OPERATION')),
	CONSTRAINT "worker_certificates_level" CHECK (("worker_certificates"."kind" = 'SPECIAL_OPERATION' and "worker_certificates"."level" is null) or ("worker_certificates"."kind" <> 'SPECIAL_OPERATION' and "worker_certificates"."level" between 1 and 5)),
	CONSTRAINT "worker_certificates_dates" CHECK ("worker_certificates"."expires_on" is null or "worker_certificates"."expires_on" >= "worker_certificates"."issued_on"),
	CONSTRAINT "worker_certificates_special_expires" CHECK ("worker_certificates"."kind" <> 'SPECIAL_OPERATION' or "worker_certificates"."expires_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "gigs" ADD COLUMN "min_skill_level" integer;--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "special_operation" text;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD COLUMN "source" text DEFAULT 'SELF_DECLARED' NOT NULL;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD COLUMN "certificate_id" uuid;--> statement-breakpoint
ALTER TABLE "worker_certificates" ADD CONSTRAINT "worker_certificates_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_certificates" ADD CONSTRAINT "worker_certificates_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_certificates" ADD CONSTRAINT "worker_certificates_verified_by_account_id_accounts_id_fk" FOREIGN KEY ("verified_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_certificates" ADD CONSTRAINT "worker_certificates_verified_at_station_id_stations_id_fk" FOREIGN KEY ("verified_at_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_certificates_worker_idx" ON "worker_certificates" USING btree ("worker_id","skill_code");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_certificates_number_unique" ON "worker_certificates" USING btree ("kind","number");--> statement-breakpoint
CREATE INDEX "worker_certificates_expiry_idx" ON "worker_certificates" USING btree ("expires_on") WHERE "worker_certificates"."expiry_notice_at" is null;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_certificate_id_worker_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."worker_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gigs" ADD CONSTRAINT "gigs_min_skill_level_range" CHECK ("gigs"."min_skill_level" is null or "gigs"."min_skill_level" between 1 and 5);--> statement-breakpoint
-- Hand-added: a "certified" ticked by the worker was only their word; from now on it means a
-- verified certificate backs the level (docs/skills.md), so the old ticks are cleared first.
UPDATE "worker_skills" SET "certified" = false;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_source_certificate" CHECK (("worker_skills"."source" = 'CERTIFICATE') = ("worker_skills"."certificate_id" is not null) and "worker_skills"."certified" = ("worker_skills"."source" = 'CERTIFICATE'));