CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"token_version" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "sessions_ended_with_reason" CHECK (("sessions"."ended_at" is null) = ("sessions"."end_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens" USING btree ("session_id");--> statement-breakpoint
-- Every node must drop what it trusts of an ended session and cut its sockets within a second, so
-- the database itself announces each ending on channel lingong_sessions, after commit (NOTIFY is
-- transactional). Whatever raises an account's token_version (erasure, a password change or reset,
-- a suspension) ends every session of the account: the version check refuses their tokens, and
-- this tells the nodes. Ending one session (sign-out, refresh-token reuse) and revoking a kiosk
-- token are told the same way. Payloads are small JSON: k(ind), a(ccount), s(ession), t(oken), st(ation), r(eason).
CREATE FUNCTION lingong_account_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lingong_sessions', json_build_object(
    'k', 'account',
    'a', NEW.id,
    'r', CASE
      WHEN NEW.deleted_at IS NOT NULL THEN 'ACCOUNT_ERASED'
      WHEN NEW.suspended_at IS NOT NULL THEN 'ACCOUNT_SUSPENDED'
      ELSE 'PASSWORD_CHANGED'
    END)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_token_version_raised
  AFTER UPDATE OF token_version ON accounts
  FOR EACH ROW WHEN (NEW.token_version IS DISTINCT FROM OLD.token_version)
  EXECUTE FUNCTION lingong_account_sessions_ended();
--> statement-breakpoint
CREATE FUNCTION lingong_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lingong_sessions', json_build_object(
    'k', 'session', 's', NEW.id, 'a', NEW.account_id, 'r', NEW.end_reason)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended
  AFTER UPDATE OF ended_at ON sessions
  FOR EACH ROW WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
  EXECUTE FUNCTION lingong_session_ended();
--> statement-breakpoint
CREATE FUNCTION lingong_kiosk_token_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lingong_sessions', json_build_object(
    'k', 'kiosk', 't', NEW.id, 'st', NEW.station_id, 'r', 'KIOSK_TOKEN_REVOKED')::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kiosk_tokens_revoked
  AFTER UPDATE OF revoked_at ON kiosk_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION lingong_kiosk_token_revoked();
