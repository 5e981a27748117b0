CREATE TABLE "phone_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone_key" text NOT NULL,
	"pair_key" text NOT NULL,
	"client_key" text NOT NULL,
	"purpose" text NOT NULL,
	"account_id" uuid,
	"delivery" text NOT NULL,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "phone_codes_purpose_known" CHECK ("phone_codes"."purpose" in ('REGISTER', 'PHONE_CHANGE', 'PASSWORD_RESET', 'UNLOCK')),
	CONSTRAINT "phone_codes_delivery_known" CHECK ("phone_codes"."delivery" in ('CODE', 'OWNER_WARNING', 'NONE')),
	CONSTRAINT "phone_codes_hash_iff_code" CHECK (("phone_codes"."code_hash" is not null) = ("phone_codes"."delivery" = 'CODE'))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "number_key" text;--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "phone_codes" ADD CONSTRAINT "phone_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phone_codes_phone_idx" ON "phone_codes" USING btree ("phone_key","created_at");--> statement-breakpoint
CREATE INDEX "phone_codes_pair_idx" ON "phone_codes" USING btree ("pair_key","created_at");--> statement-breakpoint
CREATE INDEX "phone_codes_client_idx" ON "phone_codes" USING btree ("client_key","created_at");--> statement-breakpoint
CREATE INDEX "phone_codes_created_idx" ON "phone_codes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "login_failures_number_idx" ON "login_failures" USING btree ("number_key");