CREATE TABLE "channel_inbound" (
	"channel" text NOT NULL,
	"provider_id" text NOT NULL,
	"case_id" text NOT NULL,
	"message_id" text NOT NULL,
	"address" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_inbound_channel_provider_id_pk" PRIMARY KEY("channel","provider_id")
);
--> statement-breakpoint
CREATE TABLE "channel_outbound" (
	"message_id" text NOT NULL,
	"channel" text NOT NULL,
	"case_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"recipient" text,
	"provider_id" text,
	"mode" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_outbound_message_id_channel_pk" PRIMARY KEY("message_id","channel")
);
--> statement-breakpoint
CREATE TABLE "channel_threads" (
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"case_id" text NOT NULL,
	"generation" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_threads_channel_address_pk" PRIMARY KEY("channel","address")
);
--> statement-breakpoint
CREATE TABLE "contact_identities" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"customer_id" text NOT NULL,
	"display_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"source_customer_id" text PRIMARY KEY NOT NULL,
	"target_customer_id" text NOT NULL,
	"agent_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_inbound" ADD CONSTRAINT "channel_inbound_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_inbound" ADD CONSTRAINT "channel_inbound_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_outbound" ADD CONSTRAINT "channel_outbound_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_outbound" ADD CONSTRAINT "channel_outbound_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_threads" ADD CONSTRAINT "channel_threads_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_identities" ADD CONSTRAINT "contact_identities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_source_customer_id_customers_id_fk" FOREIGN KEY ("source_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_target_customer_id_customers_id_fk" FOREIGN KEY ("target_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_inbound_address" ON "channel_inbound" USING btree ("channel","address","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_outbound_provider" ON "channel_outbound" USING btree ("channel","provider_id");--> statement-breakpoint
CREATE INDEX "channel_outbound_status" ON "channel_outbound" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "channel_threads_case" ON "channel_threads" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_identities_address" ON "contact_identities" USING btree ("channel","address");--> statement-breakpoint
CREATE INDEX "contact_identities_customer" ON "contact_identities" USING btree ("customer_id");