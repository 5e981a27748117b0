DROP INDEX "gig_dispatch_due_idx";--> statement-breakpoint
CREATE INDEX "gig_dispatch_due_idx" ON "gig_dispatch" USING btree ("due_at") WHERE "gig_dispatch"."state" <> 'DONE';