import type { attachments, caseEvents, cases, messages } from './schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  url: string;
}

export interface MessageView {
  id: string;
  caseId: string;
  seq: number;
  author: { kind: MessageRow['authorKind']; id: string | null; name: string | null };
  body: string;
  internal: boolean;
  clientMessageId: string;
  channel: MessageRow['channel'];
  deliveryStatus: MessageRow['deliveryStatus'];
  deliveryError: string | null;
  attachments: AttachmentView[];
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export interface CaseView {
  id: string;
  reference: string;
  subject: string | null;
  status: CaseRow['status'];
  priority: CaseRow['priority'];
  category: string;
  channel: CaseRow['channel'];
  language: string;
  customerId: string | null;
  visitorId: string | null;
  assigneeId: string | null;
  tags: string[];
  transactionRef: string | null;
  messageCount: number;
  device: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
  waitingSince: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** The assistant is answering and no person has been asked yet: not in the agents' queue. */
  withAssistant: boolean;
}

/**
 * Tags the assistant keeps on its cases: `assistant` from its first answer, `handoff` once a person is needed (the
 * assistant asked for one, or an agent answered). A case with the first and not the second is the assistant's alone.
 */
export const ASSISTANT_TAG = 'assistant';
export const HANDOFF_TAG = 'handoff';
export const withAssistant = (tags: readonly string[] | null | undefined) => Boolean(tags?.includes(ASSISTANT_TAG) && !tags.includes(HANDOFF_TAG));

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

export function caseView(r: CaseRow): CaseView {
  return {
    id: r.id,
    reference: r.reference,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    category: r.category,
    channel: r.channel,
    language: r.language,
    customerId: r.customerId,
    visitorId: r.visitorId,
    assigneeId: r.assigneeId,
    tags: r.tags ?? [],
    transactionRef: r.transactionRef,
    messageCount: r.lastSeq,
    device: (r.device as Record<string, unknown> | null) ?? null,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    lastMessageAt: iso(r.lastMessageAt)!,
    waitingSince: iso(r.waitingSince),
    firstResponseAt: iso(r.firstResponseAt),
    resolvedAt: iso(r.resolvedAt),
    withAssistant: withAssistant(r.tags),
  };
}

export function attachmentView(a: Pick<AttachmentRow, 'id' | 'filename' | 'mime' | 'size' | 'sha256'>): AttachmentView {
  return { id: a.id, filename: a.filename, mime: a.mime, size: Number(a.size), sha256: a.sha256, url: `/api/v1/attachments/${a.id}` };
}

export function messageView(m: MessageRow, authorName: string | null, files: AttachmentView[]): MessageView {
  return {
    id: m.id,
    caseId: m.caseId,
    seq: m.seq,
    author: { kind: m.authorKind, id: m.authorId, name: authorName },
    body: m.body,
    internal: m.internal,
    clientMessageId: m.clientMessageId,
    channel: m.channel,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    attachments: files,
    metadata: (m.metadata as Record<string, unknown> | null) ?? null,
    createdAt: iso(m.createdAt)!,
  };
}

// ------------------------------------------------------------------------------------------ what a customer sees

/**
 * Message metadata a customer's own client reads: the survey Sapa asks and their rating, their formal complaint's
 * reference and dates, where a merged case goes on, files that were not kept, and the articles the assistant suggested
 * and whether it handed over. The rest (the assistant's intent, confidence and ranking, a channel's bookkeeping) is the
 * team's.
 */
const CUSTOMER_METADATA = ['survey', 'satisfaction', 'complaint', 'mergedInto', 'mergedFrom', 'skippedAttachments', 'articles', 'handoff'];

/**
 * History a customer sees: changes to what their copy of the case shows, merges, and the steps of a formal complaint.
 * Not the team's labels (tags) nor its alarms (a missed internal target, a complaint deadline drawing near); a new kind
 * of entry stays the team's until it is added here.
 */
const CUSTOMER_HISTORY = new Set([
  'created',
  'status_changed',
  'assigned',
  'priority_changed',
  'category_changed',
  'subject_changed',
  'language_changed',
  'transaction_linked',
  'merged',
  'merged_from',
  'complaint_registered',
  'complaint_extended',
  'complaint_answered',
]);

type Viewer = { kind: 'agent' | 'customer' | 'visitor' };

/** The case as `viewer` may see it: a customer's copy has no tags, which are the team's labels ("upset", "vip"). */
export function caseShownTo<C extends CaseView>(viewer: Viewer, c: C): C {
  return viewer.kind === 'agent' ? c : { ...c, tags: [] };
}

/** The message as `viewer` may see it: a customer's copy keeps only the metadata meant for them. */
export function messageShownTo(viewer: Viewer, m: MessageView): MessageView {
  if (viewer.kind === 'agent' || !m.metadata) return m;
  const kept = Object.fromEntries(CUSTOMER_METADATA.filter((k) => m.metadata![k] !== undefined).map((k) => [k, m.metadata![k]]));
  return { ...m, metadata: Object.keys(kept).length ? kept : null };
}

/** Whether `viewer` sees an entry of a case's history of this type. */
export const historyShownTo = (viewer: Viewer, type: string) => viewer.kind === 'agent' || CUSTOMER_HISTORY.has(type);
