ALTER TABLE "engagements" ADD COLUMN "worker_erased_at" timestamp with time zone;--> statement-breakpoint
-- Erasure (PIPL): the one change a signed contract allows. When a worker erases their account, the
-- worker's name and ID number in the terms, the record and the text give way to a pseudonym, in
-- the same statement that sets worker_erased_at (once, never unset). Nothing else of the terms may
-- change then, and the hash stays the signed original's: the worker's own copy still checks
-- against it. Everything else is as in 0013.
CREATE OR REPLACE FUNCTION "engagements_contract_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  erasing boolean := OLD.worker_erased_at IS NULL AND NEW.worker_erased_at IS NOT NULL;
BEGIN
  IF NEW.gig_id IS DISTINCT FROM OLD.gig_id OR NEW.worker_id IS DISTINCT FROM OLD.worker_id
     OR (OLD.worker_erased_at IS NOT NULL AND NEW.worker_erased_at IS DISTINCT FROM OLD.worker_erased_at)
     OR (NOT erasing AND (NEW.terms IS DISTINCT FROM OLD.terms
                          OR NEW.contract_text IS DISTINCT FROM OLD.contract_text
                          OR NEW.contract_record IS DISTINCT FROM OLD.contract_record))
     OR (erasing AND (NEW.terms - 'workerName') IS DISTINCT FROM (OLD.terms - 'workerName'))
     OR NEW.contract_hash IS DISTINCT FROM OLD.contract_hash
     OR NEW.contract_version IS DISTINCT FROM OLD.contract_version
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
