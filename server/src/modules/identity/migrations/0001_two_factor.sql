CREATE TABLE "recovery_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"principal_kind" text NOT NULL,
	"principal_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
CREATE INDEX "recovery_codes_principal" ON "recovery_codes" USING btree ("principal_kind","principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_hash" ON "recovery_codes" USING btree ("code_hash");