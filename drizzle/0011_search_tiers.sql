CREATE TABLE "search_watermarks" (
	"name" text PRIMARY KEY NOT NULL,
	"xid" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gigs" ADD COLUMN "post_xid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;