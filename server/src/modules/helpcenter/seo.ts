// What search engines read: /sitemap.xml (every public page in every language, with hreflang alternates) and
// /robots.txt (self-help pages open, the console and the API closed).
import type { Desk } from '../../kernel/desk.js';
import { locales, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import * as kb from '../kb/service.js';
import { esc } from './html.js';
import { etagOf, LANG_TAG, publicOrigin, sendText } from './layout.js';

export interface SitemapEntry {
  path: string;
  lastmod?: string;
  /** The same page in other languages. */
  alternates?: Partial<Record<Locale, string>>;
}

export type SitemapSource = (desk: Desk) => Promise<SitemapEntry[]>;

async function helpEntries(desk: Desk): Promise<SitemapEntry[]> {
  const entries: SitemapEntry[] = [];
  const everywhere = (path: (l: Locale) => string) => Object.fromEntries(locales.map((l) => [l, path(l)])) as Record<Locale, string>;
  const homes = everywhere((l) => `/help/${l}`);
  for (const l of locales) entries.push({ path: homes[l], alternates: homes });
  const categories = await kb.listCategoryViews(desk, 'en');
  for (const c of categories) {
    const paths = everywhere((l) => kb.categoryPath(l, c.slug));
    const lastmod = c.articles.map((a) => a.updatedAt).sort().at(-1);
    for (const l of locales) entries.push({ path: paths[l], lastmod, alternates: paths });
  }
  for (const a of await kb.catalog(desk)) {
    const translated = Object.keys(a.translations) as Locale[];
    const paths = Object.fromEntries(translated.map((l) => [l, kb.articlePath(l, a.slug)])) as Partial<Record<Locale, string>>;
    for (const l of translated) {
      const tr = a.translations[l]!;
      entries.push({ path: paths[l]!, lastmod: tr.updatedAt.toISOString(), alternates: paths });
    }
  }
  const community = everywhere((l) => `/community/${l}`);
  for (const l of locales) entries.push({ path: community[l], alternates: community });
  entries.push({ path: '/status' });
  return entries;
}

export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'];
  for (const e of entries) {
    lines.push('<url>', `<loc>${esc(origin + e.path)}</loc>`);
    if (e.lastmod) lines.push(`<lastmod>${esc(e.lastmod)}</lastmod>`);
    const alternates = Object.entries(e.alternates ?? {}) as [Locale, string][];
    if (alternates.length > 1) {
      for (const [l, path] of alternates) lines.push(`<xhtml:link rel="alternate" hreflang="${LANG_TAG[l]}" href="${esc(origin + path)}"/>`);
    }
    lines.push('</url>');
  }
  lines.push('</urlset>');
  return lines.join('\n');
}

export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /help/',
    'Allow: /community/',
    'Allow: /status',
    'Disallow: /agent',
    'Disallow: /api/',
    'Disallow: /help/*/search',
    'Disallow: /community/*/signin',
    'Disallow: /community/*/new',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

export async function seoRoutes(http: SapaHttp, desk: Desk, extra: SitemapSource[] = []): Promise<void> {
  http.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const lists = await Promise.all([helpEntries(desk), ...extra.map((source) => source(desk))]);
    const xml = sitemapXml(publicOrigin(desk, req), lists.flat());
    const etag = etagOf(xml);
    reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return sendText(req, reply, xml, 200);
  });
  http.get('/robots.txt', { schema: { hide: true } }, async (req, reply) =>
    reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(publicOrigin(desk, req))),
  );
}
