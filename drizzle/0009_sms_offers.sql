CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid,
	"phone" text,
	"direction" text NOT NULL,
	"body" text NOT NULL,
	"offer_id" uuid,
	"status" text NOT NULL,
	"reason" text,
	"provider" text NOT NULL,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_messages_direction_known" CHECK ("sms_messages"."direction" in ('OUT', 'IN')),
	CONSTRAINT "sms_messages_status_known" CHECK ("sms_messages"."status" in ('QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED', 'RECEIVED')),
	CONSTRAINT "sms_messages_reason_when_suppressed" CHECK (("sms_messages"."status" = 'SUPPRESSED') = ("sms_messages"."reason" is not null) and ("sms_messages"."reason" is null or "sms_messages"."reason" in ('QUIET_HOURS', 'DAILY_CAP', 'OPTED_OUT', 'NO_PHONE'))),
	CONSTRAINT "sms_messages_inbound_received" CHECK (("sms_messages"."direction" = 'IN') = ("sms_messages"."status" = 'RECEIVED'))
);
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "sms_status" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "sms_offers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "sms_opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_messages_worker_day_idx" ON "sms_messages" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_offer_idx" ON "sms_messages" USING btree ("offer_id") WHERE "sms_messages"."offer_id" is not null;--> statement-breakpoint
CREATE INDEX "sms_messages_provider_id_idx" ON "sms_messages" USING btree ("provider_message_id") WHERE "sms_messages"."provider_message_id" is not null;