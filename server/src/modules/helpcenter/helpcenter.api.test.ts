// The help center as a browser with JavaScript off and a search engine see it: plain HTTP, HTML parsed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';
import { BUNDLED_CONTENT_DIR } from '../kb/content.js';
import { importArticles } from '../kb/import.js';

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

const locales = ['en', 'id-ID', 'zh-CN'] as const;
const tag = { en: 'en', 'id-ID': 'id', 'zh-CN': 'zh-Hans' } as const;

async function page(path: string, headers: Record<string, string> = {}, client = new ApiClient(node.url)) {
  const r = await client.get(path, headers);
  return { ...r, html: r.text };
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
const hreflangs = (html: string) => Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]));
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]) as Record<string, unknown>);
}
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('help center pages', () => {
  it('serves / in the visitor’s language with a canonical address, and /help redirects there', async () => {
    const id = await page('/', { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' });
    expect(id.status).toBe(200);
    expect(id.headers.get('content-type')).toContain('text/html');
    expect(id.html).toContain('<html lang="id">');
    expect(titleOf(id.html)).toBe('Pusat Bantuan Sapa');
    expect(canonicalOf(id.html)).toBe(`${node.url}/help/id-ID`);
    expect(id.headers.get('vary')).toContain('Accept-Language');
    const zh = await page('/', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(titleOf(zh.html)).toBe('Sapa 帮助中心');
    expect((await page('/?lang=en', { 'accept-language': 'zh-CN' })).html).toContain('<html lang="en">');
    const redirect = await page('/help', { 'accept-language': 'zh' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/help/zh-CN');
    // The home with a trailing slash (old links, people typing it) is the home.
    for (const [from, to] of [['/help/en/', '/help/en'], ['/help/zh/', '/help/zh-CN'], ['/help/id-ID/?q=saldo', '/help/id-ID?q=saldo']]) {
      const slash = await page(from);
      expect({ from, status: slash.status, location: slash.headers.get('location') }).toEqual({ from, status: 301, location: to });
    }
    // Any other page with a trailing slash is that page; what does not exist without the slash is still a 404.
    for (const [from, to] of [['/help/en/search/?q=saldo', '/help/en/search?q=saldo'], ['/help/en/articles/account-locked/', '/help/en/articles/account-locked'], ['/community/en/', '/community/en'], ['/help/xx/', '/help/xx']]) {
      const slash = await page(from);
      expect({ from, status: slash.status, location: slash.headers.get('location') }).toEqual({ from, status: 301, location: to });
    }
    expect((await page('/help/xx')).status).toBe(404);
    expect((await page('/help/en/articles/account-locked')).status).toBe(200);
    const opener = await page('/help/assets/chat.js');
    expect(opener.status).toBe(200);
    expect(opener.headers.get('content-type')).toMatch(/^text\/javascript/);
    const loose = await page('/help/zh/articles/account-locked');
    expect(loose.status).toBe(301);
    expect(loose.headers.get('location')).toBe('/help/zh-CN/articles/account-locked');
  });

  it('renders the home in each language with search, categories, hreflang, JSON-LD and the “can’t reach support” link', async () => {
    for (const l of locales) {
      const r = await page(`/help/${l}`);
      expect(r.status).toBe(200);
      expect(r.html).toContain(`<html lang="${tag[l]}">`);
      expect(canonicalOf(r.html)).toBe(`${node.url}/help/${l}`);
      expect(hreflangs(r.html)).toEqual({
        en: `${node.url}/help/en`,
        id: `${node.url}/help/id-ID`,
        'zh-Hans': `${node.url}/help/zh-CN`,
        'x-default': `${node.url}/`,
      });
      expect(r.html).toMatch(/<form[^>]+role="search"[^>]+action="\/help\/[^"]+\/search"/);
      expect(r.html).toContain(`href="/help/${l}/troubleshoot"`);
      expect(r.html).toContain(`href="/help/${l}/categories/getting-help"`);
      expect(r.html).toContain('<main id="main"');
      expect(r.html).toContain('class="skip" href="#main"');
      // The chat widget, as on any wallet site, and the opener of its #chat links: Sapa's own files, no inline script.
      expect(r.html).toContain(`<script src="/widget.js" data-locale="${l}" async></script>`);
      expect(r.html).toContain('<script src="/help/assets/chat.js" defer></script>');
      expect([...r.html.matchAll(/<script(?![^>]*\bsrc=")(?![^>]*type="application\/ld\+json")[^>]*>/g)]).toEqual([]);
      const ld = jsonLd(r.html);
      expect(ld.find((d) => d['@type'] === 'WebSite')).toMatchObject({ potentialAction: { '@type': 'SearchAction' } });
      expect(Buffer.byteLength(r.html)).toBeLessThan(60_000);
    }
  });

  it('renders an article in each language with title, description, canonical, hreflang and Article JSON-LD', async () => {
    const titles = { en: "Can't reach customer service? Start here", 'id-ID': '', 'zh-CN': '联系不上客服？先看这里' } as const;
    for (const l of locales) {
      const r = await page(`/help/${l}/articles/support-unreachable`);
      expect(r.status).toBe(200);
      const api = await new ApiClient(node.url).get(`/api/v1/kb/articles/support-unreachable?locale=${l}`);
      expect(decode(titleOf(r.html))).toContain(api.body.title);
      if (titles[l]) expect(api.body.title).toBe(titles[l]);
      expect(decode(r.html)).toContain(`<meta name="description" content="${api.body.description}">`);
      expect(canonicalOf(r.html)).toBe(`${node.url}/help/${l}/articles/support-unreachable`);
      expect(hreflangs(r.html)).toEqual({
        en: `${node.url}/help/en/articles/support-unreachable`,
        id: `${node.url}/help/id-ID/articles/support-unreachable`,
        'zh-Hans': `${node.url}/help/zh-CN/articles/support-unreachable`,
        'x-default': `${node.url}/help/en/articles/support-unreachable`,
      });
      const ld = jsonLd(r.html);
      const article = ld.find((d) => d['@type'] === 'Article');
      expect(article).toMatchObject({ headline: api.body.title, inLanguage: tag[l], mainEntityOfPage: `${node.url}/help/${l}/articles/support-unreachable` });
      expect(ld.find((d) => d['@type'] === 'BreadcrumbList')).toBeTruthy();
      expect(r.html).toContain(`href="/help/${l}/articles/check-your-connection"`);
      expect(r.html).toMatch(/<button type="submit" name="helpful" value="yes">/);
    }
  });

  it('sends cache validators and a content security policy with Sapa’s own scripts only; a repeat visit gets 304', async () => {
    const first = await page('/help/en/articles/account-locked');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('unsafe');
    // Community pages embed no widget: no script at all.
    const community = await page('/community/en');
    expect(community.headers.get('content-security-policy')).not.toContain('script-src');
    expect(community.html).not.toContain('<script src');
    const again = await page('/help/en/articles/account-locked', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Compressed for clients that accept it (fetch decodes it again).
    const compressed = await page('/help/en/articles/account-locked', { 'accept-encoding': 'br, gzip' });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(compressed.html).toBe(first.html);
    expect((await page('/help/en', { 'accept-encoding': 'gzip' })).headers.get('content-encoding')).toBe('gzip');
    // Signed-in pages are private.
    expect((await page('/help/en/articles/account-locked', {}, admin)).headers.get('cache-control')).toContain('private');
  });

  it('renders category pages with FAQPage JSON-LD listing their articles', async () => {
    for (const l of locales) {
      const r = await page(`/help/${l}/categories/account-and-security`);
      expect(r.status).toBe(200);
      expect(canonicalOf(r.html)).toBe(`${node.url}/help/${l}/categories/account-and-security`);
      expect(Object.keys(hreflangs(r.html)).sort()).toEqual(['en', 'id', 'x-default', 'zh-Hans']);
      const faq = jsonLd(r.html).find((d) => d['@type'] === 'FAQPage') as { mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
      expect(faq.mainEntity.length).toBeGreaterThan(3);
      expect(faq.mainEntity.every((q) => q.name && q.acceptedAnswer.text)).toBe(true);
      expect(r.html).toContain(`href="/help/${l}/articles/account-locked"`);
    }
    expect((await page('/help/en/categories/no-such-category')).status).toBe(404);
  });

  it('finds the expected article from the search page in each language, and says so when nothing matches', async () => {
    const queries = { en: 'account locked', 'id-ID': 'akun terblokir', 'zh-CN': '账户被冻结' } as const;
    for (const l of locales) {
      const r = await page(`/help/${l}/search?q=${encodeURIComponent(queries[l])}`);
      expect(r.status).toBe(200);
      expect(r.html).toContain('<meta name="robots" content="noindex, follow">');
      const results = r.html.slice(r.html.indexOf('class="plain results"'));
      const firstLink = /<a href="([^"]+)"/.exec(results)?.[1];
      expect(firstLink).toBe(`/help/${l}/articles/account-locked`);
      expect(r.html).toContain('<mark>');
    }
    const none = await page(`/help/en/search?q=${encodeURIComponent('zzqxv plorf')}`);
    expect(none.status).toBe(200);
    expect(none.html).toContain('No articles match');
    expect(none.html).toContain('href="/community/en/new?title=zzqxv%20plorf"');
    // Hostile input is text, never markup.
    const hostile = await page(`/help/en/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.html).not.toContain('<script>alert(1)</script>');
    expect(hostile.html).toContain('&lt;script&gt;');
  });

  it('shows internal articles to agents only, and English with a notice when a translation is missing', async () => {
    expect((await page('/help/en/articles/agent-verify-identity-before-unlock')).status).toBe(404);
    const asAgent = await page('/help/en/articles/agent-verify-identity-before-unlock', {}, admin);
    expect(asAgent.status).toBe(200);
    expect(asAgent.html).toContain('Internal article');
    expect(asAgent.html).toContain('noindex');

    const slug = `only-english-${uid()}`;
    await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'Only in English', description: 'English only.', body: 'Just English.' } } });
    const zh = await page(`/help/zh-CN/articles/${slug}`);
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('本文暂无中文版本');
    expect(zh.html).toContain('<article class="article" lang="en"');
    expect(canonicalOf(zh.html)).toBe(`${node.url}/help/en/articles/${slug}`);
    expect(hreflangs(zh.html)).toEqual({ en: `${node.url}/help/en/articles/${slug}`, 'x-default': `${node.url}/help/en/articles/${slug}` });
    const notFound = await page('/help/id-ID/articles/does-not-exist');
    expect(notFound.status).toBe(404);
    expect(notFound.html).toContain('Halaman tidak ditemukan');
    expect((await page('/help/fr-FR')).status).toBe(404);
  });

  it('records “was this helpful?” from the no-JavaScript form, once per browser', async () => {
    const slug = `feedback-${uid()}`;
    await admin.post('/api/v1/kb/articles', { slug, category: 'getting-help', translations: { en: { title: 'Feedback target', body: 'Body.' } } });
    const browser = new ApiClient(node.url);
    const form = (helpful: string) => browser.request('POST', `/help/en/articles/${slug}/feedback`, `helpful=${helpful}`, { 'content-type': 'application/x-www-form-urlencoded' });
    const first = await form('yes');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/help/en/articles/${slug}?feedback=thanks#feedback`);
    expect(browser.cookies.get('sapa_vid')).toBeTruthy();
    await form('no');
    const other = new ApiClient(node.url);
    await other.request('POST', `/help/en/articles/${slug}/feedback`, 'helpful=yes', { 'content-type': 'application/x-www-form-urlencoded' });
    const counts = (await new ApiClient(node.url).get(`/api/v1/kb/articles/${slug}`)).body.helpful;
    expect(counts).toEqual({ yes: 1, no: 1 });
    const thanks = await page(`/help/en/articles/${slug}?feedback=thanks`);
    expect(thanks.html).toContain('Thank you for your feedback.');
  });

  it('lists every public article in every language in the sitemap, with alternates, and no internal ones', async () => {
    const r = await page('/sitemap.xml');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/xml');
    const locs = [...r.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const articles = (await new ApiClient(node.url).get('/api/v1/kb/articles')).body.items as { slug: string; translations: string[] }[];
    expect(articles.length).toBeGreaterThan(20);
    for (const a of articles) for (const l of a.translations) expect(locs).toContain(`${node.url}/help/${l}/articles/${a.slug}`);
    expect(locs.some((u) => u.includes('agent-verify-identity-before-unlock'))).toBe(false);
    for (const l of locales) {
      expect(locs).toContain(`${node.url}/help/${l}`);
      expect(locs).toContain(`${node.url}/help/${l}/categories/getting-help`);
      expect(locs).toContain(`${node.url}/community/${l}`);
    }
    expect(r.text).toContain(`<xhtml:link rel="alternate" hreflang="zh-Hans" href="${node.url}/help/zh-CN/articles/account-locked"/>`);
    expect(r.text.match(/<url>/g)!.length).toBe(locs.length);
  });

  it('lists community topics in the sitemap once published', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Sitemap Writer');
    const topic = await customer.post('/api/v1/forum/topics', { locale: 'en', title: `Sitemap topic ${uid()}`, body: 'Does the sitemap list me?' });
    expect(topic.status).toBe(201);
    const r = await page('/sitemap.xml');
    expect(r.text).toContain(`<loc>${node.url}/community/en/topics/${topic.body.id}</loc>`);
  });

  it('allows help, community and status in robots.txt and keeps crawlers out of the console and the API', async () => {
    const r = await page('/robots.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    for (const line of ['Allow: /help/', 'Allow: /community/', 'Allow: /status', 'Disallow: /agent', 'Disallow: /api/', `Sitemap: ${node.url}/sitemap.xml`]) {
      expect(r.text.split('\n')).toContain(line);
    }
  });

  it('shows the live incident banner and the channels open now on every page', async () => {
    const title = `Chat outage ${uid()}`;
    const incident = await admin.post('/api/v1/status/incidents', { title, impact: 'critical', message: 'Live chat is down; email and phone still work.', components: [{ id: 'live_chat', status: 'major_outage' }] });
    expect(incident.status).toBe(201);
    try {
      for (const path of ['/help/en', '/help/en/articles/account-locked', '/help/en/search?q=otp', '/community/en']) {
        const r = await page(path);
        expect(r.html).toContain(title);
        const contact = r.html.slice(r.html.indexOf('id="contact-title"'));
        expect(contact).toContain('Unavailable now');
        expect(contact).toContain('href="/community/en"');
        expect(contact).toContain('href="/status?lang=en"');
      }
    } finally {
      await admin.post(`/api/v1/status/incidents/${incident.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
    }
    expect((await page('/help/en')).html).not.toContain(title);
  });
});
