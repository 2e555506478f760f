CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"case_id" text NOT NULL,
	"summary" text NOT NULL,
	"desired_outcome" text,
	"locale" text NOT NULL,
	"registered_by" text,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"answer" text,
	"outcome" text,
	"creation_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_registered_by_agents_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_answered_by_agents_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_reference" ON "complaints" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_case_unanswered" ON "complaints" USING btree ("case_id") WHERE "complaints"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "complaints_due" ON "complaints" USING btree ("answered_at","due_at");--> statement-breakpoint
CREATE INDEX "complaints_case" ON "complaints" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_creation_key" ON "complaints" USING btree ("case_id","creation_key");