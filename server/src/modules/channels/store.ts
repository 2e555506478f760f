import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db/index.js';
import { channelInbound, channelOutbound, channelThreads, contactIdentities, customerMerges } from './schema.js';

export type IdentityRow = typeof contactIdentities.$inferSelect;
export type OutboundRow = typeof channelOutbound.$inferSelect;
export type ThreadRow = typeof channelThreads.$inferSelect;

/** A UUID derived from a name: concurrent first contacts of one address compute the same ids and insert once. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ------------------------------------------------------------------------------------------ identities

export async function findIdentity(db: Db, channel: string, address: string): Promise<IdentityRow | undefined> {
  const [row] = await db.select().from(contactIdentities).where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.address, address)));
  return row;
}

export async function touchIdentity(db: Db, id: string, displayName: string | undefined): Promise<void> {
  await db
    .update(contactIdentities)
    .set({ lastSeenAt: new Date(), ...(displayName ? { displayName } : {}) })
    .where(eq(contactIdentities.id, id));
}

export async function insertIdentity(db: Db, row: typeof contactIdentities.$inferInsert): Promise<void> {
  await db.insert(contactIdentities).values(row).onConflictDoNothing();
}

export async function identitiesOf(db: Db, customerIds: string[]): Promise<IdentityRow[]> {
  if (!customerIds.length) return [];
  return db.select().from(contactIdentities).where(inArray(contactIdentities.customerId, customerIds)).orderBy(desc(contactIdentities.lastSeenAt));
}

export async function getIdentity(db: Db, id: string): Promise<IdentityRow | undefined> {
  const [row] = await db.select().from(contactIdentities).where(eq(contactIdentities.id, id));
  return row;
}

export async function moveIdentities(db: Db, ids: string[], targetCustomerId: string): Promise<number> {
  if (!ids.length) return 0;
  const moved = await db.update(contactIdentities).set({ customerId: targetCustomerId }).where(inArray(contactIdentities.id, ids)).returning({ id: contactIdentities.id });
  return moved.length;
}

// ------------------------------------------------------------------------------------------ merges

export async function insertMerge(db: Db, source: string, target: string, agentId: string | null): Promise<void> {
  // Linking back the other way replaces the old direction instead of making a cycle.
  await db.delete(customerMerges).where(and(eq(customerMerges.sourceCustomerId, target), eq(customerMerges.targetCustomerId, source)));
  await db
    .insert(customerMerges)
    .values({ sourceCustomerId: source, targetCustomerId: target, agentId })
    .onConflictDoUpdate({ target: customerMerges.sourceCustomerId, set: { targetCustomerId: target, agentId, createdAt: new Date() } });
}

/** Every customer id connected to this one through merges, in either direction (bounded walk). */
export async function linkedCustomerIds(db: Db, customerId: string): Promise<string[]> {
  const seen = new Set([customerId]);
  let frontier = [customerId];
  for (let depth = 0; depth < 10 && frontier.length; depth++) {
    const found = await db
      .select()
      .from(customerMerges)
      .where(or(inArray(customerMerges.sourceCustomerId, frontier), inArray(customerMerges.targetCustomerId, frontier)));
    frontier = [];
    for (const m of found) {
      for (const id of [m.sourceCustomerId, m.targetCustomerId]) {
        if (!seen.has(id)) {
          seen.add(id);
          frontier.push(id);
        }
      }
    }
  }
  return [...seen];
}

/** Where a merged customer's identities went (follows chains), or the id itself. */
export async function mergeTarget(db: Db, customerId: string): Promise<string> {
  let id = customerId;
  for (let depth = 0; depth < 10; depth++) {
    const [m] = await db.select().from(customerMerges).where(eq(customerMerges.sourceCustomerId, id));
    if (!m) return id;
    id = m.targetCustomerId;
  }
  return id;
}

// ------------------------------------------------------------------------------------------ threads

export async function getThread(db: Db, channel: string, address: string): Promise<ThreadRow | undefined> {
  const [row] = await db.select().from(channelThreads).where(and(eq(channelThreads.channel, channel), eq(channelThreads.address, address)));
  return row;
}

/** Points the thread at a case of a newer generation; an older or equal generation never overwrites. */
export async function advanceThread(db: Db, channel: string, address: string, caseId: string, generation: number): Promise<void> {
  await db
    .insert(channelThreads)
    .values({ channel, address, caseId, generation })
    .onConflictDoUpdate({
      target: [channelThreads.channel, channelThreads.address],
      set: { caseId, generation, updatedAt: new Date() },
      where: sql`${channelThreads.generation} < ${generation}`,
    });
}

/** A merged case's chat threads continue in the case it was merged into. */
export async function moveThreads(db: Db, fromCaseId: string, toCaseId: string): Promise<void> {
  await db.update(channelThreads).set({ caseId: toCaseId, updatedAt: new Date() }).where(eq(channelThreads.caseId, fromCaseId));
}

export async function threadsOfCase(db: Db, caseId: string): Promise<ThreadRow[]> {
  return db.select().from(channelThreads).where(eq(channelThreads.caseId, caseId));
}

// ------------------------------------------------------------------------------------------ inbound

export async function findInbound(db: Db, channel: string, providerId: string) {
  const [row] = await db.select().from(channelInbound).where(and(eq(channelInbound.channel, channel), eq(channelInbound.providerId, providerId)));
  return row;
}

export async function recordInbound(db: Db, row: typeof channelInbound.$inferInsert): Promise<void> {
  await db.insert(channelInbound).values(row).onConflictDoNothing();
}

export async function lastInboundAt(db: Db, channel: string, address: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: channelInbound.receivedAt })
    .from(channelInbound)
    .where(and(eq(channelInbound.channel, channel), eq(channelInbound.address, address)))
    .orderBy(desc(channelInbound.receivedAt))
    .limit(1);
  return row?.at;
}

// ------------------------------------------------------------------------------------------ outbound

/** Claims the outbound record of a message on a channel; false when it already existed. */
export async function claimOutbound(db: Db, row: { messageId: string; channel: string; caseId: string }): Promise<boolean> {
  const inserted = await db.insert(channelOutbound).values(row).onConflictDoNothing().returning({ id: channelOutbound.messageId });
  return inserted.length > 0;
}

export async function getOutbound(db: Db, messageId: string, channel: string): Promise<OutboundRow | undefined> {
  const [row] = await db.select().from(channelOutbound).where(and(eq(channelOutbound.messageId, messageId), eq(channelOutbound.channel, channel)));
  return row;
}

export async function outboundOfMessage(db: Db, messageId: string): Promise<OutboundRow[]> {
  return db.select().from(channelOutbound).where(eq(channelOutbound.messageId, messageId));
}

export async function findOutboundByProvider(db: Db, channel: string, providerId: string): Promise<OutboundRow | undefined> {
  const [row] = await db.select().from(channelOutbound).where(and(eq(channelOutbound.channel, channel), eq(channelOutbound.providerId, providerId)));
  return row;
}

export async function updateOutbound(db: Db, messageId: string, channel: string, values: Partial<typeof channelOutbound.$inferInsert>): Promise<void> {
  await db
    .update(channelOutbound)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(channelOutbound.messageId, messageId), eq(channelOutbound.channel, channel)));
}

/**
 * Replies that should have gone out but have no outbound record (the node stopped between storing the message and
 * queueing it), and outbound records still queued long after: the sweeper queues them again.
 */
export async function undispatched(db: Db, channels: string[], olderThanSeconds: number): Promise<{ messageId: string; channel: string }[]> {
  if (!channels.length) return [];
  const list = sql.join(channels.map((c) => sql`${c}`), sql`, `);
  const found = await rows<{ message_id: string; channel: string }>(
    db,
    sql`select m.id as message_id, m.channel from messages m
        where (m.author_kind in ('agent', 'assistant') or (m.author_kind = 'system' and m.metadata->>'outbound' = 'true'))
          and m.internal = false and m.delivery_status = 'stored'
          and m.channel in (${list})
          and m.created_at < now() - make_interval(secs => ${olderThanSeconds})
          and m.created_at > now() - interval '2 days'
          and not exists (select 1 from channel_outbound o where o.message_id = m.id)
        limit 100`,
  );
  const stuck = await rows<{ message_id: string; channel: string }>(
    db,
    sql`select message_id, channel from channel_outbound
        where status = 'queued' and updated_at < now() - make_interval(secs => ${olderThanSeconds * 10})
          and created_at > now() - interval '2 days'
        limit 100`,
  );
  return [...found, ...stuck].map((r) => ({ messageId: r.message_id, channel: r.channel }));
}
