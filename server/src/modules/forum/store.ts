import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '../../kernel/db/index.js';
import { settings } from '../../kernel/db/schema.js';
import { forumModeration, forumReplies, forumReports, forumTopics, forumVotes } from './schema.js';

export type TopicRow = typeof forumTopics.$inferSelect;
export type ReplyRow = typeof forumReplies.$inferSelect;
export type ReportRow = typeof forumReports.$inferSelect;
export type Target = 'topic' | 'reply';

// Short, readable topic ids for URLs people share (no 0/o, 1/l).
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export function newTopicId(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Who may see a post: everyone sees published ones; the author also their held and hidden ones; agents all. */
export interface Reader {
  agent: boolean;
  customerId?: string;
  agentId?: string;
}

function visibleTopic(r: Reader): SQL | undefined {
  if (r.agent) return undefined;
  return r.customerId ? or(eq(forumTopics.state, 'published'), eq(forumTopics.customerId, r.customerId)) : eq(forumTopics.state, 'published');
}

function visibleReply(r: Reader): SQL | undefined {
  if (r.agent) return undefined;
  return r.customerId ? or(eq(forumReplies.state, 'published'), eq(forumReplies.customerId, r.customerId)) : eq(forumReplies.state, 'published');
}

// ------------------------------------------------------------------------------------------ topics

export type NewTopic = Omit<typeof forumTopics.$inferInsert, 'id'>;

export async function insertTopic(db: Db, t: NewTopic): Promise<TopicRow | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db.insert(forumTopics).values({ id: newTopicId(), ...t }).returning();
      return row;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt > 3) throw error;
      if (t.creationKey && (await topicByCreationKey(db, t.creationKey))) return undefined;
    }
  }
}

export async function topicByCreationKey(db: Db, key: string): Promise<TopicRow | undefined> {
  const [row] = await db.select().from(forumTopics).where(eq(forumTopics.creationKey, key));
  return row;
}

export async function getTopic(db: Db, id: string, reader?: Reader): Promise<TopicRow | undefined> {
  const [row] = await db
    .select()
    .from(forumTopics)
    .where(and(eq(forumTopics.id, id), reader ? visibleTopic(reader) : undefined));
  return row;
}

export interface TopicFilter {
  locale?: string;
  sort: 'latest' | 'top' | 'unanswered';
  tag?: string;
  q?: string;
  limit: number;
  offset: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listTopics(db: Db, reader: Reader, f: TopicFilter): Promise<TopicRow[]> {
  const conditions: (SQL | undefined)[] = [visibleTopic(reader)];
  if (f.locale) conditions.push(eq(forumTopics.locale, f.locale));
  if (f.tag) conditions.push(sql`${f.tag} = any(${forumTopics.tags})`);
  if (f.sort === 'unanswered') conditions.push(and(eq(forumTopics.replyCount, 0), isNull(forumTopics.acceptedReplyId)));
  // Every word must appear in the title, the body or a published reply (ILIKE works for Chinese as it is).
  for (const word of (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 6)) {
    const like = `%${escapeLike(word)}%`;
    conditions.push(
      or(
        ilike(forumTopics.title, like),
        ilike(forumTopics.body, like),
        sql`exists (select 1 from ${forumReplies} where ${forumReplies.topicId} = ${forumTopics.id} and ${forumReplies.state} = 'published' and ${forumReplies.body} ilike ${like})`,
      ),
    );
  }
  const order =
    f.sort === 'top'
      ? [desc(forumTopics.score), desc(forumTopics.replyCount), desc(forumTopics.lastActivityAt)]
      : f.sort === 'unanswered'
        ? [desc(forumTopics.createdAt)]
        : [desc(forumTopics.pinned), desc(forumTopics.lastActivityAt)];
  return db
    .select()
    .from(forumTopics)
    .where(and(...conditions))
    .orderBy(...order, asc(forumTopics.id))
    .limit(f.limit)
    .offset(f.offset);
}

export async function updateTopic(db: Db, id: string, values: Partial<TopicRow>): Promise<TopicRow | undefined> {
  const [row] = await db
    .update(forumTopics)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(forumTopics.id, id))
    .returning();
  return row;
}

/** Links the case opened from a topic, once: a second agent's click finds the first case. */
export async function linkCase(db: Db, id: string, caseId: string, reference: string): Promise<boolean> {
  const rows = await db
    .update(forumTopics)
    .set({ caseId, caseReference: reference, updatedAt: new Date() })
    .where(and(eq(forumTopics.id, id), isNull(forumTopics.caseId)))
    .returning({ id: forumTopics.id });
  return rows.length > 0;
}

export async function popularTags(db: Db, locale: string, limit: number): Promise<{ tag: string; count: number }[]> {
  const result = (await db.execute(sql`
    select tag, count(*)::int as count from ${forumTopics}, unnest(${forumTopics.tags}) as tag
    where ${forumTopics.locale} = ${locale} and ${forumTopics.state} = 'published'
    group by tag order by count desc, tag asc limit ${limit}`)) as unknown as { rows: { tag: string; count: number }[] };
  return result.rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

export async function publishedTopicsForSitemap(db: Db): Promise<{ id: string; locale: string; lastActivityAt: Date }[]> {
  return db
    .select({ id: forumTopics.id, locale: forumTopics.locale, lastActivityAt: forumTopics.lastActivityAt })
    .from(forumTopics)
    .where(eq(forumTopics.state, 'published'))
    .orderBy(desc(forumTopics.lastActivityAt))
    .limit(45_000);
}

// ------------------------------------------------------------------------------------------ replies

export type NewReply = Omit<typeof forumReplies.$inferInsert, 'id'>;

export async function insertReply(db: Db, r: NewReply): Promise<ReplyRow | undefined> {
  const [row] = await db
    .insert(forumReplies)
    .values({ id: randomUUID(), ...r })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function replyByCreationKey(db: Db, key: string): Promise<ReplyRow | undefined> {
  const [row] = await db.select().from(forumReplies).where(eq(forumReplies.creationKey, key));
  return row;
}

export async function getReply(db: Db, id: string, reader?: Reader): Promise<ReplyRow | undefined> {
  const [row] = await db
    .select()
    .from(forumReplies)
    .where(and(eq(forumReplies.id, id), reader ? visibleReply(reader) : undefined));
  return row;
}

export async function listReplies(db: Db, topicId: string, reader: Reader): Promise<ReplyRow[]> {
  return db
    .select()
    .from(forumReplies)
    .where(and(eq(forumReplies.topicId, topicId), visibleReply(reader)))
    .orderBy(asc(forumReplies.createdAt), asc(forumReplies.id))
    .limit(500);
}

export async function updateReply(db: Db, id: string, values: Partial<ReplyRow>): Promise<ReplyRow | undefined> {
  const [row] = await db
    .update(forumReplies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(forumReplies.id, id))
    .returning();
  return row;
}

/** Recounts a topic's published replies and its last activity after replies change. */
export async function refreshReplyStats(db: Db, topicId: string): Promise<void> {
  await db.execute(sql`
    update ${forumTopics} set
      reply_count = (select count(*) from ${forumReplies} where ${forumReplies.topicId} = ${topicId} and ${forumReplies.state} = 'published'),
      last_activity_at = greatest(${forumTopics.createdAt}, coalesce((select max(${forumReplies.createdAt}) from ${forumReplies} where ${forumReplies.topicId} = ${topicId} and ${forumReplies.state} = 'published'), ${forumTopics.createdAt}))
    where ${forumTopics.id} = ${topicId}`);
}

// ------------------------------------------------------------------------------------------ guards' lookups

/** An account's posts since a time (topics and replies), newest first, for rate limits and repeated-text checks. */
export async function recentPostsBy(db: Db, customerId: string, since: Date): Promise<{ body: string; createdAt: Date }[]> {
  const [topics, replies] = await Promise.all([
    db.select({ body: forumTopics.body, createdAt: forumTopics.createdAt }).from(forumTopics).where(and(eq(forumTopics.customerId, customerId), gt(forumTopics.createdAt, since))),
    db.select({ body: forumReplies.body, createdAt: forumReplies.createdAt }).from(forumReplies).where(and(eq(forumReplies.customerId, customerId), gt(forumReplies.createdAt, since))),
  ]);
  return [...topics, ...replies].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** How many other accounts posted exactly this text since a time (copy-paste spam). */
export async function othersWithSameBody(db: Db, customerId: string, body: string, since: Date): Promise<number> {
  const normal = sql`lower(regexp_replace(trim(${body}), '\\s+', ' ', 'g'))`;
  const result = (await db.execute(sql`
    select count(distinct author)::int as n from (
      select ${forumTopics.customerId} as author from ${forumTopics}
        where ${forumTopics.createdAt} > ${since} and ${forumTopics.customerId} <> ${customerId}
          and lower(regexp_replace(trim(${forumTopics.body}), '\\s+', ' ', 'g')) = ${normal}
      union all
      select ${forumReplies.customerId} from ${forumReplies}
        where ${forumReplies.createdAt} > ${since} and ${forumReplies.customerId} <> ${customerId}
          and lower(regexp_replace(trim(${forumReplies.body}), '\\s+', ' ', 'g')) = ${normal}
    ) x`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

// ------------------------------------------------------------------------------------------ votes

/** Sets (value ±1) or clears (0) a vote and returns the post's new score. */
export async function setVote(db: Db, target: Target, id: string, voterKey: string, value: -1 | 0 | 1): Promise<number> {
  return db.transaction(async (tx) => {
    if (value === 0) {
      await tx.delete(forumVotes).where(and(eq(forumVotes.targetKind, target), eq(forumVotes.targetId, id), eq(forumVotes.voterKey, voterKey)));
    } else {
      await tx
        .insert(forumVotes)
        .values({ targetKind: target, targetId: id, voterKey, value })
        .onConflictDoUpdate({ target: [forumVotes.targetKind, forumVotes.targetId, forumVotes.voterKey], set: { value } });
    }
    const [sum] = await tx
      .select({ score: sql<number>`coalesce(sum(${forumVotes.value}), 0)::int` })
      .from(forumVotes)
      .where(and(eq(forumVotes.targetKind, target), eq(forumVotes.targetId, id)));
    const score = Number(sum?.score ?? 0);
    if (target === 'topic') await tx.update(forumTopics).set({ score }).where(eq(forumTopics.id, id));
    else await tx.update(forumReplies).set({ score }).where(eq(forumReplies.id, id));
    return score;
  });
}

export async function votesBy(db: Db, voterKey: string, targets: { kind: Target; ids: string[] }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const { kind, ids } of targets) {
    if (!ids.length) continue;
    const rows = await db
      .select({ id: forumVotes.targetId, value: forumVotes.value })
      .from(forumVotes)
      .where(and(eq(forumVotes.targetKind, kind), eq(forumVotes.voterKey, voterKey), inArray(forumVotes.targetId, ids)));
    for (const r of rows) out.set(`${kind}:${r.id}`, r.value);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ reports and moderation

/** Files a report once per reporter and post; returns the number of distinct open reports on the post. */
export async function addReport(
  db: Db,
  r: { targetKind: Target; targetId: string; topicId: string; reporterKey: string; reason: ReportRow['reason']; note: string | null },
): Promise<number> {
  await db
    .insert(forumReports)
    .values({ id: randomUUID(), ...r })
    .onConflictDoNothing();
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(forumReports)
    .where(and(eq(forumReports.targetKind, r.targetKind), eq(forumReports.targetId, r.targetId), isNull(forumReports.resolvedAt)));
  return Number(count?.n ?? 0);
}

export async function resolveReports(db: Db, target: Target, id: string, actor: string): Promise<void> {
  await db
    .update(forumReports)
    .set({ resolvedAt: new Date(), resolvedBy: actor })
    .where(and(eq(forumReports.targetKind, target), eq(forumReports.targetId, id), isNull(forumReports.resolvedAt)));
}

export async function openReports(db: Db, limit: number): Promise<ReportRow[]> {
  return db.select().from(forumReports).where(isNull(forumReports.resolvedAt)).orderBy(asc(forumReports.createdAt)).limit(limit);
}

export async function heldPosts(db: Db, limit: number): Promise<{ topics: TopicRow[]; replies: ReplyRow[] }> {
  const [topics, replies] = await Promise.all([
    db.select().from(forumTopics).where(eq(forumTopics.state, 'held')).orderBy(asc(forumTopics.createdAt)).limit(limit),
    db.select().from(forumReplies).where(eq(forumReplies.state, 'held')).orderBy(asc(forumReplies.createdAt)).limit(limit),
  ]);
  return { topics, replies };
}

export async function logModeration(db: Db, target: Target, id: string, action: string, actor: string, note: string | null): Promise<void> {
  await db.insert(forumModeration).values({ id: randomUUID(), targetKind: target, targetId: id, action, actor, note });
}

export async function moderationLog(db: Db, target: Target, id: string): Promise<(typeof forumModeration.$inferSelect)[]> {
  return db
    .select()
    .from(forumModeration)
    .where(and(eq(forumModeration.targetKind, target), eq(forumModeration.targetId, id)))
    .orderBy(asc(forumModeration.createdAt));
}

// ------------------------------------------------------------------------------------------ settings

const OFFICIAL_KEY = 'forum.officialChannels';

export async function readOfficialChannels(db: Db): Promise<{ domains: string[]; phones: string[] } | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, OFFICIAL_KEY));
  return row?.value as { domains: string[]; phones: string[] } | undefined;
}

export async function writeOfficialChannels(db: Db, value: { domains: string[]; phones: string[] }): Promise<void> {
  await db
    .insert(settings)
    .values({ key: OFFICIAL_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
