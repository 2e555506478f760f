import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { caseRecords } from '../cases/service.js';
import { assignWaiting, startRouter } from './service.js';

// Automatic assignment over HTTP on a real node and database: who gets a case (online, room left, least loaded, waited
// longest, the case's team), what waits, and what the assistant keeps.

let node: TestNode;
let admin: ApiClient;
let supervisor: ApiClient;
const agents: { client: ApiClient; id: string }[] = [];

beforeAll(async () => {
  // Quiet (no module's background work), with the router alone started: it routes on the node's own events.
  node = await startNode({}, { quiet: true });
  startRouter(node.app.desk);
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  supervisor = new ApiClient(node.url);
  await supervisor.asNewAgent(admin, 'supervisor', 'Sari');
  for (const name of ['Rina', 'Dimas']) {
    const client = new ApiClient(node.url);
    const { id } = await client.asNewAgent(admin, 'agent', name);
    agents.push({ client, id });
  }
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

const [rina, dimas] = [0, 1].map((i) => () => agents[i]);

async function customerCase(body = 'my transfer to BCA has not arrived') {
  const customer = new ApiClient(node.url);
  await customer.asVisitor();
  const c = await customer.post('/api/v1/cases', { message: { body, clientMessageId: uid() } });
  expect(c.status).toBe(201);
  return c.body.id as string;
}
const assigneeOf = async (id: string) => (await admin.get(`/api/v1/cases/${id}`)).body.assigneeId as string | null;
/** Waits until routing has given the case to someone (the node routes on its own, at once). */
const assigned = (id: string) => settle(node, async () => (await assigneeOf(id)) ?? undefined);
const presence = (who: ApiClient, status: 'online' | 'away') => who.put('/api/v1/console/presence', { status });

describe('automatic assignment', () => {
  it('is off until an admin turns it on, with a limit per agent', async () => {
    expect((await supervisor.get('/api/v1/routing/settings')).body).toEqual({ autoAssign: false, maxOpenPerAgent: 5 });
    expect((await rina().client.get('/api/v1/routing/settings')).status).toBe(403);
    expect((await supervisor.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 2 })).status).toBe(403);
    expect((await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 0 })).status).toBe(400);
    // Off: a new case waits in the queue even with agents online.
    await presence(rina().client, 'online');
    const waiting = await customerCase();
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(waiting)).toBeNull();
    expect((await admin.patch(`/api/v1/cases/${waiting}`, { status: 'closed' })).status).toBe(200);
  });

  it('gives each case to the least loaded agent online, in turn, up to the limit; the rest waits for room', async () => {
    expect((await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 2 })).body).toEqual({ autoAssign: true, maxOpenPerAgent: 2 });
    await presence(rina().client, 'online');
    await presence(dimas().client, 'online');
    const first = await customerCase();
    const second = await customerCase();
    const got = [await assigned(first), await assigned(second)];
    // Two agents with nothing: one case each, not both to one.
    expect(new Set(got)).toEqual(new Set([rina().id, dimas().id]));
    const third = await customerCase();
    const fourth = await customerCase();
    // Equally loaded again: the one who got the first case has waited longest.
    expect(await assigned(third)).toBe(got[0]);
    expect(await assigned(fourth)).toBe(got[1]);
    // Both at the limit: the fifth waits in the queue.
    const fifth = await customerCase('urgent: money left my account twice');
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(fifth)).toBeNull();
    const history = (await admin.get(`/api/v1/cases/${first}/history`)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: 'assigned', to: got[0], actorKind: 'system' }));

    // Room again: Rina resolves one of hers and the waiting case is hers at once.
    const hers = got[0] === rina().id ? first : second;
    expect((await rina().client.patch(`/api/v1/cases/${hers}`, { status: 'resolved' })).status).toBe(200);
    expect(await assigned(fifth)).toBe(rina().id);
    for (const id of [second, third, fourth, fifth, first]) await admin.patch(`/api/v1/cases/${id}`, { status: 'closed' });
  });

  it('skips agents who are away, keeps a team’s case for its members, and leaves the assistant its own conversations', async () => {
    await presence(rina().client, 'online');
    await presence(dimas().client, 'away');
    const plain = await customerCase();
    expect(await assigned(plain)).toBe(rina().id);

    // A case with the Disputes team goes to a member, Dimas, only once he is back.
    const team = await admin.post('/api/v1/teams', { name: `Disputes ${uid()}`, memberIds: [dimas().id] });
    expect(team.status).toBe(201);
    await admin.put('/api/v1/routing/settings', { autoAssign: false, maxOpenPerAgent: 2 });
    const disputed = await customerCase('I want to dispute a charge');
    expect((await admin.put(`/api/v1/console/cases/${disputed}/team`, { teamId: team.body.id })).status).toBe(200);
    await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 2 });
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    // He comes back online: the case waiting for his team is his at once.
    await presence(dimas().client, 'online');
    expect(await assigned(disputed)).toBe(dimas().id);

    // The assistant's conversation is not the queue's until it hands over.
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Ayu', 'id-ID');
    const chat = await customer.post('/api/v1/assistant/messages', { text: 'cara top up lewat BCA gimana?' });
    expect(chat.body.handoff).toBe(false);
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(chat.body.caseId)).toBeNull();
    const handoff = await customer.post('/api/v1/assistant/messages', { text: 'saya mau bicara dengan CS manusia', caseId: chat.body.caseId });
    expect(handoff.body.handoff).toBe(true);
    expect([rina().id, dimas().id]).toContain(await assigned(chat.body.caseId));
  });

  it('never hands a case back to an agent who let it go, and two rounds at once never fill an agent past the limit', async () => {
    await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 5 });
    await presence(rina().client, 'online');
    await presence(dimas().client, 'online');
    const kase = await customerCase('my top-up via Mandiri is still pending');
    const first = await assigned(kase);
    const [holder, other] = first === rina().id ? [rina(), dimas()] : [dimas(), rina()];
    // The holder gives it up: the router takes it to the other agent, not back to them.
    expect((await holder.client.patch(`/api/v1/cases/${kase}`, { assigneeId: null })).status).toBe(200);
    expect(await assigned(kase)).toBe(other.id);
    // Given up by both: it waits in the queue for a third agent or someone taking it by hand.
    expect((await other.client.patch(`/api/v1/cases/${kase}`, { assigneeId: null })).status).toBe(200);
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(kase)).toBeNull();
    await admin.patch(`/api/v1/cases/${kase}`, { status: 'closed' });

    // Two nodes' rounds at the same instant (here two rounds on one node, each reading the loads before the other
    // claims): each claim counts the agent's cases under a lock on the agent, so Rina ends exactly at the limit.
    await presence(dimas().client, 'away');
    const held = (await caseRecords.openCasesPerAgent(node.app.desk)).get(rina().id) ?? 0;
    await admin.put('/api/v1/routing/settings', { autoAssign: false, maxOpenPerAgent: held + 1 });
    const waiting = [await customerCase('saldo gw kepotong dua kali'), await customerCase('refund belum masuk')];
    await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: held + 1 });
    // (The node's own router may run a third round meanwhile, started by the cases' creation.)
    await Promise.all([assignWaiting(node.app.desk), assignWaiting(node.app.desk)]);
    expect((await caseRecords.openCasesPerAgent(node.app.desk)).get(rina().id)).toBe(held + 1);
    expect((await Promise.all(waiting.map(assigneeOf))).filter(Boolean)).toEqual([rina().id]);
  });
});
