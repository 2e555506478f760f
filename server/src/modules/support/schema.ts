import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from '../cases/schema.js';

/** A troubleshooter report as the client sent it, with what the server concluded: evidence for a case. */
export const diagnosticReports = pgTable(
  'diagnostic_reports',
  {
    id: text('id').primaryKey(),
    /** Who sent it (`customer:<id>`, `visitor:<id>`, `agent:<id>`), or null when anonymous. */
    reporter: text('reporter'),
    locale: text('locale').notNull(),
    report: jsonb('report').notNull(),
    findings: jsonb('findings').notNull(),
    /** What the server saw of the request itself (User-Agent header, receive time). */
    server: jsonb('server').notNull(),
    caseId: text('case_id').references(() => cases.id),
    attachedAt: timestamp('attached_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('diagnostic_reports_case').on(t.caseId)],
);
