CREATE TABLE "assistant_conversations" (
	"case_id" text PRIMARY KEY NOT NULL,
	"intent" text,
	"lang" text NOT NULL,
	"low_confidence_turns" integer DEFAULT 0 NOT NULL,
	"awaiting" text,
	"handed_off" boolean DEFAULT false NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_examples" (
	"id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"intent" text NOT NULL,
	"previous_intent" text,
	"confidence" real,
	"lang" text NOT NULL,
	"source" text NOT NULL,
	"case_id" text,
	"message_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistant_conversations" ADD CONSTRAINT "assistant_conversations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_examples" ADD CONSTRAINT "assistant_examples_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistant_examples_intent" ON "assistant_examples" USING btree ("intent");