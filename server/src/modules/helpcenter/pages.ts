// The help center: server-rendered pages that work without JavaScript, on a slow phone, and for search engines.
import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { handleError } from '../../kernel/http.js';
import { fromAcceptLanguage, locales, negotiateLocale, t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { clientIp } from '../identity/http.js';
import * as kb from '../kb/service.js';
import { h, trusted, type Html } from './html.js';
import { chatOpenerScript } from './chat-script.js';
import { CHAT_SCRIPT_PATH, embedsWidget, LANG_TAG, publicOrigin, renderPage, sendHtml, type PageInput } from './layout.js';
import { liveNotices, type LiveNotices } from './live.js';

const isLocale = (s: string): s is Locale => (locales as readonly string[]).includes(s);

/**
 * The locale of a /help/{locale} or /community/{locale} path. A loose or mis-cased tag (`zh`, `id`, `en-GB`) is
 * redirected to the canonical address; anything else is not a page.
 */
export function pathLocale(req: FastifyRequest, reply: FastifyReply, raw: string): Locale | undefined {
  if (isLocale(raw)) return raw;
  const loose = toLocale(raw);
  if (loose) {
    const rest = req.url.slice(req.url.indexOf(raw) + raw.length);
    void reply.redirect(req.url.slice(0, req.url.indexOf(raw)) + loose + rest, 301);
    return undefined;
  }
  return undefined;
}

export const dateText = (locale: Locale, iso: string) => new Intl.DateTimeFormat(LANG_TAG[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

export function searchForm(locale: Locale, q = '', id = 'q'): Html {
  return h`<form class="search-form" role="search" action="/help/${locale}/search" method="get">
<label for="${id}">${t(locale, 'hc.search.label')}</label>
<div class="search"><input type="search" id="${id}" name="q" value="${q}" maxlength="200" autocomplete="off" aria-describedby="${id}-hint"><button type="submit">${t(locale, 'hc.search.button')}</button></div>
<p class="small muted" id="${id}-hint">${t(locale, 'hc.search.hint')}</p>
</form>`;
}

export function reachCard(locale: Locale): Html {
  return h`<section class="card reach" aria-labelledby="reach-title">
<h2 id="reach-title">${t(locale, 'hc.unreachable.title')}</h2>
<p>${t(locale, 'hc.unreachable.text')}</p>
<p><a class="button" href="/help/${locale}/troubleshoot">${t(locale, 'hc.unreachable.link')}</a></p>
</section>`;
}

export const safetyNote = (locale: Locale): Html => h`<p class="safety" role="note">${t(locale, 'hc.safety')}</p>`;

export function contactBox(locale: Locale, live: LiveNotices): Html {
  // id "chat": where the chat links (/help/{locale}#chat) land without JavaScript or without the widget.
  return h`<aside class="card contact" id="chat" aria-labelledby="contact-title">
<h2 id="contact-title">${t(locale, 'hc.contact.title')}</h2>
<p class="small muted">${t(locale, 'hc.contact.intro')}</p>
<noscript><p class="small">${t(locale, 'hc.contact.noscript')}</p></noscript>
<ul class="plain">
${live.channels.map(
  (c) => h`<li><div class="channel"><strong>${c.url && c.available ? h`<a href="${c.url}">${c.name}</a>` : c.name}</strong>${c.available ? '' : h`<span class="badge held">${t(locale, 'hc.contact.unavailable')}</span>`}</div>
<span class="small muted">${c.description}${c.detail ? h` · ${c.detail}` : ''}</span></li>`,
)}
</ul>
</aside>`;
}

function communityCard(locale: Locale): Html {
  return h`<section class="card" aria-labelledby="community-title">
<h2 id="community-title">${t(locale, 'hc.community.title')}</h2>
<p>${t(locale, 'hc.community.text')}</p>
<p><a href="/community/${locale}">${t(locale, 'hc.community.link')}</a></p>
</section>`;
}

const allLocales = (path: (l: Locale) => string): Partial<Record<Locale, string>> => Object.fromEntries(locales.map((l) => [l, path(l)]));
const organization = { '@type': 'Organization', name: 'Sapa' };

export interface HelpContext {
  desk: Desk;
  req: FastifyRequest;
  locale: Locale;
  live: LiveNotices;
  origin: string;
}

async function context(desk: Desk, req: FastifyRequest, locale: Locale): Promise<HelpContext> {
  return { desk, req, locale, live: await liveNotices(desk, locale, req.principal), origin: publicOrigin(desk, req) };
}

function page(c: HelpContext, input: Omit<PageInput, 'locale' | 'live' | 'origin' | 'section'>): string {
  return renderPage({ ...input, section: 'help', locale: c.locale, live: c.live, origin: c.origin });
}

// ------------------------------------------------------------------------------------------ pages

async function homePage(c: HelpContext): Promise<string> {
  const L = c.locale;
  const [categories, popular] = await Promise.all([kb.listCategoryViews(c.desk, L), kb.popularArticles(c.desk, L, 6)]);
  const body = h`<div class="hero"><div class="wrap">
<h1>${t(L, 'hc.home.title')}</h1>
<p class="lead">${t(L, 'hc.home.lead')}</p>
${searchForm(L)}
</div></div>
<div class="wrap">
${safetyNote(L)}
<div class="cols">
<div>
${reachCard(L)}
<section aria-labelledby="popular-title">
<h2 id="popular-title">${t(L, 'hc.popular')}</h2>
<ul class="links">${popular.map((a) => h`<li><a href="${a.url}">${a.title}</a></li>`)}</ul>
</section>
<section aria-labelledby="topics-title">
<h2 id="topics-title">${t(L, 'hc.categories')}</h2>
<div class="grid">
${categories
  .filter((cat) => cat.articleCount > 0)
  .map(
    (cat) => h`<section class="card" aria-labelledby="cat-${cat.slug}">
<h3 id="cat-${cat.slug}"><a href="${cat.url}">${cat.title}</a></h3>
<p class="small muted">${cat.description}</p>
<ul class="links">${cat.articles.slice(0, 4).map((a) => h`<li><a href="${a.url}">${a.title}</a></li>`)}</ul>
<p class="small"><a href="${cat.url}">${t(L, 'hc.category.all', { n: cat.articleCount, title: cat.title })}</a></p>
</section>`,
  )}
</div>
</section>
</div>
<div>
${contactBox(L, c.live)}
${communityCard(L)}
</div>
</div>
</div>`;
  return page(c, {
    title: t(L, 'hc.brand'),
    description: t(L, 'hc.home.meta'),
    canonical: `/help/${L}`,
    alternates: allLocales((l) => `/help/${l}`),
    xDefault: '/',
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: t(L, 'hc.brand'),
        url: `${c.origin}/help/${L}`,
        inLanguage: LANG_TAG[L],
        potentialAction: { '@type': 'SearchAction', target: `${c.origin}/help/${L}/search?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
      },
    ],
    body,
  });
}

function breadcrumbs(c: HelpContext, trail: { name: string; path: string }[]): { html: Html; ld: unknown } {
  return {
    html: h`<nav class="crumbs" aria-label="${t(c.locale, 'hc.breadcrumb')}"><ol>${trail.map(
      (x, i) => h`<li>${i === trail.length - 1 ? h`<a href="${x.path}" aria-current="page">${x.name}</a>` : h`<a href="${x.path}">${x.name}</a>`}</li>`,
    )}</ol></nav>`,
    ld: {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: trail.map((x, i) => ({ '@type': 'ListItem', position: i + 1, name: x.name, item: c.origin + x.path })),
    },
  };
}

async function articlePage(c: HelpContext, slug: string, feedback: string | undefined): Promise<string> {
  const L = c.locale;
  const a = await kb.getArticle(c.desk, slug, L, c.req.principal);
  const crumbs = breadcrumbs(c, [
    { name: t(L, 'hc.nav.help'), path: `/help/${L}` },
    { name: a.category.title, path: kb.categoryPath(L, a.category.slug) },
    { name: a.title, path: a.url },
  ]);
  const total = a.helpful.yes + a.helpful.no;
  const alternates = Object.fromEntries(a.translations.map((l) => [l, kb.articlePath(l, a.slug)]));
  const articleLd = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title,
    description: a.description,
    inLanguage: LANG_TAG[a.locale],
    dateModified: a.updatedAt,
    mainEntityOfPage: `${c.origin}${kb.articlePath(a.locale, a.slug)}`,
    articleSection: a.category.title,
    keywords: a.tags.join(', ') || undefined,
    author: organization,
    publisher: organization,
  };
  const faqLd = a.faq.length
    ? {
        '@context': 'https://schema.org',
        '@type': 'FAQPage',
        inLanguage: LANG_TAG[a.locale],
        mainEntity: a.faq.map((f) => ({ '@type': 'Question', name: f.question, acceptedAnswer: { '@type': 'Answer', text: f.answer } })),
      }
    : undefined;
  const body = h`<div class="wrap">
${crumbs.html}
<div class="cols">
<article class="article" lang="${LANG_TAG[a.locale]}" aria-labelledby="article-title">
<h1 id="article-title">${a.title}</h1>
<p class="meta">${t(L, 'hc.article.updated', { date: dateText(L, a.updatedAt) })}</p>
${a.fallback ? h`<p class="notice warn" lang="${LANG_TAG[L]}">${t(L, 'hc.article.fallback')}</p>` : ''}
${a.visibility === 'internal' ? h`<p class="notice bad" lang="${LANG_TAG[L]}">${t(L, 'hc.article.internal')}</p>` : ''}
${a.description ? h`<p class="lead">${a.description}</p>` : ''}
${trusted(a.html)}
</article>
<div>
${contactBox(L, c.live)}
${reachCard(L)}
</div>
</div>
<section class="card" id="feedback" aria-labelledby="feedback-title">
${
  feedback === 'thanks'
    ? h`<h2 id="feedback-title">${t(L, 'hc.article.helpful.thanks')}</h2>`
    : h`<h2 id="feedback-title">${t(L, 'hc.article.helpful.q')}</h2>
<form method="post" action="/help/${L}/articles/${a.slug}/feedback" class="actions">
<button type="submit" name="helpful" value="yes">${t(L, 'hc.article.helpful.yes')}</button>
<button type="submit" name="helpful" value="no" class="secondary">${t(L, 'hc.article.helpful.no')}</button>
</form>`
}
${total ? h`<p class="small muted">${t(L, 'hc.article.helpful.count', { yes: a.helpful.yes, total })}</p>` : ''}
</section>
${
  a.related.length
    ? h`<section aria-labelledby="related-title"><h2 id="related-title">${t(L, 'hc.article.related')}</h2>
<ul class="links">${a.related.map((r) => h`<li><a href="${r.url}">${r.title}</a></li>`)}</ul></section>`
    : ''
}
<section aria-labelledby="still-title"><h2 id="still-title">${t(L, 'hc.article.stillNeed')}</h2>
${safetyNote(L)}
${communityCard(L)}
</section>
</div>`;
  return page(c, {
    title: a.title,
    description: a.description,
    // A page showing the English text for want of a translation points search engines at the English page.
    canonical: kb.articlePath(a.locale, a.slug),
    alternates,
    xDefault: a.translations.includes('en') ? kb.articlePath('en', a.slug) : undefined,
    switchTo: allLocales((l) => kb.articlePath(l, a.slug)),
    noindex: a.visibility === 'internal' || a.fallback,
    jsonLd: [articleLd, crumbs.ld, ...(faqLd ? [faqLd] : [])],
    body,
  });
}

async function categoryPage(c: HelpContext, slug: string): Promise<string | undefined> {
  const L = c.locale;
  const categories = await kb.listCategoryViews(c.desk, L, c.req.principal);
  const cat = categories.find((x) => x.slug === slug);
  if (!cat) return undefined;
  const crumbs = breadcrumbs(c, [
    { name: t(L, 'hc.nav.help'), path: `/help/${L}` },
    { name: cat.title, path: cat.url },
  ]);
  const faqLd = cat.articles.length
    ? {
        '@context': 'https://schema.org',
        '@type': 'FAQPage',
        inLanguage: LANG_TAG[L],
        mainEntity: cat.articles
          .filter((a) => a.visibility === 'public')
          .map((a) => ({ '@type': 'Question', name: a.title, acceptedAnswer: { '@type': 'Answer', text: a.description, url: c.origin + a.url } })),
      }
    : undefined;
  const body = h`<div class="wrap">
${crumbs.html}
<div class="cols">
<div>
<h1>${cat.title}</h1>
<p class="lead">${cat.description}</p>
<p class="meta">${t(L, 'hc.category.count', { n: cat.articleCount })}</p>
${
  cat.articles.length
    ? h`<ul class="plain">${cat.articles.map(
        (a) => h`<li><h2 class="h3"><a href="${a.url}">${a.title}</a>${a.visibility === 'internal' ? h`<span class="badge held">${t(L, 'hc.article.internal')}</span>` : ''}</h2><p class="small muted">${a.description}</p></li>`,
      )}</ul>`
    : h`<p>${t(L, 'hc.category.empty')}</p>`
}
</div>
<div>
${searchForm(L, '', 'q-side')}
${contactBox(L, c.live)}
<nav class="card" aria-labelledby="topics-title"><h2 id="topics-title">${t(L, 'hc.categories')}</h2>
<ul class="links">${categories.map((x) => h`<li><a href="${x.url}"${x.slug === slug ? trusted(' aria-current="page"') : ''}>${x.title}</a></li>`)}</ul></nav>
</div>
</div>
</div>`;
  return page(c, {
    title: cat.title,
    description: cat.description,
    canonical: cat.url,
    alternates: allLocales((l) => kb.categoryPath(l, slug)),
    xDefault: kb.categoryPath('en', slug),
    jsonLd: [crumbs.ld, ...(faqLd ? [faqLd] : [])],
    body,
  });
}

/** Other modules (the forum) may add results to the search page; registered by them at setup. */
export type ExtraSearch = (desk: Desk, q: string, locale: Locale) => Promise<{ title: string; url: string; snippet: string }[]>;

async function searchPage(c: HelpContext, q: string, extra: ExtraSearch | undefined): Promise<string> {
  const L = c.locale;
  const query = q.trim().slice(0, 200);
  const [hits, community, popular] = await Promise.all([
    query ? kb.searchArticles(c.desk, query, L, { limit: 12, principal: c.req.principal }) : Promise.resolve([]),
    query && extra ? extra(c.desk, query, L) : Promise.resolve([]),
    kb.popularArticles(c.desk, L, 5),
  ]);
  const title = query ? t(L, 'hc.search.title', { q: query }) : t(L, 'hc.search.titleEmpty');
  const body = h`<div class="wrap">
<div class="cols">
<div>
<h1>${title}</h1>
${searchForm(L, query)}
${
  query
    ? hits.length
      ? h`<p class="meta" role="status">${t(L, 'hc.search.count', { n: hits.length })}</p>
<ol class="plain results">${hits.map((r) => h`<li><h2 class="h3"><a href="${r.url}">${r.title}</a></h2><p class="small">${trusted(r.snippet)}</p></li>`)}</ol>`
      : h`<div class="notice" role="status"><p><strong>${t(L, 'hc.search.none', { q: query })}</strong></p><p>${t(L, 'hc.search.tips')}</p></div>
<h2>${t(L, 'hc.popular')}</h2><ul class="links">${popular.map((a) => h`<li><a href="${a.url}">${a.title}</a></li>`)}</ul>`
    : h`<h2>${t(L, 'hc.popular')}</h2><ul class="links">${popular.map((a) => h`<li><a href="${a.url}">${a.title}</a></li>`)}</ul>`
}
${
  query
    ? h`<section aria-labelledby="community-results"><h2 id="community-results">${t(L, 'hc.search.community')}</h2>
${community.length ? h`<ul class="plain">${community.map((r) => h`<li><a href="${r.url}">${r.title}</a><p class="small muted">${r.snippet}</p></li>`)}</ul>` : ''}
<p><a href="/community/${L}/new?title=${encodeURIComponent(query)}">${t(L, 'hc.search.askCommunity', { q: query })}</a></p></section>`
    : ''
}
</div>
<div>
${reachCard(L)}
${contactBox(L, c.live)}
</div>
</div>
</div>`;
  return page(c, {
    title,
    description: t(L, 'hc.home.meta'),
    canonical: query ? undefined : `/help/${L}/search`,
    alternates: allLocales((l) => `/help/${l}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`),
    noindex: true,
    body,
  });
}

export async function notFoundPage(desk: Desk, req: FastifyRequest, locale: Locale, section: 'help' | 'community' = 'help'): Promise<string> {
  const live = await liveNotices(desk, locale, req.principal);
  const body = h`<div class="wrap"><div class="cols"><div>
<h1>${t(locale, 'hc.notFound.title')}</h1>
<p>${t(locale, 'hc.notFound.text')}</p>
${searchForm(locale)}
<p><a href="/help/${locale}">${t(locale, 'hc.notFound.home')}</a></p>
</div><div>${contactBox(locale, live)}</div></div></div>`;
  return renderPage({ locale, section, title: t(locale, 'hc.notFound.title'), noindex: true, live, origin: publicOrigin(desk, req), body });
}

/** The visitor's language for pages that are not under a locale: ?lang=, then Accept-Language. */
export function visitorLocale(req: FastifyRequest): Locale {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  return negotiateLocale(typeof q === 'string' ? q : undefined, req.principal?.locale, fromAcceptLanguage(req.headers['accept-language']));
}

/** Form posts (no JavaScript): urlencoded bodies, parsed in this scope only unless the app already does it. */
export async function acceptForms(scope: SapaHttp): Promise<void> {
  if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody, { bodyLimit: 64 * 1024 });
}

/** Pages answer errors with a page, not JSON: a 404 is the help center's not-found page. */
export function pageErrors(scope: SapaHttp, desk: Desk, section: 'help' | 'community'): void {
  const localeOf = (req: FastifyRequest) => {
    const first = req.url.split('?')[0].split('/')[2] ?? '';
    return toLocale(first) ?? visitorLocale(req);
  };
  scope.setNotFoundHandler(async (req, reply) => {
    // An address written with a trailing slash (/help/en/search/) is the page without it, as people and old links expect.
    const [pathname, query] = [req.url.split('?')[0], req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''];
    if ((req.method === 'GET' || req.method === 'HEAD') && pathname.length > 1 && pathname.endsWith('/') && !pathname.startsWith('//')) {
      return reply.redirect(pathname.replace(/\/+$/, '') + query, 301);
    }
    return sendHtml(req, reply, await notFoundPage(desk, req, localeOf(req), section), { status: 404, personal: Boolean(req.principal), widget: embedsWidget(section) });
  });
  scope.setErrorHandler(async (error, req, reply) => {
    if (error instanceof AppError && error.status === 404) {
      return sendHtml(req, reply, await notFoundPage(desk, req, localeOf(req), section), { status: 404, personal: Boolean(req.principal), widget: embedsWidget(section) });
    }
    return handleError(error as FastifyError, req, reply);
  });
}

export interface HelpCenterOptions {
  extraSearch?: ExtraSearch;
}

export async function helpCenterPages(http: SapaHttp, desk: Desk, options: HelpCenterOptions = {}): Promise<void> {
  const personal = (req: FastifyRequest) => Boolean(req.principal);
  const localeParam = z.object({ locale: z.string().max(20) });

  // The site's front door: the help center in the visitor's language (the canonical address is /help/{locale}).
  http.get('/', { schema: { hide: true, querystring: z.object({ lang: z.string().max(20).optional() }) } }, async (req, reply) => {
    const c = await context(desk, req, visitorLocale(req));
    return sendHtml(req, reply, await homePage(c), { personal: personal(req), widget: true });
  });

  http.get('/help', { schema: { hide: true } }, async (req, reply) => reply.redirect(`/help/${visitorLocale(req)}`, 302).header('vary', 'Accept-Language'));

  http.get(CHAT_SCRIPT_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(chatOpenerScript),
  );

  await http.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await acceptForms(scope);
    pageErrors(scope, desk, 'help');

    scope.get('/:locale', { schema: { hide: true, params: localeParam } }, async (req, reply) => {
      const locale = pathLocale(req, reply, req.params.locale);
      if (!locale) return reply.sent ? reply : reply.callNotFound();
      return sendHtml(req, reply, await homePage(await context(desk, req, locale)), { personal: personal(req), widget: true });
    });

    // The home with a trailing slash (an address people and old links write) is the home, not a 404.
    scope.get('/:locale/', { schema: { hide: true, params: localeParam } }, async (req, reply) => {
      const locale = toLocale(req.params.locale);
      if (!locale) return reply.callNotFound();
      const query = req.url.indexOf('?');
      return reply.redirect(`/help/${locale}${query === -1 ? '' : req.url.slice(query)}`, 301);
    });

    scope.get('/:locale/articles/:slug', {
      schema: { hide: true, params: localeParam.extend({ slug: z.string().max(100) }), querystring: z.object({ feedback: z.string().max(20).optional() }) },
    }, async (req, reply) => {
      const locale = pathLocale(req, reply, req.params.locale);
      if (!locale) return reply.sent ? reply : reply.callNotFound();
      const html = await articlePage(await context(desk, req, locale), req.params.slug, req.query.feedback);
      return sendHtml(req, reply, html, { personal: personal(req) || isAgent(req.principal), widget: true });
    });

    scope.post('/:locale/articles/:slug/feedback', {
      // A stale session cookie must not block an anonymous vote; the vote is harmless and idempotent.
      config: { csrf: false },
      schema: { hide: true, params: localeParam.extend({ slug: z.string().max(100) }), body: z.object({ helpful: z.enum(['yes', 'no']) }) },
    }, async (req, reply) => {
      const locale = pathLocale(req, reply, req.params.locale);
      if (!locale) return reply.sent ? reply : reply.callNotFound();
      let browserId = req.cookies?.[kb.VOTER_COOKIE];
      if (!req.principal && !browserId) {
        browserId = randomBytes(18).toString('base64url');
        reply.setCookie(kb.VOTER_COOKIE, browserId, { path: '/help', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400, secure: req.protocol === 'https' });
      }
      await kb.voteOnArticle(desk, req.params.slug, {
        helpful: req.body.helpful === 'yes',
        locale,
        voterKey: kb.voterKey(req.principal, clientIp(req), browserId),
        principal: req.principal,
      });
      return reply.redirect(`/help/${locale}/articles/${encodeURIComponent(req.params.slug)}?feedback=thanks#feedback`, 303);
    });

    scope.get('/:locale/categories/:slug', { schema: { hide: true, params: localeParam.extend({ slug: z.string().max(100) }) } }, async (req, reply) => {
      const locale = pathLocale(req, reply, req.params.locale);
      if (!locale) return reply.sent ? reply : reply.callNotFound();
      const html = await categoryPage(await context(desk, req, locale), req.params.slug);
      if (!html) return reply.callNotFound();
      return sendHtml(req, reply, html, { personal: personal(req), widget: true });
    });

    scope.get('/:locale/search', { schema: { hide: true, params: localeParam, querystring: z.object({ q: z.string().max(1000).default('') }) } }, async (req, reply) => {
      const locale = pathLocale(req, reply, req.params.locale);
      if (!locale) return reply.sent ? reply : reply.callNotFound();
      const html = await searchPage(await context(desk, req, locale), req.query.q, options.extraSearch);
      return sendHtml(req, reply, html, { personal: personal(req), widget: true });
    });
  }, { prefix: '/help' });
}
