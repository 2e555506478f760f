import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from './testing.js';

let node: TestNode;
beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1' });
});
afterAll(async () => node?.stop());

describe('operations', () => {
  it('serves health, readiness, Prometheus metrics with domain counters, and the OpenAPI document', async () => {
    const c = new ApiClient(node.url);
    expect((await c.get('/healthz')).status).toBe(200);
    expect((await c.get('/readyz')).body).toMatchObject({ ok: true, database: 'up' });
    await c.asVisitor();
    await c.post('/api/v1/cases', { message: { body: 'metrics please', clientMessageId: uid() } });
    const metrics = await c.get('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/^# HELP sapa_http_requests_total/m);
    expect(metrics.text).toMatch(/sapa_cases_created_total\{channel="web"\} [1-9]/);
    expect(metrics.text).toMatch(/sapa_messages_created_total\{channel="web",author="visitor"\} [1-9]/);
    expect(metrics.text).toMatch(/sapa_http_request_duration_seconds_bucket/);
    const docs = await c.get('/api/docs/json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/messages', '/api/v1/auth/login', '/api/v1/widget/sessions', '/api/v1/attachments']));
    expect((await fetch(`${node.url}/api/docs`)).status).toBeLessThan(400);
  });

  it('sends the security headers on API answers, errors and pages, and lets a page add its own policy', async () => {
    const expected = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': 'max-age=31536000; includeSubDomains', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' };
    for (const path of ['/healthz', '/api/v1/cases', '/api/v1/no-such-route']) {
      const r = await fetch(`${node.url}${path}`);
      for (const [name, value] of Object.entries(expected)) expect(r.headers.get(name), `${name} on ${path}`).toBe(value);
    }
    // A help-center page adds its own Content-Security-Policy and keeps the rest.
    const page = await fetch(`${node.url}/help/en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('loads demo data idempotently and shows an agent the wallet transaction a case references', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const list = await admin.get('/api/v1/cases?category=topup_failed');
    const demo = list.body.items.find((c: { transactionRef: string }) => c.transactionRef === 'TX-TOPUP-1001');
    expect(demo).toBeTruthy();
    const ctx = await admin.get(`/api/v1/cases/${demo.id}/context`);
    expect(ctx.status).toBe(200);
    expect(ctx.body.customer).toMatchObject({ name: 'Budi Santoso', walletRef: 'W-1001' });
    expect(ctx.body.wallet.referencedTransaction).toMatchObject({ ref: 'TX-TOPUP-1001', type: 'topup', status: 'pending', money: { amount: 20_000_000, currency: 'IDR' } });
    expect(ctx.body.wallet.recentTransactions.length).toBeGreaterThanOrEqual(4);
    const customer = new ApiClient(node.url);
    await customer.login('budi@demo.sapa.test', 'Sapa-Demo-Customer-2026!');
    expect((await customer.get(`/api/v1/cases/${demo.id}/context`)).status).toBe(403);
    // Resolved conversations the customers rated, so the Satisfaction report shows something real.
    const report = (await admin.get('/api/v1/csat/report')).body;
    expect(report).toMatchObject({ sent: 2, answered: 2, responseRate: 1, csat: 0.5, average: 3.5 });
    expect(report.recent.map((r: { comment: string }) => r.comment)).toEqual(['问题解决了，但是等了很久才有人回复。', 'Quick and clear, thank you Rina!']);
    // A formal complaint coming due, so the complaints list has something real.
    const [complaint] = (await admin.get('/api/v1/complaints?state=due_soon')).body.items;
    expect(complaint).toMatchObject({ status: 'open', dueSoon: true, overdue: false, locale: 'id-ID', registeredBy: { name: 'Rina Agustina' } });
    expect(complaint.caseSubject).toBe('Komplain resmi: refund Rp150.000 belum masuk');
  });
});

describe('the HTTP wallet adapter', () => {
  let wallet: Server;
  let walletNode: TestNode;
  let mode: 'ok' | 'down' = 'ok';
  const seen: string[] = [];
  beforeAll(async () => {
    // A faithful local fake of the wallet backend's three read endpoints.
    wallet = createServer((req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      if (mode === 'down') return res.writeHead(502).end('bad gateway');
      const tx = { ref: 'TX-9', type: 'transfer_out', status: 'failed', money: { amount: 750000, currency: 'IDR' }, counterparty: 'BNI ****1', method: 'bank', failureReason: 'limit', createdAt: '2026-11-25T01:00:00.000Z', updatedAt: '2026-11-25T01:00:00.000Z' };
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/v1/accounts/W-77') return send(200, { walletRef: 'W-77', name: 'Wulan', state: 'restricted', stateReason: 'kyc_expired', balance: { amount: 1, currency: 'IDR' }, kycLevel: 'basic' });
      if (req.url?.startsWith('/v1/accounts/W-77/transactions?')) return send(200, { items: [tx] });
      if (req.url === '/v1/accounts/W-77/transactions/TX-9') return send(200, tx);
      return send(404, { error: 'not found' });
    });
    await new Promise<void>((r) => wallet.listen(0, '127.0.0.1', () => r()));
    const port = (wallet.address() as { port: number }).port;
    walletNode = await startNode({ SAPA_WALLET_URL: `http://127.0.0.1:${port}/v1`, SAPA_WALLET_TOKEN: 'wallet-token', SAPA_WIDGET_JWT_SECRET: 'k'.repeat(32) });
  });
  afterAll(async () => {
    await walletNode?.stop();
    wallet?.close();
  });

  it('shows the account and the referenced transaction from the wallet backend, and degrades when it is down', async () => {
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ name: 'Wulan' }).setProtectedHeader({ alg: 'HS256' }).setSubject('W-77').setExpirationTime('5m').sign(new TextEncoder().encode('k'.repeat(32)));
    const v = new ApiClient(walletNode.url);
    const s = await v.post('/api/v1/widget/sessions', { identityToken: token });
    v.bearer = s.body.token;
    const c = await v.post('/api/v1/cases', { transactionRef: 'TX-9', message: { body: 'transfer gagal', clientMessageId: uid() } });
    const admin = new ApiClient(walletNode.url);
    await admin.asAdmin();
    const ctx = await admin.get(`/api/v1/cases/${c.body.id}/context`);
    expect(ctx.body.wallet).toMatchObject({ available: true, account: { state: 'restricted' }, referencedTransaction: { ref: 'TX-9', status: 'failed' } });
    expect(seen.every((line) => line.startsWith('Bearer wallet-token'))).toBe(true);
    mode = 'down';
    const degraded = await admin.get(`/api/v1/cases/${c.body.id}/context`);
    expect(degraded.status).toBe(200);
    expect(degraded.body.wallet.available).toBe(false);
    expect(degraded.body.customer.name).toBe('Wulan');
  });

  it('has the assistant say it cannot see the transactions while the wallet backend is down, and hand over', async () => {
    mode = 'down';
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ name: 'Wulan' }).setProtectedHeader({ alg: 'HS256' }).setSubject('W-77').setExpirationTime('5m').sign(new TextEncoder().encode('k'.repeat(32)));
    const v = new ApiClient(walletNode.url);
    v.bearer = (await v.post('/api/v1/widget/sessions', { identityToken: token })).body.token;
    const r = await v.post('/api/v1/assistant/messages', { text: 'transfer saya ke BNI gagal tapi saldo kepotong' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ intent: 'transfer_failed', handoff: true });
    expect(r.body.reply).toContain('Saya belum bisa melihat transaksi Anda saat ini');
  });
});

describe('a database that goes away', () => {
  it('reports not ready and answers API calls with 503 and Retry-After instead of 500', async () => {
    const doomed = await startNode();
    const c = new ApiClient(doomed.url);
    await c.asVisitor();
    await doomed.app.desk.database.close();
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(503);
    const r = await c.post('/api/v1/cases', { message: { body: 'x', clientMessageId: uid() } });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(r.body.error.code).toBe('database_unavailable');
    await doomed.app.http.close();
  });
});
