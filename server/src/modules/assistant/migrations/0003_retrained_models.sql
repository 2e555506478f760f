CREATE TABLE "assistant_models" (
	"id" text PRIMARY KEY NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"examples" integer NOT NULL,
	"corrections" integer NOT NULL,
	"held_out_accuracy" real NOT NULL,
	"previous_accuracy" real NOT NULL,
	"model" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assistant_models_one_active" ON "assistant_models" USING btree ("active") WHERE "assistant_models"."active";