import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from '../cases/schema.js';

/**
 * A satisfaction survey: offered to the customer each time a person resolves their case, answered once (the answer
 * may be changed until it expires). The agent credited is the case's assignee when it was resolved.
 */
export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /** The secret in the survey's link: whoever has it may answer, as with a survey link in an email. */
    token: text('token').notNull().unique(),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    agentId: text('agent_id'),
    /** 1 (very unhappy) to 5 (very happy); null until answered. */
    score: integer('score'),
    comment: text('comment'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('satisfaction_surveys_case').on(t.caseId), index('satisfaction_surveys_sent').on(t.sentAt)],
);
