import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeAppBackend, postAppMessage } from '../app-channel/fake-app-backend.js';
import { sweepUndispatched } from './service.js';

const APP_SECRET = 'channels-test-app-secret';
const TG_SECRET = 'channels-test-tg-secret';
let node: TestNode;
let backend: FakeAppBackend;
let admin: ApiClient;

beforeAll(async () => {
  backend = await new FakeAppBackend(APP_SECRET).start();
  node = await startNode({ SAPA_APP_WEBHOOK_SECRET: APP_SECRET, SAPA_APP_WEBHOOK_URL: backend.url, SAPA_TELEGRAM_SECRET: TG_SECRET });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await backend?.stop();
});

async function fromApp(customerRef: string, text: string) {
  const r = await postAppMessage(node.url, APP_SECRET, { customerRef, text, externalId: uid() });
  expect(r.status).toBeLessThan(300);
  return (await r.json()) as { caseId: string; messageId: string };
}
async function fromTelegram(chatId: number, text: string) {
  const r = await fetch(`${node.url}/api/v1/channels/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
    body: JSON.stringify({ update_id: Math.floor(Math.random() * 1e9), message: { message_id: Math.floor(Math.random() * 1e6), from: { id: chatId, first_name: 'Rudi' }, chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text } }),
  });
  expect(r.status).toBe(200);
}
const caseOf = async (id: string) => (await admin.get(`/api/v1/cases/${id}`)).body as { id: string; customerId: string; channel: string };
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('contacts across channels', () => {
  it('links a Telegram contact to the app customer so agents see one history, and routes later messages to that customer', async () => {
    const ref = `W-${uid()}`;
    const app = await fromApp(ref, 'Saldo saya hilang');
    const chatId = 500000000 + Math.floor(Math.random() * 1e8);
    await fromTelegram(chatId, 'Ini Rudi, soal saldo tadi');
    const appCase = await caseOf(app.caseId);
    const tgCases = (await admin.get('/api/v1/cases?channel=telegram&limit=100')).body.items as { id: string; customerId: string }[];
    const tgOverview = await Promise.all(tgCases.map(async (c) => ({ c, ids: (await admin.get(`/api/v1/customers/${c.customerId}/identities`)).body })));
    const tg = tgOverview.find((x) => x.ids.identities.some((i: { address: string }) => i.address === String(chatId)))!;
    expect(tg.c.customerId).not.toBe(appCase.customerId);

    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.post('/api/v1/contacts/link', { customerId: appCase.customerId, customerIds: [tg.c.customerId] })).status).toBe(403);
    expect((await admin.post('/api/v1/contacts/link', { customerId: appCase.customerId })).status).toBe(400);
    expect((await admin.post('/api/v1/contacts/link', { customerId: appCase.customerId, customerIds: [appCase.customerId] })).status).toBe(422);
    expect((await admin.post('/api/v1/contacts/link', { customerId: 'nobody', customerIds: [tg.c.customerId] })).status).toBe(404);

    const linked = await admin.post('/api/v1/contacts/link', { customerId: appCase.customerId, identityIds: [tg.ids.identities[0].id] });
    expect(linked.status).toBe(200);
    expect(linked.body.identities.map((i: { channel: string }) => i.channel).sort()).toEqual(['app', 'telegram']);
    expect(linked.body.linkedCustomerIds).toEqual([tg.c.customerId]);
    expect(linked.body.cases.map((c: { id: string }) => c.id).sort()).toEqual([app.caseId, tg.c.id].sort());
    const fromOther = await admin.get(`/api/v1/customers/${tg.c.customerId}/identities`);
    expect(fromOther.body.linkedCustomerIds).toEqual([appCase.customerId]);
    expect(fromOther.body.cases).toHaveLength(2);

    // The Telegram conversation goes on in its case; once that is closed, the next one belongs to the linked customer.
    await fromTelegram(chatId, 'masih menunggu');
    expect((await messagesOf(tg.c.id)).map((m) => m.body)).toEqual(['Ini Rudi, soal saldo tadi', 'masih menunggu']);
    await admin.patch(`/api/v1/cases/${tg.c.id}`, { status: 'closed' });
    await fromTelegram(chatId, 'halo lagi');
    const after = (await admin.get(`/api/v1/customers/${appCase.customerId}/identities`)).body.cases as { id: string; channel: string; customerId: string }[];
    const newest = after.find((c) => c.channel === 'telegram' && c.id !== tg.c.id)!;
    expect(newest.customerId).toBe(appCase.customerId);
  });
});

describe('replies on a chosen channel', () => {
  it('sends on the case channel by default and on the channel the agent picks; refuses one that cannot reach the customer', async () => {
    const ref = `W-${uid()}`;
    const app = await fromApp(ref, 'tolong');
    const r = await admin.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'Siap, kami bantu', clientMessageId: 'reply-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ channel: 'app', metadata: { replyChannel: 'app' } });
    const again = await admin.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'Siap, kami bantu', clientMessageId: 'reply-1' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
    await settle(node, async () => backend.deliveries.some((d) => d.body.id === r.body.id));
    expect(backend.deliveries.filter((d) => d.body.id === r.body.id)).toHaveLength(1);

    const email = await admin.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'by email?', clientMessageId: uid(), channel: 'email' });
    expect(email.status).toBe(422);
    expect(email.body.error.code).toBe('channel_not_configured');
    const whatsapp = await admin.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'by WhatsApp?', clientMessageId: uid(), channel: 'whatsapp' });
    expect(whatsapp.status).toBe(422);
    const note = await admin.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'only on the web', clientMessageId: uid(), channel: 'web' });
    expect(note.status).toBe(201);
    await node.app.desk.jobs.drain();
    expect((await messagesOf(app.caseId)).find((m) => m.id === note.body.id)!.deliveryStatus).toBe('stored');

    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.post(`/api/v1/cases/${app.caseId}/replies`, { body: 'x', clientMessageId: uid() })).status).toBe(403);
  });

  it('sends a reply whose dispatch was lost when the node stopped (the sweeper finds it)', async () => {
    const app = await fromApp(`W-${uid()}`, 'halo');
    const reply = await admin.post(`/api/v1/cases/${app.caseId}/messages`, { body: 'lost and found', clientMessageId: uid() });
    await settle(node, async () => backend.deliveries.some((d) => d.body.id === reply.body.id));
    // As if the node had died right after storing the reply: no outbound record, no job, never sent.
    await node.app.desk.db.execute(sql`delete from channel_outbound where message_id = ${reply.body.id}`);
    await node.app.desk.db.execute(sql`delete from jobs where unique_key = ${`out:${reply.body.id}:app`}`);
    await node.app.desk.db.execute(sql`update messages set delivery_status = 'stored', created_at = now() - interval '5 minutes' where id = ${reply.body.id}`);
    const before = backend.deliveries.length;
    expect(await sweepUndispatched(node.app.desk)).toBeGreaterThanOrEqual(1);
    await settle(node, async () => backend.deliveries.length > before);
    expect(backend.deliveries.slice(before).filter((d) => d.body.id === reply.body.id)).toHaveLength(1);
    expect(await sweepUndispatched(node.app.desk)).toBe(0);
  });
});
