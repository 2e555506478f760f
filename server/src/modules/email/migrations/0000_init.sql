CREATE TABLE "email_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"kind" text DEFAULT 'message' NOT NULL,
	"case_id" text,
	"sapa_message_id" text,
	"from_address" text,
	"envelope_from" text,
	"subject" text,
	"thread_index_root" text,
	"raw_key" text,
	"raw_sha256" text,
	"size" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_threads" (
	"case_id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"address" text NOT NULL,
	"subject" text,
	"references" text[] DEFAULT '{}' NOT NULL,
	"last_inbound_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imap_state" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_sapa_message_id_messages_id_fk" FOREIGN KEY ("sapa_message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_threads" ADD CONSTRAINT "email_threads_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_messages_case" ON "email_messages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "email_messages_sender" ON "email_messages" USING btree ("from_address","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_envelope" ON "email_messages" USING btree ("envelope_from","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_thread_index" ON "email_messages" USING btree ("thread_index_root");--> statement-breakpoint
CREATE UNIQUE INDEX "email_threads_token" ON "email_threads" USING btree ("token");