import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agents } from '../identity/schema.js';
import { cases } from '../cases/schema.js';

/**
 * A formal complaint: a case the customer has asked to be treated as a complaint, with a written answer due by a
 * deadline counted in working days. One unanswered complaint per case at a time; a complaint about the answer is a new one.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    /** What the customer quotes to the regulator: CMP-XXXXXXXX. */
    reference: text('reference').notNull(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /**
     * Registered by an agent: their neutral summary (what happened, what the customer wants, what was already promised;
     * internal). Filed by the customer: the customer's own account, which they see too.
     */
    summary: text('summary').notNull(),
    /** What the customer asks for, in their words or the agent's (a refund, a correction, an explanation). */
    desiredOutcome: text('desired_outcome'),
    locale: text('locale').notNull(),
    registeredBy: text('registered_by').references(() => agents.id),
    /** Who made it a complaint: an agent on the customer's behalf, or the customer themselves (the widget, the API). */
    filedBy: text('filed_by', { enum: ['agent', 'customer'] }).notNull().default('agent'),
    /** When the complaint was received (the clock's start); may be earlier than registration, e.g. an email's date. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** When the complaints team is warned that the deadline is near. */
    warnAt: timestamp('warn_at', { withTimezone: true }).notNull(),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by').references(() => agents.id),
    answer: text('answer'),
    outcome: text('outcome', { enum: ['upheld', 'partly_upheld', 'not_upheld'] }),
    /** The Idempotency-Key of the request that registered it: a retried registration returns this complaint. */
    creationKey: text('creation_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('complaints_reference').on(t.reference),
    uniqueIndex('complaints_case_unanswered').on(t.caseId).where(sql`${t.answeredAt} is null`),
    index('complaints_due').on(t.answeredAt, t.dueAt),
    index('complaints_case').on(t.caseId),
    uniqueIndex('complaints_creation_key').on(t.caseId, t.creationKey),
  ],
);
