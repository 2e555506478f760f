import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../kernel/db/index.js';
import { emailMessages, emailThreads, imapState } from './schema.js';

export type EmailRow = typeof emailMessages.$inferSelect;
export type ThreadRow = typeof emailThreads.$inferSelect;

export async function findEmail(db: Db, messageId: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.messageId, messageId));
  return row;
}

export async function findEmails(db: Db, messageIds: string[]): Promise<EmailRow[]> {
  if (!messageIds.length) return [];
  return db.select().from(emailMessages).where(and(inArray(emailMessages.messageId, messageIds), isNotNull(emailMessages.caseId)));
}

export async function insertEmail(db: Db, row: typeof emailMessages.$inferInsert): Promise<void> {
  await db.insert(emailMessages).values(row).onConflictDoNothing();
}

export async function latestCaseOfThreadIndex(db: Db, root: string): Promise<string | undefined> {
  const [row] = await db
    .select({ caseId: emailMessages.caseId })
    .from(emailMessages)
    .where(and(eq(emailMessages.threadIndexRoot, root), isNotNull(emailMessages.caseId)))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  return row?.caseId ?? undefined;
}

/** Emails received from an address (as header From or envelope sender) since a time: the sender rate limit. */
export async function countReceivedFrom(db: Db, address: string, since: Date): Promise<number> {
  const row = await firstRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${emailMessages}
        where ${emailMessages.direction} = 'in' and ${emailMessages.createdAt} > ${since.toISOString()}::timestamptz
          and (${emailMessages.fromAddress} = ${address} or ${emailMessages.envelopeFrom} = ${address})`,
  );
  return Number(row?.n ?? 0);
}

// ------------------------------------------------------------------------------------------ threads

export async function threadOfCase(db: Db, caseId: string): Promise<ThreadRow | undefined> {
  const [row] = await db.select().from(emailThreads).where(eq(emailThreads.caseId, caseId));
  return row;
}

export async function threadByToken(db: Db, token: string): Promise<ThreadRow | undefined> {
  const [row] = await db.select().from(emailThreads).where(eq(emailThreads.token, token.toLowerCase()));
  return row;
}

export async function createThread(db: Db, row: typeof emailThreads.$inferInsert): Promise<ThreadRow> {
  await db.insert(emailThreads).values(row).onConflictDoNothing();
  return (await threadOfCase(db, row.caseId))!;
}

const MAX_REFERENCES = 20;

/** Adds a Message-ID to the conversation (bounded, oldest dropped first but the very first kept). */
export async function addToThread(db: Db, caseId: string, messageId: string, values: { lastInboundId?: string; address?: string }): Promise<void> {
  const thread = await threadOfCase(db, caseId);
  if (!thread) return;
  const refs = thread.references.includes(messageId) ? thread.references : [...thread.references, messageId];
  const bounded = refs.length > MAX_REFERENCES ? [refs[0], ...refs.slice(refs.length - MAX_REFERENCES + 1)] : refs;
  await db.update(emailThreads).set({ references: bounded, ...values, updatedAt: new Date() }).where(eq(emailThreads.caseId, caseId));
}

// ------------------------------------------------------------------------------------------ IMAP

export async function getImapState(db: Db, mailbox: string) {
  const [row] = await db.select().from(imapState).where(eq(imapState.mailbox, mailbox));
  return row;
}

export async function setImapState(db: Db, mailbox: string, uidValidity: number, lastUid: number): Promise<void> {
  await db
    .insert(imapState)
    .values({ mailbox, uidValidity, lastUid })
    .onConflictDoUpdate({
      target: imapState.mailbox,
      set: { uidValidity, lastUid, updatedAt: new Date() },
      // Never move backwards within one UIDVALIDITY (two pollers racing).
      where: sql`${imapState.uidValidity} <> ${uidValidity} or ${imapState.lastUid} < ${lastUid}`,
    });
}
