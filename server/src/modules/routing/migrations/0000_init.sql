CREATE TABLE "routing_agents" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"last_assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routing_agents" ADD CONSTRAINT "routing_agents_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;