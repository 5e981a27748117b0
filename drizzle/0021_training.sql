CREATE TABLE "course_attendance" (
	"enrolment_id" uuid NOT NULL,
	"day" date NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by_account_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "course_attendance_enrolment_id_day_pk" PRIMARY KEY("enrolment_id","day")
);
--> statement-breakpoint
CREATE TABLE "course_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"status" text DEFAULT 'ENROLLED' NOT NULL,
	"enrolled_by_account_id" uuid,
	"enrolled_at_station_id" uuid,
	"enrolled_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"score" integer,
	"result_recorded_at" timestamp with time zone,
	"certificate_id" uuid,
	CONSTRAINT "course_enrolments_status_known" CHECK ("course_enrolments"."status" in ('ENROLLED', 'WITHDRAWN', 'PASSED', 'FAILED')),
	CONSTRAINT "course_enrolments_score" CHECK ("course_enrolments"."score" is null or "course_enrolments"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"skill_code" text NOT NULL,
	"target_level" integer,
	"certificate" text,
	"subsidised" boolean NOT NULL,
	"subsidy_source" text,
	"fee_fen" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"hours" integer NOT NULL,
	"enrol_by" date NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"seats" integer NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"language" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"order_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_seats" CHECK ("courses"."seats" between 1 and 500 and "courses"."enrolled" between 0 and "courses"."seats"),
	CONSTRAINT "courses_dates" CHECK ("courses"."ends_on" >= "courses"."starts_on" and "courses"."enrol_by" <= "courses"."ends_on"),
	CONSTRAINT "courses_hours" CHECK ("courses"."hours" between 1 and 2000),
	CONSTRAINT "courses_fee" CHECK ("courses"."fee_fen" >= 0 and (not "courses"."subsidised" or "courses"."fee_fen" = 0)),
	CONSTRAINT "courses_subsidy_source" CHECK ("courses"."subsidised" = ("courses"."subsidy_source" is not null)),
	CONSTRAINT "courses_certificate" CHECK (("courses"."certificate" is null and "courses"."target_level" is null) or ("courses"."certificate" = 'SPECIAL_OPERATION' and "courses"."target_level" is null) or ("courses"."certificate" = 'SKILL_LEVEL' and "courses"."target_level" between 1 and 5)),
	CONSTRAINT "courses_status_known" CHECK ("courses"."status" in ('OPEN', 'CANCELLED', 'COMPLETED')),
	CONSTRAINT "courses_language_known" CHECK ("courses"."language" in ('MANDARIN', 'DIALECT', 'BILINGUAL'))
);
--> statement-breakpoint
CREATE TABLE "training_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"target_level" integer,
	"headcount" integer NOT NULL,
	"due_on" date NOT NULL,
	"region_code" text NOT NULL,
	"priority_days" integer NOT NULL,
	"note" text,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"provider_id" uuid,
	"course_id" uuid,
	"taken_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_orders_headcount" CHECK ("training_orders"."headcount" between 1 and 500),
	CONSTRAINT "training_orders_priority_days" CHECK ("training_orders"."priority_days" between 1 and 365),
	CONSTRAINT "training_orders_level" CHECK ("training_orders"."target_level" is null or "training_orders"."target_level" between 1 and 5),
	CONSTRAINT "training_orders_taken" CHECK (("training_orders"."status" <> 'OPEN' or "training_orders"."provider_id" is null) and ("training_orders"."status" not in ('TAKEN', 'FULFILLED') or "training_orders"."provider_id" is not null) and ("training_orders"."course_id" is null or "training_orders"."provider_id" is not null)),
	CONSTRAINT "training_orders_status_known" CHECK ("training_orders"."status" in ('OPEN', 'TAKEN', 'FULFILLED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "training_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_by_account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_providers_account_id_unique" UNIQUE("account_id"),
	CONSTRAINT "training_providers_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "training_wishes" (
	"worker_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"source" text NOT NULL,
	"recorded_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_wishes_worker_id_skill_code_pk" PRIMARY KEY("worker_id","skill_code"),
	CONSTRAINT "training_wishes_source_known" CHECK ("training_wishes"."source" in ('SELF', 'REGISTRATION', 'OPERATOR'))
);
--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_role_known";--> statement-breakpoint
ALTER TABLE "employer_roster" ADD COLUMN "priority_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employer_roster" ADD COLUMN "training_order_id" uuid;--> statement-breakpoint
ALTER TABLE "course_attendance" ADD CONSTRAINT "course_attendance_enrolment_id_course_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."course_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_attendance" ADD CONSTRAINT "course_attendance_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_enrolled_by_account_id_accounts_id_fk" FOREIGN KEY ("enrolled_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_enrolled_at_station_id_stations_id_fk" FOREIGN KEY ("enrolled_at_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_certificate_id_worker_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."worker_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_provider_id_training_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."training_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_order_id_training_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."training_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_orders" ADD CONSTRAINT "training_orders_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_orders" ADD CONSTRAINT "training_orders_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_orders" ADD CONSTRAINT "training_orders_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_orders" ADD CONSTRAINT "training_orders_provider_id_training_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."training_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_orders" ADD CONSTRAINT "training_orders_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_providers" ADD CONSTRAINT "training_providers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_providers" ADD CONSTRAINT "training_providers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_providers" ADD CONSTRAINT "training_providers_verified_by_account_id_accounts_id_fk" FOREIGN KEY ("verified_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_wishes" ADD CONSTRAINT "training_wishes_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_wishes" ADD CONSTRAINT "training_wishes_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_wishes" ADD CONSTRAINT "training_wishes_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_enrolments_live_unique" ON "course_enrolments" USING btree ("course_id","worker_id") WHERE "course_enrolments"."status" <> 'WITHDRAWN';--> statement-breakpoint
CREATE INDEX "course_enrolments_worker_idx" ON "course_enrolments" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "courses_provider_idx" ON "courses" USING btree ("provider_id","starts_on");--> statement-breakpoint
CREATE INDEX "courses_open_idx" ON "courses" USING btree ("region_code","skill_code","starts_on") WHERE "courses"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "training_orders_open_idx" ON "training_orders" USING btree ("region_code","skill_code") WHERE "training_orders"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "training_orders_employer_idx" ON "training_orders" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "training_wishes_skill_idx" ON "training_wishes" USING btree ("skill_code");--> statement-breakpoint
ALTER TABLE "employer_roster" ADD CONSTRAINT "employer_roster_training_order_id_training_orders_id_fk" FOREIGN KEY ("training_order_id") REFERENCES "public"."training_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_role_known" CHECK ("accounts"."role" in ('WORKER', 'EMPLOYER', 'STATION_OPERATOR', 'ADMIN', 'TRAINING_PROVIDER'));