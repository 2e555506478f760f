import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases, messages } from '../cases/schema.js';
import { agents, customers } from '../identity/schema.js';

/**
 * Who a channel address belongs to: (whatsapp, 6281…), (telegram, chat id), (email, a@b), (app, wallet sub),
 * (phone, +62…). One address maps to exactly one customer; one customer may have many addresses.
 */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    displayName: text('display_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contact_identities_address').on(t.channel, t.address), index('contact_identities_customer').on(t.customerId)],
);

/** Customers an agent merged into another: the source's history belongs to the target from then on. */
export const customerMerges = pgTable('customer_merges', {
  sourceCustomerId: text('source_customer_id').primaryKey().references(() => customers.id),
  targetCustomerId: text('target_customer_id').notNull().references(() => customers.id),
  agentId: text('agent_id').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The open conversation of a chat-like contact (WhatsApp, Telegram, the app). `generation` counts the cases the
 * thread has had: concurrent first messages all derive the same case creation key from it, so they land in one case.
 */
export const channelThreads = pgTable(
  'channel_threads',
  {
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    generation: integer('generation').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] }), index('channel_threads_case').on(t.caseId)],
);

/** Provider message ids already stored: a webhook retried after its case was closed is still not stored twice. */
export const channelInbound = pgTable(
  'channel_inbound',
  {
    channel: text('channel').notNull(),
    providerId: text('provider_id').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    messageId: text('message_id').notNull().references(() => messages.id),
    address: text('address'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.providerId] }), index('channel_inbound_address').on(t.channel, t.address, t.receivedAt)],
);

/** One row per message sent out on a channel: the provider's id maps delivery reports back to the message. */
export const channelOutbound = pgTable(
  'channel_outbound',
  {
    messageId: text('message_id').notNull().references(() => messages.id),
    channel: text('channel').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'read', 'failed'] }).notNull().default('queued'),
    recipient: text('recipient'),
    providerId: text('provider_id'),
    /** How it went out when not as plain text, e.g. `template:sapa_reply_notice` outside WhatsApp's 24-hour window. */
    mode: text('mode'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.channel] }),
    uniqueIndex('channel_outbound_provider').on(t.channel, t.providerId),
    index('channel_outbound_status').on(t.status, t.createdAt),
  ],
);
