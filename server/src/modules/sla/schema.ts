import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from '../cases/schema.js';

/**
 * Each missed target, recorded once by whichever node's sweep saw it first (the unique index decides), so the case's
 * history and the consoles hear of it once. The clocks themselves are computed, not stored (clock.ts).
 */
export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /** first_response, next_response or resolution. */
    clock: text('clock').notNull(),
    /** When the clock's cycle started: a next response has one cycle per customer wait. */
    cycleStart: timestamp('cycle_start', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sla_breaches_cycle').on(t.caseId, t.clock, t.cycleStart), index('sla_breaches_recorded').on(t.recordedAt)],
);
