import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';
import { BUNDLED_CONTENT_DIR } from './content.js';
import { importArticles } from './import.js';
import { refreshIndex } from './service.js';
import * as store from './store.js';

let node: TestNode;
let admin: ApiClient;
beforeAll(async () => {
  node = await startNode();
  await importArticles(node.app.desk, BUNDLED_CONTENT_DIR, { mode: 'unless-edited' });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  // Starting a node and indexing 35 articles × 3 languages takes a few seconds, much longer on a busy machine.
}, 300_000);
afterAll(async () => node?.stop());

const newSlug = () => `test-${uid()}`;

describe('knowledge base API', () => {
  it('finds the expected article in each language, best first, with a highlighted snippet', async () => {
    const anon = new ApiClient(node.url);
    const cases: [string, string, string][] = [
      ['en', "can't reach customer service", 'support-unreachable'],
      ['id-ID', 'top up saldo belum masuk', 'top-up-failed'],
      ['zh-CN', '账户被冻结怎么办', 'account-locked'],
    ];
    for (const [locale, q, slug] of cases) {
      const r = await anon.get(`/api/v1/kb/search?q=${encodeURIComponent(q)}&locale=${locale}`);
      expect(r.status).toBe(200);
      const slugs = r.body.items.map((i: { slug: string }) => i.slug);
      expect(slugs.slice(0, 3)).toContain(slug);
      const hit = r.body.items[0];
      expect(hit).toMatchObject({ locale, id: expect.any(String), title: expect.any(String), score: expect.any(Number) });
      expect(hit.snippet).toContain('<mark>');
      const scores = r.body.items.map((i: { score: number }) => i.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('keeps internal articles from customers and visitors, in search and by slug', async () => {
    const anon = new ApiClient(node.url);
    const q = encodeURIComponent('verify identity before unlock');
    const publicHits = await anon.get(`/api/v1/kb/search?q=${q}&locale=en`);
    expect(publicHits.body.items.map((i: { slug: string }) => i.slug)).not.toContain('agent-verify-identity-before-unlock');
    const agentHits = await admin.get(`/api/v1/kb/search?q=${q}&locale=en`);
    expect(agentHits.body.items.map((i: { slug: string }) => i.slug)).toContain('agent-verify-identity-before-unlock');
    expect((await anon.get('/api/v1/kb/articles/agent-verify-identity-before-unlock')).status).toBe(404);
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.get('/api/v1/kb/articles/agent-verify-identity-before-unlock')).status).toBe(404);
    const asAgent = await admin.get('/api/v1/kb/articles/agent-verify-identity-before-unlock?locale=zh-CN');
    expect(asAgent.status).toBe(200);
    expect(asAgent.body.visibility).toBe('internal');
    expect(asAgent.body.markdown).toBeTruthy();
  });

  it('returns an article with sanitised HTML, related links, category and helpful counts; Markdown only for agents', async () => {
    const anon = new ApiClient(node.url);
    const r = await anon.get('/api/v1/kb/articles/support-unreachable?locale=id-ID');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ slug: 'support-unreachable', locale: 'id-ID', fallback: false, category: { slug: 'getting-help', title: 'Mendapatkan bantuan' } });
    expect(r.body.markdown).toBeUndefined();
    expect(r.body.html).toContain('<h2');
    expect(r.body.html).toContain('href="/help/id-ID/articles/check-your-connection"');
    expect(r.body.related.map((x: { slug: string }) => x.slug)).toEqual(expect.arrayContaining(['check-your-connection', 'contact-channels']));
    expect(r.body.translations.sort()).toEqual(['en', 'id-ID', 'zh-CN']);
    expect(r.body.helpful).toEqual({ yes: expect.any(Number), no: expect.any(Number) });
    expect((await anon.get('/api/v1/kb/articles/no-such-article')).status).toBe(404);
  });

  it('lists categories with titles per locale', async () => {
    const r = await new ApiClient(node.url).get('/api/v1/kb/categories?locale=zh-CN');
    expect(r.status).toBe(200);
    const help = r.body.items.find((c: { slug: string }) => c.slug === 'getting-help');
    expect(help.title).toBe('获取帮助');
    expect(help.articleCount).toBeGreaterThan(3);
    expect(help.articles.every((a: { visibility: string }) => a.visibility === 'public')).toBe(true);
  });

  it('lets agents create and edit articles, keeps a revision of every change with the previous text, and searches the new text at once', async () => {
    const slug = newSlug();
    const marker = `zanzibarquokka${uid()}`;
    const created = await admin.post(
      '/api/v1/kb/articles',
      {
        slug,
        category: 'getting-help',
        related: ['contact-channels'],
        intents: ['service_hours'],
        translations: { en: { title: 'Weekend support', description: 'When we answer on weekends.', body: `We answer on weekends. ${marker}\n\n<script>alert(1)</script>` } },
      },
      { 'idempotency-key': `create-${slug}` },
    );
    expect(created.status).toBe(201);
    expect(created.body.html).not.toContain('<script>');
    const again = await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'x', body: 'y' } } }, { 'idempotency-key': `create-${slug}` });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    const taken = await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'x', body: 'y' } } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('slug_taken');

    const found = await new ApiClient(node.url).get(`/api/v1/kb/search?q=${marker}&locale=en`);
    expect(found.body.items[0]?.slug).toBe(slug);

    // Missing translation: English with a fallback flag.
    const zhBefore = await new ApiClient(node.url).get(`/api/v1/kb/articles/${slug}?locale=zh-CN`);
    expect(zhBefore.body).toMatchObject({ locale: 'en', requestedLocale: 'zh-CN', fallback: true, title: 'Weekend support' });

    const edited = await admin.patch(`/api/v1/kb/articles/${slug}`, {
      translations: { en: { body: 'We answer on weekends from 08:00 to 20:00.' }, 'zh-CN': { title: '周末客服', body: '周末 08:00–20:00 也有人工客服。' } },
      note: 'hours',
    });
    expect(edited.status).toBe(200);
    const zh = await new ApiClient(node.url).get(`/api/v1/kb/articles/${slug}?locale=zh-CN`);
    expect(zh.body).toMatchObject({ locale: 'zh-CN', fallback: false, title: '周末客服' });
    const revisions = await admin.get(`/api/v1/kb/articles/${slug}/revisions`);
    expect(revisions.status).toBe(200);
    const enRevisions = revisions.body.items.filter((r: { locale: string }) => r.locale === 'en');
    expect(enRevisions).toHaveLength(2);
    expect(enRevisions[0].previous.body).toContain(marker);
    expect(enRevisions[0].author).toMatchObject({ kind: 'agent', name: 'Administrator' });
    expect(enRevisions[0].note).toBe('hours');
    expect(enRevisions[1].previous).toBeNull();
    expect(revisions.body.items.find((r: { locale: string }) => r.locale === 'zh-CN').previous).toBeNull();
    // The old text is gone from search; the new one is found.
    expect((await admin.get(`/api/v1/kb/search?q=${marker}&locale=en`)).body.items.map((i: { slug: string }) => i.slug)).not.toContain(slug);
    expect((await admin.get(`/api/v1/kb/search?q=${encodeURIComponent('周末客服')}&locale=zh-CN`)).body.items[0].slug).toBe(slug);

    const hidden = await admin.patch(`/api/v1/kb/articles/${slug}`, { visibility: 'internal' });
    expect(hidden.body.visibility).toBe('internal');
    expect((await new ApiClient(node.url).get(`/api/v1/kb/articles/${slug}`)).status).toBe(404);
    const settings = (await admin.get(`/api/v1/kb/articles/${slug}/revisions`)).body.items[0];
    expect(settings).toMatchObject({ locale: '*', previous: null });
    expect(settings.note).toContain('visibility');
  });

  it('refuses edits from customers and unknown references', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const r = await customer.post('/api/v1/kb/articles', { slug: newSlug(), category: 'getting-help', translations: { en: { title: 'x', body: 'y' } } });
    expect(r.status).toBe(403);
    expect((await customer.patch('/api/v1/kb/articles/support-unreachable', { visibility: 'internal' })).status).toBe(403);
    expect((await customer.get('/api/v1/kb/articles/support-unreachable/revisions')).status).toBe(403);
    const badCategory = await admin.post('/api/v1/kb/articles', { slug: newSlug(), category: 'nope', translations: { en: { title: 'x', body: 'y' } } });
    expect(badCategory.status).toBe(422);
    expect(badCategory.body.error.code).toBe('unknown_category');
    const badRelated = await admin.patch('/api/v1/kb/articles/support-hours', { related: ['does-not-exist'] });
    expect(badRelated.status).toBe(422);
    const noText = await admin.post('/api/v1/kb/articles', { slug: newSlug(), category: 'getting-help', translations: {} });
    expect(noText.status).toBe(400);
  });

  it('counts one helpful vote per voter and article; a later vote replaces it; the same Idempotency-Key returns the original', async () => {
    const slug = newSlug();
    await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'Votes', body: 'Vote on me.' } } });
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const first = await customer.post(`/api/v1/kb/articles/${slug}/votes`, { helpful: true, locale: 'en' }, { 'idempotency-key': 'v1' });
    expect(first.status).toBe(201);
    expect(first.body.counts).toEqual({ yes: 1, no: 0 });
    const retried = await customer.post(`/api/v1/kb/articles/${slug}/votes`, { helpful: false, locale: 'en' }, { 'idempotency-key': 'v1' });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ helpful: true, counts: { yes: 1, no: 0 } });
    const changed = await customer.post(`/api/v1/kb/articles/${slug}/votes`, { helpful: false, locale: 'en' });
    expect(changed.body.counts).toEqual({ yes: 0, no: 1 });
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    await visitor.post(`/api/v1/kb/articles/${slug}/votes`, { helpful: true });
    await visitor.post(`/api/v1/kb/articles/${slug}/votes`, { helpful: true });
    // Two anonymous requests from one address count once.
    await new ApiClient(node.url).post(`/api/v1/kb/articles/${slug}/votes`, { helpful: true });
    const last = await new ApiClient(node.url).post(`/api/v1/kb/articles/${slug}/votes`, { helpful: true });
    expect(last.status).toBe(200);
    expect(last.body.counts).toEqual({ yes: 2, no: 1 });
    expect((await new ApiClient(node.url).get(`/api/v1/kb/articles/${slug}`)).body.helpful).toEqual({ yes: 2, no: 1 });
  });

  it('picks up edits written by another node when it refreshes its index', async () => {
    const slug = newSlug();
    const before = `beforeword${uid()}`;
    const after = `afterword${uid()}`;
    await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'Cross node', body: `first ${before}` } } });
    const article = await store.findArticle(node.app.desk.db, slug);
    // What another node does: write the database without touching this node's index.
    await store.saveTranslation(node.app.desk.db, article!.id, 'en', { title: 'Cross node', description: '', body: `second ${after}`, tags: [] }, 'agent:elsewhere', null);
    const search = async (word: string) => (await admin.get(`/api/v1/kb/search?q=${word}&locale=en`)).body.items.map((i: { slug: string }) => i.slug);
    expect(await search(after)).not.toContain(slug);
    expect(await refreshIndex(node.app.desk)).toBeGreaterThanOrEqual(1);
    expect(await search(after)).toContain(slug);
    expect(await search(before)).not.toContain(slug);
    expect(await refreshIndex(node.app.desk)).toBe(0);
  });

  it.runIf(process.env.SAPA_TEST_DB === 'postgres')('shares edits between two nodes on one PostgreSQL database', async () => {
    const other = await startNode({}, { quiet: true });
    try {
      const slug = newSlug();
      const marker = `otherwordzx${uid()}`;
      await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'Two nodes', body: `first ${marker}` } } });
      const otherAdmin = new ApiClient(other.url);
      await otherAdmin.asAdmin();
      await refreshIndex(other.app.desk);
      expect((await otherAdmin.get(`/api/v1/kb/search?q=${marker}&locale=en`)).body.items[0]?.slug).toBe(slug);
      await otherAdmin.patch(`/api/v1/kb/articles/${slug}`, { translations: { en: { body: 'second version' } } });
      expect(await refreshIndex(node.app.desk)).toBeGreaterThanOrEqual(1);
      expect((await admin.get(`/api/v1/kb/search?q=${marker}&locale=en`)).body.items.map((i: { slug: string }) => i.slug)).not.toContain(slug);
    } finally {
      await other.stop();
    }
  });

  it('exposes the knowledge-base routes in the OpenAPI document', async () => {
    const r = await new ApiClient(node.url).get('/api/docs/json');
    const paths = Object.keys(r.body.paths);
    for (const p of ['/api/v1/kb/search', '/api/v1/kb/articles/{slug}', '/api/v1/kb/articles/{slug}/revisions', '/api/v1/kb/articles/{slug}/votes', '/api/v1/kb/categories']) {
      expect(paths).toContain(p);
    }
  });
});
