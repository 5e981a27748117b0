-- Availability windows of one worker never overlap: setAvailability replaces them as a whole, and
-- the database refuses any pair that would overlap, whatever the application does.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "worker_availability" ADD CONSTRAINT "worker_availability_no_overlap"
  EXCLUDE USING gist ("worker_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&);
