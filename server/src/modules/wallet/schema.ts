import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The embedded demo ledger behind the wallet adapter when no real wallet backend is configured.
export const demoAccounts = pgTable('demo_wallet_accounts', {
  walletRef: text('wallet_ref').primaryKey(),
  name: text('name').notNull(),
  state: text('state', { enum: ['active', 'restricted', 'locked', 'closed'] }).notNull().default('active'),
  stateReason: text('state_reason'),
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  currency: text('currency').notNull().default('IDR'),
  kycLevel: text('kyc_level').notNull().default('basic'),
  details: jsonb('details'),
});

export const demoTransactions = pgTable(
  'demo_wallet_transactions',
  {
    ref: text('ref').primaryKey(),
    walletRef: text('wallet_ref').notNull().references(() => demoAccounts.walletRef),
    type: text('type', { enum: ['topup', 'payment', 'transfer_out', 'transfer_in', 'refund', 'withdrawal', 'cashback'] }).notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'reversed'] }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('IDR'),
    counterparty: text('counterparty'),
    method: text('method'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('demo_wallet_transactions_wallet').on(t.walletRef, t.createdAt)],
);
