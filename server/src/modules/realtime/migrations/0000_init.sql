CREATE TABLE "agent_presence" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'online' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_receipts" (
	"message_id" text NOT NULL,
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"reader_kind" text NOT NULL,
	"reader_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_receipts_message_id_reader_kind_reader_id_kind_pk" PRIMARY KEY("message_id","reader_kind","reader_id","kind")
);
--> statement-breakpoint
CREATE TABLE "receipt_cursors" (
	"case_id" text NOT NULL,
	"reader_kind" text NOT NULL,
	"reader_id" text NOT NULL,
	"kind" text NOT NULL,
	"seq" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_cursors_case_id_reader_kind_reader_id_kind_pk" PRIMARY KEY("case_id","reader_kind","reader_id","kind")
);
--> statement-breakpoint
ALTER TABLE "agent_presence" ADD CONSTRAINT "agent_presence_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_receipts" ADD CONSTRAINT "message_receipts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_receipts" ADD CONSTRAINT "message_receipts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_cursors" ADD CONSTRAINT "receipt_cursors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_receipts_case" ON "message_receipts" USING btree ("case_id","seq");