ALTER TABLE "callbacks" ADD COLUMN "name" text;--> statement-breakpoint
-- Callbacks booked before the column: a customer's own takes their account's name, one booked without signing in the name its case's "unverified" note kept.
UPDATE "callbacks" SET "name" = "customers"."name" FROM "customers" WHERE "callbacks"."customer_id" = "customers"."id" AND "callbacks"."name" IS NULL;--> statement-breakpoint
UPDATE "callbacks" SET "name" = (SELECT "messages"."metadata"->'callback'->>'name' FROM "messages" WHERE "messages"."case_id" = "callbacks"."case_id" AND "messages"."metadata"->'callback'->>'event' = 'unverified' ORDER BY "messages"."seq" LIMIT 1) WHERE "callbacks"."customer_id" IS NULL AND "callbacks"."name" IS NULL;
