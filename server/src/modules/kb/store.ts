import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '../../kernel/db/index.js';
import { kbArticles, kbCategories, kbRevisions, kbTranslations, kbVotes, type CategoryTitles } from './schema.js';

export type ArticleRow = typeof kbArticles.$inferSelect;
export type TranslationRow = typeof kbTranslations.$inferSelect;
export type RevisionRow = typeof kbRevisions.$inferSelect;
export type CategoryRow = typeof kbCategories.$inferSelect;

export interface ArticleWithTranslations extends ArticleRow {
  translations: TranslationRow[];
}

// ------------------------------------------------------------------------------------------ categories

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(kbCategories).orderBy(asc(kbCategories.position), asc(kbCategories.slug));
}

/** JSON with sorted keys: jsonb stores keys in its own order, so a plain stringify would see changes that are not. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Creates or replaces a category; true when something changed. */
export async function upsertCategory(db: Db, slug: string, position: number, titles: CategoryTitles): Promise<boolean> {
  const [before] = await db.select().from(kbCategories).where(eq(kbCategories.slug, slug));
  if (before && before.position === position && canonicalJson(before.titles) === canonicalJson(titles)) return false;
  await db
    .insert(kbCategories)
    .values({ slug, position, titles })
    .onConflictDoUpdate({ target: kbCategories.slug, set: { position, titles, updatedAt: new Date() } });
  return true;
}

// ------------------------------------------------------------------------------------------ articles

async function withTranslations(db: Db, articles: ArticleRow[]): Promise<ArticleWithTranslations[]> {
  if (!articles.length) return [];
  const translations = await db.select().from(kbTranslations).where(inArray(kbTranslations.articleId, articles.map((a) => a.id)));
  const byArticle = new Map<string, TranslationRow[]>();
  for (const t of translations) byArticle.set(t.articleId, [...(byArticle.get(t.articleId) ?? []), t]);
  return articles.map((a) => ({ ...a, translations: byArticle.get(a.id) ?? [] }));
}

export async function findArticle(db: Db, slug: string): Promise<ArticleWithTranslations | undefined> {
  const [row] = await db.select().from(kbArticles).where(eq(kbArticles.slug, slug));
  return row ? (await withTranslations(db, [row]))[0] : undefined;
}

export async function findArticleByCreationKey(db: Db, key: string): Promise<ArticleWithTranslations | undefined> {
  const [row] = await db.select().from(kbArticles).where(eq(kbArticles.creationKey, key));
  return row ? (await withTranslations(db, [row]))[0] : undefined;
}

export async function listArticles(db: Db, filter: { category?: string; includeInternal: boolean; ids?: string[] }): Promise<ArticleWithTranslations[]> {
  const conditions = [];
  if (filter.category) conditions.push(eq(kbArticles.category, filter.category));
  if (!filter.includeInternal) conditions.push(eq(kbArticles.visibility, 'public'));
  if (filter.ids) conditions.push(filter.ids.length ? inArray(kbArticles.id, filter.ids) : sql`false`);
  const rows = await db
    .select()
    .from(kbArticles)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(kbArticles.slug));
  return withTranslations(db, rows);
}

export async function articlesBySlugs(db: Db, slugs: string[]): Promise<ArticleWithTranslations[]> {
  if (!slugs.length) return [];
  return withTranslations(db, await db.select().from(kbArticles).where(inArray(kbArticles.slug, slugs)));
}

export async function articlesWithIntent(db: Db, intent: string): Promise<ArticleWithTranslations[]> {
  const rows = await db
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.visibility, 'public'), sql`${intent} = any(${kbArticles.intents})`));
  return withTranslations(db, rows);
}

/** (article, locale) → version: what the search index compares to find edits made on other nodes. */
export async function indexVersions(db: Db): Promise<{ articleId: string; locale: string; version: string }[]> {
  const rows = await db
    .select({ articleId: kbTranslations.articleId, locale: kbTranslations.locale, av: kbArticles.version, tv: kbTranslations.version })
    .from(kbTranslations)
    .innerJoin(kbArticles, eq(kbArticles.id, kbTranslations.articleId));
  return rows.map((r) => ({ articleId: r.articleId, locale: r.locale, version: `${r.av}.${r.tv}` }));
}

export interface ArticleFields {
  category: string;
  visibility: 'public' | 'internal';
  intents: string[];
  tags: string[];
  related: string[];
}

export interface TranslationFields {
  title: string;
  description: string;
  body: string;
  tags: string[];
}

export async function insertArticle(db: Db, slug: string, fields: ArticleFields, creationKey: string | null): Promise<ArticleRow | undefined> {
  const [row] = await db
    .insert(kbArticles)
    .values({ id: randomUUID(), slug, ...fields, creationKey })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateArticleFields(db: Db, id: string, fields: Partial<ArticleFields>): Promise<void> {
  await db
    .update(kbArticles)
    .set({ ...fields, version: sql`${kbArticles.version} + 1`, updatedAt: new Date() })
    .where(eq(kbArticles.id, id));
}

const sameTags = (a: readonly string[] | null, b: readonly string[]) => (a ?? []).join('\u0000') === b.join('\u0000');

/**
 * Writes one translation and, in the same transaction, the revision holding the text it replaced. Returns what
 * happened; an identical text is left alone (no revision, no version bump).
 */
export async function saveTranslation(
  db: Db,
  articleId: string,
  locale: string,
  next: TranslationFields,
  author: string,
  note: string | null,
  options: { updatedAt?: Date; onlyIfAuthor?: string } = {},
): Promise<'created' | 'updated' | 'unchanged' | 'kept'> {
  try {
    return await writeTranslation(db, articleId, locale, next, author, note, options);
  } catch (error) {
    // Two writers created the same new translation at once (nodes seeding together): the second one now updates.
    if (!isUniqueViolation(error)) throw error;
    return writeTranslation(db, articleId, locale, next, author, note, options);
  }
}

async function writeTranslation(
  db: Db,
  articleId: string,
  locale: string,
  next: TranslationFields,
  author: string,
  note: string | null,
  options: { updatedAt?: Date; onlyIfAuthor?: string },
): Promise<'created' | 'updated' | 'unchanged' | 'kept'> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(kbTranslations)
      .where(and(eq(kbTranslations.articleId, articleId), eq(kbTranslations.locale, locale)))
      .for('update');
    if (before && before.title === next.title && before.description === next.description && before.body === next.body && sameTags(before.tags, next.tags)) {
      return 'unchanged';
    }
    // Imports do not overwrite a translation that a person has edited since.
    if (before && options.onlyIfAuthor && before.author !== options.onlyIfAuthor) return 'kept';
    const updatedAt = options.updatedAt ?? new Date();
    if (before) {
      await tx
        .update(kbTranslations)
        .set({ ...next, author, updatedAt, version: sql`${kbTranslations.version} + 1` })
        .where(and(eq(kbTranslations.articleId, articleId), eq(kbTranslations.locale, locale)));
    } else {
      await tx.insert(kbTranslations).values({ articleId, locale, ...next, author, updatedAt });
    }
    await tx.insert(kbRevisions).values({
      id: randomUUID(),
      articleId,
      locale,
      author,
      note,
      previousTitle: before?.title ?? null,
      previousDescription: before?.description ?? null,
      previousBody: before?.body ?? null,
      previousTags: before?.tags ?? null,
    });
    await tx
      .update(kbArticles)
      .set({ version: sql`${kbArticles.version} + 1`, updatedAt: new Date() })
      .where(eq(kbArticles.id, articleId));
    return before ? 'updated' : 'created';
  });
}

export async function listRevisions(db: Db, articleId: string, limit: number, before?: { at: Date; id: string }): Promise<RevisionRow[]> {
  return db
    .select()
    .from(kbRevisions)
    .where(
      and(
        eq(kbRevisions.articleId, articleId),
        before ? or(lt(kbRevisions.createdAt, before.at), and(eq(kbRevisions.createdAt, before.at), lt(kbRevisions.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(kbRevisions.createdAt), desc(kbRevisions.id))
    .limit(limit);
}

// ------------------------------------------------------------------------------------------ votes

export interface VoteCounts {
  yes: number;
  no: number;
}

export async function voteCounts(db: Db, articleIds: string[]): Promise<Map<string, VoteCounts>> {
  const out = new Map<string, VoteCounts>();
  if (!articleIds.length) return out;
  const rows = await db
    .select({ articleId: kbVotes.articleId, helpful: kbVotes.helpful, n: sql<number>`count(*)::int` })
    .from(kbVotes)
    .where(inArray(kbVotes.articleId, articleIds))
    .groupBy(kbVotes.articleId, kbVotes.helpful);
  for (const r of rows) {
    const c = out.get(r.articleId) ?? { yes: 0, no: 0 };
    if (r.helpful) c.yes += Number(r.n);
    else c.no += Number(r.n);
    out.set(r.articleId, c);
  }
  return out;
}

/**
 * One vote per voter and article: a later vote replaces the earlier one, except that repeating the same
 * Idempotency-Key returns the original vote untouched. Returns whether a new row was made.
 */
export async function castVote(
  db: Db,
  v: { articleId: string; voterKey: string; locale: string; helpful: boolean; idempotencyKey: string | null },
): Promise<{ created: boolean; helpful: boolean }> {
  const [existing] = await db.select().from(kbVotes).where(and(eq(kbVotes.articleId, v.articleId), eq(kbVotes.voterKey, v.voterKey)));
  if (existing && v.idempotencyKey && existing.idempotencyKey === v.idempotencyKey) return { created: false, helpful: existing.helpful };
  const [row] = await db
    .insert(kbVotes)
    .values(v)
    .onConflictDoUpdate({
      target: [kbVotes.articleId, kbVotes.voterKey],
      set: { helpful: v.helpful, locale: v.locale, idempotencyKey: v.idempotencyKey, updatedAt: new Date() },
    })
    .returning();
  return { created: !existing, helpful: row.helpful };
}

/** A change of an article's settings (category, visibility, intents, …), described in `note`. */
export async function recordSettingsRevision(db: Db, articleId: string, author: string, note: string): Promise<void> {
  await db.insert(kbRevisions).values({ id: randomUUID(), articleId, locale: '*', author, note });
}
