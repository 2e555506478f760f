import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { firstRow, type Db } from '../../kernel/db/index.js';
import { settings } from '../../kernel/db/schema.js';
import { callbacks, phoneCalls } from './schema.js';

export type CallbackRow = typeof callbacks.$inferSelect;

export async function getCallback(db: Db, id: string): Promise<CallbackRow | undefined> {
  const [row] = await db.select().from(callbacks).where(eq(callbacks.id, id));
  return row;
}

export async function byIdempotencyKey(db: Db, key: string): Promise<CallbackRow | undefined> {
  const [row] = await db.select().from(callbacks).where(eq(callbacks.idempotencyKey, key));
  return row;
}

/** Inserts a callback; false when its idempotency key was taken by a concurrent request. */
export async function insertCallback(db: Db, row: typeof callbacks.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(callbacks).values(row).onConflictDoNothing().returning({ id: callbacks.id });
  return inserted.length > 0;
}

export async function updateCallback(db: Db, id: string, values: Partial<typeof callbacks.$inferInsert>): Promise<CallbackRow> {
  const [row] = await db.update(callbacks).set({ ...values, updatedAt: new Date() }).where(eq(callbacks.id, id)).returning();
  return row;
}

/** Scheduled callbacks per slot start between two instants (for capacity). */
export async function bookedSlots(db: Db, from: Date, to: Date, exceptId?: string): Promise<Map<number, number>> {
  const found = await db
    .select({ slotAt: callbacks.slotAt, n: sql<number>`count(*)::int` })
    .from(callbacks)
    .where(and(eq(callbacks.status, 'scheduled'), gte(callbacks.slotAt, from), lt(callbacks.slotAt, to), exceptId ? ne(callbacks.id, exceptId) : undefined))
    .groupBy(callbacks.slotAt);
  return new Map(found.map((r) => [new Date(r.slotAt).getTime(), Number(r.n)]));
}

export async function countSince(db: Db, column: 'requester' | 'phone', value: string, since: Date): Promise<number> {
  const col = column === 'requester' ? callbacks.requester : callbacks.phone;
  const row = await firstRow<{ n: number }>(db, sql`select count(*)::int as n from ${callbacks} where ${col} = ${value} and ${callbacks.createdAt} > ${since.toISOString()}::timestamptz`);
  return Number(row?.n ?? 0);
}

export interface CallbackFilter {
  status?: CallbackRow['status'][];
  from?: Date;
  to?: Date;
  phone?: string;
  limit: number;
  cursor?: { at: Date; id: string };
}

export async function listCallbacks(db: Db, f: CallbackFilter): Promise<CallbackRow[]> {
  const conditions: (SQL | undefined)[] = [
    f.status?.length ? inArray(callbacks.status, f.status) : undefined,
    f.from ? gte(callbacks.slotAt, f.from) : undefined,
    f.to ? lte(callbacks.slotAt, f.to) : undefined,
    f.phone ? eq(callbacks.phone, f.phone) : undefined,
    f.cursor ? sql`(${callbacks.slotAt}, ${callbacks.id}) > (${f.cursor.at.toISOString()}::timestamptz, ${f.cursor.id})` : undefined,
  ];
  return db.select().from(callbacks).where(and(...conditions)).orderBy(asc(callbacks.slotAt), asc(callbacks.id)).limit(f.limit + 1);
}

/** The latest callback booked for a phone whose case may still take a call log. */
export async function latestForPhone(db: Db, phone: string): Promise<CallbackRow | undefined> {
  const [row] = await db.select().from(callbacks).where(and(eq(callbacks.phone, phone), gt(callbacks.createdAt, new Date(Date.now() - 30 * 86400_000)))).orderBy(desc(callbacks.createdAt)).limit(1);
  return row;
}

export async function insertCall(db: Db, row: typeof phoneCalls.$inferInsert): Promise<void> {
  await db.insert(phoneCalls).values(row).onConflictDoNothing();
}

export async function findCall(db: Db, callId: string) {
  const [row] = await db.select().from(phoneCalls).where(eq(phoneCalls.callId, callId));
  return row;
}

/** A setting supervisors may change at run time (kernel settings table), or undefined. */
export async function setting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}
