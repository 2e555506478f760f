CREATE TABLE "callbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"customer_id" text,
	"phone" text NOT NULL,
	"locale" text NOT NULL,
	"topic" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"outcome" text,
	"notes" text,
	"attempt" integer DEFAULT 1 NOT NULL,
	"retry_of" text,
	"agent_id" text,
	"idempotency_key" text,
	"requester" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"message_id" text,
	"direction" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"duration_seconds" integer,
	"recording_url" text,
	"status" text,
	"started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "callbacks_idempotency" ON "callbacks" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "callbacks_slot" ON "callbacks" USING btree ("status","slot_at");--> statement-breakpoint
CREATE INDEX "callbacks_phone" ON "callbacks" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "callbacks_requester" ON "callbacks" USING btree ("requester","created_at");--> statement-breakpoint
CREATE INDEX "callbacks_case" ON "callbacks" USING btree ("case_id");