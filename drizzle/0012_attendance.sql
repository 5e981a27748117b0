ALTER TABLE "engagements" ADD COLUMN "attendance_status" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_doubts" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_answer_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_decided_by" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_decided_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "attendance_contest_reason" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "settled_hours" double precision;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_attendance_decided_by_account_id_accounts_id_fk" FOREIGN KEY ("attendance_decided_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagements_attendance_due_idx" ON "engagements" USING btree ("attendance_answer_by") WHERE "engagements"."attendance_status" = 'UNCONFIRMED';--> statement-breakpoint
-- Hires completed before attendance was kept and not yet confirmed paid: a doubtful record (no
-- check-in, an off-site check-in nobody confirmed, under a minute) now waits for the employer's
-- word like any other, so no arrears case can open on it before that.
UPDATE "engagements" SET "attendance_status" = 'UNCONFIRMED',
  "attendance_doubts" = array_remove(array[
    case when "checked_in_at" is null then 'NO_CHECK_IN' end,
    case when "checked_in_at" is not null and "check_in_off_site" and "off_site_confirmed_at" is null then 'OFF_SITE' end,
    case when "checked_in_at" is not null and coalesce("hours_worked", 0) < 1 / 60.0 then 'NO_HOURS' end
  ]::text[], null),
  "attendance_answer_by" = now() + interval '48 hours',
  "pay_due_at" = now() + interval '48 hours' + coalesce(("terms"->>'payDueDays')::int, 0) * interval '1 day'
WHERE "status" = 'COMPLETED' AND "confirmed_fen" < "amount_due_fen"
  AND ("checked_in_at" is null OR ("check_in_off_site" AND "off_site_confirmed_at" is null)
       OR coalesce("hours_worked", 0) < 1 / 60.0);--> statement-breakpoint
-- The others stand as they were settled: confirmed by their record.
UPDATE "engagements" SET "attendance_status" = 'CONFIRMED', "attendance_decided_by" = 'RECORD', "attendance_decided_at" = "completed_at", "settled_hours" = greatest(0, coalesce("hours_worked", extract(epoch from ("ends_at" - "starts_at")) / 3600)) WHERE "status" = 'COMPLETED' AND "attendance_status" IS NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_attendance_known" CHECK ("engagements"."attendance_status" is null or "engagements"."attendance_status" in ('UNCONFIRMED', 'CONFIRMED', 'CONTESTED', 'SETTLED'));--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_completed_has_attendance" CHECK ("engagements"."status" <> 'COMPLETED' or "engagements"."attendance_status" is not null);--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_settled_hours_when_decided" CHECK (("engagements"."attendance_status" in ('CONFIRMED', 'SETTLED')) = ("engagements"."settled_hours" is not null));--> statement-breakpoint
-- The contract stays fixed; what is owed follows the attendance: it may change only in the same
-- update that completes the hire, decides its attendance or marks it a no-show.
CREATE OR REPLACE FUNCTION "engagements_contract_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.gig_id IS DISTINCT FROM OLD.gig_id OR NEW.worker_id IS DISTINCT FROM OLD.worker_id
     OR NEW.terms IS DISTINCT FROM OLD.terms OR NEW.contract_text IS DISTINCT FROM OLD.contract_text
     OR NEW.contract_hash IS DISTINCT FROM OLD.contract_hash
     OR (NEW.amount_due_fen IS DISTINCT FROM OLD.amount_due_fen
         AND NEW.attendance_status IS NOT DISTINCT FROM OLD.attendance_status
         AND NEW.attendance_decided_at IS NOT DISTINCT FROM OLD.attendance_decided_at
         AND NEW.status IS NOT DISTINCT FROM OLD.status)
     OR (OLD.worker_accepted_at IS NOT NULL AND NEW.worker_accepted_at IS DISTINCT FROM OLD.worker_accepted_at)
     OR (OLD.employer_accepted_at IS NOT NULL AND NEW.employer_accepted_at IS DISTINCT FROM OLD.employer_accepted_at)
     OR NEW.paid_fen < OLD.paid_fen OR NEW.confirmed_fen < OLD.confirmed_fen THEN
    RAISE EXCEPTION 'the contract of engagement % cannot be changed after the hire', OLD.id
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'engagements_contract_fixed';
  END IF;
  RETURN NEW;
END $$;
