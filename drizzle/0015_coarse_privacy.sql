ALTER TABLE "offers" ADD COLUMN "shown_distance_km" double precision;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "shown_score" double precision;--> statement-breakpoint
-- Nothing private can be inferred (docs/security.md): others are shown a worker's distance from
-- the worker's grid cell and a public score without the priority-group lift. Offers made before
-- have neither (null: no distance or score is shown to others), and every worker document is sent
-- to Meilisearch again, so the index holds cells instead of exact homes.
INSERT INTO "outbox" ("topic", "entity_id") SELECT 'workers', "id"::text FROM "workers";
