import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases, messages } from '../cases/schema.js';
import { agents, customers } from '../identity/schema.js';

export const callbackStatuses = ['scheduled', 'completed', 'missed', 'cancelled'] as const;

/** A customer asked to be called back at a slot; each retry after a missed call is a new row (attempt 2, 3). */
export const callbacks = pgTable(
  'callbacks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    customerId: text('customer_id').references(() => customers.id),
    phone: text('phone').notNull(),
    /** Who to ask for: the name given at booking, else the owning customer's; unverified unless customerId is set. */
    name: text('name'),
    locale: text('locale').notNull(),
    topic: text('topic').notNull(),
    slotAt: timestamp('slot_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: callbackStatuses }).notNull().default('scheduled'),
    outcome: text('outcome'),
    notes: text('notes'),
    attempt: integer('attempt').notNull().default(1),
    retryOf: text('retry_of'),
    agentId: text('agent_id').references(() => agents.id),
    /** Requester + Idempotency-Key: a retried request returns this callback instead of booking another. */
    idempotencyKey: text('idempotency_key'),
    /** Who asked (customer:id, visitor:id, ip:address): the per-requester rate limit. */
    requester: text('requester'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('callbacks_idempotency').on(t.idempotencyKey),
    index('callbacks_slot').on(t.status, t.slotAt),
    index('callbacks_phone').on(t.phone, t.createdAt),
    index('callbacks_requester').on(t.requester, t.createdAt),
    index('callbacks_case').on(t.caseId),
  ],
);

/** Calls the telephony system reported (by its webhook), each logged once on a case. */
export const phoneCalls = pgTable('phone_calls', {
  callId: text('call_id').primaryKey(),
  caseId: text('case_id').notNull().references(() => cases.id),
  messageId: text('message_id').references(() => messages.id),
  direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
  fromNumber: text('from_number').notNull(),
  toNumber: text('to_number').notNull(),
  durationSeconds: integer('duration_seconds'),
  recordingUrl: text('recording_url'),
  status: text('status'),
  startedAt: timestamp('started_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
