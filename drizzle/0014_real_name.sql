ALTER TABLE "workers" DROP CONSTRAINT "workers_id_number_hmac_unique";--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "identity_status" text DEFAULT 'SELF_DECLARED' NOT NULL;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "identity_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "identity_verified_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "identity_verified_at_station_id" uuid;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "id_number_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_identity_verified_by_account_id_accounts_id_fk" FOREIGN KEY ("identity_verified_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_identity_verified_at_station_id_stations_id_fk" FOREIGN KEY ("identity_verified_at_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workers_id_number_hmac_idx" ON "workers" USING btree ("id_number_hmac");--> statement-breakpoint
CREATE UNIQUE INDEX "workers_verified_id_number_unique" ON "workers" USING btree ("id_number_hmac") WHERE "workers"."identity_status" <> 'SELF_DECLARED';--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_identity_status_known" CHECK ("workers"."identity_status" in ('SELF_DECLARED', 'VERIFIED_IN_PERSON', 'VERIFIED_BY_SERVICE'));--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_verified_has_time" CHECK ("workers"."identity_status" = 'SELF_DECLARED' or "workers"."identity_verified_at" is not null);--> statement-breakpoint
-- Walk-in workers were registered by an operator who had their ID card in hand: verified in person,
-- when and where they were registered. (The old unique constraint kept their numbers distinct.)
UPDATE "workers" SET "identity_status" = 'VERIFIED_IN_PERSON', "identity_verified_at" = "created_at",
  "identity_verified_by_account_id" = "registered_by_account_id",
  "identity_verified_at_station_id" = "registered_at_station_id"
WHERE "registered_by_account_id" IS NOT NULL AND "id_number_hmac" IS NOT NULL;
