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
  // A node and 105 indexed translations take a few seconds, much longer on a busy machine.
}, 300_000);
afterAll(async () => node?.stop());

async function customer(name = 'Forum Tester') {
  const c = new ApiClient(node.url);
  const me = await c.asNewCustomer(name);
  return Object.assign(c, { id: me.id });
}
const topicBody = (extra = '') => ({ locale: 'en', title: `My top-up is missing ${uid()}`, body: `I topped up yesterday (ref ${uid()}) and the balance did not change. ${extra}`.trim(), tags: ['top-up'] });
const form = (c: ApiClient, path: string, fields: Record<string, string>) =>
  c.request('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

describe('community forum API', () => {
  it('lets anyone read, and only signed-in accounts post', async () => {
    const anon = new ApiClient(node.url);
    expect((await anon.get('/api/v1/forum/topics?locale=en')).status).toBe(200);
    const refused = await anon.post('/api/v1/forum/topics', topicBody());
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('sign_in_to_post');
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    expect((await visitor.post('/api/v1/forum/topics', topicBody())).status).toBe(403);
  });

  it('publishes a clean topic once per Idempotency-Key and finds it by list, tag and words', async () => {
    const c = await customer('Budi Santoso');
    const input = { ...topicBody(), tags: ['Top Up', 'bca'] };
    const first = await c.post('/api/v1/forum/topics', input, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: 'published', flags: [], tags: ['top-up', 'bca'], author: { name: 'Budi S.', staff: false, you: true } });
    const retry = await c.post('/api/v1/forum/topics', input, { 'idempotency-key': 'k1' });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const anon = new ApiClient(node.url);
    const latest = await anon.get('/api/v1/forum/topics?locale=en&limit=100');
    expect(latest.body.items.map((t: { id: string }) => t.id)).toContain(first.body.id);
    expect((await anon.get('/api/v1/forum/topics?locale=zh-CN&limit=100')).body.items.map((t: { id: string }) => t.id)).not.toContain(first.body.id);
    expect((await anon.get('/api/v1/forum/topics?locale=en&tag=bca&limit=100')).body.items.map((t: { id: string }) => t.id)).toContain(first.body.id);
    const words = first.body.title.split(' ').slice(-1)[0];
    const found = await anon.get(`/api/v1/forum/topics?locale=en&q=${encodeURIComponent(`missing ${words}`)}`);
    expect(found.body.items.map((t: { id: string }) => t.id)).toEqual([first.body.id]);
    const unanswered = await anon.get('/api/v1/forum/topics?locale=en&sort=unanswered&limit=100');
    expect(unanswered.body.items.map((t: { id: string }) => t.id)).toContain(first.body.id);
  });

  it('holds posts with unofficial phone numbers, links or requests for codes, never publishing them silently', async () => {
    const author = await customer();
    const anon = new ApiClient(node.url);
    const cases: [string, string][] = [
      ['Call our CS team on WhatsApp 0812-9999-8888 for a refund.', 'phone_number'],
      ['Claim your refund at https://gopay-refund.example-scam.xyz/claim today.', 'unofficial_link'],
      ['Send me the OTP code you receive and I will fix it.', 'asks_for_secret'],
    ];
    for (const [text, flag] of cases) {
      const r = await author.post('/api/v1/forum/topics', topicBody(text));
      expect(r.status).toBe(201);
      expect(r.body.state).toBe('held');
      expect(r.body.flags).toContain(flag);
      expect(r.body.html).not.toContain('<a ');
      expect((await anon.get(`/api/v1/forum/topics/${r.body.id}`)).status).toBe(404);
      expect((await anon.get('/api/v1/forum/topics?locale=en&limit=100')).body.items.map((t: { id: string }) => t.id)).not.toContain(r.body.id);
      expect((await author.get(`/api/v1/forum/topics/${r.body.id}`)).body.topic.state).toBe('held');
      const queue = await admin.get('/api/v1/forum/moderation/queue');
      expect(queue.body.items.find((i: { id: string }) => i.id === r.body.id)).toMatchObject({ kind: 'topic', state: 'held', flags: expect.arrayContaining([flag]) });
    }
    // A moderator publishes one after checking it.
    const held = await author.post('/api/v1/forum/topics', topicBody('Our hotline 021-5555-1234 is the one on the official website.'));
    expect(held.body.state).toBe('held');
    const approved = await admin.post(`/api/v1/forum/topics/${held.body.id}/moderation`, { action: 'approve', note: 'number is official' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('published');
    expect((await anon.get(`/api/v1/forum/topics/${held.body.id}`)).status).toBe(200);
  });

  it('lets official domains and phone numbers through once configured; links from day-old accounts wait for review', async () => {
    const domain = `help-${uid()}.example`;
    const phone = '+62 21 5000 1234';
    const customerCannot = await customer();
    expect((await customerCannot.put('/api/v1/forum/settings', { domains: [domain], phones: [phone] })).status).toBe(403);
    const saved = await admin.put('/api/v1/forum/settings', { domains: [`https://www.${domain}/x`], phones: [phone] });
    expect(saved.status).toBe(200);
    expect(saved.body.domains).toContain(domain);
    const author = await customer();
    const phoneOk = await author.post('/api/v1/forum/topics', topicBody('The official line is 021 5000 1234, I called it.'));
    expect(phoneOk.body.state).toBe('published');
    // The account is minutes old: even an official link waits for a moderator.
    const link = await author.post('/api/v1/forum/topics', topicBody(`See https://${domain}/help/top-up for the steps.`));
    expect(link.body).toMatchObject({ state: 'held', flags: ['new_account_link'] });
    const agentLink = await admin.post('/api/v1/forum/topics', { ...topicBody(`Official steps: https://gopay-refund.xyz`), official: true });
    expect(agentLink.body).toMatchObject({ state: 'published', official: true, author: { staff: true } });
  });

  it('limits each account to 5 posts in 10 minutes and refuses the same text twice', async () => {
    const c = await customer();
    const first = await c.post('/api/v1/forum/topics', topicBody());
    const again = await c.post('/api/v1/forum/topics', { ...topicBody(), body: first.body.body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_post');
    for (let i = 0; i < 4; i++) expect((await c.post(`/api/v1/forum/topics/${first.body.id}/replies`, { body: `Update ${i}: still waiting ${uid()}` })).status).toBe(201);
    const limited = await c.post(`/api/v1/forum/topics/${first.body.id}/replies`, { body: 'One more update' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('posting_too_fast');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Staff are not rate limited.
    for (let i = 0; i < 6; i++) expect((await admin.post(`/api/v1/forum/topics/${first.body.id}/replies`, { body: `Staff note ${i} ${uid()}` })).status).toBe(201);
  });

  it('holds the same long text pasted by a second account', async () => {
    const text = `Get free cashback ${uid()}: follow the steps in my profile and share this with friends.`;
    const a = await customer();
    const b = await customer();
    expect((await a.post('/api/v1/forum/topics', { ...topicBody(), body: text })).body.state).toBe('published');
    const copy = await b.post('/api/v1/forum/topics', { ...topicBody(), body: text });
    expect(copy.body).toMatchObject({ state: 'held', flags: ['repeated_content'] });
  });

  it('takes replies, votes (one per account) and an accepted answer from the topic’s author', async () => {
    const author = await customer();
    const helper = await customer('Siti Rahma');
    const other = await customer();
    const topic = (await author.post('/api/v1/forum/topics', topicBody())).body;
    const answer = await helper.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'Virtual account top-ups can take up to an hour; then contact support with the reference.' }, { 'idempotency-key': 'r1' });
    expect(answer.status).toBe(201);
    expect((await helper.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'different text' }, { 'idempotency-key': 'r1' })).body.reply.id).toBe(answer.body.reply.id);
    const replyId = answer.body.reply.id;
    expect((await helper.post(`/api/v1/forum/replies/${replyId}/votes`, { value: 1 })).body.score).toBe(1);
    expect((await helper.post(`/api/v1/forum/replies/${replyId}/votes`, { value: 1 })).body.score).toBe(1);
    expect((await other.post(`/api/v1/forum/replies/${replyId}/votes`, { value: 1 })).body.score).toBe(2);
    expect((await other.post(`/api/v1/forum/replies/${replyId}/votes`, { value: -1 })).body.score).toBe(0);
    expect((await other.post(`/api/v1/forum/replies/${replyId}/votes`, { value: 0 })).body.score).toBe(1);
    expect((await new ApiClient(node.url).post(`/api/v1/forum/topics/${topic.id}/votes`, { value: 1 })).status).toBe(401);

    expect((await other.post(`/api/v1/forum/topics/${topic.id}/accept`, { replyId })).status).toBe(403);
    const accepted = await author.post(`/api/v1/forum/topics/${topic.id}/accept`, { replyId });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ acceptedReplyId: replyId, answered: true });
    const read = await new ApiClient(node.url).get(`/api/v1/forum/topics/${topic.id}`);
    expect(read.body.topic.replyCount).toBe(1);
    expect(read.body.replies[0]).toMatchObject({ accepted: true, score: 1, author: { name: 'Siti R.' } });
    expect((await new ApiClient(node.url).get('/api/v1/forum/topics?locale=en&sort=unanswered&limit=100')).body.items.map((t: { id: string }) => t.id)).not.toContain(topic.id);
  });

  it('lets agents pin, lock and hide; a locked topic takes no customer replies; customers cannot moderate', async () => {
    const author = await customer();
    const topic = (await author.post('/api/v1/forum/topics', topicBody())).body;
    expect((await author.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'pin' })).status).toBe(403);
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'pin' })).body.pinned).toBe(true);
    const first = (await new ApiClient(node.url).get('/api/v1/forum/topics?locale=en&limit=5')).body.items[0];
    expect(first.pinned).toBe(true);
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'lock' })).body.locked).toBe(true);
    const blocked = await author.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'Can I still reply?' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('topic_locked');
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'Staff can still post an update.', official: true })).status).toBe(201);
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'hide', note: 'duplicate' })).body.state).toBe('hidden');
    expect((await new ApiClient(node.url).get(`/api/v1/forum/topics/${topic.id}`)).status).toBe(404);
    expect((await author.get(`/api/v1/forum/topics/${topic.id}`)).body.topic.state).toBe('hidden');
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'unhide' })).body.state).toBe('published');
    const reply = await author.post(`/api/v1/forum/topics/${(await author.post('/api/v1/forum/topics', topicBody())).body.id}/replies`, { body: 'reply to hide' });
    expect((await admin.post(`/api/v1/forum/replies/${reply.body.reply.id}/moderation`, { action: 'pin' })).status).toBe(400);
    expect((await admin.post(`/api/v1/forum/replies/${reply.body.reply.id}/moderation`, { action: 'hide' })).status).toBe(204);
  });

  it('holds a post after three reports and queues it for moderators', async () => {
    const author = await customer();
    const topic = (await author.post('/api/v1/forum/topics', topicBody())).body;
    const reporters = await Promise.all([customer(), customer(), customer()]);
    expect((await reporters[0].post(`/api/v1/forum/topics/${topic.id}/reports`, { reason: 'spam' })).body.held).toBe(false);
    expect((await reporters[0].post(`/api/v1/forum/topics/${topic.id}/reports`, { reason: 'spam' })).body.held).toBe(false);
    await reporters[1].post(`/api/v1/forum/topics/${topic.id}/reports`, { reason: 'phishing', note: 'fake CS' });
    expect((await reporters[2].post(`/api/v1/forum/topics/${topic.id}/reports`, { reason: 'spam' })).body.held).toBe(true);
    expect((await new ApiClient(node.url).get(`/api/v1/forum/topics/${topic.id}`)).status).toBe(404);
    const queued = (await admin.get('/api/v1/forum/moderation/queue')).body.items.find((i: { id: string }) => i.id === topic.id);
    expect(queued).toMatchObject({ state: 'held', flags: ['reported'] });
    expect(queued.reports).toHaveLength(3);
    await admin.post(`/api/v1/forum/topics/${topic.id}/moderation`, { action: 'approve' });
    expect((await admin.get('/api/v1/forum/moderation/queue')).body.items.find((i: { id: string }) => i.id === topic.id)).toBeUndefined();
  });

  it('turns a topic into a support case for its author, linked both ways, once', async () => {
    const author = await customer('Alice Tan');
    const topic = (await author.post('/api/v1/forum/topics', topicBody())).body;
    expect((await author.post(`/api/v1/forum/topics/${topic.id}/case`)).status).toBe(403);
    const opened = await admin.post(`/api/v1/forum/topics/${topic.id}/case`);
    expect(opened.status).toBe(201);
    expect(opened.body.reference).toMatch(/^SP-/);
    const again = await admin.post(`/api/v1/forum/topics/${topic.id}/case`);
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(opened.body.caseId);
    const theCase = await admin.get(`/api/v1/cases/${opened.body.caseId}`);
    expect(theCase.body).toMatchObject({ channel: 'forum', customerId: author.id, subject: topic.title });
    const messages = await admin.get(`/api/v1/cases/${opened.body.caseId}/messages?afterSeq=0`);
    expect(messages.body.items[0].metadata).toMatchObject({ forumTopicId: topic.id, forumTopicUrl: `${node.url}/community/en/topics/${topic.id}` });
    expect(messages.body.items[0].body).toContain(topic.body);
    const mine = await author.get('/api/v1/cases');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(opened.body.caseId);
    expect((await author.get(`/api/v1/forum/topics/${topic.id}`)).body.topic).toMatchObject({ hasCase: true, caseReference: opened.body.reference });
    const publicView = (await new ApiClient(node.url).get(`/api/v1/forum/topics/${topic.id}`)).body.topic;
    expect(publicView).toMatchObject({ hasCase: true, caseReference: null });
    const page = await new ApiClient(node.url).get(`/community/en/topics/${topic.id}`);
    expect(page.text).toContain('A support case was opened for this topic');
    const staffTopic = (await admin.post('/api/v1/forum/topics', topicBody())).body;
    expect((await admin.post(`/api/v1/forum/topics/${staffTopic.id}/case`)).status).toBe(422);
  });

  it('lets agents link knowledge-base articles in a reply', async () => {
    const author = await customer();
    const topic = (await author.post('/api/v1/forum/topics', topicBody())).body;
    const r = await admin.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'These steps help:', articles: ['top-up-failed', 'keep-evidence'] });
    expect(r.status).toBe(201);
    expect(r.body.reply.articles).toEqual([
      { slug: 'top-up-failed', title: expect.any(String), url: '/help/en/articles/top-up-failed' },
      { slug: 'keep-evidence', title: expect.any(String), url: '/help/en/articles/keep-evidence' },
    ]);
    expect(r.body.reply.author).toMatchObject({ staff: true });
    expect((await admin.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'Read this one.', articles: ['nope-nope'] })).status).toBe(422);
    // Customers cannot attach articles (silently ignored) nor mark replies official.
    const own = await author.post(`/api/v1/forum/topics/${topic.id}/replies`, { body: 'thanks!', articles: ['top-up-failed'], official: true });
    expect(own.body.reply).toMatchObject({ articles: [], official: false });
    const page = await new ApiClient(node.url).get(`/community/en/topics/${topic.id}`);
    expect(page.text).toContain('href="/help/en/articles/top-up-failed"');
  });

  it('accepts form posts only with the session’s CSRF token in a hidden field, and signs in without JavaScript', async () => {
    const c = new ApiClient(node.url);
    const me = await c.asNewCustomer();
    const token = c.csrf!;
    c.csrf = undefined;
    const title = `Posted from a plain form ${uid()}`;
    const without = await form(c, '/community/en/new', { title, body: 'No token here.' });
    expect(without.status).toBe(403);
    // A title too short: the refusal names the field and its length, the field is marked, and the text is kept.
    const short = await form(c, '/community/id-ID/new', { _csrf: token, title: '', body: 'Saldo saya belum masuk sejak kemarin.', tags: '' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Judul perlu 5 sampai 150 karakter; sekarang 0.');
    expect(short.text).toMatch(/name="title" value="" required minlength="5" maxlength="150" aria-invalid="true" aria-describedby="topic-error title-hint"/);
    expect(short.text).toContain('>Saldo saya belum masuk sejak kemarin.</textarea>');
    const posted = await form(c, '/community/en/new', { _csrf: token, title, body: 'With the token.', tags: 'top-up, bca' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(/^\/community\/en\/topics\/[a-z0-9]+\?notice=published$/);
    const page = await c.get(posted.headers.get('location')!);
    expect(page.text).toContain('Your post is published.');
    expect(page.text).toContain(title);
    // A held post says why.
    const held = await form(c, '/community/en/new', { _csrf: token, title: `Contact CS ${uid()}`, body: 'WhatsApp +62 812 7777 6666 now' });
    expect(held.headers.get('location')).toContain('notice=held&flags=phone_number');

    const browser = new ApiClient(node.url);
    const signin = await browser.get('/community/id-ID/signin?next=/community/id-ID/new');
    expect(signin.status).toBe(200);
    const formToken = /name="_form" value="([^"]+)"/.exec(signin.text)![1];
    // The header's "Sign in" on the sign-in page is that same page, not one that comes back to it.
    expect(signin.text).toContain('<a href="/community/id-ID/signin?next=/community/id-ID/new">');
    expect(signin.text).not.toContain('next=%2Fcommunity%2Fid-ID%2Fsignin');
    // A `next` that is a sign-in page (an old nested link) goes where that one was going.
    const nested = await browser.get(`/community/id-ID/signin?next=${encodeURIComponent('/community/id-ID/signin?next=%2Fcommunity%2Fid-ID%2Fnew')}`);
    expect(nested.text).toContain('<input type="hidden" name="next" value="/community/id-ID/new">');
    const bad = await form(browser, '/community/id-ID/signin', { _form: formToken, login: me.email, password: 'wrong-password-1', next: '/community/id-ID/new' });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('Login atau kata sandi salah.');
    const forged = await form(new ApiClient(node.url), '/community/id-ID/signin', { _form: formToken, login: me.email, password: 'Plum-Orbit-Lantern-93!' });
    expect(forged.status).toBe(403);
    const good = await form(browser, '/community/id-ID/signin', { _form: formToken, login: me.email, password: 'Plum-Orbit-Lantern-93!', next: 'https://evil.example/' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/community/id-ID');
    expect(browser.cookies.get('sapa_session')).toBeTruthy();
    const newPage = await browser.get('/community/id-ID/new');
    expect(newPage.status).toBe(200);
    expect(newPage.text).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('renders community pages in each language, readable without signing in', async () => {
    const author = await customer();
    const topic = (await author.post('/api/v1/forum/topics', { ...topicBody(), locale: 'zh-CN', title: `充值没有到账 ${uid()}`, body: '昨天充值了，余额没有变化。' })).body;
    for (const [l, heading] of [['en', 'Community forum'], ['id-ID', 'Forum komunitas'], ['zh-CN', '社区论坛']] as const) {
      const list = await new ApiClient(node.url).get(`/community/${l}`);
      expect(list.status).toBe(200);
      expect(list.text).toContain(`<h1>${heading}</h1>`);
      expect(list.text).toContain('<link rel="alternate" hreflang="x-default"');
    }
    const zh = await new ApiClient(node.url).get(`/community/zh-CN/topics/${topic.id}`);
    expect(zh.text).toContain(topic.title);
    expect(zh.text).toContain('工作人员绝不会向您索要支付密码或验证码');
    const ld = [...zh.text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    expect(ld[0]).toMatchObject({ '@type': 'DiscussionForumPosting', headline: topic.title });
    expect((await new ApiClient(node.url).get('/community/zh-CN/topics/doesnotexist')).status).toBe(404);
    const home = await new ApiClient(node.url).get('/community', { 'accept-language': 'id' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/community/id-ID');
    expect(zh.headers.get('cache-control')).toBe('public, max-age=30');
    const search = await new ApiClient(node.url).get(`/community/zh-CN/search?q=${encodeURIComponent('充值没有到账')}`);
    expect(search.text).toContain(`/community/zh-CN/topics/${topic.id}`);
  });
});
