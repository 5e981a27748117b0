CREATE TABLE "kiosk_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "kiosk_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "station_operators" (
	"station_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "station_operators_station_id_account_id_pk" PRIMARY KEY("station_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text NOT NULL,
	"opening_hours" text,
	"phone" text,
	"service_radius_km" double precision DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stations_kind_known" CHECK ("stations"."kind" in ('COUNTY_CENTRE', 'TOWNSHIP_STATION', 'VILLAGE_POINT', 'GIG_MARKET')),
	CONSTRAINT "stations_radius_range" CHECK ("stations"."service_radius_km" > 0 and "stations"."service_radius_km" <= 200)
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "acted_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "acted_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "responded_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "registered_at_station_id" uuid;--> statement-breakpoint
ALTER TABLE "kiosk_tokens" ADD CONSTRAINT "kiosk_tokens_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_tokens" ADD CONSTRAINT "kiosk_tokens_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_operators" ADD CONSTRAINT "station_operators_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_operators" ADD CONSTRAINT "station_operators_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kiosk_tokens_station_idx" ON "kiosk_tokens" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "station_operators_account_idx" ON "station_operators" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_acted_by_account_id_accounts_id_fk" FOREIGN KEY ("acted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_acted_by_account_id_accounts_id_fk" FOREIGN KEY ("acted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_responded_by_account_id_accounts_id_fk" FOREIGN KEY ("responded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_registered_at_station_id_stations_id_fk" FOREIGN KEY ("registered_at_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;