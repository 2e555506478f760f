// The knowledge base: articles in three languages, their revisions and votes, and the per-node search index.
// Other modules (assistant, help center, forum) use only the functions exported here.
import { createHash } from 'node:crypto';
import { isAgent, type Principal } from '../../kernel/auth.js';
import { isUniqueViolation } from '../../kernel/db/index.js';
import { moduleState, type Desk } from '../../kernel/desk.js';
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.js';
import { locales, type Locale } from '../../kernel/i18n.js';
import { getAgent } from '../identity/service.js';
import { faqEntries, renderMarkdown, type FaqEntry } from './markdown.js';
import { detectQueryLocale, KnowledgeIndex, type SearchHit } from './search.js';
import * as store from './store.js';

export type { FaqEntry } from './markdown.js';
export const FALLBACK_LOCALE: Locale = 'en';
export const articlePath = (locale: Locale, slug: string) => `/help/${locale}/articles/${slug}`;
export const categoryPath = (locale: Locale, slug: string) => `/help/${locale}/categories/${slug}`;

// ------------------------------------------------------------------------------------------ per-node catalog

/** What lists, links and the assistant need of an article, kept in memory next to the search index. */
export interface CatalogEntry {
  id: string;
  slug: string;
  category: string;
  visibility: 'public' | 'internal';
  intents: string[];
  related: string[];
  tags: string[];
  updatedAt: Date;
  translations: Partial<Record<Locale, { title: string; description: string; updatedAt: Date; version: string }>>;
}

interface KbState {
  index: KnowledgeIndex;
  catalog: Map<string, CatalogEntry>;
  bySlug: Map<string, string>;
  ready?: Promise<void>;
  /** Rendered HTML by article, locale and version: articles are read far more often than edited. */
  html: Map<string, string>;
  lastRefresh: number;
}

const KB = Symbol('kb.state');
const state = (desk: Desk) =>
  moduleState<KbState>(desk, KB, () => ({ index: new KnowledgeIndex(), catalog: new Map(), bySlug: new Map(), html: new Map(), lastRefresh: 0 }));

/**
 * How often a node looks for edits made on other nodes (the editing node updates its own index at once). A cheap
 * query of (article, locale, version) pairs; only what changed is reloaded.
 */
export const INDEX_REFRESH_MS = 10_000;

const isLocale = (l: string): l is Locale => (locales as readonly string[]).includes(l);

function applyArticle(desk: Desk, a: store.ArticleWithTranslations): void {
  const s = state(desk);
  const previous = s.catalog.get(a.id);
  if (previous && previous.slug !== a.slug) s.bySlug.delete(previous.slug);
  const entry: CatalogEntry = {
    id: a.id,
    slug: a.slug,
    category: a.category,
    visibility: a.visibility,
    intents: a.intents,
    related: a.related,
    tags: a.tags,
    updatedAt: a.updatedAt,
    translations: {},
  };
  for (const l of locales) {
    const t = a.translations.find((x) => x.locale === l);
    if (!t) {
      s.index.remove(a.id, l);
      continue;
    }
    entry.translations[l] = { title: t.title, description: t.description, updatedAt: t.updatedAt, version: `${a.version}.${t.version}` };
    s.index.upsert({
      id: a.id,
      slug: a.slug,
      locale: l,
      title: t.title,
      description: t.description,
      body: t.body,
      tags: t.tags,
      category: a.category,
      visibility: a.visibility,
      updatedAt: t.updatedAt,
    });
  }
  s.catalog.set(a.id, entry);
  s.bySlug.set(a.slug, a.id);
}

/** Builds this node's index from the database on first use (and at start); later calls wait for that one build. */
export async function ensureIndex(desk: Desk): Promise<KbState> {
  const s = state(desk);
  s.ready ??= (async () => {
    for (const a of await store.listArticles(desk.db, { includeInternal: true })) applyArticle(desk, a);
    s.lastRefresh = Date.now();
  })().catch((error) => {
    s.ready = undefined;
    throw error;
  });
  await s.ready;
  return s;
}

/** Reloads the articles whose version changed since this node last saw them; returns how many. */
export async function refreshIndex(desk: Desk): Promise<number> {
  const s = await ensureIndex(desk);
  const versions = await store.indexVersions(desk.db);
  const changed = new Set<string>();
  const translationsOf = new Map<string, number>();
  for (const v of versions) {
    translationsOf.set(v.articleId, (translationsOf.get(v.articleId) ?? 0) + 1);
    const known = s.catalog.get(v.articleId)?.translations[v.locale as Locale]?.version;
    if (known !== v.version) changed.add(v.articleId);
  }
  for (const [id, entry] of s.catalog) {
    const count = translationsOf.get(id);
    if (count === undefined) {
      s.index.remove(id);
      s.catalog.delete(id);
      s.bySlug.delete(entry.slug);
    } else if (count !== Object.keys(entry.translations).length) {
      // A translation that disappeared on another node also counts as a change.
      changed.add(id);
    }
  }
  if (changed.size) for (const a of await store.listArticles(desk.db, { includeInternal: true, ids: [...changed] })) applyArticle(desk, a);
  s.lastRefresh = Date.now();
  return changed.size;
}

async function reindex(desk: Desk, slug: string): Promise<store.ArticleWithTranslations> {
  const a = await store.findArticle(desk.db, slug);
  if (!a) throw notFound();
  await ensureIndex(desk);
  applyArticle(desk, a);
  return a;
}

/** Starts the refresh loop that picks up edits made on other nodes. */
export function startIndexRefresh(desk: Desk, everyMs = INDEX_REFRESH_MS): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refreshIndex(desk)
      .catch((error) => desk.log.warn({ err: error }, 'knowledge index refresh failed; will retry'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  desk.onStop(() => clearInterval(timer));
}

// ------------------------------------------------------------------------------------------ reading

const canSeeInternal = (p: Principal | undefined) => isAgent(p);

/** The catalog entries a principal may see, for lists and sitemaps. */
export async function catalog(desk: Desk, principal?: Principal): Promise<CatalogEntry[]> {
  const s = await ensureIndex(desk);
  const all = [...s.catalog.values()];
  return canSeeInternal(principal) ? all : all.filter((e) => e.visibility === 'public');
}

export interface ArticleLink {
  slug: string;
  title: string;
  description: string;
  locale: Locale;
  url: string;
  category: string;
  visibility: 'public' | 'internal';
  updatedAt: string;
}

/** An article's title in `locale`, or in English when it has no such translation. */
export function linkOf(entry: CatalogEntry, locale: Locale): ArticleLink | undefined {
  const shown = entry.translations[locale] ? locale : entry.translations[FALLBACK_LOCALE] ? FALLBACK_LOCALE : (Object.keys(entry.translations)[0] as Locale | undefined);
  if (!shown) return undefined;
  const t = entry.translations[shown]!;
  return {
    slug: entry.slug,
    title: t.title,
    description: t.description,
    locale: shown,
    url: articlePath(locale, entry.slug),
    category: entry.category,
    visibility: entry.visibility,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export interface CategoryView {
  slug: string;
  title: string;
  description: string;
  position: number;
  url: string;
  articleCount: number;
  articles: ArticleLink[];
}

export async function listCategoryViews(desk: Desk, locale: Locale, principal?: Principal): Promise<CategoryView[]> {
  const [categories, entries] = await Promise.all([store.listCategories(desk.db), catalog(desk, principal)]);
  return categories.map((c) => {
    const text = c.titles[locale] ?? c.titles[FALLBACK_LOCALE] ?? { title: c.slug, description: '' };
    const articles = entries
      .filter((e) => e.category === c.slug)
      .map((e) => linkOf(e, locale))
      .filter((l): l is ArticleLink => Boolean(l))
      .sort((a, b) => a.title.localeCompare(b.title, locale));
    return { slug: c.slug, title: text.title, description: text.description, position: c.position, url: categoryPath(locale, c.slug), articleCount: articles.length, articles };
  });
}

export interface ArticleView {
  id: string;
  slug: string;
  /** The language of the text returned: the requested one, or English when that translation is missing. */
  locale: Locale;
  requestedLocale: Locale;
  fallback: boolean;
  title: string;
  description: string;
  html: string;
  /** The Markdown source, for agents editing it. */
  markdown?: string;
  category: { slug: string; title: string };
  visibility: 'public' | 'internal';
  tags: string[];
  intents: string[];
  related: { slug: string; title: string; url: string }[];
  translations: Locale[];
  faq: FaqEntry[];
  helpful: store.VoteCounts;
  url: string;
  updatedAt: string;
  author?: string;
}

function ownHosts(desk: Desk): string[] {
  const url = desk.config.SAPA_PUBLIC_URL;
  try {
    return url ? [new URL(url).host.toLowerCase()] : [];
  } catch {
    return [];
  }
}

function renderedHtml(desk: Desk, a: store.ArticleRow, t: store.TranslationRow, locale: Locale): string {
  const cache = state(desk).html;
  const key = `${a.id}|${t.locale}|${a.version}.${t.version}|${locale}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderMarkdown(t.body, { articleBase: `/help/${locale}/articles/`, ownHosts: ownHosts(desk) });
    if (cache.size > 2000) cache.clear();
    cache.set(key, html);
  }
  return html;
}

/** An article as a reader in `locale` sees it; internal articles exist only for agents (404 for everyone else). */
export async function getArticle(desk: Desk, slug: string, locale: Locale, principal?: Principal): Promise<ArticleView> {
  const a = await store.findArticle(desk.db, slug);
  if (!a || (a.visibility === 'internal' && !canSeeInternal(principal))) throw notFound();
  const t = a.translations.find((x) => x.locale === locale) ?? a.translations.find((x) => x.locale === FALLBACK_LOCALE) ?? a.translations[0];
  if (!t) throw notFound();
  const shown = t.locale as Locale;
  const [categories, counts, s] = await Promise.all([store.listCategories(desk.db), store.voteCounts(desk.db, [a.id]), ensureIndex(desk)]);
  const cat = categories.find((c) => c.slug === a.category);
  const related = a.related
    .map((r) => s.catalog.get(s.bySlug.get(r) ?? ''))
    .filter((e): e is CatalogEntry => Boolean(e) && (e!.visibility === 'public' || canSeeInternal(principal)))
    .map((e) => linkOf(e, locale)!)
    .filter(Boolean)
    .map((l) => ({ slug: l.slug, title: l.title, url: l.url }));
  const agent = canSeeInternal(principal);
  return {
    id: a.id,
    slug: a.slug,
    locale: shown,
    requestedLocale: locale,
    fallback: shown !== locale,
    title: t.title,
    description: t.description,
    html: renderedHtml(desk, a, t, locale),
    ...(agent ? { markdown: t.body, author: t.author } : {}),
    category: { slug: a.category, title: cat ? (cat.titles[locale] ?? cat.titles[FALLBACK_LOCALE])?.title ?? a.category : a.category },
    visibility: a.visibility,
    tags: t.tags.length ? t.tags : a.tags,
    intents: a.intents,
    related,
    translations: a.translations.map((x) => x.locale).filter(isLocale),
    faq: faqEntries(t.body),
    helpful: counts.get(a.id) ?? { yes: 0, no: 0 },
    url: articlePath(locale, a.slug),
    // When the text last changed (settings changes such as visibility do not make an article newer to readers).
    updatedAt: t.updatedAt.toISOString(),
  };
}

export interface ArticleHit extends SearchHit {
  url: string;
}

/**
 * Search for the assistant, the help center and the API. `locale` undefined: the query's own language. Internal
 * articles only when asked for and the caller is an agent (the assistant never shows them to customers).
 */
export async function searchArticles(
  desk: Desk,
  q: string,
  locale?: Locale,
  opts: { limit?: number; includeInternal?: boolean; principal?: Principal } = {},
): Promise<ArticleHit[]> {
  const s = await ensureIndex(desk);
  const includeInternal = opts.includeInternal ?? canSeeInternal(opts.principal);
  const searchLocale = locale ?? detectQueryLocale(q);
  let hits = s.index.search(q, { locale: searchLocale, limit: opts.limit ?? 10, includeInternal });
  // A Chinese question on the English help center (or the reverse) still deserves answers: ask the query's language.
  if (!hits.length && locale) {
    const own = detectQueryLocale(q);
    if (own !== locale) hits = s.index.search(q, { locale: own, limit: opts.limit ?? 10, includeInternal });
  }
  return hits.map((h) => ({ ...h, url: articlePath(locale ?? h.locale, h.slug) }));
}

/** Public articles that answer an intent of the taxonomy, main intent first, in `locale` (English when missing). */
export async function articlesForIntent(desk: Desk, intent: string, locale: Locale): Promise<ArticleLink[]> {
  const entries = (await catalog(desk)).filter((e) => e.intents.includes(intent));
  entries.sort((a, b) => a.intents.indexOf(intent) - b.intents.indexOf(intent) || a.slug.localeCompare(b.slug));
  return entries.map((e) => linkOf(e, locale)).filter((l): l is ArticleLink => Boolean(l));
}

/** Public articles by slug, in the order given; one unpublished or deleted is left out. */
export async function articlesBySlug(desk: Desk, slugs: string[], locale: Locale): Promise<ArticleLink[]> {
  const entries = await catalog(desk);
  return slugs.flatMap((slug) => {
    const entry = entries.find((e) => e.slug === slug);
    const link = entry ? linkOf(entry, locale) : undefined;
    return link ? [link] : [];
  });
}

// What customers ask most (the taxonomy's busiest intents): the order of "popular" before votes say otherwise.
const MOST_ASKED = ['support_unreachable', 'topup_failed', 'account_locked', 'login_problem', 'funds_not_received', 'phishing_report', 'transfer_failed', 'payment_failed'];

/** Public articles readers found most helpful, the most-asked topics first while there are few votes. */
export async function popularArticles(desk: Desk, locale: Locale, limit = 6): Promise<ArticleLink[]> {
  const entries = await catalog(desk);
  const counts = await store.voteCounts(desk.db, entries.map((e) => e.id));
  const score = (e: CatalogEntry) => {
    const c = counts.get(e.id) ?? { yes: 0, no: 0 };
    const asked = MOST_ASKED.indexOf(e.intents[0] ?? '');
    return c.yes - c.no + (asked === -1 ? 0 : (MOST_ASKED.length - asked) / 10);
  };
  return entries
    .map((e) => ({ e, s: score(e) }))
    .sort((a, b) => b.s - a.s || a.e.slug.localeCompare(b.e.slug))
    .slice(0, limit)
    .map(({ e }) => linkOf(e, locale))
    .filter((l): l is ArticleLink => Boolean(l));
}

/** Titles and links of articles by slug (a forum reply's linked articles); unknown and internal ones are left out. */
export async function articleLinks(desk: Desk, slugs: string[], locale: Locale): Promise<ArticleLink[]> {
  const s = await ensureIndex(desk);
  return slugs
    .map((slug) => s.catalog.get(s.bySlug.get(slug) ?? ''))
    .filter((e): e is CatalogEntry => e?.visibility === 'public')
    .map((e) => linkOf(e, locale))
    .filter((l): l is ArticleLink => Boolean(l));
}

// Markdown emphasis and links as a chat shows them: plain words ("**Profile → Security**" → "Profile → Security").
const plainLine = (line: string) =>
  line
    .trim()
    .replace(/\*\*|__/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^[-*]\s+/, '• ');

/**
 * One section of a public article as plain lines: the first whose text has `mark` in it ("→" finds the steps of a
 * how-to, which name a menu path: "Profile → Security → …"), in `locale` or English. The assistant quotes it to a
 * customer, so its answer follows the article as agents edit it; none (no such section, or the article gone) leaves
 * the article's link alone to help.
 */
export async function articleSection(desk: Desk, slug: string, locale: Locale, mark: string): Promise<string[]> {
  const a = await store.findArticle(desk.db, slug);
  if (!a || a.visibility !== 'public') return [];
  const text = a.translations.find((x) => x.locale === locale) ?? a.translations.find((x) => x.locale === FALLBACK_LOCALE);
  const section = text?.body.split(/^##\s.*$/m).slice(1).find((part) => part.includes(mark));
  return section ? section.split('\n').map(plainLine).filter(Boolean) : [];
}

// ------------------------------------------------------------------------------------------ editing

export interface TranslationInput {
  title: string;
  description?: string;
  body: string;
  tags?: string[];
}

export interface NewArticleInput {
  slug: string;
  category: string;
  visibility?: 'public' | 'internal';
  intents?: string[];
  tags?: string[];
  related?: string[];
  translations: Partial<Record<Locale, TranslationInput>>;
  note?: string;
}

export interface ArticlePatch {
  category?: string;
  visibility?: 'public' | 'internal';
  intents?: string[];
  tags?: string[];
  related?: string[];
  translations?: Partial<Record<Locale, Partial<TranslationInput>>>;
  note?: string;
}

const authorOf = (p: Principal) => (p.kind === 'agent' ? `agent:${p.agentId}` : `${p.kind}`);
const cleanList = (list: string[] | undefined) => [...new Set((list ?? []).map((x) => x.trim()).filter(Boolean))];

async function checkReferences(desk: Desk, slug: string, category: string | undefined, related: string[] | undefined) {
  if (category !== undefined && !(await store.listCategories(desk.db)).some((c) => c.slug === category)) {
    throw unprocessable('unknown_category', { field: 'body.category', category });
  }
  if (related?.length) {
    if (related.includes(slug)) throw unprocessable('unknown_related_article', { field: 'body.related', slug });
    const found = new Set((await store.articlesBySlugs(desk.db, related)).map((a) => a.slug));
    const missing = related.filter((r) => !found.has(r));
    if (missing.length) throw unprocessable('unknown_related_article', { field: 'body.related', slug: missing.join(', ') });
  }
}

export async function createArticle(
  desk: Desk,
  principal: Principal,
  input: NewArticleInput,
  idempotencyKey?: string,
): Promise<{ created: boolean; article: ArticleView }> {
  const key = idempotencyKey ? `${authorOf(principal)}:${idempotencyKey}` : null;
  if (key) {
    const existing = await store.findArticleByCreationKey(desk.db, key);
    if (existing) return { created: false, article: await getArticle(desk, existing.slug, firstLocale(input), principal) };
  }
  const entries = Object.entries(input.translations).filter(([, t]) => t) as [Locale, TranslationInput][];
  if (!entries.length) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.translations', message: 'at least one translation' }]);
  const related = cleanList(input.related);
  await checkReferences(desk, input.slug, input.category, related);
  let row: store.ArticleRow | undefined;
  try {
    row = await store.insertArticle(
      desk.db,
      input.slug,
      { category: input.category, visibility: input.visibility ?? 'public', intents: cleanList(input.intents), tags: cleanList(input.tags), related },
      key,
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  if (!row) {
    const raced = key ? await store.findArticleByCreationKey(desk.db, key) : undefined;
    if (raced) return { created: false, article: await getArticle(desk, raced.slug, firstLocale(input), principal) };
    throw conflict('slug_taken', { field: 'body.slug', slug: input.slug });
  }
  for (const [locale, t] of entries) {
    await store.saveTranslation(desk.db, row.id, locale, { title: t.title, description: t.description ?? '', body: t.body, tags: cleanList(t.tags) }, authorOf(principal), input.note ?? null);
  }
  await reindex(desk, row.slug);
  return { created: true, article: await getArticle(desk, row.slug, firstLocale(input), principal) };
}

const firstLocale = (input: { translations?: Partial<Record<Locale, unknown>> }): Locale =>
  input.translations?.en ? 'en' : ((Object.keys(input.translations ?? {})[0] as Locale | undefined) ?? FALLBACK_LOCALE);

/** Changes an article; every translation whose text changes gets a revision holding the previous text. */
export async function updateArticle(desk: Desk, principal: Principal, slug: string, patch: ArticlePatch, locale?: Locale): Promise<ArticleView> {
  const a = await store.findArticle(desk.db, slug);
  if (!a) throw notFound();
  const author = authorOf(principal);
  const related = patch.related === undefined ? undefined : cleanList(patch.related);
  await checkReferences(desk, slug, patch.category, related);
  const fields: Partial<store.ArticleFields> = {};
  const changes: string[] = [];
  const set = <K extends keyof store.ArticleFields>(k: K, v: store.ArticleFields[K] | undefined) => {
    if (v === undefined || JSON.stringify(v) === JSON.stringify(a[k])) return;
    fields[k] = v;
    changes.push(`${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(v)}`);
  };
  set('category', patch.category);
  set('visibility', patch.visibility);
  set('intents', patch.intents === undefined ? undefined : cleanList(patch.intents));
  set('tags', patch.tags === undefined ? undefined : cleanList(patch.tags));
  set('related', related);

  const translationUpdates: [Locale, store.TranslationFields][] = [];
  for (const [l, t] of Object.entries(patch.translations ?? {}) as [Locale, Partial<TranslationInput> | undefined][]) {
    if (!t) continue;
    const before = a.translations.find((x) => x.locale === l);
    const title = t.title ?? before?.title;
    const body = t.body ?? before?.body;
    if (!title || !body) {
      throw new AppError(400, 'invalid_input', undefined, [{ field: `body.translations.${l}`, message: 'a new translation needs a title and a body' }]);
    }
    translationUpdates.push([l, { title, body, description: t.description ?? before?.description ?? '', tags: t.tags === undefined ? (before?.tags ?? []) : cleanList(t.tags) }]);
  }

  if (changes.length) {
    await store.updateArticleFields(desk.db, a.id, fields);
    // Changes of the article's settings are part of its history too (locale "*": not a translation's text).
    await store.recordSettingsRevision(desk.db, a.id, author, [patch.note, ...changes].filter(Boolean).join('\n'));
  }
  for (const [l, t] of translationUpdates) await store.saveTranslation(desk.db, a.id, l, t, author, patch.note ?? null);
  await reindex(desk, slug);
  return getArticle(desk, slug, locale ?? firstLocale(patch), principal);
}

export interface RevisionView {
  id: string;
  locale: string;
  author: { kind: 'agent' | 'import' | 'system'; id: string | null; name: string | null };
  note: string | null;
  createdAt: string;
  /** The text this revision replaced; null when it created the translation (or changed settings only). */
  previous: { title: string; description: string; body: string; tags: string[] } | null;
}

export async function listRevisions(desk: Desk, slug: string, limit = 50, cursor?: string): Promise<{ items: RevisionView[]; nextCursor: string | null }> {
  const a = await store.findArticle(desk.db, slug);
  if (!a) throw notFound();
  let before: { at: Date; id: string } | undefined;
  if (cursor) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!id || Number.isNaN(Date.parse(at))) throw new AppError(400, 'invalid_input', undefined, [{ field: 'query.cursor', message: 'unknown cursor' }]);
    before = { at: new Date(at), id };
  }
  const capped = Math.min(Math.max(limit, 1), 200);
  const rows = await store.listRevisions(desk.db, a.id, capped + 1, before);
  const page = rows.slice(0, capped);
  const names = new Map<string, string | null>();
  for (const r of page) {
    if (r.author.startsWith('agent:') && !names.has(r.author)) names.set(r.author, (await getAgent(desk, r.author.slice(6)))?.name ?? null);
  }
  const items = page.map((r): RevisionView => {
    const agentId = r.author.startsWith('agent:') ? r.author.slice(6) : null;
    return {
      id: r.id,
      locale: r.locale,
      author: { kind: agentId ? 'agent' : r.author === 'import' ? 'import' : 'system', id: agentId, name: agentId ? (names.get(r.author) ?? null) : null },
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      previous:
        r.previousBody === null
          ? null
          : { title: r.previousTitle ?? '', description: r.previousDescription ?? '', body: r.previousBody, tags: r.previousTags ?? [] },
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > capped && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null };
}

// ------------------------------------------------------------------------------------------ votes

/** A random id the help center gives a browser that votes without signing in (so people behind one NAT each count). */
export const VOTER_COOKIE = 'sapa_vid';

/**
 * Who is voting: the customer, the widget visitor or agent, else a browser's vote cookie, else a hash of the IP
 * address (the address itself is never stored).
 */
export function voterKey(principal: Principal | undefined, ip: string, browserId?: string): string {
  if (principal?.kind === 'customer') return `customer:${principal.customerId}`;
  if (principal?.kind === 'visitor') return `visitor:${principal.visitorId}`;
  if (principal?.kind === 'agent') return `agent:${principal.agentId}`;
  if (browserId && /^[A-Za-z0-9_-]{16,64}$/.test(browserId)) return `browser:${browserId}`;
  return `ip:${createHash('sha256').update(`sapa-kb-vote|${ip}`).digest('hex').slice(0, 32)}`;
}

export async function voteOnArticle(
  desk: Desk,
  slug: string,
  input: { helpful: boolean; locale: Locale; voterKey: string; idempotencyKey?: string; principal?: Principal },
): Promise<{ created: boolean; helpful: boolean; counts: store.VoteCounts }> {
  const a = await store.findArticle(desk.db, slug);
  if (!a || (a.visibility === 'internal' && !canSeeInternal(input.principal))) throw notFound();
  const vote = await store.castVote(desk.db, { articleId: a.id, voterKey: input.voterKey, locale: input.locale, helpful: input.helpful, idempotencyKey: input.idempotencyKey ?? null });
  const counts = (await store.voteCounts(desk.db, [a.id])).get(a.id) ?? { yes: 0, no: 0 };
  return { ...vote, counts };
}
