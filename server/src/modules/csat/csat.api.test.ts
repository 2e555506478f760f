import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeAppBackend, postAppMessage } from '../app-channel/fake-app-backend.js';
import { cases } from '../cases/schema.js';
import { satisfactionSurveys } from './schema.js';
import { sweepSurveys } from './service.js';

// Satisfaction surveys: offered when a person resolves a case, on the case's channel; answered through the API the
// widget uses or the no-JavaScript page a link opens; summed up for supervisors.

const APP_SECRET = 'csat-test-app-secret';
let node: TestNode;
let backend: FakeAppBackend;
let admin: ApiClient;
beforeAll(async () => {
  backend = await new FakeAppBackend(APP_SECRET).start();
  node = await startNode({ SAPA_APP_WEBHOOK_SECRET: APP_SECRET, SAPA_APP_WEBHOOK_URL: backend.url }, { quiet: true });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await backend?.stop();
});

type Message = { body: string; internal: boolean; author: { kind: string }; metadata: { survey?: { token: string; scale: number } } | null };
const messagesOf = async (who: ApiClient, caseId: string) => (await who.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Message[];

const opening: Record<string, string> = { en: 'my top-up is missing', 'id-ID': 'top up saya belum masuk dari kemarin', 'zh-CN': '我的充值还没到账' };

/** A visitor's web case, written in `locale`, that an agent answered. */
async function answeredCase(locale = 'en') {
  const customer = new ApiClient(node.url);
  await customer.asVisitor({ locale });
  const c = await customer.post('/api/v1/cases', { message: { body: opening[locale], clientMessageId: uid() } });
  expect(c.status).toBe(201);
  expect((await admin.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'Found it: it is credited now.', clientMessageId: uid() })).status).toBe(201);
  return { customer, caseId: c.body.id as string, reference: c.body.reference as string };
}
const resolve = async (caseId: string) => expect((await admin.patch(`/api/v1/cases/${caseId}`, { status: 'resolved' })).status).toBe(200);
const surveyOf = async (who: ApiClient, caseId: string) => (await messagesOf(who, caseId)).find((m) => m.metadata?.survey);

describe('satisfaction surveys', () => {
  it('asks the customer in the chat when a person resolves the case, and takes a 1–5 answer that agents see', async () => {
    const { customer, caseId, reference } = await answeredCase('id-ID');
    expect(await surveyOf(customer, caseId)).toBeUndefined();
    await resolve(caseId);
    const ask = (await settle(node, () => surveyOf(customer, caseId)))!;
    expect(ask).toMatchObject({ internal: false, author: { kind: 'system' }, metadata: { survey: { scale: 5 } } });
    expect(ask.body).toMatch(new RegExp(`^Kasus ${reference} Anda sudah selesai\\. Bagaimana pelayanan kami\\? .*: http://127\\.0\\.0\\.1:\\d+/survey/[\\w-]{32}$`));
    const token = ask.metadata!.survey!.token;
    expect((await customer.get(`/api/v1/cases/${caseId}/satisfaction`)).body.survey).toMatchObject({ reference, score: null, expired: false, locale: 'id-ID' });

    const bad = await customer.post(`/api/v1/surveys/${token}`, { score: 6 });
    expect(bad.status).toBe(400);
    const answered = await customer.post(`/api/v1/surveys/${token}`, { score: 4, comment: ' cepat dan ramah ' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ score: 4, comment: 'cepat dan ramah' });
    // The case stays resolved; the answer is a note for agents, not a message to the customer.
    expect((await admin.get(`/api/v1/cases/${caseId}`)).body.status).toBe('resolved');
    const note = (await messagesOf(admin, caseId)).find((m) => m.internal && m.body.startsWith('The customer rated'));
    expect(note?.body).toBe('The customer rated this case 4/5: “cepat dan ramah”');
    expect((await messagesOf(customer, caseId)).some((m) => m.body.startsWith('The customer rated'))).toBe(false);
    // Changing the answer is allowed until it expires, and noted as a change.
    expect((await customer.post(`/api/v1/surveys/${token}`, { score: 2 })).body).toMatchObject({ score: 2, comment: null });
    expect((await messagesOf(admin, caseId)).some((m) => m.internal && m.body === 'The customer changed their rating from 4/5 to 2/5.')).toBe(true);

    // Reopened by a last "thanks" and resolved again the same day: no second survey.
    expect((await customer.post(`/api/v1/cases/${caseId}/messages`, { body: 'makasih', clientMessageId: uid() })).status).toBe(201);
    expect((await admin.get(`/api/v1/cases/${caseId}`)).body.status).toBe('open');
    await resolve(caseId);
    await node.app.desk.jobs.drain();
    expect((await messagesOf(customer, caseId)).filter((m) => m.metadata?.survey)).toHaveLength(1);
  });

  it('does not survey a conversation no person answered, nor any when surveys are off', async () => {
    const customer = new ApiClient(node.url);
    await customer.asVisitor();
    const c = await customer.post('/api/v1/cases', { message: { body: 'never mind, found it', clientMessageId: uid() } });
    await resolve(c.body.id);
    await node.app.desk.jobs.drain();
    expect(await surveyOf(customer, c.body.id)).toBeUndefined();

    expect((await admin.put('/api/v1/csat/settings', { enabled: false })).body).toEqual({ enabled: false });
    try {
      const { customer: other, caseId } = await answeredCase();
      await resolve(caseId);
      await node.app.desk.jobs.drain();
      expect(await surveyOf(other, caseId)).toBeUndefined();
      expect((await other.get(`/api/v1/cases/${caseId}/satisfaction`)).body).toEqual({ survey: null });
    } finally {
      await admin.put('/api/v1/csat/settings', { enabled: true });
    }
    const stranger = new ApiClient(node.url);
    await stranger.asNewCustomer();
    expect((await stranger.put('/api/v1/csat/settings', { enabled: false })).status).toBe(403);
    expect((await stranger.get('/api/v1/csat/report')).status).toBe(403);
  });

  it('sends the survey on the case’s own channel (the wallet app here), where replying with the number answers it', async () => {
    const customerRef = `app-${uid()}`;
    const r = await postAppMessage(node.url, APP_SECRET, { customerRef, text: 'transfer saya belum masuk', externalId: uid() });
    const { caseId } = (await r.json()) as { caseId: string };
    expect((await admin.post(`/api/v1/cases/${caseId}/messages`, { body: 'Sudah masuk sekarang.', clientMessageId: uid() })).status).toBe(201);
    await resolve(caseId);
    const bodyOf = (d: { body: Record<string, unknown> }) => String((d.body.message as { body?: string } | undefined)?.body ?? '');
    const sent = await settle(node, async () => backend.deliveries.find((d) => bodyOf(d).includes('/survey/')));
    expect(sent.body).toMatchObject({ customerRef, type: 'message.created', message: { author: { kind: 'system' } } });
    expect(bodyOf(sent)).toMatch(/Bagaimana pelayanan kami\? Balas dengan angka 1 .*\/survey\/[\w-]{32}$/);

    // In a chat the customer just replies with the number: it answers the survey, and the case stays resolved.
    const reply = (text: string, externalId = uid()) => postAppMessage(node.url, APP_SECRET, { customerRef, text, externalId });
    const rating = uid();
    expect((await reply('4 bintang', rating)).status).toBe(201);
    expect((await reply('4 bintang', rating)).status).toBe(200); // the app's backend repeats a delivery
    expect((await admin.get(`/api/v1/cases/${caseId}`)).body.status).toBe('resolved');
    expect((await admin.get(`/api/v1/cases/${caseId}/satisfaction`)).body.survey).toMatchObject({ score: 4, comment: null });
    const thanks = await settle(node, async () => backend.deliveries.find((d) => bodyOf(d).startsWith('Terima kasih: Anda memberi nilai 4 dari 5.')));
    expect(bodyOf(thanks)).toMatch(/\/survey\/[\w-]{32}$/);
    const items = await messagesOf(admin, caseId);
    expect(items.filter((m) => m.internal && m.body === 'The customer rated this case 4/5.')).toHaveLength(1);
    expect(items.filter((m) => m.body.startsWith('Terima kasih: Anda memberi nilai'))).toHaveLength(1);
    // More than a rating is a new message about the problem: it reopens the case for a person.
    expect((await reply('5 juta saya belum masuk juga')).status).toBe(201);
    expect((await admin.get(`/api/v1/cases/${caseId}`)).body.status).toBe('open');
    expect((await admin.get(`/api/v1/cases/${caseId}/satisfaction`)).body.survey.score).toBe(4);
  });

  it('works as a page without JavaScript, in the case’s language, and refuses an expired or unknown link', async () => {
    const { customer, caseId, reference } = await answeredCase('zh-CN');
    await resolve(caseId);
    const token = (await settle(node, () => surveyOf(customer, caseId)))!.metadata!.survey!.token;
    const form = await fetch(`${node.url}/survey/${token}?score=5`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`您的工单 ${reference} 已解决`);
    expect(html).toMatch(/<input type="radio" name="score" value="5" checked required> 5 — 非常满意/);
    // A preselected score is not an answer: only the form's POST records one.
    expect((await customer.get(`/api/v1/surveys/${token}`)).body.score).toBeNull();

    const post = (fields: Record<string, string>) => fetch(`${node.url}/survey/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const empty = await post({ comment: '<b>还行</b>' });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('请选择 1 到 5 分。');
    // What was typed is kept, escaped.
    expect(emptyHtml).toContain('&lt;b&gt;还行&lt;/b&gt;</textarea>');
    const done = await post({ score: '5', comment: '很快就解决了' });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/谢谢您：您的评分是 5 分/);
    expect((await customer.get(`/api/v1/surveys/${token}`)).body).toMatchObject({ score: 5, comment: '很快就解决了' });

    await node.app.desk.db.update(satisfactionSurveys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(satisfactionSurveys.token, token));
    expect((await post({ score: '1' })).status).toBe(410);
    const late = await customer.post(`/api/v1/surveys/${token}?locale=en`, { score: 1 });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'survey_expired' });
    expect((await customer.get(`/api/v1/surveys/${token}`)).body).toMatchObject({ score: 5, expired: true });
    const unknown = await fetch(`${node.url}/survey/${'x'.repeat(32)}?lang=en`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This survey link is not valid.');
    expect((await customer.get(`/api/v1/surveys/${'x'.repeat(32)}`)).status).toBe(404);
  });

  it('sums up satisfaction for supervisors: response rate, CSAT, by agent and channel, comments', async () => {
    const report = await admin.get('/api/v1/csat/report');
    expect(report.status).toBe(200);
    const r = report.body;
    // From the tests above: web surveys answered 2 (the first changed to 2) and 5; the app one 4, by a chat reply.
    expect(r).toMatchObject({ sent: 3, answered: 3, responseRate: 1, csat: 0.667, average: 3.67, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 } });
    expect(r.byChannel).toEqual(expect.arrayContaining([{ channel: 'web', sent: 2, answered: 2, csat: 0.5 }, { channel: 'app', sent: 1, answered: 1, csat: 1 }]));
    expect(r.byAgent).toEqual([expect.objectContaining({ name: expect.any(String), answered: 3, csat: 0.667, average: 3.67 })]);
    expect(r.recent.map((x: { score: number }) => x.score)).toEqual([5, 2]);
    // A window with nothing in it.
    const empty = (await admin.get('/api/v1/csat/report?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')).body;
    expect(empty).toMatchObject({ sent: 0, answered: 0, responseRate: null, csat: null, average: null, byAgent: [], recent: [] });
  });

  it('makes up, within the hour, a survey a stopped node never offered or never asked, once', async () => {
    // Resolved while surveys were off: that one is not made up when they are turned on again.
    const off = await answeredCase();
    await admin.put('/api/v1/csat/settings', { enabled: false });
    await resolve(off.caseId);
    await admin.put('/api/v1/csat/settings', { enabled: true });
    // Resolved with no listener to hear it (as when the node stops right after the update).
    const { customer, caseId } = await answeredCase();
    await node.app.desk.db.update(cases).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(cases.id, caseId));
    // A survey stored but whose question was never posted (the node stopped in between).
    const other = await answeredCase('zh-CN');
    await node.app.desk.db.update(cases).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(cases.id, other.caseId));
    const [row] = await node.app.desk.db
      .insert(satisfactionSurveys)
      .values({ id: uid(), caseId: other.caseId, token: `t${uid().replace(/-/g, '')}`, channel: 'web', locale: 'zh-CN', agentId: null, sentAt: new Date(Date.now() - 120_000), expiresAt: new Date(Date.now() + 86400_000) })
      .returning();

    // Every node sweeps at once: one survey each, one question each.
    await Promise.all([sweepSurveys(node.app.desk, 0), sweepSurveys(node.app.desk, 0)]);
    expect(await sweepSurveys(node.app.desk, 0)).toBe(0);
    const asks = (await messagesOf(customer, caseId)).filter((m) => m.metadata?.survey);
    expect(asks).toHaveLength(1);
    expect(asks[0].body).toMatch(/^Your case .* is resolved\. How did we do\?/);
    const otherAsks = (await messagesOf(other.customer, other.caseId)).filter((m) => m.metadata?.survey);
    expect(otherAsks.map((m) => m.metadata!.survey!.token)).toEqual([row.token]);
    expect(otherAsks[0].body).toContain(`您的工单 ${other.reference} 已解决`);
    expect((await admin.get(`/api/v1/cases/${caseId}`)).body.status).toBe('resolved');
    expect(await surveyOf(off.customer, off.caseId)).toBeUndefined();
  });
});
