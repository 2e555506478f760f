// Loads a folder of Markdown articles (the format of ./content: <slug>/<locale>.md with front matter, plus an
// optional categories.json) into the database: an idempotent upsert by slug that reports what changed.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../kernel/db/index.js';
import type { Desk } from '../../kernel/desk.js';
import { locales, type Locale } from '../../kernel/i18n.js';
import { loadArticleFolder, type ArticleSource } from './content.js';
import { ensureIndex, refreshIndex } from './service.js';
import * as store from './store.js';

const IMPORT_AUTHOR = 'import';

const CategoryFile = z.record(
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  z.object({ order: z.number().int().optional() }).catchall(z.union([z.number(), z.object({ title: z.string().min(1), description: z.string().default('') })])),
);

export interface ImportReport {
  categories: { slug: string; change: 'saved' | 'unchanged' }[];
  articles: { slug: string; change: 'created' | 'updated' | 'unchanged' | 'kept'; locales: Partial<Record<Locale, 'created' | 'updated' | 'unchanged' | 'kept'>> }[];
}

export interface ImportOptions {
  /**
   * 'overwrite' (the CLI): the files win. 'unless-edited' (demo data at start): a translation that a person has
   * changed since it was imported is kept, so restarting a demo never undoes an agent's edit.
   */
  mode: 'overwrite' | 'unless-edited';
}

/** Categories named by articles but missing from categories.json get their slug as title, so imports never fail on them. */
async function importCategories(db: Db, dir: string, sources: ArticleSource[], report: ImportReport): Promise<void> {
  const file = join(dir, 'categories.json');
  const parsed = existsSync(file) ? CategoryFile.parse(JSON.parse(await readFile(file, 'utf8'))) : {};
  const known = new Map((await store.listCategories(db)).map((c) => [c.slug, c]));
  const slugs = new Set([...Object.keys(parsed), ...sources.map((s) => s.category)]);
  for (const slug of slugs) {
    const entry = parsed[slug];
    if (!entry && known.has(slug)) continue;
    const titles: store.CategoryRow['titles'] = {};
    for (const l of locales) {
      const t = entry?.[l];
      if (t && typeof t === 'object') titles[l] = { title: t.title, description: t.description };
    }
    if (!titles.en) titles.en = { title: slug.replace(/-/g, ' '), description: '' };
    const changed = await store.upsertCategory(db, slug, typeof entry?.order === 'number' ? entry.order : 100, titles);
    report.categories.push({ slug, change: changed ? 'saved' : 'unchanged' });
  }
}

/** Imports into the database only (the CLI); a running node's index picks the changes up on its next refresh. */
export async function importArticlesToDatabase(db: Db, dir: string, options: ImportOptions): Promise<ImportReport> {
  const sources = await loadArticleFolder(dir);
  const report: ImportReport = { categories: [], articles: [] };
  await importCategories(db, dir, sources, report);
  // Related articles may point at articles later in the folder: create every article first, then link them.
  for (const source of sources) {
    const fields: store.ArticleFields = {
      category: source.category,
      visibility: source.visibility,
      intents: [...source.intents],
      tags: [...source.tags],
      related: [...source.related],
    };
    let article = await store.findArticle(db, source.slug);
    let change: ImportReport['articles'][number]['change'] = 'unchanged';
    if (!article) {
      await store.insertArticle(db, source.slug, fields, null);
      article = await store.findArticle(db, source.slug);
      if (!article) throw new Error(`article ${source.slug} could not be created`);
      change = 'created';
    } else {
      const differs = (Object.keys(fields) as (keyof store.ArticleFields)[]).filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(article![k]));
      const editedByPerson = article.translations.some((t) => t.author !== IMPORT_AUTHOR);
      if (differs.length && !(options.mode === 'unless-edited' && editedByPerson)) {
        await store.updateArticleFields(db, article.id, Object.fromEntries(differs.map((k) => [k, fields[k]])));
        await store.recordSettingsRevision(db, article.id, IMPORT_AUTHOR, differs.map((k) => `${k}: ${JSON.stringify(article![k])} → ${JSON.stringify(fields[k])}`).join('\n'));
        change = 'updated';
      }
    }
    const perLocale: ImportReport['articles'][number]['locales'] = {};
    for (const l of locales) {
      const t = source.translations[l];
      if (!t) continue;
      const outcome = await store.saveTranslation(
        db,
        article.id,
        l,
        { title: t.title, description: t.description, body: t.body, tags: [...t.tags] },
        IMPORT_AUTHOR,
        null,
        { updatedAt: source.updated, onlyIfAuthor: options.mode === 'unless-edited' ? IMPORT_AUTHOR : undefined },
      );
      perLocale[l] = outcome;
      if (change === 'unchanged' && (outcome === 'created' || outcome === 'updated')) change = 'updated';
      if (change === 'unchanged' && outcome === 'kept') change = 'kept';
    }
    report.articles.push({ slug: source.slug, change, locales: perLocale });
  }
  return report;
}

/** Imports and updates this node's index at once (other nodes follow within INDEX_REFRESH_MS). */
export async function importArticles(desk: Desk, dir: string, options: ImportOptions): Promise<ImportReport> {
  const report = await importArticlesToDatabase(desk.db, dir, options);
  await ensureIndex(desk);
  await refreshIndex(desk);
  return report;
}

export function describeReport(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const c of report.categories) if (c.change !== 'unchanged') lines.push(`category ${c.slug}: ${c.change}`);
  for (const a of report.articles) {
    if (a.change === 'unchanged') continue;
    const detail = Object.entries(a.locales)
      .filter(([, v]) => v !== 'unchanged')
      .map(([l, v]) => `${l} ${v}`)
      .join(', ');
    lines.push(`${a.slug}: ${a.change}${detail ? ` (${detail})` : ''}`);
  }
  const count = (c: string) => report.articles.filter((a) => a.change === c).length;
  lines.push(
    `${report.articles.length} articles: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('kept')} kept (edited by a person)`,
  );
  return lines;
}
