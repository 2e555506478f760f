import { createHash, createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeGraphApi } from './fake-graph.js';

const SECRET = 'wa-app-secret-test';
let node: TestNode;
let graph: FakeGraphApi;
let admin: ApiClient;

beforeAll(async () => {
  graph = await new FakeGraphApi().start();
  node = await startNode({
    SAPA_WHATSAPP_APP_SECRET: SECRET,
    SAPA_WHATSAPP_VERIFY_TOKEN: 'verify-me',
    SAPA_WHATSAPP_TOKEN: graph.token,
    SAPA_WHATSAPP_API_URL: graph.url,
    SAPA_WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId,
  });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await graph?.stop();
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEJMDGgAWYGBgBJxgL/7ttgKQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const phone = () => `628${Math.floor(1e9 + Math.random() * 8e9)}`;
const now = () => String(Math.floor(Date.now() / 1000));

function payload(value: Record<string, unknown>) {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: graph.phoneNumberId }, ...value } }] }] });
}
const inbound = (from: string, message: Record<string, unknown>, name = 'Budi') =>
  payload({ contacts: [{ profile: { name }, wa_id: from }], messages: [{ from, timestamp: now(), ...message }] });
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const post = (body: string, signature?: string) =>
  fetch(`${node.url}/api/v1/channels/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body });
const deliver = async (body: string) => {
  const r = await post(body, sign(body));
  expect(r.status).toBe(200);
  return r;
};

async function caseOf(wa: string) {
  const r = await admin.get(`/api/v1/cases?channel=whatsapp&limit=100&q=${encodeURIComponent(wa)}`);
  return r.body.items as { id: string; reference: string; customerId: string; status: string }[];
}
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

const messageNow = async (caseId: string, id: string) => (await messagesOf(caseId)).find((m) => m.id === id)!;
const dueNow = () => node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'channels.outbound' and state = 'queued'`);

describe('WhatsApp webhook', () => {
  it('answers the verification challenge only for the right token', async () => {
    const ok = await fetch(`${node.url}/api/v1/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${node.url}/api/v1/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status).toBe(403);
    expect((await fetch(`${node.url}/api/v1/channels/whatsapp/webhook?hub.verify_token=verify-me&hub.challenge=1`)).status).toBe(403);
  });

  it('refuses unsigned and wrongly signed deliveries (401, nothing stored) and stores three concurrent identical ones once', async () => {
    const wa = phone();
    const wamid = `wamid.${uid()}`;
    const body = inbound(wa, { id: wamid, type: 'text', text: { body: `saldo gw blm masuk ${wa}` } });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, sign(`${body} `))).status).toBe(401);
    expect((await post(body, sign(body, 'other-secret'))).status).toBe(401);
    expect((await post(body, 'sha256=zz')).status).toBe(401);
    expect(await caseOf(wa)).toHaveLength(0);
    const rs = await Promise.all([1, 2, 3].map(() => post(body, sign(body))));
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    await deliver(body);
    const [c, ...more] = await caseOf(wa);
    expect(more).toHaveLength(0);
    const items = await messagesOf(c.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ body: `saldo gw blm masuk ${wa}`, channel: 'whatsapp', clientMessageId: `wa:${wamid}`, author: { kind: 'customer' } });
    expect((await admin.get(`/api/v1/cases/${c.id}`)).body.language).toBe('id-ID');
  });

  it('puts concurrent different first messages of a new contact into one case', async () => {
    const wa = phone();
    const bodies = Array.from({ length: 5 }, (_, i) => inbound(wa, { id: `wamid.${uid()}`, type: 'text', text: { body: `part ${i}` } }));
    const rs = await Promise.all(bodies.map((b) => post(b, sign(b))));
    expect(rs.every((r) => r.status === 200)).toBe(true);
    const found = await caseOf(wa);
    expect(found).toHaveLength(1);
    const items = await messagesOf(found[0].id);
    expect(items.map((m) => m.body).sort()).toEqual(['part 0', 'part 1', 'part 2', 'part 3', 'part 4']);
    expect(items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('links a WhatsApp number to the customer registered with that phone, and opens a new case after the old one is closed', async () => {
    const wa = phone();
    const customer = new ApiClient(node.url);
    const reg = await customer.post('/api/v1/auth/register', { phone: `0${wa.slice(2)}`, password: 'Plum-Orbit-Lantern-93!', name: 'Siti' });
    expect(reg.status).toBe(201);
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'text', text: { body: 'halo' } }, 'Siti WA'));
    const [first] = await caseOf(wa);
    expect(first.customerId).toBe(reg.body.id);
    await admin.patch(`/api/v1/cases/${first.id}`, { status: 'closed' });
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'text', text: { body: 'masih ada masalah' } }));
    const both = await caseOf(wa);
    expect(both).toHaveLength(2);
    const fresh = both.find((c) => c.id !== first.id)!;
    expect((await messagesOf(fresh.id)).map((m) => m.body)).toEqual(['masih ada masalah']);
    expect(fresh.customerId).toBe(reg.body.id);
  });

  it('downloads images and documents through the Graph API and keeps them with their SHA-256; describes locations', async () => {
    const wa = phone();
    const image = graph.addMedia(PNG, 'image/png');
    const doc = graph.addMedia(PDF, 'application/pdf');
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'image', image: { id: image, mime_type: 'image/png', sha256: sha256(PNG), caption: 'ini errornya' } }));
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'document', document: { id: doc, mime_type: 'application/pdf', filename: 'mutasi.pdf' } }));
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'location', location: { latitude: -6.2, longitude: 106.816666, name: 'Monas', address: 'Jakarta' } }));
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'audio', audio: { id: 'x', mime_type: 'audio/ogg' } }));
    const [c] = await caseOf(wa);
    const items = await messagesOf(c.id);
    expect(items[0]).toMatchObject({ body: 'ini errornya', attachments: [expect.objectContaining({ mime: 'image/png', sha256: sha256(PNG), size: PNG.length })] });
    expect(items[1]).toMatchObject({ body: '[document: mutasi.pdf]', attachments: [expect.objectContaining({ filename: 'mutasi.pdf', mime: 'application/pdf', sha256: sha256(PDF) })] });
    expect(items[2].body).toBe('[location] Monas, Jakarta (-6.2, 106.816666) https://maps.google.com/?q=-6.2,106.816666');
    expect(items[3].body).toMatch(/^\[voice or audio message/);
  });

  it('answers 5xx when media cannot be fetched for now, so the provider retries; the retry stores it once', async () => {
    const wa = phone();
    const media = graph.addMedia(PNG, 'image/png');
    const body = inbound(wa, { id: `wamid.${uid()}`, type: 'image', image: { id: media, mime_type: 'image/png' } });
    graph.mediaFailures = 1;
    const r = await post(body, sign(body));
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(await caseOf(wa)).toHaveLength(0);
    await deliver(body);
    await deliver(body);
    const [c] = await caseOf(wa);
    const items = await messagesOf(c.id);
    expect(items).toHaveLength(1);
    expect(items[0].attachments).toHaveLength(1);
    // A media id WhatsApp no longer knows will never download: the message is kept, with a note.
    await deliver(inbound(wa, { id: `wamid.${uid()}`, type: 'image', image: { id: 'expired-media-id', mime_type: 'image/png', caption: 'lihat' } }));
    const last = (await messagesOf(c.id))[1];
    expect(last).toMatchObject({ body: 'lihat', attachments: [] });
    expect(last.metadata.whatsapp.mediaUnavailable).toContain('does not exist');
  });
});

describe('WhatsApp webhook hostile input', () => {
  it('answers signed but malformed payloads with a 4xx envelope, never a 5xx, and stores nothing', async () => {
    const bodies = ['{', '[]', 'null', '"x"', '{"entry":"nope"}', '{"entry":[{"changes":[{"field":"messages","value":{"messages":"x"}}]}]}',
      '{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"<script>","id":"x","type":"text"}]}}]}]}',
      '{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"628123","id":"w","type":"contacts","contacts":"x"}]}}]}]}',
      '{"entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"read"}]}}]}]}', '\xff\xfe'];
    const count = async () => (await admin.get('/api/v1/cases?channel=whatsapp&limit=100')).body.items.length as number;
    const before = await count();
    for (const body of bodies) {
      const r = await post(body, sign(body));
      expect(r.status, body).toBeGreaterThanOrEqual(400);
      expect(r.status, body).toBeLessThan(500);
      expect(((await r.json()) as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
    }
    const ignored = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'account_update', value: {} }] }] });
    expect((await post(ignored, sign(ignored))).status).toBe(200);
    expect(await count()).toBe(before);
  });
});

describe('WhatsApp replies', () => {
  const openConversation = async (timestamp = now()) => {
    const wa = phone();
    await deliver(payload({ contacts: [{ profile: { name: 'Ana' }, wa_id: wa }], messages: [{ from: wa, id: `wamid.${uid()}`, timestamp, type: 'text', text: { body: 'tolong' } }] }));
    const [c] = await caseOf(wa);
    return { wa, c };
  };
  const reply = async (caseId: string, body: string, extra: Record<string, unknown> = {}) => {
    const r = await admin.post(`/api/v1/cases/${caseId}/messages`, { body, clientMessageId: uid(), ...extra });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('sends a reply inside the 24-hour window as text and follows the statuses (never backwards)', async () => {
    const { wa, c } = await openConversation();
    const m = await reply(c.id, 'Baik, kami cek ya');
    const sent = await settle(node, async () => graph.sent.find((s) => s.to === wa));
    expect(sent.body).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', type: 'text', text: { body: 'Baik, kami cek ya', preview_url: false } });
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryStatus === 'sent');
    const status = (s: string, extra: Record<string, unknown> = {}) => deliver(payload({ statuses: [{ id: sent.id, status: s, timestamp: now(), recipient_id: wa, ...extra }] }));
    await status('delivered');
    expect((await messageNow(c.id, m.id)).deliveryStatus).toBe('delivered');
    await status('read');
    await status('delivered');
    expect((await messageNow(c.id, m.id)).deliveryStatus).toBe('read');
    const m2 = await reply(c.id, 'Satu lagi');
    const sent2 = await settle(node, async () => graph.sent.find((s) => s.to === wa && (s.body.text as { body: string })?.body === 'Satu lagi'));
    // The status names the message by the id WhatsApp gave it, which Sapa records once the send returns.
    await settle(node, async () => (await messageNow(c.id, m2.id)).deliveryStatus === 'sent');
    await deliver(payload({ statuses: [{ id: sent2.id, status: 'failed', timestamp: now(), recipient_id: wa, errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Receiver is incapable of receiving this message' } }] }] }));
    const failed = await messageNow(c.id, m2.id);
    expect(failed).toMatchObject({ deliveryStatus: 'failed' });
    expect(failed.deliveryError).toContain('131026');
  });

  it('retries 5xx and 429 (honouring Retry-After) but not other 4xx', async () => {
    const { wa, c } = await openConversation();
    graph.failNext(2, 500);
    const m = await reply(c.id, 'after two failures');
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryError?.includes('Attempt 1 failed'));
    await dueNow();
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryError?.includes('Attempt 2 failed'));
    await dueNow();
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryStatus === 'sent');
    expect(graph.sent.filter((s) => s.to === wa)).toHaveLength(1);

    graph.failNext(1, 429, 120);
    const limited = await reply(c.id, 'rate limited');
    await settle(node, async () => (await messageNow(c.id, limited.id)).deliveryError?.includes('429'));
    const rows = ((await node.app.desk.db.execute(sql`select extract(epoch from run_at - now()) as wait from jobs where queue = 'channels.outbound' and state = 'queued' and payload->>'messageId' = ${limited.id}`)) as unknown as { rows: { wait: number }[] }).rows;
    expect(Number(rows[0].wait)).toBeGreaterThan(100);
    await dueNow();
    await settle(node, async () => (await messageNow(c.id, limited.id)).deliveryStatus === 'sent');

    graph.failNext(1, 400);
    const bad = await reply(c.id, 'refused');
    const failed = await settle(node, async () => {
      const x = await messageNow(c.id, bad.id);
      return x.deliveryStatus === 'failed' ? x : undefined;
    });
    expect(failed.deliveryError).toContain('#100');
  });

  it('sends the approved template outside the 24-hour window and tells the agent', async () => {
    const { wa, c } = await openConversation(String(Math.floor(Date.now() / 1000) - 30 * 3600));
    const m = await reply(c.id, 'Maaf baru dibalas');
    const sent = await settle(node, async () => graph.sent.find((s) => s.to === wa));
    expect(sent.body).toMatchObject({ type: 'template', template: { name: 'sapa_case_update', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: c.reference }] }] } });
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryStatus === 'sent');
    const note = (await messagesOf(c.id)).find((x) => x.author.kind === 'system');
    expect(note).toMatchObject({ internal: true });
    expect(note!.body).toContain('sapa_case_update');

    // Our clock says open, WhatsApp says closed (#131047): the template goes out instead.
    const other = await openConversation();
    graph.windowClosed.add(other.wa);
    await reply(other.c.id, 'halo');
    const fallback = await settle(node, async () => graph.sent.find((s) => s.to === other.wa));
    expect(fallback.type).toBe('template');
  });

  it('uploads attachments of a reply and sends them as media messages', async () => {
    const { wa, c } = await openConversation();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'bukti.png');
    const up = await admin.post('/api/v1/attachments', form);
    expect(up.status).toBe(201);
    await reply(c.id, 'Ini buktinya', { attachmentIds: [up.body.id] });
    const image = await settle(node, async () => graph.sent.find((s) => s.to === wa && s.type === 'image'));
    const upload = graph.uploads.find((u) => u.id === (image.body.image as { id: string }).id)!;
    expect(upload).toMatchObject({ mime: 'image/png' });
    expect(sha256(upload.bytes)).toBe(sha256(PNG));
    expect(graph.sent.filter((s) => s.to === wa).map((s) => s.type)).toEqual(['text', 'image']);
  });
});
