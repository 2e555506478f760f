// Loads the knowledge base's Markdown articles: one folder per article, one file per locale, each
// with YAML front matter validated here so that a typo in a file fails loudly and names the file.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { z } from 'zod';
import type { Locale, SearchableArticle } from './search.js';

export const ARTICLE_LOCALES: readonly Locale[] = ['zh-CN', 'id-ID', 'en'];

export const ARTICLE_CATEGORIES = [
  'getting-help',
  'payments-and-top-up',
  'account-and-security',
  'complaints-and-evidence',
  'status-and-troubleshooting',
] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

// The intent ids of /work/shared/taxonomy.md that an article may answer (out_of_scope never is).
export const ARTICLE_INTENTS = [
  'topup_failed',
  'payment_failed',
  'transfer_failed',
  'funds_not_received',
  'unauthorized_transaction',
  'account_locked',
  'login_problem',
  'security_setup',
  'phishing_report',
  'support_unreachable',
  'app_problem',
  'service_status',
  'contact_channels',
  'service_hours',
  'human_agent',
  'complaint',
  'update_account_info',
  'case_followup',
] as const;
export type ArticleIntent = (typeof ARTICLE_INTENTS)[number];

export type Visibility = 'public' | 'internal';

export interface ArticleTranslation {
  title: string;
  description: string;
  body: string;
  /** Search keywords in this locale's language. */
  tags: string[];
}

export interface ArticleSource {
  slug: string;
  category: ArticleCategory;
  visibility: Visibility;
  intents: ArticleIntent[];
  related: string[];
  /** The English file's tags (the translations carry their own). */
  tags: string[];
  updated: Date;
  translations: Record<Locale, ArticleTranslation>;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const FrontMatter = z.strictObject({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1).max(300),
  category: z.enum(ARTICLE_CATEGORIES),
  tags: z.array(z.string().trim().min(1)).default([]),
  visibility: z.enum(['public', 'internal']).default('public'),
  intents: z.array(z.enum(ARTICLE_INTENTS)).default([]),
  related: z.array(z.string().regex(SLUG)).default([]),
  // YAML reads 2026-11-20 as a Date; a quoted string is accepted too.
  updated: z.union([z.date(), z.iso.date().transform((s) => new Date(`${s}T00:00:00Z`))]),
});
type FrontMatter = z.infer<typeof FrontMatter>;

export class ArticleContentError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ArticleContentError';
  }
}

async function readTranslation(file: string): Promise<{ fm: FrontMatter; body: string }> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new ArticleContentError(file, 'missing translation file');
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object stops gray-matter from caching by content (its cache ignores errors).
    parsed = matter(raw, {});
  } catch (e) {
    throw new ArticleContentError(file, `front matter is not valid YAML: ${(e as Error).message}`);
  }
  const result = FrontMatter.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`);
    throw new ArticleContentError(file, `invalid front matter: ${problems.join('; ')}`);
  }
  const body = parsed.content.trim();
  if (!body) throw new ArticleContentError(file, 'the article has no body');
  return { fm: result.data, body };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Reads every article folder under `dir` (`<slug>/en.md`, `id-ID.md`, `zh-CN.md`). Fields that
 * describe the article rather than its wording (category, visibility, intents, related, updated)
 * must agree across the three files; `related` must name existing articles.
 */
export async function loadArticleFolder(dir: string): Promise<ArticleSource[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const slugs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const articles: ArticleSource[] = [];
  for (const slug of slugs) {
    const folder = join(dir, slug);
    if (!SLUG.test(slug)) throw new ArticleContentError(folder, 'folder name is not a valid slug (a-z, 0-9, -)');
    const loaded = {} as Record<Locale, { fm: FrontMatter; body: string }>;
    for (const locale of ARTICLE_LOCALES) loaded[locale] = await readTranslation(join(folder, `${locale}.md`));
    const en = loaded.en.fm;
    for (const locale of ARTICLE_LOCALES) {
      const fm = loaded[locale].fm;
      const file = join(folder, `${locale}.md`);
      if (fm.category !== en.category) throw new ArticleContentError(file, `category differs from en.md (${en.category})`);
      if (fm.visibility !== en.visibility) throw new ArticleContentError(file, 'visibility differs from en.md');
      if (!sameList(fm.intents, en.intents)) throw new ArticleContentError(file, 'intents differ from en.md');
      if (!sameList(fm.related, en.related)) throw new ArticleContentError(file, 'related differs from en.md');
      if (fm.updated.getTime() !== en.updated.getTime()) throw new ArticleContentError(file, 'updated differs from en.md');
    }
    const translations = {} as Record<Locale, ArticleTranslation>;
    for (const locale of ARTICLE_LOCALES) {
      const { fm, body } = loaded[locale];
      translations[locale] = { title: fm.title, description: fm.description, body, tags: fm.tags };
    }
    articles.push({
      slug,
      category: en.category,
      visibility: en.visibility,
      intents: en.intents,
      related: en.related,
      tags: en.tags,
      updated: en.updated,
      translations,
    });
  }
  const known = new Set(articles.map((a) => a.slug));
  for (const a of articles) {
    for (const r of a.related) {
      if (!known.has(r)) throw new ArticleContentError(join(dir, a.slug, 'en.md'), `related article "${r}" does not exist`);
      if (r === a.slug) throw new ArticleContentError(join(dir, a.slug, 'en.md'), 'an article cannot be related to itself');
    }
  }
  return articles;
}

/** One searchable document per locale, id = slug (storage may use its own ids instead). */
export function toSearchableArticles(sources: readonly ArticleSource[]): SearchableArticle[] {
  return sources.flatMap((a) =>
    ARTICLE_LOCALES.map((locale) => {
      const t = a.translations[locale];
      return {
        id: a.slug,
        slug: a.slug,
        locale,
        title: t.title,
        description: t.description,
        body: t.body,
        tags: t.tags,
        category: a.category,
        visibility: a.visibility,
        updatedAt: a.updated,
      };
    }),
  );
}

/** The folder of the articles shipped with Sapa. */
export const BUNDLED_CONTENT_DIR = fileURLToPath(new URL('./content/', import.meta.url));
