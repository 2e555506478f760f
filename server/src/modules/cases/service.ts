import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.js';
import { toLocale } from '../../kernel/i18n.js';
import { clip } from '../../kernel/text.js';
import * as store from './store.js';
import type { CaseRow, CaseView, MessageRow, MessageView } from './views.js';
import { attachmentView, caseView, messageShownTo, messageView } from './views.js';
import './events.js';

export type Channel = CaseRow['channel'];

/** Sapa itself acting (channel intake, the assistant, schedulers): sees every case. */
export const systemPrincipal: Principal = { kind: 'agent', agentId: 'system', role: 'admin', locale: 'en', sessionId: 'system' };

/** A guess of the writer's language when the client does not say: Han script, then common Indonesian words. */
export function guessLanguage(text: string): 'zh-CN' | 'id-ID' | 'en' {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh-CN';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const indonesian = new Set(['saya', 'aku', 'gw', 'gue', 'tidak', 'gak', 'ga', 'belum', 'blm', 'sudah', 'udah', 'udh', 'saldo', 'dan', 'yang', 'yg', 'tolong', 'kak', 'min', 'uang', 'kenapa', 'bisa', 'masuk', 'akun', 'kirim', 'isi', 'dengan', 'tapi', 'tp', 'ini', 'itu', 'sih', 'dong', 'nya', 'halo', 'terima', 'kasih', 'mau', 'gimana', 'bagaimana', 'ke', 'di', 'dari']);
  const hits = words.filter((w) => indonesian.has(w)).length;
  return hits >= Math.max(1, words.length * 0.15) ? 'id-ID' : 'en';
}

/**
 * A case opened without a subject (every chat, WhatsApp and Telegram conversation) is named by its first message, as
 * the agents' queue would otherwise list them all as "(no subject)": the first line, cut at a word near 80 characters.
 */
export function subjectFrom(body: string): string | null {
  const line = body.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).find(Boolean);
  if (!line) return null;
  if (line.length <= 80) return line;
  const cut = clip(line, 79);
  const space = cut.lastIndexOf(' ');
  return `${(space >= 40 ? cut.slice(0, space) : cut).replace(/[\s,.;:，。、]+$/u, '')}…`;
}

function authorOf(p: Principal): { kind: MessageRow['authorKind']; id: string } {
  if (p.kind === 'agent') return { kind: 'agent', id: p.agentId };
  if (p.kind === 'customer') return { kind: 'customer', id: p.customerId };
  return { kind: 'visitor', id: p.visitorId };
}

const principalId = (p: Principal) => (p.kind === 'agent' ? p.agentId : p.kind === 'customer' ? p.customerId : p.visitorId);

/** Message views with author names and attachments, for any list of rows of one or more cases. */
export async function presentMessages(
  desk: Desk,
  rows: MessageRow[],
  options: { attachments?: boolean; agentNames?: Map<string, string> } = {},
): Promise<MessageView[]> {
  const [names, files] = await Promise.all([
    options.agentNames ?? store.agentNames(desk.db, rows.filter((m) => m.authorKind === 'agent' && m.authorId).map((m) => m.authorId!)),
    options.attachments === false ? [] : store.attachmentsOf(desk.db, rows.map((m) => m.id)),
  ]);
  return rows.map((m) =>
    messageView(
      m,
      m.authorKind === 'agent' && m.authorId ? (names.get(m.authorId) ?? null) : m.authorKind === 'assistant' ? 'Sapa Assistant' : null,
      files.filter((f) => f.messageId === m.id).map(attachmentView),
    ),
  );
}

/** The author's name came back with an appended message: presenting it needs no second query. */
function appendedAuthor(outcome: { message: MessageRow; authorName: string | null }): Map<string, string> {
  const { authorId } = outcome.message;
  return new Map(authorId && outcome.authorName !== null ? [[authorId, outcome.authorName]] : []);
}

// ------------------------------------------------------------------------------------------ create

export interface CreateCaseInput {
  subject?: string;
  category?: string;
  channel?: Channel;
  priority?: CaseRow['priority'];
  locale?: string;
  message: { body: string; clientMessageId: string; attachmentIds?: string[] };
  transactionRef?: string;
  diagnostics?: Record<string, unknown>;
  /** Agents only: open the case on behalf of this customer. */
  customerId?: string;
  tags?: string[];
  /** Idempotency-Key header, else the owner's first clientMessageId. */
  idempotencyKey?: string;
  /** Channel-specific facts for the first message (provider ids, email headers). */
  messageMetadata?: Record<string, unknown>;
  /** Set by channel adapters, never by HTTP clients: the customer wrote on `channel` (email, WhatsApp, …). */
  viaChannel?: boolean;
}

export async function createCase(desk: Desk, p: Principal, input: CreateCaseInput): Promise<{ created: boolean; case: CaseView; message: MessageView }> {
  const author = authorOf(p);
  const ownerKey = `${author.kind}:${author.id}:${input.idempotencyKey ?? `m:${input.message.clientMessageId}`}`;
  const existing = await store.findCaseByCreationKey(desk.db, ownerKey);
  if (existing) return replayCreation(desk, existing);

  if (p.kind !== 'agent' && !input.viaChannel && input.channel && !['web', 'app'].includes(input.channel)) {
    throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.channel', message: 'customers open cases on web or app' }]);
  }
  const attachmentIds = input.message.attachmentIds ?? [];
  if (attachmentIds.length && (await store.attachableCount(desk.db, attachmentIds, author.id)) !== new Set(attachmentIds).size) {
    throw unprocessable('attachment_unavailable');
  }
  const device = input.diagnostics ? { ...input.diagnostics, serverReceivedAt: new Date().toISOString() } : { serverReceivedAt: new Date().toISOString() };
  // The case, its 'created' event and its first message commit together: a racing retry of the same create waits on
  // the creation key's unique index and then replays a case that already has its message.
  let created: { outcome: Extract<store.AppendOutcome, { kind: 'created' }> };
  try {
    created = await desk.db.transaction(async (tx) => {
      const row = await store.insertCase(tx, {
        subject: input.subject?.trim() || subjectFrom(input.message.body),
        category: input.category ?? 'other',
        channel: input.channel ?? (input.diagnostics && 'appVersion' in input.diagnostics ? 'app' : 'web'),
        language: toLocale(input.locale) ?? guessLanguage(`${input.subject ?? ''} ${input.message.body}`),
        priority: p.kind === 'agent' ? (input.priority ?? 'normal') : 'normal',
        customerId: p.kind === 'customer' ? p.customerId : p.kind === 'agent' ? (input.customerId ?? null) : null,
        visitorId: p.kind === 'visitor' ? p.visitorId : p.kind === 'customer' ? (p.visitorId ?? null) : null,
        transactionRef: input.transactionRef?.trim() || null,
        device,
        creationKey: ownerKey,
        tags: input.tags ?? [],
      });
      await store.recordCaseEvent(tx, { caseId: row.id, type: 'created', fromValue: null, toValue: row.status, actorKind: author.kind, actorId: author.id });
      const outcome = await store.appendMessage(
        tx,
        { caseId: row.id, authorKind: author.kind, authorId: author.id, body: input.message.body, internal: false, clientMessageId: input.message.clientMessageId, metadata: input.messageMetadata ?? null },
        systemPrincipal,
        p.kind !== 'agent',
      );
      if (outcome.kind !== 'created') throw new Error(`first message of a new case was ${outcome.kind}`);
      await store.linkAttachments(tx, attachmentIds, author.id, row.id, outcome.message.id);
      return { outcome };
    });
  } catch (error) {
    // The same create raced itself: the other request's case is the answer.
    const raced = await store.findCaseByCreationKey(desk.db, ownerKey);
    if (raced) return replayCreation(desk, raced);
    throw error;
  }
  const { outcome } = created;
  const view = caseView(outcome.case);
  const [message] = await presentMessages(desk, [outcome.message], { attachments: attachmentIds.length > 0, agentNames: appendedAuthor(outcome) });
  desk.metrics.casesCreated.inc({ channel: view.channel });
  desk.metrics.messagesCreated.inc({ channel: view.channel, author: author.kind });
  desk.events.emit('case.created', { case: view, firstMessage: message });
  desk.events.emit('message.created', { case: view, message });
  return { created: true, case: view, message };
}

async function replayCreation(desk: Desk, row: CaseRow) {
  const first = await store.listMessages(desk.db, row.id, 0, 1, true);
  const [message] = await presentMessages(desk, first);
  return { created: false, case: caseView(row), message };
}

// ------------------------------------------------------------------------------------------ read

export async function getCase(desk: Desk, p: Principal, id: string): Promise<CaseRow> {
  const row = await store.findCase(desk.db, id, p);
  if (!row) throw notFound();
  return row;
}

export interface ListQuery {
  status?: CaseRow['status'][];
  channel?: Channel[];
  category?: string[];
  language?: string;
  assignee?: string;
  customerId?: string;
  holder?: 'assistant' | 'people';
  q?: string;
  sort?: 'recent' | 'waiting' | 'created';
  limit?: number;
  cursor?: string;
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!id || Number.isNaN(Date.parse(at))) throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new AppError(400, 'invalid_input', undefined, [{ field: 'query.cursor', message: 'unknown cursor' }]);
  }
}

export async function listCases(desk: Desk, p: Principal, q: ListQuery): Promise<{ items: CaseView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 25, 1), 100);
  const sort = q.sort ?? 'recent';
  const agentFilters = p.kind === 'agent';
  const assignee = q.assignee === 'me' && p.kind === 'agent' ? p.agentId : q.assignee;
  const found = await store.listCases(desk.db, p, {
    status: q.status,
    channel: q.channel,
    category: q.category,
    language: agentFilters ? q.language : undefined,
    assignee: agentFilters ? assignee : undefined,
    customerId: agentFilters ? q.customerId : undefined,
    holder: agentFilters ? q.holder : undefined,
    q: q.q?.trim() || undefined,
    sort,
    limit,
    cursor: decodeCursor(q.cursor),
  });
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const keyOf = (r: CaseRow) => (sort === 'waiting' ? (r.waitingSince ?? r.lastMessageAt) : sort === 'created' ? r.createdAt : r.lastMessageAt);
  const nextCursor = found.length > limit && last ? Buffer.from(`${new Date(keyOf(last)).toISOString()}|${last.id}`).toString('base64url') : null;
  return { items: page.map(caseView), nextCursor };
}

export async function listCaseMessages(desk: Desk, p: Principal, caseId: string, afterSeq: number, limit: number) {
  await getCase(desk, p, caseId);
  const capped = Math.min(Math.max(limit, 1), 500);
  const found = await store.listMessages(desk.db, caseId, afterSeq, capped + 1, p.kind === 'agent');
  const page = found.slice(0, capped);
  return { items: (await presentMessages(desk, page)).map((m) => messageShownTo(p, m)), nextCursor: found.length > capped ? String(page[page.length - 1].seq) : null };
}

// ------------------------------------------------------------------------------------------ write

export interface PostMessageInput {
  body: string;
  clientMessageId: string;
  attachmentIds?: string[];
  internal?: boolean;
  /** Set by channel adapters and the assistant; never by HTTP clients. */
  authorKind?: 'assistant' | 'system';
  channel?: Channel;
  metadata?: Record<string, unknown>;
  deliveryStatus?: MessageRow['deliveryStatus'];
  /** A customer's message that neither reopens the case nor waits for an answer: a rating replying to Sapa's survey. */
  keepsStatus?: boolean;
}

export async function postMessage(desk: Desk, p: Principal, caseId: string, input: PostMessageInput): Promise<{ created: boolean; message: MessageView; case: CaseView }> {
  const author = input.authorKind ? { kind: input.authorKind, id: null } : authorOf(p);
  const internal = p.kind === 'agent' ? (input.internal ?? false) : false;
  const fromCustomer = p.kind !== 'agent' && !input.authorKind && !input.keepsStatus;
  const attachmentIds = input.attachmentIds ?? [];
  if (attachmentIds.length && (await store.attachableCount(desk.db, attachmentIds, principalId(p))) !== new Set(attachmentIds).size) {
    // A retry of a post whose attachments are already linked returns the original message.
    const original = (await store.findCase(desk.db, caseId, p)) && (await store.findByClientMessageId(desk.db, caseId, input.clientMessageId));
    if (!original) throw unprocessable('attachment_unavailable');
  }
  const outcome = await store.appendMessage(
    desk.db,
    {
      caseId,
      authorKind: author.kind,
      authorId: author.id,
      body: input.body,
      internal,
      clientMessageId: input.clientMessageId,
      channel: input.channel,
      metadata: input.metadata ?? null,
      deliveryStatus: input.deliveryStatus,
    },
    p,
    fromCustomer,
  );
  if (outcome.kind === 'not_found') throw notFound();
  if (outcome.kind === 'closed') throw conflict('case_closed');
  if (outcome.kind === 'duplicate') {
    const [message] = await presentMessages(desk, [outcome.message], { agentNames: appendedAuthor(outcome) });
    return { created: false, message, case: caseView(outcome.case) };
  }
  const row = outcome.case;
  const view = caseView(row);
  await store.linkAttachments(desk.db, attachmentIds, principalId(p), caseId, outcome.message.id);
  if (outcome.previousStatus !== row.status) {
    await store.recordCaseEvent(desk.db, { caseId, type: 'status_changed', fromValue: outcome.previousStatus, toValue: row.status, actorKind: author.kind, actorId: author.id });
  }
  // A new message has exactly the attachments just linked: no need to look them up unless there are some.
  const [message] = await presentMessages(desk, [outcome.message], { attachments: attachmentIds.length > 0, agentNames: appendedAuthor(outcome) });
  desk.metrics.messagesCreated.inc({ channel: message.channel, author: author.kind });
  desk.events.emit('message.created', { case: view, message });
  return { created: true, message, case: view };
}

export interface CasePatch {
  status?: CaseRow['status'];
  assigneeId?: string | null;
  priority?: CaseRow['priority'];
  category?: string;
  tags?: string[];
  subject?: string;
  language?: string;
  transactionRef?: string | null;
}

export interface CasesChange {
  status?: CaseRow['status'];
  assigneeId?: string | null;
  priority?: CaseRow['priority'];
  category?: string;
  addTags?: string[];
  removeTags?: string[];
}

/**
 * Changes many cases at once, each as `changeCase` would (history, events), one after another in the order given. A case
 * that cannot be changed (not found, merged into another) is reported with its error and the others go on; any other failure
 * (the database) stops the batch, and what was changed before it stays changed.
 */
export async function updateCases(desk: Desk, p: Principal, ids: readonly string[], change: CasesChange): Promise<{ updated: CaseView[]; failed: { id: string; error: AppError }[] }> {
  const updated: CaseView[] = [];
  const failed: { id: string; error: AppError }[] = [];
  const { addTags, removeTags, ...patch } = change;
  for (const id of new Set(ids)) {
    try {
      let tags: string[] | undefined;
      if (addTags?.length || removeTags?.length) {
        const drop = new Set((removeTags ?? []).map((t) => t.toLowerCase()));
        const current = (await getCase(desk, p, id)).tags ?? [];
        tags = [...new Set([...current, ...(addTags ?? []).map((t) => t.toLowerCase())])].filter((t) => !drop.has(t));
      }
      updated.push(await changeCase(desk, p, id, { ...patch, ...(tags ? { tags } : {}) }));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      failed.push({ id, error });
    }
  }
  return { updated, failed };
}

/**
 * Gives an open case nobody holds to an agent, unless someone took it (or it closed) meanwhile ('taken'), or the agent
 * holds `maxOpen` open cases already ('full'). Recorded in the history as any assignment, and announced.
 */
export async function claimCase(desk: Desk, caseId: string, agentId: string, actor: { kind: string; id: string | null }, maxOpen?: number): Promise<CaseView | 'taken' | 'full'> {
  const row = await store.claimUnassigned(desk.db, caseId, agentId, maxOpen);
  if (typeof row === 'string') return row;
  await store.recordCaseEvent(desk.db, { caseId, type: 'assigned', fromValue: null, toValue: agentId, actorKind: actor.kind, actorId: actor.id });
  const view = caseView(row);
  desk.events.emit('case.updated', { case: view, changes: ['assigned'], actor });
  return view;
}

/**
 * An agent's change to a case (PATCH, bulk): a duplicate merged into another case is closed for good, since its
 * conversation continues there (reopening it would split the thread again), so changes to it are refused with 409
 * naming the case to use. Sapa's own processes (the assistant, complaints, monitors) change cases through `updateCase`.
 */
export async function changeCase(desk: Desk, p: Principal, id: string, patch: CasePatch): Promise<CaseView> {
  const target = await store.mergedInto(desk.db, id);
  if (target) throw conflict('case_merged', { target });
  return updateCase(desk, p, id, patch);
}

/** Agents change a case; every change is recorded in the case's history. */
export async function updateCase(desk: Desk, p: Principal, id: string, patch: CasePatch, actor?: { kind: string; id: string | null }): Promise<CaseView> {
  const before = await getCase(desk, p, id);
  const who = actor ?? authorOf(p);
  const values: Partial<CaseRow> = {};
  const changes: string[] = [];
  const note = async (type: string, from: unknown, to: unknown) => {
    changes.push(type);
    await store.recordCaseEvent(desk.db, {
      caseId: id,
      type,
      fromValue: from == null ? null : Array.isArray(from) ? from.join(',') : String(from),
      toValue: to == null ? null : Array.isArray(to) ? to.join(',') : String(to),
      actorKind: who.kind,
      actorId: who.id,
    });
  };
  if (patch.status && patch.status !== before.status) {
    values.status = patch.status;
    if (patch.status === 'resolved') values.resolvedAt = new Date();
    if (patch.status === 'open') values.resolvedAt = null;
    if (patch.status === 'resolved' || patch.status === 'closed') values.waitingSince = null;
    await note('status_changed', before.status, patch.status);
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId) {
    values.assigneeId = patch.assigneeId;
    await note('assigned', before.assigneeId, patch.assigneeId);
  }
  if (patch.priority && patch.priority !== before.priority) {
    values.priority = patch.priority;
    await note('priority_changed', before.priority, patch.priority);
  }
  if (patch.category && patch.category !== before.category) {
    values.category = patch.category;
    await note('category_changed', before.category, patch.category);
  }
  if (patch.tags) {
    const tags = [...new Set(patch.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
    if (tags.join(',') !== (before.tags ?? []).join(',')) {
      values.tags = tags;
      await note('tags_changed', before.tags, tags);
    }
  }
  if (patch.subject !== undefined && patch.subject !== before.subject) {
    values.subject = patch.subject;
    await note('subject_changed', before.subject, patch.subject);
  }
  if (patch.language && patch.language !== before.language) {
    values.language = patch.language;
    await note('language_changed', before.language, patch.language);
  }
  if (patch.transactionRef !== undefined && patch.transactionRef !== before.transactionRef) {
    values.transactionRef = patch.transactionRef;
    await note('transaction_linked', before.transactionRef, patch.transactionRef);
  }
  if (!changes.length) return caseView(before);
  const row = await store.updateCaseRow(desk.db, id, values);
  const view = caseView(row);
  desk.events.emit('case.updated', { case: view, changes, actor: who });
  return view;
}

/**
 * Records in a case's history something that happened to it beside an edit of its fields (a missed service-level
 * target, a formal complaint registered or answered), and tells every console, as an edit would.
 */
export async function recordCaseHistory(desk: Desk, caseId: string, type: string, toValue: string | null, actor: { kind: string; id: string | null } = { kind: 'system', id: null }): Promise<void> {
  await store.recordCaseEvent(desk.db, { caseId, type, fromValue: null, toValue, actorKind: actor.kind, actorId: actor.id });
  const row = await store.findCase(desk.db, caseId, systemPrincipal);
  if (row) desk.events.emit('case.updated', { case: caseView(row), changes: [type], actor });
}

/**
 * Many cases at once, for services that measure them (service levels): whoever may see them, so never for answering a
 * caller directly. Rows by id, chosen history entries, who wrote the public messages and when, and pages of ids.
 */
export const caseRecords = {
  byIds: (desk: Desk, ids: readonly string[]) => store.casesByIds(desk.db, ids),
  history: (desk: Desk, ids: readonly string[], types: readonly string[]) => store.historyOf(desk.db, ids, types),
  publicTurns: (desk: Desk, ids: readonly string[]) => store.publicTurnsOf(desk.db, ids),
  idsInStatus: (desk: Desk, statuses: CaseRow['status'][], after: string, limit: number) => store.caseIdsInStatus(desk.db, statuses, after, limit),
  /** Open cases nobody holds that people should answer, most urgent and longest waiting first. */
  unassignedOpen: (desk: Desk, limit: number) => store.unassignedOpenCases(desk.db, limit),
  openCasesPerAgent: (desk: Desk) => store.openCasesPerAgent(desk.db),
  releasedBy: (desk: Desk, caseIds: string[]) => store.agentsWhoReleased(desk.db, caseIds),
  idsChangedSince: (desk: Desk, statuses: CaseRow['status'][], since: Date, limit: number, after = '') => store.caseIdsChangedSince(desk.db, statuses, since, limit, after),
  idsCreated: (desk: Desk, from: Date, to: Date, limit: number) => store.caseIdsCreated(desk.db, from, to, limit),
};

/** Channel adapters report what the provider said about an outbound message. */
export async function setMessageDelivery(desk: Desk, messageId: string, status: MessageRow['deliveryStatus'], error: string | null = null) {
  const row = await store.setDelivery(desk.db, messageId, status, error);
  if (row) desk.events.emit('message.delivery', { caseId: row.caseId, messageId: row.id, seq: row.seq, status, error });
  return row;
}

export const caseHistory = (desk: Desk, caseId: string) => store.caseEventsOf(desk.db, caseId);
export const findCaseByReference = (desk: Desk, reference: string) => store.findCaseByReference(desk.db, reference);
export const getMessageRow = (desk: Desk, id: string) => store.getMessage(desk.db, id);
