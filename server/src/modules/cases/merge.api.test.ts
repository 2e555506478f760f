import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeAppBackend, postAppMessage } from '../app-channel/fake-app-backend.js';

// Merging duplicate cases: the customer wrote twice about one problem (here: in the wallet app and on the web).

const APP_SECRET = 'merge-test-app-secret';
let node: TestNode;
let backend: FakeAppBackend;
let admin: ApiClient;
beforeAll(async () => {
  backend = await new FakeAppBackend(APP_SECRET).start();
  node = await startNode({ SAPA_APP_WEBHOOK_SECRET: APP_SECRET, SAPA_APP_WEBHOOK_URL: backend.url });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await backend?.stop();
});

type Message = { body: string; internal: boolean; author: { kind: string }; metadata: Record<string, unknown> | null };
const messagesOf = async (who: ApiClient, caseId: string) => (await who.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Message[];
const historyOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/history`)).body.items as { type: string; from: string | null; to: string | null; actorKind: string }[];

async function appMessage(customerRef: string, text: string, email?: string) {
  const r = await postAppMessage(node.url, APP_SECRET, { customerRef, text, externalId: uid(), locale: 'id-ID', ...(email ? { customer: { email, name: 'Sari' } } : {}) });
  expect(r.status).toBeLessThan(300);
  return (await r.json()) as { caseId: string; reference: string };
}

describe('merging duplicate cases', () => {
  it('closes the duplicate after telling the customer on its channel, links the two, and later messages follow', async () => {
    const customer = new ApiClient(node.url);
    const { email } = await customer.asNewCustomer('Sari', 'id-ID');
    // The same top-up, once in the app (naming the transaction) and once on the web.
    const customerRef = `W-${uid()}`;
    const dup = await appMessage(customerRef, 'top up 100rb TX-TOPUP-77 belum masuk', email);
    await admin.patch(`/api/v1/cases/${dup.caseId}`, { transactionRef: 'TX-TOPUP-77' });
    const web = await customer.post('/api/v1/cases', { message: { body: 'Saldo saya belum bertambah setelah top up', clientMessageId: uid() } });
    expect(web.status).toBe(201);
    const keep = web.body as { id: string; reference: string };

    const merged = await admin.post(`/api/v1/cases/${dup.caseId}/merge`, { intoCaseId: keep.id });
    expect(merged.status).toBe(200);
    expect(merged.body.merged).toMatchObject({ id: dup.caseId, status: 'closed' });
    expect(merged.body.case).toMatchObject({ id: keep.id, status: 'open', transactionRef: 'TX-TOPUP-77' });

    // The customer is told, in their language, on the duplicate's channel (the app's webhook), where it continues.
    const notice = `Kasus ${dup.reference} Anda sekarang digabung ke kasus ${keep.reference}`;
    expect((await messagesOf(customer, dup.caseId)).some((m) => m.author.kind === 'system' && m.body.startsWith(notice))).toBe(true);
    const bodyOf = (d: { body: Record<string, unknown> }) => String((d.body.message as { body?: string } | undefined)?.body ?? '');
    await settle(node, async () => backend.deliveries.find((d) => bodyOf(d).startsWith(notice)));
    // Agents see the link on the surviving case; both histories say it.
    const note = (await messagesOf(admin, keep.id)).find((m) => m.internal && m.body.startsWith(`Merged from ${dup.reference} (app`));
    expect(note?.metadata).toMatchObject({ mergedFrom: { caseId: dup.caseId, reference: dup.reference } });
    expect((await messagesOf(customer, keep.id)).some((m) => m.body.startsWith('Merged from'))).toBe(false);
    expect(await historyOf(dup.caseId)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'merged', from: dup.reference, to: keep.reference, actorKind: 'agent' })]));
    expect(await historyOf(keep.id)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'merged_from', from: dup.reference, to: keep.reference })]));
    // The duplicate's record is whole: the customer's first message is still there.
    expect((await messagesOf(admin, dup.caseId))[0].body).toBe('top up 100rb TX-TOPUP-77 belum masuk');

    // The customer writes again in the app: it joins the surviving case instead of opening a third one.
    expect((await appMessage(customerRef, 'masih belum masuk')).caseId).toBe(keep.id);
  });

  it('refuses what cannot be merged, with a reason in the agent’s language', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const open = async (who: ApiClient) => (await who.post('/api/v1/cases', { message: { body: `transfer failed ${uid()}`, clientMessageId: uid() } })).body as { id: string };
    const a = await open(customer);
    const b = await open(customer);
    const stranger = new ApiClient(node.url);
    await stranger.asNewCustomer();
    const theirs = await open(stranger);

    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: a.id })).body.error).toMatchObject({ code: 'merge_same_case' });
    const other = await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: theirs.id });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'merge_other_customer', message: 'Only cases of the same customer can be merged. This one belongs to someone else.' });
    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: 'no-such-case' })).status).toBe(404);
    expect((await customer.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: b.id })).status).toBe(403);
    expect((await stranger.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: theirs.id })).status).toBe(404);
    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: b.id, extra: 1 })).status).toBe(400);
    // Nothing above changed either case.
    for (const id of [a.id, b.id, theirs.id]) expect((await admin.get(`/api/v1/cases/${id}`)).body.status).toBe('open');

    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: b.id })).status).toBe(200);
    // Merged (closed) cases cannot be merged again, nor merged into.
    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { intoCaseId: b.id })).body.error).toMatchObject({ code: 'case_closed' });
    expect((await admin.post(`/api/v1/cases/${b.id}/merge`, { intoCaseId: a.id })).status).toBe(409);
  });

  it('keeps a merged duplicate closed: an agent’s change to it, alone or in bulk, is refused naming the case to use', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const open = async () => (await customer.post('/api/v1/cases', { message: { body: `refund missing ${uid()}`, clientMessageId: uid() } })).body as { id: string; reference: string };
    const dup = await open();
    const keep = await open();
    expect((await admin.post(`/api/v1/cases/${dup.id}/merge`, { intoCaseId: keep.id })).status).toBe(200);

    const reopen = await admin.patch(`/api/v1/cases/${dup.id}`, { status: 'open' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toEqual({ code: 'case_merged', message: `This case was merged into ${keep.reference}, where its conversation continues. Make the change there.`, details: { target: keep.reference } });
    const agent = new ApiClient(node.url);
    await agent.asNewAgent(admin, 'agent', 'Wulan');
    expect((await agent.put('/api/v1/console/preferences', { locale: 'id-ID' })).status).toBe(200);
    expect((await agent.patch(`/api/v1/cases/${dup.id}`, { priority: 'high' })).body.error.message).toBe(`Kasus ini sudah digabung ke ${keep.reference}, dan percakapannya berlanjut di sana. Lakukan perubahan di kasus itu.`);

    // In bulk: the duplicate is listed with the reason, the other case changes.
    const bulk = await admin.post('/api/v1/cases/bulk', { ids: [dup.id, keep.id], change: { priority: 'high', addTags: ['refund'] } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated.map((c: { id: string }) => c.id)).toEqual([keep.id]);
    expect(bulk.body.failed).toEqual([{ id: dup.id, code: 'case_merged', message: `This case was merged into ${keep.reference}, where its conversation continues. Make the change there.`, details: { target: keep.reference } }]);
    const after = (await admin.get(`/api/v1/cases/${dup.id}`)).body;
    expect(after).toMatchObject({ status: 'closed', priority: 'normal' });
    expect(after.tags).not.toContain('refund');
  });
});
