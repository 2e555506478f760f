import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cases, messages } from '../cases/schema.js';
import { agents } from '../identity/schema.js';

export const receiptKinds = ['delivered', 'read'] as const;
export const readerKinds = ['customer', 'visitor', 'agent'] as const;
export const agentStatuses = ['online', 'away'] as const;

/**
 * Evidence of who received and read which message, and when: one row per message, reader and kind. A receipt for
 * seq N covers every earlier message of the case written by someone else (receipts are cumulative).
 */
export const messageReceipts = pgTable(
  'message_receipts',
  {
    messageId: text('message_id').notNull().references(() => messages.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    seq: integer('seq').notNull(),
    readerKind: text('reader_kind', { enum: readerKinds }).notNull(),
    readerId: text('reader_id').notNull(),
    kind: text('kind', { enum: receiptKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.readerKind, t.readerId, t.kind] }),
    index('message_receipts_case').on(t.caseId, t.seq),
  ],
);

/** How far each reader has received and read a case: what the console shows as "read", without scanning receipts. */
export const receiptCursors = pgTable(
  'receipt_cursors',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    readerKind: text('reader_kind', { enum: readerKinds }).notNull(),
    readerId: text('reader_id').notNull(),
    kind: text('kind', { enum: receiptKinds }).notNull(),
    seq: integer('seq').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.readerKind, t.readerId, t.kind] })],
);

/**
 * The status an agent chose (online or away). It outlives connections, so a reconnect does not flip an away agent
 * back to online; whether the agent is connected at all comes from the live connections of every node.
 */
export const agentPresence = pgTable('agent_presence', {
  agentId: text('agent_id').primaryKey().references(() => agents.id),
  status: text('status', { enum: agentStatuses }).notNull().default('online'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
