import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';

const DEMO_PASSWORD = 'Sapa-Demo-Customer-2026!';
let node: TestNode;
beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1' });
});
afterAll(async () => node?.stop());

async function customer(email: string) {
  const c = new ApiClient(node.url);
  const r = await c.login(email, DEMO_PASSWORD);
  expect(r.status).toBe(200);
  return c;
}

describe('classification', () => {
  it('classifies wallet problems in Chinese, Indonesian and English and names the language', async () => {
    const c = new ApiClient(node.url);
    const cases: [string, string, string][] = [
      ['我充值了20万，银行扣款了但余额没到账', 'topup_failed', 'zh'],
      ['akun saya diblokir, gimana cara buka blokirnya?', 'account_locked', 'id'],
      ['someone called me pretending to be from the wallet and asked for my OTP', 'phishing_report', 'en'],
    ];
    for (const [text, intent, lang] of cases) {
      const r = await c.post('/api/v1/assistant/classify', { text });
      expect(r.status).toBe(200);
      expect(r.body, text).toMatchObject({ intent, lang });
      expect(r.body.ranking[0].intent).toBe(intent);
      expect(r.body.confidence).toBeGreaterThan(0);
      expect(r.body.confidence).toBeLessThanOrEqual(1);
    }
    expect((await c.post('/api/v1/assistant/classify', { text: '' })).status).toBe(400);
  });
});

describe('conversations', () => {
  it('explains a stuck top-up from the wallet in Indonesian and hands it to an agent with what it found', async () => {
    const budi = await customer('budi@demo.sapa.test');
    const r = await budi.post('/api/v1/assistant/messages', { text: 'kak saldo top up gw dari BCA blm masuk2 udah sejam lebih' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ intent: 'topup_failed', lang: 'id', handoff: true });
    expect(r.body.reply).toContain('TX-TOPUP-1001');
    expect(r.body.reply, r.body.reply).toMatch(/Rp\s?200\.000/);
    expect(r.body.reply).toMatch(/tertunda|menunggu/);
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const kase = await admin.get(`/api/v1/cases/${r.body.caseId}`);
    expect(kase.body).toMatchObject({ category: 'topup_failed', language: 'id-ID', status: 'open' });
    expect(kase.body.tags).toContain('handoff');
    const timeline = await admin.get(`/api/v1/cases/${r.body.caseId}/messages?afterSeq=0`);
    const kinds = timeline.body.items.map((m: { author: { kind: string }; internal: boolean }) => `${m.author.kind}${m.internal ? ':internal' : ''}`);
    expect(kinds).toEqual(['customer', 'assistant', 'system:internal']);
    expect(timeline.body.items[2].body).toContain('TX-TOPUP-1001');
    expect(timeline.body.items[1].metadata).toMatchObject({ intent: 'topup_failed', handoff: true });
    // The customer never sees the internal handoff note.
    const own = await budi.get(`/api/v1/cases/${r.body.caseId}/messages?afterSeq=0`);
    expect(own.body.items).toHaveLength(2);
  });

  it('answers a locked account in Chinese from the account state and opens a verification case', async () => {
    const wang = await customer('wang.fang@demo.sapa.test');
    const r = await wang.post('/api/v1/assistant/messages', { text: '我的账户被冻结了，登录不了，怎么解冻？' });
    expect(r.body).toMatchObject({ intent: 'account_locked', lang: 'zh', handoff: true });
    expect(r.body.reply).toContain('锁定');
    expect(r.body.reply).toMatch(/新设备/);
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    expect((await admin.get(`/api/v1/cases/${r.body.caseId}`)).body).toMatchObject({ category: 'account_locked', priority: 'high' });
  });

  it('traces money that has not arrived in English, without handing over what is still normal', async () => {
    const alice = await customer('alice@demo.sapa.test');
    const r = await alice.post('/api/v1/assistant/messages', { text: 'my friend sent me money from Mandiri yesterday and it still has not arrived in my wallet' });
    expect(r.body).toMatchObject({ intent: 'funds_not_received', lang: 'en' });
    expect(r.body.reply).toContain('TX-TRFIN-3001');
    expect(r.body.reply).toMatch(/pending/);
    expect(r.body.articles.length).toBeGreaterThan(0);
  });

  it('asks an anonymous visitor for details, then hands over with them on the same case', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const first = await v.post('/api/v1/assistant/messages', { text: 'I paid a merchant by QR but the payment failed and I was still charged' });
    expect(first.body).toMatchObject({ intent: 'payment_failed', handoff: false });
    const second = await v.post('/api/v1/assistant/messages', { text: 'it was Rp 75.000 yesterday at 19:30', caseId: first.body.caseId });
    expect(second.body).toMatchObject({ handoff: true, caseId: first.body.caseId, intent: 'payment_failed' });
  });

  it('hands over when asked for a person, when unsure twice, and when the customer is angry', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const human = await v.post('/api/v1/assistant/messages', { text: 'saya mau bicara dengan CS manusia, bukan bot' });
    expect(human.body).toMatchObject({ intent: 'human_agent', handoff: true });

    const w = new ApiClient(node.url);
    await w.asVisitor();
    const a = await w.post('/api/v1/assistant/messages', { text: 'what is the weather like in Bandung' });
    expect(a.body.handoff).toBe(false);
    const b = await w.post('/api/v1/assistant/messages', { text: 'tell me a joke about cats', caseId: a.body.caseId });
    expect(b.body.handoff).toBe(true);

    const x = new ApiClient(node.url);
    await x.asVisitor();
    const angry = await x.post('/api/v1/assistant/messages', { text: 'THIS IS RIDICULOUS MY TRANSFER FAILED AGAIN!!!' });
    expect(angry.body.handoff).toBe(true);
  });

  it('records a phishing report with the official channels, and reads the status page for outages', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const r = await v.post('/api/v1/assistant/messages', { text: 'ada yang WA ngaku dari CS dompet minta kode OTP saya, ini penipuan kan?' });
    expect(r.body.intent).toBe('phishing_report');
    expect(r.body.reply).toContain(r.body.reference);
    expect(r.body.reply).toMatch(/Email|WhatsApp/);
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const status = await admin.get('/api/v1/status');
    const topup = status.body.components.find((c: { id: string }) => /top/i.test(c.id));
    const title = `Top-up delays ${uid()}`;
    await admin.post('/api/v1/status/incidents', { title, impact: 'major', message: 'Top-ups via BCA are delayed.', components: [{ id: topup.id, status: 'partial_outage' }] });
    const s = await v.post('/api/v1/assistant/messages', { text: 'is the wallet down right now? is there an outage?' });
    expect(s.body.intent).toBe('service_status');
    expect(s.body.reply).toContain(title);
  });

  it('lets an agent correct an intent, storing a training example', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const r = await v.post('/api/v1/assistant/messages', { text: 'how do I change the phone number on my account' });
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const fix = await admin.post('/api/v1/assistant/corrections', { caseId: r.body.caseId, intent: 'login_problem' });
    expect(fix.status).toBe(201);
    expect(fix.body).toMatchObject({ text: 'how do I change the phone number on my account', intent: 'login_problem' });
    expect((await admin.get(`/api/v1/cases/${r.body.caseId}`)).body.category).toBe('login_problem');
    const csv = await admin.get('/api/v1/assistant/examples?format=csv');
    expect(csv.text).toContain('"how do I change the phone number on my account",login_problem');
    expect((await admin.post('/api/v1/assistant/corrections', { caseId: r.body.caseId, intent: 'not_an_intent' })).status).toBe(400);
    expect((await v.post('/api/v1/assistant/corrections', { caseId: r.body.caseId, intent: 'login_problem' })).status).toBe(403);
  });
});
