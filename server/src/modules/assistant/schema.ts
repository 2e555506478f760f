import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from '../cases/schema.js';

/** What the assistant remembers about a case's conversation between turns. */
export const assistantConversations = pgTable('assistant_conversations', {
  caseId: text('case_id').primaryKey().references(() => cases.id),
  intent: text('intent'),
  lang: text('lang').notNull(),
  /** The customer writes Traditional Chinese: replies stay in it, even to "好的" that shows no script of its own. */
  traditional: boolean('traditional').notNull().default(false),
  /** Consecutive turns the assistant was unsure about; two in a row hand over to a person. */
  lowConfidenceTurns: integer('low_confidence_turns').notNull().default(0),
  /** A detail the assistant asked for and waits on ('transaction_details'). */
  awaiting: text('awaiting'),
  handedOff: boolean('handed_off').notNull().default(false),
  /** A wallet problem the customer raised before this one, whose details they had not given yet: not dropped. */
  earlierIntent: text('earlier_intent'),
  /** Facts looked up so far (transactions, account state), shown to the agent at handoff. */
  findings: jsonb('findings').notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Labelled texts from agents' corrections: new training examples for the intent engine. */
export const assistantExamples = pgTable(
  'assistant_examples',
  {
    id: text('id').primaryKey(),
    text: text('text').notNull(),
    intent: text('intent').notNull(),
    previousIntent: text('previous_intent'),
    confidence: real('confidence'),
    lang: text('lang').notNull(),
    source: text('source').notNull(),
    caseId: text('case_id').references(() => cases.id),
    messageId: text('message_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistant_examples_intent').on(t.intent)],
);

/**
 * Intent models retrained from agents' corrections (the shipped model plus them). At most one is active; none active
 * means the shipped model is in force. Nodes pick up a change by its id (model.ts).
 */
export const assistantModels = pgTable(
  'assistant_models',
  {
    id: text('id').primaryKey(),
    active: boolean('active').notNull().default(false),
    /** Training rows: the shipped training set with the corrections in it. */
    examples: integer('examples').notNull(),
    corrections: integer('corrections').notNull(),
    /** Accuracy on the shipped held-out split, and that of the model it replaced. */
    heldOutAccuracy: real('held_out_accuracy').notNull(),
    previousAccuracy: real('previous_accuracy').notNull(),
    /** The model file's JSON (IntentModel.toJSON). */
    model: text('model').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assistant_models_one_active').on(t.active).where(sql`${t.active}`)],
);
