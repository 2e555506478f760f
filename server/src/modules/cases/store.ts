import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { PgliteSession } from 'drizzle-orm/pglite';
import type { Principal } from '../../kernel/auth.js';
import { storableText } from '../../kernel/text.js';
import { isUniqueViolation, preparedRows, rows, sqlState, type Db } from '../../kernel/db/index.js';
import { agents, customers } from '../identity/schema.js';
import { attachments, caseEvents, cases, messages } from './schema.js';
import { ASSISTANT_TAG, HANDOFF_TAG, type AttachmentRow, type CaseEventRow, type CaseRow, type MessageRow } from './views.js';

/** The assistant still answers the case alone: it is not in the people's queue. */
const ASSISTANT_ALONE = sql`(${ASSISTANT_TAG} = any(${cases.tags}) and not ${HANDOFF_TAG} = any(${cases.tags}))`;

// Crockford-like alphabet without 0/O, 1/I/L: a reference read over the phone is not misheard.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newReference(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `SP-${s}`;
}

/** The cases a principal may see; a case outside it is "not found", never "forbidden". */
export function visibleTo(p: Principal): SQL {
  if (p.kind === 'agent') return sql`true`;
  if (p.kind === 'customer') {
    return p.visitorId
      ? sql`(${cases.customerId} = ${p.customerId} or ${cases.visitorId} = ${p.visitorId})`
      : sql`${cases.customerId} = ${p.customerId}`;
  }
  return sql`(${cases.visitorId} = ${p.visitorId} and ${cases.customerId} is null)`;
}

export async function findCase(db: Db, id: string, p: Principal): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(and(eq(cases.id, id), visibleTo(p)));
  return row;
}

export async function findCaseByReference(db: Db, reference: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.reference, reference.toUpperCase()));
  return row;
}

export async function findCaseByCreationKey(db: Db, key: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.creationKey, key));
  return row;
}

export interface NewCase {
  subject: string | null;
  category: string;
  channel: CaseRow['channel'];
  language: string;
  priority: CaseRow['priority'];
  customerId: string | null;
  visitorId: string | null;
  transactionRef: string | null;
  device: Record<string, unknown> | null;
  creationKey: string | null;
  tags: string[];
}

/** Inserts a case with a fresh reference, retrying on the (rare) reference collision. */
export async function insertCase(db: Db, c: NewCase): Promise<CaseRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      // A savepoint, so that a collision inside the caller's transaction can be retried rather than abort it.
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(cases)
          .values({ id: randomUUID(), reference: newReference(), ...c })
          .returning();
        return row;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt > 5) throw error;
      if (c.creationKey && (await findCaseByCreationKey(db, c.creationKey))) throw error;
    }
  }
}

export interface NewMessage {
  caseId: string;
  authorKind: MessageRow['authorKind'];
  authorId: string | null;
  body: string;
  internal: boolean;
  clientMessageId: string;
  channel?: MessageRow['channel'];
  metadata?: Record<string, unknown> | null;
  deliveryStatus?: MessageRow['deliveryStatus'];
}

type RawMessage = {
  id: string;
  case_id: string;
  seq: number;
  author_kind: MessageRow['authorKind'];
  author_id: string | null;
  body: string;
  internal: boolean;
  client_message_id: string;
  channel: MessageRow['channel'];
  metadata: Record<string, unknown> | null;
  delivery_status: MessageRow['deliveryStatus'];
  delivery_error: string | null;
  created_at: Date | string;
};

const caseColumns = Object.entries(getTableColumns(cases));

/** A case row that came back as JSON (to_jsonb) from a statement that also returned a message. */
function caseFromJson(json: Record<string, unknown>): CaseRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of caseColumns) {
    const value = json[column.name] ?? null;
    row[key] = column.dataType === 'date' && value !== null ? new Date(value as string) : value;
  }
  return row as CaseRow;
}

const fromRaw = (r: RawMessage): MessageRow => ({
  id: r.id,
  caseId: r.case_id,
  seq: Number(r.seq),
  authorKind: r.author_kind,
  authorId: r.author_id,
  body: r.body,
  internal: r.internal,
  clientMessageId: r.client_message_id,
  channel: r.channel,
  metadata: r.metadata,
  deliveryStatus: r.delivery_status,
  deliveryError: r.delivery_error,
  createdAt: new Date(r.created_at),
});

export type AppendOutcome =
  | { kind: 'created'; message: MessageRow; previousStatus: CaseRow['status']; case: CaseRow; authorName: string | null }
  | { kind: 'duplicate'; message: MessageRow; case: CaseRow; authorName: string | null }
  | { kind: 'not_found' }
  | { kind: 'closed' };

/** One message to append, as `sapa_append_messages` (migration cases/0001) reads it. */
interface AppendItem {
  ord: number;
  id: string;
  case_id: string;
  author_kind: string;
  author_id: string | null;
  body: string;
  internal: boolean;
  client_message_id: string;
  channel: string | null;
  metadata: Record<string, unknown> | null;
  delivery_status: string | null;
  from_customer: boolean;
  /** Who posts, checked against the case as `visibleTo` does. */
  seer_kind: Principal['kind'];
  seer_customer: string | null;
  seer_visitor: string | null;
}

interface AppendResult {
  ord: number;
  outcome: AppendOutcome['kind'];
  message: RawMessage | null;
  case_row: Record<string, unknown> | null;
  previous_status: CaseRow['status'] | null;
  author_name: string | null;
}

function appendItem(m: NewMessage, p: Principal, fromCustomer: boolean): AppendItem {
  return {
    ord: 0,
    id: randomUUID(),
    case_id: m.caseId,
    author_kind: m.authorKind,
    author_id: m.authorId,
    body: m.body,
    internal: m.internal,
    client_message_id: m.clientMessageId,
    channel: m.channel ?? null,
    metadata: m.metadata ?? null,
    delivery_status: m.deliveryStatus ?? null,
    from_customer: fromCustomer,
    seer_kind: p.kind,
    seer_customer: p.kind === 'customer' ? p.customerId : null,
    seer_visitor: p.kind === 'visitor' || p.kind === 'customer' ? (p.visitorId ?? null) : null,
  };
}

function outcomeOf(r: AppendResult): AppendOutcome {
  if (r.outcome === 'created') return { kind: 'created', message: fromRaw(r.message!), previousStatus: r.previous_status!, case: caseFromJson(r.case_row!), authorName: r.author_name };
  if (r.outcome === 'duplicate') return { kind: 'duplicate', message: fromRaw(r.message!), case: caseFromJson(r.case_row!), authorName: r.author_name };
  return { kind: r.outcome };
}

// The API refuses text PostgreSQL cannot hold; what channels bring (webhooks, email) is made storable here.
const storable = (_key: string, value: unknown) => (typeof value === 'string' ? storableText(value) : value);

async function runAppend(db: Db, items: AppendItem[]): Promise<AppendResult[]> {
  return preparedRows<AppendResult>(db, sql`select * from sapa_append_messages(${JSON.stringify(items, storable)}::jsonb)`);
}

/** SQLSTATEs worth one more try: a deadlock with some other multi-case writer, a serialization failure, a race. */
const retryable = new Set(['40P01', '40001', '23505']);

/**
 * Group commit for message appends. Posts that arrive while earlier batches are still in the database wait and go
 * together as the next batch: one statement, one round trip and one commit for all of them, instead of one each.
 * An idle node sends each post at once (a batch of one), so batching costs no latency; under load it trades the
 * per-statement and per-commit cost, which dominates, for a little waiting that the commit would have cost anyway.
 * Every caller still answers only after its own message is committed.
 */
class AppendQueue {
  private waiting: { item: AppendItem; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly maxInFlight: number,
  ) {}

  append(item: AppendItem): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Posts parsed in the same turn of the event loop join one batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump() {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: AppendQueue['waiting']) {
    batch.forEach((w, i) => (w.item.ord = i));
    try {
      const results = await runAppend(this.db, batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`append batch of ${batch.length} returned ${results.length} results`);
      for (const r of results) batch[r.ord].resolve(r);
    } catch (error) {
      const state = sqlState(error);
      // The database is gone (no SQLSTATE: the connection failed; 08, 57P: lost, shutting down): it is gone for all.
      if (!state || /^(08|57P)/.test(state)) {
        for (const w of batch) w.reject(error);
        return;
      }
      // One post's trouble must not fail the others: each goes again on its own and gets its own answer.
      await Promise.all(batch.map((w) => appendAlone(this.db, w.item, batch.length > 1 ? undefined : error).then(w.resolve, w.reject)));
    }
  }
}

/** One item on its own; `failedWith` is the error it already got, worth one more try only if it was transient. */
async function appendAlone(db: Db, item: AppendItem, failedWith?: unknown): Promise<AppendResult> {
  if (failedWith !== undefined && !retryable.has(sqlState(failedWith) ?? '')) throw failedWith;
  const [result] = await runAppend(db, [{ ...item, ord: 0 }]);
  return result;
}

const MAX_BATCH = 64;
const inTransaction = (db: Db): boolean => db instanceof PgTransaction;
const queues = new WeakMap<Db, AppendQueue>();

function queueOf(db: Db): AppendQueue {
  let queue = queues.get(db);
  if (!queue) {
    // PGlite runs one statement at a time anyway; a PostgreSQL server overlaps a few batches' commits.
    queue = new AppendQueue(db, db._.session instanceof PgliteSession ? 1 : 2);
    queues.set(db, queue);
  }
  return queue;
}

/**
 * Appends a message: lock the case, return the stored message if this clientMessageId is already there, else bump
 * the case's last_seq and insert with that seq, all in `sapa_append_messages`. The case's row lock orders concurrent
 * posts to it, so seqs never have gaps and a retry never duplicates. A customer writing on a pending or resolved case
 * reopens it; on a closed case they are refused. `p` is who posts: a case they may not see is not found.
 * Inside a transaction the append is part of it; otherwise it joins the node's group commit.
 */
export async function appendMessage(db: Db, m: NewMessage, p: Principal, fromCustomer: boolean): Promise<AppendOutcome> {
  const item = appendItem(m, p, fromCustomer);
  if (inTransaction(db)) {
    const [result] = await runAppend(db, [item]);
    return outcomeOf(result);
  }
  return outcomeOf(await queueOf(db).append(item));
}

export async function findByClientMessageId(db: Db, caseId: string, clientMessageId: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(and(eq(messages.caseId, caseId), eq(messages.clientMessageId, clientMessageId)));
  return row;
}

export async function listMessages(db: Db, caseId: string, afterSeq: number, limit: number, includeInternal: boolean): Promise<MessageRow[]> {
  const where = includeInternal
    ? and(eq(messages.caseId, caseId), gt(messages.seq, afterSeq))
    : and(eq(messages.caseId, caseId), gt(messages.seq, afterSeq), eq(messages.internal, false));
  return db.select().from(messages).where(where).orderBy(asc(messages.seq)).limit(limit);
}

export async function getMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

export async function attachmentsOf(db: Db, messageIds: string[]): Promise<AttachmentRow[]> {
  if (!messageIds.length) return [];
  return db.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.createdAt));
}

export async function agentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const found = await db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, unique));
  return new Map(found.map((a) => [a.id, a.name]));
}

export async function customerName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [c] = await db.select({ name: customers.name }).from(customers).where(eq(customers.id, id));
  return c?.name ?? null;
}

export async function recordCaseEvent(db: Db, e: Omit<CaseEventRow, 'id' | 'createdAt'>): Promise<void> {
  await db.insert(caseEvents).values({ id: randomUUID(), ...e });
}

export async function caseEventsOf(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.createdAt));
}

/** The reference of the case this one was merged into (its last `merged` entry), or null. */
export async function mergedInto(db: Db, caseId: string): Promise<string | null> {
  const [row] = await db
    .select({ target: caseEvents.toValue })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'merged')))
    .orderBy(desc(caseEvents.createdAt))
    .limit(1);
  return row?.target ?? null;
}

export async function updateCaseRow(db: Db, id: string, values: Partial<typeof cases.$inferInsert>): Promise<CaseRow> {
  const [row] = await db.update(cases).set({ ...values, updatedAt: new Date() }).where(eq(cases.id, id)).returning();
  return row;
}

export async function setDelivery(db: Db, messageId: string, status: MessageRow['deliveryStatus'], error: string | null = null): Promise<MessageRow | undefined> {
  const [row] = await db.update(messages).set({ deliveryStatus: status, deliveryError: error }).where(eq(messages.id, messageId)).returning();
  return row;
}

// ------------------------------------------------------------------------------------------ attachments

export async function insertAttachment(db: Db, a: typeof attachments.$inferInsert): Promise<void> {
  await db.insert(attachments).values(a);
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

/** Links uploaded, not yet used attachments of this uploader to a message; returns how many were linked. */
export async function linkAttachments(db: Db, ids: string[], uploaderId: string, caseId: string, messageId: string): Promise<number> {
  if (!ids.length) return 0;
  const linked = await db
    .update(attachments)
    .set({ caseId, messageId })
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId), isNull(attachments.messageId)))
    .returning({ id: attachments.id });
  return linked.length;
}

export async function attachableCount(db: Db, ids: string[], uploaderId: string): Promise<number> {
  if (!ids.length) return 0;
  const found = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId), isNull(attachments.messageId)));
  return found.length;
}

export async function caseAttachments(db: Db, caseId: string): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(eq(attachments.caseId, caseId)).orderBy(asc(attachments.createdAt));
}

// ------------------------------------------------------------------------------------------ listing

export interface CaseFilter {
  status?: CaseRow['status'][];
  channel?: CaseRow['channel'][];
  category?: string[];
  language?: string;
  assignee?: string | 'unassigned';
  customerId?: string;
  /** Cases the assistant is still answering alone, or those people have (the agents' queue). */
  holder?: 'assistant' | 'people';
  q?: string;
  sort: 'recent' | 'waiting' | 'created';
  limit: number;
  cursor?: { at: string; id: string };
}

export async function listCases(db: Db, p: Principal, f: CaseFilter): Promise<CaseRow[]> {
  const conditions: SQL[] = [visibleTo(p)];
  if (f.status?.length) conditions.push(inArray(cases.status, f.status));
  if (f.channel?.length) conditions.push(inArray(cases.channel, f.channel));
  if (f.category?.length) conditions.push(inArray(cases.category, f.category));
  if (f.language) conditions.push(eq(cases.language, f.language));
  if (f.customerId) conditions.push(eq(cases.customerId, f.customerId));
  if (f.holder) {
    conditions.push(f.holder === 'assistant' ? ASSISTANT_ALONE : sql`not ${ASSISTANT_ALONE}`);
  }
  if (f.assignee === 'unassigned') conditions.push(isNull(cases.assigneeId));
  else if (f.assignee) conditions.push(eq(cases.assigneeId, f.assignee));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${cases.reference} ilike ${like} or ${cases.subject} ilike ${like}
      or exists (select 1 from customers cu where cu.id = ${cases.customerId} and (cu.name ilike ${like} or cu.email ilike ${like} or cu.phone ilike ${like}))
      or exists (select 1 from messages mm where mm.case_id = ${cases.id} and mm.body ilike ${like}))`);
  }
  const key = f.sort === 'waiting' ? sql`coalesce(${cases.waitingSince}, ${cases.lastMessageAt})` : f.sort === 'created' ? sql`${cases.createdAt}` : sql`${cases.lastMessageAt}`;
  // "waiting longest" reads oldest first; the others newest first.
  const ascending = f.sort === 'waiting';
  if (f.cursor) {
    conditions.push(ascending ? sql`(${key}, ${cases.id}) > (${f.cursor.at}::timestamptz, ${f.cursor.id})` : sql`(${key}, ${cases.id}) < (${f.cursor.at}::timestamptz, ${f.cursor.id})`);
  }
  return db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(ascending ? sql`${key} asc, ${cases.id} asc` : sql`${key} desc, ${cases.id} desc`)
    .limit(f.limit + 1);
}

/** Cases by id, whoever may see them: for services that measure cases (service levels), not for answering callers. */
export async function casesByIds(db: Db, ids: readonly string[]): Promise<CaseRow[]> {
  return ids.length ? db.select().from(cases).where(inArray(cases.id, [...ids])) : [];
}

/** The history entries of the given types of several cases, oldest first. */
export async function historyOf(db: Db, ids: readonly string[], types: readonly string[]): Promise<CaseEventRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, [...ids]), inArray(caseEvents.type, [...types])))
    .orderBy(asc(caseEvents.createdAt));
}

/** Who wrote each public message of several cases (customer, visitor or agent; not the assistant or Sapa), and when. */
export async function publicTurnsOf(db: Db, ids: readonly string[]): Promise<{ caseId: string; authorKind: MessageRow['authorKind']; createdAt: Date }[]> {
  if (!ids.length) return [];
  return db
    .select({ caseId: messages.caseId, authorKind: messages.authorKind, createdAt: messages.createdAt })
    .from(messages)
    .where(and(inArray(messages.caseId, [...ids]), eq(messages.internal, false), inArray(messages.authorKind, ['customer', 'visitor', 'agent'])))
    .orderBy(asc(messages.caseId), asc(messages.seq));
}

/** A page of the ids of cases in some statuses, in id order after `after` (so a scan of them all skips none). */
export async function caseIdsInStatus(db: Db, statuses: CaseRow['status'][], after: string, limit: number): Promise<string[]> {
  const found = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.status, statuses), gt(cases.id, after))).orderBy(asc(cases.id)).limit(limit);
  return found.map((r) => r.id);
}

/**
 * Open cases nobody holds that people should answer (not those the assistant still answers alone): the most urgent
 * first, then the longest waiting.
 */
export async function unassignedOpenCases(db: Db, limit: number): Promise<CaseRow[]> {
  const rank = sql`case ${cases.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'open'), isNull(cases.assigneeId), sql`not ${ASSISTANT_ALONE}`))
    .orderBy(rank, asc(sql`coalesce(${cases.waitingSince}, ${cases.createdAt})`), asc(cases.id))
    .limit(limit);
}

/** How many open cases each agent holds (not those the assistant still answers alone, as the queue counts them). */
export async function openCasesPerAgent(db: Db): Promise<Map<string, number>> {
  const found = await db
    .select({ agentId: cases.assigneeId, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.status, 'open'), sql`${cases.assigneeId} is not null`, sql`not ${ASSISTANT_ALONE}`))
    .groupBy(cases.assigneeId);
  return new Map(found.map((r) => [r.agentId!, r.n]));
}

/**
 * For each case, the agents who let it go themselves (an `assigned` entry from them to nobody, made by them): routing
 * does not hand a case back to someone who just gave it up.
 */
export async function agentsWhoReleased(db: Db, caseIds: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  if (!caseIds.length) return found;
  const rows = await db
    .select({ caseId: caseEvents.caseId, agentId: caseEvents.fromValue })
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.type, 'assigned'), isNull(caseEvents.toValue), sql`${caseEvents.fromValue} = ${caseEvents.actorId}`));
  for (const r of rows) if (r.agentId) found.set(r.caseId, (found.get(r.caseId) ?? new Set()).add(r.agentId));
  return found;
}

/**
 * Gives an open case nobody holds to `agentId`: 'taken' when it is no longer open and unassigned (someone took it),
 * 'full' when, with `maxOpen`, the agent already holds that many open cases. Claims for one agent take a transaction lock on
 * the agent, so two nodes handing out cases at the same instant count each other's claims.
 */
export async function claimUnassigned(db: Db, caseId: string, agentId: string, maxOpen?: number): Promise<CaseRow | 'taken' | 'full'> {
  return db.transaction(async (tx) => {
    if (maxOpen !== undefined) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sapa.claim:${agentId}`}))`);
      const [held] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(eq(cases.status, 'open'), eq(cases.assigneeId, agentId), sql`not ${ASSISTANT_ALONE}`));
      if (held.n >= maxOpen) return 'full';
    }
    const [row] = await tx
      .update(cases)
      .set({ assigneeId: agentId, updatedAt: new Date() })
      .where(and(eq(cases.id, caseId), eq(cases.status, 'open'), isNull(cases.assigneeId)))
      .returning();
    return row ?? 'taken';
  });
}

/** The ids of cases in `statuses` changed (a message, any update) after `since`, in id order after `after`, at most `limit`. */
export async function caseIdsChangedSince(db: Db, statuses: CaseRow['status'][], since: Date, limit: number, after: string): Promise<string[]> {
  const found = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.status, statuses), gt(cases.updatedAt, since), gt(cases.id, after)))
    .orderBy(asc(cases.id))
    .limit(limit);
  return found.map((r) => r.id);
}

/** The ids of cases created in [from, to), newest first. */
export async function caseIdsCreated(db: Db, from: Date, to: Date, limit: number): Promise<string[]> {
  const found = await db.select({ id: cases.id }).from(cases).where(and(gte(cases.createdAt, from), lt(cases.createdAt, to))).orderBy(desc(cases.createdAt)).limit(limit);
  return found.map((r) => r.id);
}

export async function countCases(db: Db, where: SQL): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${cases} where ${where}`);
  return Number(r?.n ?? 0);
}
