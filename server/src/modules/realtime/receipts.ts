import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import * as cases from '../cases/service.js';
import type { MessageView } from '../cases/views.js';
import { getAgent, getCustomer } from '../identity/service.js';
import { rooms } from './events.js';
import { realtimeState } from './state.js';
import * as store from './store.js';
import type { Reader, ReceiptKind } from './store.js';

export function readerOf(p: Principal): Reader {
  if (p.kind === 'agent') return { kind: 'agent', id: p.agentId };
  if (p.kind === 'customer') return { kind: 'customer', id: p.customerId };
  return { kind: 'visitor', id: p.visitorId };
}

/** A reader acknowledges the other side's messages: agents the customer's, customers the desk's. */
function readsMessage(reader: Reader, m: MessageView): boolean {
  if (reader.kind === 'agent') return m.author.kind === 'customer' || m.author.kind === 'visitor';
  return !m.internal && (m.author.kind === 'agent' || m.author.kind === 'assistant' || m.author.kind === 'system');
}

const deliveryRank: Record<MessageView['deliveryStatus'], number> = { failed: 0, stored: 0, queued: 1, sent: 2, delivered: 3, read: 4 };
/** Delivery statuses a customer's receipt may raise (the newest ones; older ones are covered by the cursor). */
const MAX_STATUS_UPDATES = 100;
const PAGE = 500;

export interface ReceiptResult {
  caseId: string;
  /** The seq the receipt covers (a seq beyond the last message counts as the last message). */
  seq: number;
  kind: ReceiptKind;
  by: Reader;
  /** Receipt rows newly stored (0 when this was already known). */
  recorded: number;
}

/**
 * Records that `p` received or read a case up to `seq` (cumulative: everything before it too; "read" implies
 * "delivered"). Each covered message gets its own evidence row; a customer's receipt also raises the delivery
 * status of the desk's messages, which is what an agent sees as "delivered" / "read". Repeating it is harmless.
 */
export async function recordReceipt(desk: Desk, p: Principal, caseId: string, seq: number, kind: ReceiptKind): Promise<ReceiptResult> {
  const row = await cases.getCase(desk, p, caseId);
  const reader = readerOf(p);
  const target = Math.min(seq, row.lastSeq);
  const kinds: ReceiptKind[] = kind === 'read' ? ['delivered', 'read'] : ['delivered'];
  const cursors = new Map<ReceiptKind, number>();
  for (const k of kinds) cursors.set(k, await store.receiptCursor(desk.db, caseId, reader, k));
  const from = Math.min(...cursors.values());
  if (target <= from) return { caseId, seq: target, kind, by: reader, recorded: 0 };

  const covered: MessageView[] = [];
  for (let after = from, pages = 0; after < target && pages < 20; pages++) {
    const page = await cases.listCaseMessages(desk, p, caseId, after, PAGE);
    for (const m of page.items) if (m.seq <= target && readsMessage(reader, m)) covered.push(m);
    if (page.items.length < PAGE) break;
    after = page.items[page.items.length - 1].seq;
  }
  const rows = kinds.flatMap((k) => covered.filter((m) => m.seq > cursors.get(k)!).map((m) => ({ messageId: m.id, caseId, seq: m.seq, reader, kind: k })));
  const recorded = await store.insertReceipts(desk.db, rows);
  for (const k of kinds) await store.advanceReceiptCursor(desk.db, caseId, reader, k, target);

  if (reader.kind !== 'agent') {
    const raise = covered.filter((m) => deliveryRank[m.deliveryStatus] < deliveryRank[kind]).slice(-MAX_STATUS_UPDATES);
    for (const m of raise) await cases.setMessageDelivery(desk, m.id, kind);
  }
  realtimeState(desk).node?.broadcast([rooms.case(caseId)], 'receipt', { caseId, seq: target, kind, by: reader });
  return { caseId, seq: target, kind, by: reader, recorded };
}

export interface ReaderProgress {
  by: Reader & { name: string | null };
  delivered: { seq: number; at: string } | null;
  read: { seq: number; at: string } | null;
}

/** How far each reader of a case has received and read it. */
export async function caseReceipts(desk: Desk, p: Principal, caseId: string): Promise<ReaderProgress[]> {
  await cases.getCase(desk, p, caseId);
  const cursors = await store.cursorsOfCase(desk.db, caseId);
  const byReader = new Map<string, ReaderProgress>();
  for (const c of cursors) {
    const key = `${c.readerKind}:${c.readerId}`;
    const entry = byReader.get(key) ?? { by: { kind: c.readerKind, id: c.readerId, name: null }, delivered: null, read: null };
    entry[c.kind] = { seq: c.seq, at: c.updatedAt.toISOString() };
    byReader.set(key, entry);
  }
  for (const entry of byReader.values()) {
    if (entry.by.kind === 'agent') entry.by.name = (await getAgent(desk, entry.by.id))?.name ?? null;
    else if (entry.by.kind === 'customer') entry.by.name = (await getCustomer(desk, entry.by.id))?.name ?? null;
  }
  return [...byReader.values()];
}

/** Every receipt of a case, oldest message first: the evidence of who received and read what, and when. */
export async function messageReceipts(desk: Desk, caseId: string) {
  const found = await store.receiptsOfCase(desk.db, caseId);
  return found.map((r) => ({ messageId: r.messageId, seq: r.seq, by: { kind: r.readerKind, id: r.readerId }, kind: r.kind, at: r.createdAt.toISOString() }));
}
