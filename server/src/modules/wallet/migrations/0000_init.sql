CREATE TABLE "demo_wallet_accounts" (
	"wallet_ref" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"state_reason" text,
	"balance" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'IDR' NOT NULL,
	"kyc_level" text DEFAULT 'basic' NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "demo_wallet_transactions" (
	"ref" text PRIMARY KEY NOT NULL,
	"wallet_ref" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'IDR' NOT NULL,
	"counterparty" text,
	"method" text,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demo_wallet_transactions" ADD CONSTRAINT "demo_wallet_transactions_wallet_ref_demo_wallet_accounts_wallet_ref_fk" FOREIGN KEY ("wallet_ref") REFERENCES "public"."demo_wallet_accounts"("wallet_ref") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demo_wallet_transactions_wallet" ON "demo_wallet_transactions" USING btree ("wallet_ref","created_at");