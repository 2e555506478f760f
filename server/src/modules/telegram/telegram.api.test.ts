import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeBotApi } from './fake-bot-api.js';

const SECRET = 'tg-secret-Token_123';
let node: TestNode;
let api: FakeBotApi;
let admin: ApiClient;

beforeAll(async () => {
  api = await new FakeBotApi().start();
  node = await startNode({ SAPA_TELEGRAM_SECRET: SECRET, SAPA_TELEGRAM_BOT_TOKEN: api.token, SAPA_TELEGRAM_API_URL: api.url });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await api?.stop();
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEJMDGgAWYGBgBJxgL/7ttgKQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let updateId = Math.floor(Math.random() * 1e6);
let messageId = 1;
const chat = () => 100000000 + Math.floor(Math.random() * 8e8);

function update(chatId: number, message: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    update_id: ++updateId,
    message: { message_id: messageId++, from: { id: chatId, is_bot: false, first_name: 'Dewi', last_name: 'Lestari', language_code: 'id' }, chat: { id: chatId, type: 'private', first_name: 'Dewi' }, date: Math.floor(Date.now() / 1000), ...message },
    ...extra,
  };
}
const post = (body: unknown, secret: string | null = SECRET) =>
  fetch(`${node.url}/api/v1/channels/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body: JSON.stringify(body) });
const casesOf = async () => (await admin.get(`/api/v1/cases?channel=telegram&limit=100`)).body.items.filter((c: { customerId: string }) => c.customerId) as { id: string; customerId: string }[];
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
async function caseOfChat(chatId: number) {
  for (const c of await casesOf()) {
    const ids = await admin.get(`/api/v1/customers/${c.customerId}/identities`);
    if (ids.body.identities.some((i: { channel: string; address: string }) => i.channel === 'telegram' && i.address === String(chatId))) return c;
  }
  return undefined;
}
const messageNow = async (caseId: string, id: string) => (await messagesOf(caseId)).find((m) => m.id === id)!;
const dueNow = () => node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'channels.outbound' and state = 'queued'`);

describe('Telegram webhook', () => {
  it('refuses a missing or wrong secret token (401, nothing stored)', async () => {
    const id = chat();
    const u = update(id, { text: 'halo' });
    expect((await post(u, null)).status).toBe(401);
    expect((await post(u, 'wrong')).status).toBe(401);
    expect(await caseOfChat(id)).toBeUndefined();
  });

  it('stores a message once however often (and concurrently) the update is delivered', async () => {
    const id = chat();
    const u = update(id, { text: 'Top up saya gagal' });
    const rs = await Promise.all([post(u), post(u), post(u)]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await post(u)).status).toBe(200);
    const c = (await caseOfChat(id))!;
    const items = await messagesOf(c.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ body: 'Top up saya gagal', channel: 'telegram', author: { kind: 'customer' } });
    expect(items[0].metadata.telegram).toMatchObject({ chatId: String(id), updateId: u.update_id });
    const identity = (await admin.get(`/api/v1/customers/${c.customerId}/identities`)).body.identities[0];
    expect(identity).toMatchObject({ channel: 'telegram', address: String(id), displayName: 'Dewi Lestari' });
  });

  it('downloads photos (largest size) and documents through getFile', async () => {
    const id = chat();
    const small = api.addFile(Buffer.from('tiny'), 'photos/file_1_small.jpg');
    const large = api.addFile(PNG, 'photos/file_1.png');
    const doc = api.addFile(PDF, 'documents/file_2.pdf');
    expect((await post(update(id, { photo: [{ file_id: small, file_size: 4, width: 90, height: 90 }, { file_id: large, file_size: PNG.length, width: 2, height: 2 }], caption: 'ini layarnya' }))).status).toBe(200);
    expect((await post(update(id, { document: { file_id: doc, file_name: 'rekening.pdf', mime_type: 'application/pdf', file_size: PDF.length } }))).status).toBe(200);
    const c = (await caseOfChat(id))!;
    const items = await messagesOf(c.id);
    expect(items[0]).toMatchObject({ body: 'ini layarnya', attachments: [expect.objectContaining({ mime: 'image/png', sha256: sha256(PNG) })] });
    expect(items[1]).toMatchObject({ body: '[document: rekening.pdf]', attachments: [expect.objectContaining({ filename: 'rekening.pdf', sha256: sha256(PDF) })] });
  });
});

describe('Telegram webhook hostile input', () => {
  it('answers malformed updates with a 4xx envelope and acknowledges update kinds it does not handle', async () => {
    for (const body of [[], 'x', { update_id: 'one' }, { update_id: 1, message: 'hi' }, { update_id: 2, message: { message_id: 1, chat: { id: 'x' } } }, { update_id: 3, message: { message_id: 1, chat: { id: 5 }, photo: 'p' } }]) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
    const poll = await post({ update_id: ++updateId, callback_query: { id: '1', data: 'x' } });
    expect(poll.status).toBe(200);
    expect(await poll.json()).toEqual({ ok: true, stored: false });
  });
});

describe('Telegram replies', () => {
  const open = async () => {
    const id = chat();
    expect((await post(update(id, { text: 'tolong' }))).status).toBe(200);
    return { id, c: (await caseOfChat(id))! };
  };
  const reply = async (caseId: string, body: string, extra: Record<string, unknown> = {}) => {
    const r = await admin.post(`/api/v1/cases/${caseId}/messages`, { body, clientMessageId: uid(), ...extra });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('sends replies with sendMessage and files with sendPhoto', async () => {
    const { id, c } = await open();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'langkah.png');
    const up = await admin.post('/api/v1/attachments', form);
    const m = await reply(c.id, 'Silakan coba langkah ini', { attachmentIds: [up.body.id] });
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryStatus === 'sent');
    const mine = api.sent.filter((s) => s.chatId === String(id));
    expect(mine.map((s) => s.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(mine[0].text).toBe('Silakan coba langkah ini');
    expect(sha256(mine[1].file!.bytes)).toBe(sha256(PNG));
  });

  it('waits as long as a 429 says (retry_after), retries 5xx, and gives up on a blocked bot', async () => {
    const { id, c } = await open();
    api.failNext(1, 429, 90);
    const m = await reply(c.id, 'pelan-pelan');
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryError?.includes('429'));
    const rows = ((await node.app.desk.db.execute(sql`select extract(epoch from run_at - now()) as wait from jobs where queue = 'channels.outbound' and state = 'queued' and payload->>'messageId' = ${m.id}`)) as unknown as { rows: { wait: number }[] }).rows;
    expect(Number(rows[0].wait)).toBeGreaterThan(80);
    await dueNow();
    await settle(node, async () => (await messageNow(c.id, m.id)).deliveryStatus === 'sent');

    api.failNext(1, 502);
    const m2 = await reply(c.id, 'setelah 502');
    await settle(node, async () => (await messageNow(c.id, m2.id)).deliveryError?.includes('502'));
    await dueNow();
    await settle(node, async () => (await messageNow(c.id, m2.id)).deliveryStatus === 'sent');
    expect(api.sent.filter((s) => s.chatId === String(id) && s.text === 'setelah 502')).toHaveLength(1);

    api.blocked.add(String(id));
    const m3 = await reply(c.id, 'diblokir');
    const failed = await settle(node, async () => {
      const x = await messageNow(c.id, m3.id);
      return x.deliveryStatus === 'failed' ? x : undefined;
    });
    expect(failed.deliveryError).toContain('blocked');
  });
});
