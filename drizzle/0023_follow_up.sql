CREATE TABLE "follow_up_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"station_id" uuid,
	"recorded_by_account_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"offered_gig_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"offered_course_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"next_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_up_contacts_channel_known" CHECK ("follow_up_contacts"."channel" in ('CALL', 'VISIT', 'AT_STATION')),
	CONSTRAINT "follow_up_contacts_outcome_known" CHECK ("follow_up_contacts"."outcome" in ('NOT_REACHED', 'TOOK_OFFER', 'CONSIDERING', 'DECLINED', 'NEEDS_OTHER_HELP', 'FOUND_WORK_ELSEWHERE')),
	CONSTRAINT "follow_up_contacts_note_length" CHECK ("follow_up_contacts"."note" is null or char_length("follow_up_contacts"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "follow_up_region_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"idle_days" integer NOT NULL,
	"updated_by_account_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_up_region_settings_idle_days" CHECK ("follow_up_region_settings"."idle_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"note" text,
	"asked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "help_requests_note_length" CHECK ("help_requests"."note" is null or char_length("help_requests"."note") <= 500)
);
--> statement-breakpoint
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_region_settings" ADD CONSTRAINT "follow_up_region_settings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_region_settings" ADD CONSTRAINT "follow_up_region_settings_updated_by_account_id_accounts_id_fk" FOREIGN KEY ("updated_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_contacts_worker_idx" ON "follow_up_contacts" USING btree ("worker_id","contacted_at");--> statement-breakpoint
CREATE INDEX "help_requests_worker_idx" ON "help_requests" USING btree ("worker_id","asked_at");