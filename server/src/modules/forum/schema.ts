import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agents, customers } from '../identity/schema.js';

/** published: everyone sees it; held: waiting for a moderator (phishing/spam guard, reports); hidden: removed by staff. */
export const postStates = ['published', 'held', 'hidden'] as const;
export type PostState = (typeof postStates)[number];

export const forumTopics = pgTable(
  'forum_topics',
  {
    id: text('id').primaryKey(),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default([]),
    authorKind: text('author_kind', { enum: ['customer', 'agent'] }).notNull(),
    customerId: text('customer_id').references(() => customers.id),
    agentId: text('agent_id').references(() => agents.id),
    /** The public name shown (first name and initial for customers), kept as it was when posted. */
    authorName: text('author_name').notNull(),
    /** An agent marked this an official announcement or answer. */
    official: boolean('official').notNull().default(false),
    state: text('state', { enum: postStates }).notNull().default('published'),
    /** Why the guard or moderators held it: phone_number, unofficial_link, asks_for_secret, new_account_link, reported. */
    flags: text('flags').array().notNull().default([]),
    pinned: boolean('pinned').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    acceptedReplyId: text('accepted_reply_id'),
    score: integer('score').notNull().default(0),
    replyCount: integer('reply_count').notNull().default(0),
    /** The support case opened from this topic (cases module), by id and human reference. */
    caseId: text('case_id'),
    caseReference: text('case_reference'),
    creationKey: text('creation_key'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('forum_topics_creation_key').on(t.creationKey),
    index('forum_topics_list').on(t.locale, t.state, t.lastActivityAt),
    index('forum_topics_customer').on(t.customerId, t.createdAt),
  ],
);

export const forumReplies = pgTable(
  'forum_replies',
  {
    id: text('id').primaryKey(),
    topicId: text('topic_id').notNull().references(() => forumTopics.id),
    body: text('body').notNull(),
    authorKind: text('author_kind', { enum: ['customer', 'agent'] }).notNull(),
    customerId: text('customer_id').references(() => customers.id),
    agentId: text('agent_id').references(() => agents.id),
    authorName: text('author_name').notNull(),
    official: boolean('official').notNull().default(false),
    /** Knowledge-base article slugs an agent linked to this reply. */
    articles: text('articles').array().notNull().default([]),
    state: text('state', { enum: postStates }).notNull().default('published'),
    flags: text('flags').array().notNull().default([]),
    score: integer('score').notNull().default(0),
    creationKey: text('creation_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('forum_replies_creation_key').on(t.creationKey),
    index('forum_replies_topic').on(t.topicId, t.createdAt),
    index('forum_replies_customer').on(t.customerId, t.createdAt),
  ],
);

/** One vote per account and post; value +1 or -1. */
export const forumVotes = pgTable(
  'forum_votes',
  {
    targetKind: text('target_kind', { enum: ['topic', 'reply'] }).notNull(),
    targetId: text('target_id').notNull(),
    voterKey: text('voter_key').notNull(),
    value: integer('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.targetKind, t.targetId, t.voterKey] })],
);

export const forumReports = pgTable(
  'forum_reports',
  {
    id: text('id').primaryKey(),
    targetKind: text('target_kind', { enum: ['topic', 'reply'] }).notNull(),
    targetId: text('target_id').notNull(),
    topicId: text('topic_id').notNull().references(() => forumTopics.id),
    reporterKey: text('reporter_key').notNull(),
    reason: text('reason', { enum: ['spam', 'phishing', 'abuse', 'off_topic', 'other'] }).notNull(),
    note: text('note'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('forum_reports_once').on(t.targetKind, t.targetId, t.reporterKey), index('forum_reports_open').on(t.resolvedAt, t.createdAt)],
);

/** What moderators did and why: the record behind every hidden, pinned or locked post. */
export const forumModeration = pgTable(
  'forum_moderation',
  {
    id: text('id').primaryKey(),
    targetKind: text('target_kind', { enum: ['topic', 'reply'] }).notNull(),
    targetId: text('target_id').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_moderation_target').on(t.targetKind, t.targetId)],
);
