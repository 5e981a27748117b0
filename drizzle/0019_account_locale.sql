ALTER TABLE "accounts" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_locale_known" CHECK ("accounts"."locale" in ('zh-CN', 'en'));