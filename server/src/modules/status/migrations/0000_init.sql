CREATE TABLE "status_component_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" text NOT NULL,
	"status" text NOT NULL,
	"cause" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_components" (
	"id" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"names" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'operational' NOT NULL,
	"override_status" text,
	"override_note" text,
	"override_by" text,
	"override_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_incident_components" (
	"incident_id" text NOT NULL,
	"component_id" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "status_incident_components_incident_id_component_id_pk" PRIMARY KEY("incident_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "status_incident_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"phase" text NOT NULL,
	"message" text NOT NULL,
	"messages" jsonb,
	"components" jsonb,
	"notified" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"titles" jsonb,
	"impact" text NOT NULL,
	"phase" text DEFAULT 'investigating' NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"monitor_id" text,
	"evidence" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_maintenances" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"titles" jsonb,
	"message" text NOT NULL,
	"messages" jsonb,
	"components" text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"announced_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_monitor_checks" (
	"monitor_id" text NOT NULL,
	"slot" bigint NOT NULL,
	"ok" boolean NOT NULL,
	"skipped" boolean DEFAULT false NOT NULL,
	"latency_ms" integer,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_monitor_checks_monitor_id_slot_pk" PRIMARY KEY("monitor_id","slot")
);
--> statement-breakpoint
CREATE TABLE "status_monitors" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"component_id" text NOT NULL,
	"target" text,
	"builtin" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"fail_status" text DEFAULT 'partial_outage' NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"consecutive_successes" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_ok_at" timestamp with time zone,
	"last_error" text,
	"last_latency_ms" integer,
	"incident_id" text,
	"last_incident_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"webhook_url" text,
	"secret" text,
	"components" text[],
	"locale" text DEFAULT 'en' NOT NULL,
	"token" text NOT NULL,
	"allow_private" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_component_changes" ADD CONSTRAINT "status_component_changes_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_components" ADD CONSTRAINT "status_incident_components_incident_id_status_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."status_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_components" ADD CONSTRAINT "status_incident_components_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_updates" ADD CONSTRAINT "status_incident_updates_incident_id_status_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."status_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_monitor_checks" ADD CONSTRAINT "status_monitor_checks_monitor_id_status_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."status_monitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_monitors" ADD CONSTRAINT "status_monitors_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_component_changes_at" ON "status_component_changes" USING btree ("component_id","at");--> statement-breakpoint
CREATE INDEX "status_incident_updates_incident" ON "status_incident_updates" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "status_incidents_phase" ON "status_incidents" USING btree ("phase");--> statement-breakpoint
CREATE INDEX "status_incidents_created" ON "status_incidents" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "status_maintenances_state" ON "status_maintenances" USING btree ("state","starts_at");--> statement-breakpoint
CREATE INDEX "status_monitor_checks_at" ON "status_monitor_checks" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "status_subscriptions_token" ON "status_subscriptions" USING btree ("token");--> statement-breakpoint
CREATE INDEX "status_subscriptions_email" ON "status_subscriptions" USING btree ("email");