CREATE TABLE "diagnostic_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"reporter" text,
	"locale" text NOT NULL,
	"report" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"server" jsonb NOT NULL,
	"case_id" text,
	"attached_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "diagnostic_reports" ADD CONSTRAINT "diagnostic_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnostic_reports_case" ON "diagnostic_reports" USING btree ("case_id");