import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';

let node: TestNode;
beforeAll(async () => {
  node = await startNode();
});
afterAll(async () => node?.stop());

describe('cases and messages', () => {
  it('creates a case with a readable reference and keeps Chinese text byte for byte', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer('客户 A', 'zh-CN');
    const text = '我昨天充值了 Rp 200.000，余额没有变化 🙏';
    const r = await a.post('/api/v1/cases', { subject: '充值失败', message: { body: text, clientMessageId: uid() }, diagnostics: { os: 'Android 14', appVersion: '5.2.0' } });
    expect(r.status).toBe(201);
    expect(r.body.reference).toMatch(/^SP-[A-Z2-9]{6}$/);
    expect(r.body.language).toBe('zh-CN');
    expect(r.body.device).toMatchObject({ os: 'Android 14', appVersion: '5.2.0' });
    expect(r.body.device.serverReceivedAt).toBeTruthy();
    const m = await a.get(`/api/v1/cases/${r.body.id}/messages?afterSeq=0`);
    expect(m.body.items[0]).toMatchObject({ seq: 1, body: text });
  });

  it('gives 50 concurrent posts seq 2..51 without a gap, and one message for a raced clientMessageId', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer();
    const c = await a.post('/api/v1/cases', { message: { body: 'first', clientMessageId: uid() } });
    await Promise.all(Array.from({ length: 50 }, (_, i) => a.post(`/api/v1/cases/${c.body.id}/messages`, { body: `m${i}`, clientMessageId: `c-${i}` })));
    const all = await a.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0&limit=500`);
    expect(all.body.items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const raced = await Promise.all(Array.from({ length: 20 }, () => a.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'retry me', clientMessageId: 'dup' })));
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    expect(raced.filter((r) => r.status === 201)).toHaveLength(1);
    expect(raced.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const after = await a.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=51`);
    expect(after.body.items).toHaveLength(1);
  });
});
