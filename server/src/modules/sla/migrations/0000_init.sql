CREATE TABLE "sla_breaches" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"clock" text NOT NULL,
	"cycle_start" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_breaches_cycle" ON "sla_breaches" USING btree ("case_id","clock","cycle_start");--> statement-breakpoint
CREATE INDEX "sla_breaches_recorded" ON "sla_breaches" USING btree ("recorded_at");