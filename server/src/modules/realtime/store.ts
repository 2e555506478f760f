import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.js';
import { agentPresence, messageReceipts, receiptCursors, type agentStatuses as statusList, type readerKinds, type receiptKinds } from './schema.js';

export type ReceiptKind = (typeof receiptKinds)[number];
export type ReaderKind = (typeof readerKinds)[number];
export type AgentStatus = (typeof statusList)[number];
export interface Reader {
  kind: ReaderKind;
  id: string;
}

export async function receiptCursor(db: Db, caseId: string, reader: Reader, kind: ReceiptKind): Promise<number> {
  const [row] = await db
    .select({ seq: receiptCursors.seq })
    .from(receiptCursors)
    .where(and(eq(receiptCursors.caseId, caseId), eq(receiptCursors.readerKind, reader.kind), eq(receiptCursors.readerId, reader.id), eq(receiptCursors.kind, kind)));
  return row?.seq ?? 0;
}

/** Moves a reader's cursor forward only: a late, smaller receipt never takes "read" back. */
export async function advanceReceiptCursor(db: Db, caseId: string, reader: Reader, kind: ReceiptKind, seq: number): Promise<void> {
  await db
    .insert(receiptCursors)
    .values({ caseId, readerKind: reader.kind, readerId: reader.id, kind, seq })
    .onConflictDoUpdate({
      target: [receiptCursors.caseId, receiptCursors.readerKind, receiptCursors.readerId, receiptCursors.kind],
      set: { seq: sql`greatest(${receiptCursors.seq}, excluded.seq)`, updatedAt: sql`case when excluded.seq > ${receiptCursors.seq} then now() else ${receiptCursors.updatedAt} end` },
    });
}

export async function insertReceipts(db: Db, rows: { messageId: string; caseId: string; seq: number; reader: Reader; kind: ReceiptKind }[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db
    .insert(messageReceipts)
    .values(rows.map((r) => ({ messageId: r.messageId, caseId: r.caseId, seq: r.seq, readerKind: r.reader.kind, readerId: r.reader.id, kind: r.kind })))
    .onConflictDoNothing()
    .returning({ seq: messageReceipts.seq });
  return inserted.length;
}

export async function cursorsOfCase(db: Db, caseId: string) {
  return db.select().from(receiptCursors).where(eq(receiptCursors.caseId, caseId));
}

export async function receiptsOfCase(db: Db, caseId: string) {
  return db.select().from(messageReceipts).where(eq(messageReceipts.caseId, caseId)).orderBy(asc(messageReceipts.seq), asc(messageReceipts.createdAt));
}

export async function setAgentStatus(db: Db, agentId: string, status: AgentStatus): Promise<void> {
  await db
    .insert(agentPresence)
    .values({ agentId, status })
    .onConflictDoUpdate({ target: agentPresence.agentId, set: { status, updatedAt: sql`now()` } });
}

export async function agentStatuses(db: Db, agentIds: string[]): Promise<Map<string, AgentStatus>> {
  if (!agentIds.length) return new Map();
  const found = await db.select({ agentId: agentPresence.agentId, status: agentPresence.status }).from(agentPresence).where(inArray(agentPresence.agentId, agentIds));
  return new Map(found.map((r) => [r.agentId, r.status]));
}
