import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases, messages } from '../cases/schema.js';

/**
 * Every email Sapa received or sent, by Message-ID: how replies find their case (In-Reply-To/References), how a
 * redelivered email is recognised, how a bounce finds the message it bounces, and the evidence of what arrived.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    messageId: text('message_id').primaryKey(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** message, auto_reply, bounce, loop, foreign_reply (another sender answering someone's case). */
    kind: text('kind').notNull().default('message'),
    caseId: text('case_id').references(() => cases.id),
    sapaMessageId: text('sapa_message_id').references(() => messages.id),
    fromAddress: text('from_address'),
    envelopeFrom: text('envelope_from'),
    subject: text('subject'),
    /** Outlook's conversation id (the first 22 bytes of Thread-Index), for clients that drop References. */
    threadIndexRoot: text('thread_index_root'),
    /** The raw message in the file store, and its SHA-256. */
    rawKey: text('raw_key'),
    rawSha256: text('raw_sha256'),
    size: bigint('size', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_messages_case').on(t.caseId),
    index('email_messages_sender').on(t.fromAddress, t.createdAt),
    index('email_messages_envelope').on(t.envelopeFrom, t.createdAt),
    index('email_messages_thread_index').on(t.threadIndexRoot),
  ],
);

/** The email conversation of a case: where replies go, and the reply-address token that threads answers back. */
export const emailThreads = pgTable(
  'email_threads',
  {
    caseId: text('case_id').primaryKey().references(() => cases.id),
    token: text('token').notNull(),
    /** Where replies are sent (the customer's Reply-To, else From). */
    address: text('address').notNull(),
    subject: text('subject'),
    /** Message-IDs of the conversation, oldest first (bounded), for References. */
    references: text('references').array().notNull().default([]),
    lastInboundId: text('last_inbound_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_threads_token').on(t.token)],
);

/** How far an IMAP mailbox has been read (UID-based; a new UIDVALIDITY starts over, deduplicated by Message-ID). */
export const imapState = pgTable('imap_state', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
