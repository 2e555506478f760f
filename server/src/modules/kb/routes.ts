import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { requestLocale } from '../../kernel/http.js';
import { locales, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { clientIp } from '../identity/http.js';
import * as kb from './service.js';

const slug = z.string().trim().min(1).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes');
const localeQuery = z.string().max(20).optional().describe('zh-CN, id-ID or en; default: Accept-Language');
const localeKey = z.enum(locales);
const list = z.array(z.string().trim().min(1).max(100)).max(50);

/** The locale asked for in the query (loose tags like `zh` or `id` accepted), else the caller's. */
function askedLocale(req: FastifyRequest, raw: string | undefined): Locale {
  return toLocale(raw) ?? requestLocale(req);
}

const translationInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(300).optional(),
  body: z.string().min(1).max(100_000),
  tags: list.optional(),
});
const translationsInput = z.strictObject({ en: translationInput.optional(), 'id-ID': translationInput.optional(), 'zh-CN': translationInput.optional() });
const translationPatch = translationInput.partial();

const articleLink = z.object({ slug: z.string(), title: z.string(), url: z.string() });
const articleView = z.object({
  id: z.string(),
  slug: z.string(),
  locale: localeKey.describe('the language of the text returned; differs from requestedLocale when that translation is missing (English fallback)'),
  requestedLocale: localeKey,
  fallback: z.boolean(),
  title: z.string(),
  description: z.string(),
  html: z.string().describe('sanitised HTML rendered from the Markdown'),
  markdown: z.string().optional().describe('the Markdown source (agents only)'),
  author: z.string().optional(),
  category: z.object({ slug: z.string(), title: z.string() }),
  visibility: z.enum(['public', 'internal']),
  tags: z.array(z.string()),
  intents: z.array(z.string()),
  related: z.array(articleLink),
  translations: z.array(localeKey),
  faq: z.array(z.object({ question: z.string(), answer: z.string() })),
  helpful: z.object({ yes: z.number().int(), no: z.number().int() }),
  url: z.string(),
  updatedAt: z.string(),
});
const articleSummary = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  locale: localeKey,
  url: z.string(),
  category: z.string(),
  visibility: z.enum(['public', 'internal']),
  updatedAt: z.string(),
});

export async function kbRoutes(http: SapaHttp, desk: Desk) {
  http.get('/kb/search', {
    schema: {
      tags: ['knowledge base'],
      summary: 'Search articles, best first (internal articles only for agents)',
      querystring: z.object({ q: z.string().max(1000).default(''), locale: localeQuery, limit: z.coerce.number().int().min(1).max(50).default(10) }),
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), snippet: z.string().describe('HTML: escaped text with <mark> around matches'), locale: localeKey, score: z.number(), url: z.string() })),
        }),
      },
    },
  }, async (req) => {
    const locale = toLocale(req.query.locale);
    return { items: await kb.searchArticles(desk, req.query.q, locale, { limit: req.query.limit, principal: req.principal }) };
  });

  http.get('/kb/categories', {
    schema: {
      tags: ['knowledge base'],
      summary: 'Categories with their titles and articles in one language',
      querystring: z.object({ locale: localeQuery }),
      response: {
        200: z.object({
          items: z.array(z.object({ slug: z.string(), title: z.string(), description: z.string(), url: z.string(), articleCount: z.number().int(), articles: z.array(articleSummary) })),
        }),
      },
    },
  }, async (req) => {
    const items = await kb.listCategoryViews(desk, askedLocale(req, req.query.locale), req.principal);
    return { items: items.map(({ position: _position, ...c }) => c) };
  });

  http.get('/kb/articles', {
    schema: {
      tags: ['knowledge base'],
      summary: 'List articles (internal ones only for agents)',
      querystring: z.object({ locale: localeQuery, category: z.string().max(100).optional(), intent: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(articleSummary.extend({ intents: z.array(z.string()), translations: z.array(localeKey) })), nextCursor: z.null() }) },
    },
  }, async (req) => {
    const locale = askedLocale(req, req.query.locale);
    const entries = (await kb.catalog(desk, req.principal))
      .filter((e) => (!req.query.category || e.category === req.query.category) && (!req.query.intent || e.intents.includes(req.query.intent)))
      .sort((a, b) => a.slug.localeCompare(b.slug));
    const items = entries.flatMap((e) => {
      const link = kb.linkOf(e, locale);
      return link ? [{ ...link, intents: e.intents, translations: Object.keys(e.translations) as Locale[] }] : [];
    });
    return { items, nextCursor: null };
  });

  http.get('/kb/articles/:slug', {
    schema: {
      tags: ['knowledge base'],
      summary: 'An article in one language (English when that translation is missing); internal articles: agents only',
      params: z.object({ slug }),
      querystring: z.object({ locale: localeQuery }),
      response: { 200: articleView },
    },
  }, async (req) => kb.getArticle(desk, req.params.slug, askedLocale(req, req.query.locale), req.principal));

  http.post('/kb/articles', {
    schema: {
      tags: ['knowledge base'],
      summary: 'Create an article with one or more translations (agents); Idempotency-Key makes a retry return the same article',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: z.strictObject({
        slug,
        category: z.string().trim().min(1).max(100),
        visibility: z.enum(['public', 'internal']).optional(),
        intents: list.optional(),
        tags: list.optional(),
        related: z.array(slug).max(20).optional(),
        translations: translationsInput,
        note: z.string().max(500).optional(),
      }),
      response: { 200: articleView, 201: articleView },
    },
  }, async (req, reply) => {
    const agent = requireAgent(req);
    const result = await kb.createArticle(desk, agent, req.body, req.headers['idempotency-key']);
    return reply.status(result.created ? 201 : 200).send(result.article);
  });

  http.patch('/kb/articles/:slug', {
    schema: {
      tags: ['knowledge base'],
      summary: 'Edit an article (agents): each changed translation gets a revision with the previous text',
      params: z.object({ slug }),
      querystring: z.object({ locale: localeQuery }),
      body: z.strictObject({
        category: z.string().trim().min(1).max(100).optional(),
        visibility: z.enum(['public', 'internal']).optional(),
        intents: list.optional(),
        tags: list.optional(),
        related: z.array(slug).max(20).optional(),
        translations: z.strictObject({ en: translationPatch.optional(), 'id-ID': translationPatch.optional(), 'zh-CN': translationPatch.optional() }).optional(),
        note: z.string().max(500).optional(),
      }),
      response: { 200: articleView },
    },
  }, async (req) => {
    const agent = requireAgent(req);
    return kb.updateArticle(desk, agent, req.params.slug, req.body, toLocale(req.query.locale));
  });

  http.get('/kb/articles/:slug/revisions', {
    schema: {
      tags: ['knowledge base'],
      summary: 'Every change of an article, newest first, with author, time and the text it replaced (agents)',
      params: z.object({ slug }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              locale: z.string().describe('the translation changed, or * for the article settings'),
              author: z.object({ kind: z.enum(['agent', 'import', 'system']), id: z.string().nullable(), name: z.string().nullable() }),
              note: z.string().nullable(),
              createdAt: z.string(),
              previous: z.object({ title: z.string(), description: z.string(), body: z.string(), tags: z.array(z.string()) }).nullable(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req);
    return kb.listRevisions(desk, req.params.slug, req.query.limit, req.query.cursor);
  });

  http.post('/kb/articles/:slug/votes', {
    // Anyone may vote, signed in or not; a stale session cookie must not block it.
    config: { csrf: false },
    schema: {
      tags: ['knowledge base'],
      summary: '"Was this helpful?": one vote per customer, visitor or IP address and article; a later vote replaces it',
      params: z.object({ slug }),
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: z.strictObject({ helpful: z.boolean(), locale: z.string().max(20).optional() }),
      response: {
        200: z.object({ helpful: z.boolean(), counts: z.object({ yes: z.number().int(), no: z.number().int() }) }),
        201: z.object({ helpful: z.boolean(), counts: z.object({ yes: z.number().int(), no: z.number().int() }) }),
      },
    },
  }, async (req, reply) => {
    const result = await kb.voteOnArticle(desk, req.params.slug, {
      helpful: req.body.helpful,
      locale: askedLocale(req, req.body.locale),
      voterKey: kb.voterKey(req.principal, clientIp(req), req.cookies?.[kb.VOTER_COOKIE]),
      idempotencyKey: req.headers['idempotency-key'],
      principal: req.principal,
    });
    return reply.status(result.created ? 201 : 200).send({ helpful: result.helpful, counts: result.counts });
  });
}
