ALTER TABLE "engagements" ADD COLUMN "contract_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "contract_record" jsonb;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_contract_version_known" CHECK (("engagements"."contract_version" = 1 and "engagements"."contract_record" is null) or ("engagements"."contract_version" = 2 and "engagements"."contract_record" is not null));--> statement-breakpoint
-- 电子劳动合同: the contract's record and its version are as fixed as its text and hash: the text
-- is rendered from the record and the hash is of the record, so rewriting either would rewrite
-- what both sides agreed. What is owed still follows the attendance (0012).
CREATE OR REPLACE FUNCTION "engagements_contract_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.gig_id IS DISTINCT FROM OLD.gig_id OR NEW.worker_id IS DISTINCT FROM OLD.worker_id
     OR NEW.terms IS DISTINCT FROM OLD.terms OR NEW.contract_text IS DISTINCT FROM OLD.contract_text
     OR NEW.contract_hash IS DISTINCT FROM OLD.contract_hash
     OR NEW.contract_version IS DISTINCT FROM OLD.contract_version
     OR NEW.contract_record IS DISTINCT FROM OLD.contract_record
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
