import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeAppBackend } from './fake-app-backend.js';
import { signatureOf } from './service.js';

const SECRET = 'app-webhook-secret-for-tests';
const JWT_SECRET = 'widget-jwt-secret-for-tests-0123456789';
let node: TestNode;
let backend: FakeAppBackend;
let admin: ApiClient;

beforeAll(async () => {
  backend = await new FakeAppBackend(SECRET).start();
  node = await startNode({ SAPA_APP_WEBHOOK_SECRET: SECRET, SAPA_APP_WEBHOOK_URL: backend.url, SAPA_WIDGET_JWT_SECRET: JWT_SECRET });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await backend?.stop();
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEJMDGgAWYGBgBJxgL/7ttgKQAAAABJRU5ErkJggg==', 'base64');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function signed(path: string, payload: unknown, opts: { secret?: string; timestamp?: number; tamper?: boolean } = {}) {
  const body = JSON.stringify(payload);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = signatureOf(opts.secret ?? SECRET, ts, body);
  return fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sapa-timestamp': ts, 'x-sapa-signature': signature },
    body: opts.tamper ? body.replace('"text":"', '"text":"X') : body,
  });
}
const send = (payload: Record<string, unknown>, opts = {}) => signed('/api/v1/channels/app/messages', payload, opts);
interface Stored {
  caseId: string;
  messageId: string;
  reference: string;
  seq: number;
  duplicate: boolean;
}
const stored = async (r: Response | Promise<Response>) => (await (await r).json()) as Stored;
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const messageNow = async (caseId: string, id: string) => (await messagesOf(caseId)).find((m) => m.id === id)!;

describe('app channel in', () => {
  it('refuses unsigned, tampered, wrongly keyed and stale requests (401, nothing stored)', async () => {
    const ref = `W-${uid()}`;
    const payload = { customerRef: ref, text: 'saldo hilang', externalId: uid() };
    const unsigned = await fetch(`${node.url}/api/v1/channels/app/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect(unsigned.status).toBe(401);
    expect((await send(payload, { tamper: true })).status).toBe(401);
    expect((await send(payload, { secret: 'other' })).status).toBe(401);
    expect((await send(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const list = await admin.get(`/api/v1/cases?channel=app&limit=100&q=${encodeURIComponent('saldo hilang')}`);
    expect(list.body.items).toHaveLength(0);
  });

  it('stores a message on the customer the wallet id names (the same one the widget identity token links), once per externalId', async () => {
    const ref = `W-${uid()}`;
    const token = await new SignJWT({ name: 'Rudi' }).setProtectedHeader({ alg: 'HS256' }).setSubject(ref).setExpirationTime('10m').sign(new TextEncoder().encode(JWT_SECRET));
    const widget = new ApiClient(node.url);
    const session = await widget.post('/api/v1/widget/sessions', { identityToken: token });
    expect(session.status).toBe(201);
    widget.bearer = session.body.token;
    const externalId = `ext-${uid()}`;
    const payload = { customerRef: ref, text: 'Transfer ke BRI gagal tapi saldo terpotong', externalId };
    const rs = await Promise.all([send(payload), send(payload), send(payload)]);
    expect(rs.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const first = await stored(rs.find((r) => r.status === 201)!);
    expect(first).toMatchObject({ reference: expect.stringMatching(/^SP-/), seq: 1, duplicate: false });
    const again = await stored(send(payload));
    expect(again).toMatchObject({ caseId: first.caseId, messageId: first.messageId, duplicate: true });
    const c = (await admin.get(`/api/v1/cases/${first.caseId}`)).body;
    expect(c).toMatchObject({ channel: 'app', customerId: session.body.contact.id, language: 'id-ID' });
    const items = await messagesOf(first.caseId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ body: payload.text, clientMessageId: `app:${externalId}`, author: { kind: 'customer', id: session.body.contact.id } });
    // The customer sees it in the widget too: one history whatever the door.
    const mine = await widget.get('/api/v1/cases');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(first.caseId);
  });

  it('keeps attachments sent as base64 with their SHA-256, and continues the open case', async () => {
    const ref = `W-${uid()}`;
    const a = await stored(send({ customerRef: ref, text: 'lihat screenshot', externalId: uid(), attachments: [{ filename: 'layar.png', contentBase64: PNG.toString('base64') }] }));
    const b = await stored(send({ customerRef: ref, text: 'halo?', externalId: uid() }));
    expect(b.caseId).toBe(a.caseId);
    const items = await messagesOf(a.caseId);
    expect(items[0].attachments).toEqual([expect.objectContaining({ filename: 'layar.png', mime: 'image/png', sha256: sha256(PNG) })]);
    expect(items[1]).toMatchObject({ seq: 2, body: 'halo?' });
    const bad = await send({ customerRef: ref, text: '', externalId: uid() });
    expect(bad.status).toBe(400);
  });
});

describe('app channel out', () => {
  const open = async () => {
    const ref = `W-${uid()}`;
    const r = await stored(send({ customerRef: ref, text: 'tolong bantu', externalId: uid() }));
    return { ref, caseId: r.caseId as string };
  };
  const reply = async (caseId: string, body: string, extra: Record<string, unknown> = {}) => {
    const r = await admin.post(`/api/v1/cases/${caseId}/messages`, { body, clientMessageId: uid(), ...extra });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('delivers replies to the app backend by signed webhook, with signed links to attachments, and takes read receipts', async () => {
    const { ref, caseId } = await open();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'panduan.png');
    const up = await admin.post('/api/v1/attachments', form);
    const m = await reply(caseId, 'Dana akan kembali dalam 1x24 jam', { attachmentIds: [up.body.id] });
    const d = await settle(node, async () => backend.deliveries.find((x) => x.body.id === m.id));
    expect(d.headers['x-sapa-delivery']).toBe(m.id);
    expect(d.body).toMatchObject({ type: 'message.created', customerRef: ref, case: { id: caseId }, message: { id: m.id, body: 'Dana akan kembali dalam 1x24 jam', author: { kind: 'agent' } } });
    expect(backend.rejectedSignatures).toBe(0);
    await settle(node, async () => (await messageNow(caseId, m.id)).deliveryStatus === 'sent');
    const link = (d.body.message as { attachments: { url: string; sha256: string }[] }).attachments[0];
    const file = await fetch(`${node.url}${link.url}`);
    expect(file.status).toBe(200);
    expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(PNG));
    const tampered = link.url.replace(/signature=([0-9a-f])/, (_m, c: string) => `signature=${c === '0' ? '1' : '0'}`);
    expect((await fetch(`${node.url}${tampered}`)).status).toBe(404);
    const receipt = await signed('/api/v1/channels/app/receipts', { messageId: m.id, status: 'read' });
    expect(receipt.status).toBe(200);
    expect((await messageNow(caseId, m.id)).deliveryStatus).toBe('read');
  });

  it('retries while the backend answers 503 and stops on a 4xx', async () => {
    const { caseId } = await open();
    backend.failNext(2, 503);
    const m = await reply(caseId, 'coba lagi');
    await settle(node, async () => (await messageNow(caseId, m.id)).deliveryError?.includes('503'));
    for (let i = 0; i < 2; i++) await node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'channels.outbound' and state = 'queued'`).then(() => node.app.desk.jobs.drain());
    await settle(node, async () => (await messageNow(caseId, m.id)).deliveryStatus === 'sent');
    expect(backend.deliveries.filter((x) => x.body.id === m.id)).toHaveLength(1);
    backend.failNext(1, 410);
    const gone = await reply(caseId, 'tidak diterima');
    const failed = await settle(node, async () => {
      const x = await messageNow(caseId, gone.id);
      return x.deliveryStatus === 'failed' ? x : undefined;
    });
    expect(failed.deliveryError).toContain('410');
  });
});
