ALTER TABLE "engagements" ADD COLUMN "first_checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "first_check_in_distance_m" integer;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "first_check_in_off_site" boolean;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_first_check_in_whole" CHECK (("engagements"."first_checked_in_at" is null) = ("engagements"."first_check_in_off_site" is null) and ("engagements"."first_checked_in_at" is null or "engagements"."checked_in_at" is not null));--> statement-breakpoint
-- The first check-in, once kept, is evidence for a dispute about the hours: nothing rewrites it
-- (not a later check-in, not an erasure, which keeps check-in times and distances).
CREATE FUNCTION "engagements_first_check_in_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.first_checked_in_at IS NOT NULL
     AND (NEW.first_checked_in_at IS DISTINCT FROM OLD.first_checked_in_at
          OR NEW.first_check_in_distance_m IS DISTINCT FROM OLD.first_check_in_distance_m
          OR NEW.first_check_in_off_site IS DISTINCT FROM OLD.first_check_in_off_site) THEN
    RAISE EXCEPTION 'the first check-in of engagement % is kept as it was', OLD.id
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'engagements_first_check_in_kept';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Called only for a hire that has one kept: every other update of a hire pays nothing for it.
CREATE TRIGGER "engagements_first_check_in_kept" BEFORE UPDATE ON "engagements"
  FOR EACH ROW WHEN (OLD.first_checked_in_at IS NOT NULL)
  EXECUTE FUNCTION "engagements_first_check_in_kept"();
