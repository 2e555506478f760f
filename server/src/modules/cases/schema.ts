import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agents, customers, visitors } from '../identity/schema.js';

export const caseStatuses = ['open', 'pending', 'resolved', 'closed'] as const;
export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const caseChannels = ['web', 'app', 'email', 'whatsapp', 'telegram', 'phone', 'forum'] as const;

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull(),
    subject: text('subject'),
    status: text('status', { enum: caseStatuses }).notNull().default('open'),
    priority: text('priority', { enum: casePriorities }).notNull().default('normal'),
    category: text('category').notNull().default('other'),
    channel: text('channel', { enum: caseChannels }).notNull().default('web'),
    language: text('language').notNull().default('en'),
    customerId: text('customer_id').references(() => customers.id),
    visitorId: text('visitor_id').references(() => visitors.id),
    assigneeId: text('assignee_id').references(() => agents.id),
    tags: text('tags').array().notNull().default([]),
    transactionRef: text('transaction_ref'),
    /** Highest message seq; bumped in the same statement that inserts the message, so seqs have no gaps. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** What the client reported: device, OS, browser, app version, locale, time zone, client time. */
    device: jsonb('device'),
    /** Owner + client key of the first message: a retried create returns the same case. */
    creationKey: text('creation_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the customer last wrote without an agent answering since: the queue's "waiting longest". */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_reference').on(t.reference),
    uniqueIndex('cases_creation_key').on(t.creationKey),
    index('cases_customer').on(t.customerId),
    index('cases_visitor').on(t.visitorId),
    index('cases_status_activity').on(t.status, t.lastMessageAt),
    // Open cases changed since a moment (any message or change moves updated_at): what the SLA watch list re-reads.
    index('cases_status_updated').on(t.status, t.updatedAt),
    index('cases_assignee').on(t.assigneeId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    seq: integer('seq').notNull(),
    authorKind: text('author_kind', { enum: ['customer', 'visitor', 'agent', 'assistant', 'system'] }).notNull(),
    authorId: text('author_id'),
    body: text('body').notNull(),
    internal: boolean('internal').notNull().default(false),
    clientMessageId: text('client_message_id').notNull(),
    channel: text('channel', { enum: caseChannels }).notNull(),
    /** Channel-specific facts: email headers, provider message ids, the assistant's intent. */
    metadata: jsonb('metadata'),
    deliveryStatus: text('delivery_status', { enum: ['stored', 'queued', 'sent', 'delivered', 'read', 'failed'] }).notNull().default('stored'),
    deliveryError: text('delivery_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('messages_case_seq').on(t.caseId, t.seq), uniqueIndex('messages_case_client_id').on(t.caseId, t.clientMessageId)],
);

/** Status history and other changes of a case: the evidence of who did what, when. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    type: text('type').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.createdAt)],
);

/** Files attached to a case: bytes in the file store, digest here. Uploaded first, then linked to a message. */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    filename: text('filename').notNull(),
    storageKey: text('storage_key').notNull(),
    uploaderKind: text('uploader_kind').notNull(),
    uploaderId: text('uploader_id').notNull(),
    caseId: text('case_id').references(() => cases.id),
    messageId: text('message_id').references(() => messages.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_case').on(t.caseId), index('attachments_message').on(t.messageId)],
);
