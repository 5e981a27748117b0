CREATE TABLE "follow_up_notices" (
	"worker_id" uuid NOT NULL,
	"spell_since" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"station_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_up_notices_worker_id_spell_since_kind_pk" PRIMARY KEY("worker_id","spell_since","kind"),
	CONSTRAINT "follow_up_notices_kind_known" CHECK ("follow_up_notices"."kind" in ('JOINED', 'OVERDUE'))
);
--> statement-breakpoint
ALTER TABLE "follow_up_notices" ADD CONSTRAINT "follow_up_notices_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_notices" ADD CONSTRAINT "follow_up_notices_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;