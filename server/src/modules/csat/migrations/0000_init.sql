CREATE TABLE "satisfaction_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"token" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"agent_id" text,
	"score" integer,
	"comment" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_surveys_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_case" ON "satisfaction_surveys" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_sent" ON "satisfaction_surveys" USING btree ("sent_at");