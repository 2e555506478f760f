import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';
import { onlineAgents, realtimeHealth } from './service.js';
import { call, connect, record, ResyncingClient, sleep, waitFor, type ClientSocket, type WireMessage } from './testkit.js';

let node: TestNode;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  node = await startNode();
});
let databaseClosed = false;
afterAll(async () => {
  for (const s of sockets) s.close();
  if (!databaseClosed) return node?.stop();
  // The last test closed the database on purpose; closing it again fails, everything else still stops.
  await node.stop().catch(() => undefined);
  await rm(node.dataDir, { recursive: true, force: true });
});

async function open(token: string, options: Parameters<typeof connect>[1] = {}) {
  const socket = await connect(node.url, { auth: { token }, ...options });
  sockets.push(socket);
  return socket;
}

async function visitorWithCase(text = 'saldo saya belum masuk') {
  const api = new ApiClient(node.url);
  const { token, visitorId } = await api.asVisitor();
  const c = await api.post('/api/v1/cases', { message: { body: text, clientMessageId: uid() } });
  expect(c.status).toBe(201);
  return { api, token, visitorId, caseId: c.body.id as string };
}

let agentCount = 0;
let adminClient: ApiClient | undefined;
/** A fresh agent (created by the admin) with a bearer token for sockets and an API client. */
async function newAgent(name = `Agent ${++agentCount}`) {
  if (!adminClient) {
    adminClient = new ApiClient(node.url);
    await adminClient.asAdmin();
  }
  const admin = adminClient;
  const email = `agent-${uid()}@sapa.test`;
  const password = 'Quartz-Harbor-Meadow-47!';
  const created = await admin.post('/api/v1/agents', { email, name, role: 'agent', password });
  expect(created.status).toBe(201);
  const api = new ApiClient(node.url);
  await api.login(email, password);
  const t = await api.post('/api/v1/agents/me/tokens', { name: 'socket' });
  api.bearer = t.body.token;
  api.csrf = undefined;
  api.cookies.clear();
  return { api, token: t.body.token as string, id: created.body.id as string, name };
}

describe('realtime: authentication', () => {
  it('refuses a missing or wrong token with `unauthorized`', async () => {
    await expect(connect(node.url)).rejects.toThrow('unauthorized');
    await expect(connect(node.url, { auth: { token: 'not-a-session' } })).rejects.toThrow('unauthorized');
  });

  it('takes the session cookie from Sapa’s own pages, not from another site', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const cookie = `sapa_session=${admin.cookies.get('sapa_session')}`;
    const host = new URL(node.url).host;
    const own = await connect(node.url, { extraHeaders: { cookie, origin: `http://${host}` } });
    sockets.push(own);
    expect(own.connected).toBe(true);
    await expect(connect(node.url, { extraHeaders: { cookie, origin: 'https://evil.example' } })).rejects.toThrow('unauthorized');
    // The same value as a token works from anywhere (that is what an app holding it would send).
    const asToken = await open(admin.cookies.get('sapa_session')!);
    expect(asToken.connected).toBe(true);
  });

  it('refuses a session that ended', async () => {
    const api = new ApiClient(node.url);
    await api.asNewCustomer();
    const session = api.cookies.get('sapa_session')!;
    const socket = await open(session);
    expect((await call(socket, 'inbox:subscribe', {})).error?.code).toBe('forbidden');
    expect((await api.post('/api/v1/auth/logout')).status).toBeLessThan(300);
    await sleep(5200); // identity caches a session for 5 s
    await expect(connect(node.url, { auth: { token: session } })).rejects.toThrow('unauthorized');
  });
});

describe('realtime: replay then live', () => {
  it('replays every message after afterSeq in order, then streams new ones exactly once', async () => {
    const v = await visitorWithCase('pesan pertama');
    for (let i = 2; i <= 5; i++) await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: `pesan ${i}`, clientMessageId: `m${i}` });
    const socket = await open(v.token);
    const got = record<WireMessage>(socket, 'message');
    const ack = await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 2 });
    expect(ack).toEqual({ ok: true, lastSeq: 5 });
    expect(got.map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(got[0]).toMatchObject({ caseId: v.caseId, body: 'pesan 3', internal: false, clientMessageId: 'm3', author: { kind: 'visitor' } });
    await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: '第六条', clientMessageId: 'm6' });
    await waitFor(() => got.length === 4, 5000, 'live message');
    await sleep(200);
    expect(got.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    expect(got[3].body).toBe('第六条');
  });

  it('pages through a long history while new messages keep arriving', async () => {
    const v = await visitorWithCase('m1');
    for (let i = 2; i <= 230; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, 231 - i) }, (_, k) => v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: `m${i + k}`, clientMessageId: `c${i + k}` })));
    }
    const socket = await open(v.token);
    const got = record<WireMessage>(socket, 'message');
    // A burst of new messages while the two pages are read: they must come after the replay, each once.
    const burst = Promise.all(Array.from({ length: 40 }, (_, k) => v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: `live ${k}`, clientMessageId: `live-${k}` })));
    const ack = await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    expect(ack.lastSeq).toBeGreaterThanOrEqual(230);
    await burst;
    await waitFor(() => got.length >= 270, 10_000, 'replay and burst');
    await sleep(300);
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 270 }, (_, i) => i + 1));
  });

  it('loses and repeats nothing when messages arrive during the replay', async () => {
    const v = await visitorWithCase('start');
    const agent = await newAgent();
    const total = 80;
    const posting = (async () => {
      for (let i = 2; i <= total; i++) {
        const poster = i % 2 ? v.api : agent.api;
        const r = await poster.post(`/api/v1/cases/${v.caseId}/messages`, { body: `n${i}`, clientMessageId: `race-${i}` });
        expect(r.status).toBe(201);
      }
    })();
    await sleep(150);
    const socket = await open(v.token);
    const got = record<WireMessage>(socket, 'message');
    const ack = await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    expect(ack.ok).toBe(true);
    await posting;
    await waitFor(() => got.length >= total, 10_000, 'all messages');
    await sleep(300);
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('re-syncs after every reconnect without losing or repeating a message while messages keep coming', async () => {
    const v = await visitorWithCase('start');
    const client = new ResyncingClient([node.url], v.token);
    await client.start();
    expect((await client.subscribe(v.caseId, 0)).ok).toBe(true);
    let posting = true;
    let last = 1;
    const poster = (async () => {
      for (let i = 2; posting && i < 2000; i++) {
        const r = await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: `r${i}`, clientMessageId: `r${i}` });
        expect(r.status).toBe(201);
        last = i;
      }
    })();
    for (let round = 0; round < 15; round++) {
      await sleep(100);
      client.socket?.disconnect();
      await waitFor(() => client.socket?.connected === true && client.reconnects > round, 5000, 'reconnect');
    }
    posting = false;
    await poster;
    await waitFor(() => (client.lastSeq.get(v.caseId) ?? 0) >= last, 10_000, 'all messages');
    await sleep(300);
    client.close();
    expect(client.reconnects).toBe(15);
    expect(last).toBeGreaterThan(20);
    expect(client.seqs(v.caseId)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  });

  it('clamps an afterSeq beyond the last message and answers not_found for a case that is not the caller’s', async () => {
    const v = await visitorWithCase();
    const other = await visitorWithCase();
    const socket = await open(v.token);
    const got = record<WireMessage>(socket, 'message');
    expect(await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 999 })).toEqual({ ok: true, lastSeq: 1 });
    await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'two', clientMessageId: 'two' });
    await waitFor(() => got.length === 1);
    expect(got[0].seq).toBe(2);
    const refused = await call(socket, 'subscribe', { caseId: other.caseId, afterSeq: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call(socket, 'subscribe', { caseId: 'no-such-case', afterSeq: 0 })).error?.code).toBe('not_found');
    expect((await call(socket, 'subscribe', { afterSeq: 0 })).error?.code).toBe('invalid_input');
  });

  it('works over HTTP long-polling when WebSocket is blocked', async () => {
    const v = await visitorWithCase('lewat polling');
    const socket = await open(v.token, { transports: ['polling'] });
    expect(socket.io.engine.transport.name).toBe('polling');
    const got = record<WireMessage>(socket, 'message');
    expect((await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 0 })).lastSeq).toBe(1);
    await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'dua', clientMessageId: 'p2' });
    await waitFor(() => got.length === 2);
    expect(got.map((m) => m.seq)).toEqual([1, 2]);
  });
});

describe('realtime: who sees what', () => {
  it('never sends internal notes to customers, nor another customer’s case', async () => {
    const mine = await visitorWithCase('mine');
    const theirs = await visitorWithCase('theirs');
    const agent = await newAgent();
    const customer = await open(mine.token);
    const customerGot = record<WireMessage>(customer, 'message');
    const customerCases = record(customer, 'case:created');
    const agentSocket = await open(agent.token);
    const agentGot = record<WireMessage>(agentSocket, 'message');
    await call(customer, 'subscribe', { caseId: mine.caseId, afterSeq: 0 });
    await call(agentSocket, 'subscribe', { caseId: mine.caseId, afterSeq: 0 });

    await agent.api.post(`/api/v1/cases/${mine.caseId}/messages`, { body: 'customer looks angry', clientMessageId: uid(), internal: true });
    await agent.api.post(`/api/v1/cases/${mine.caseId}/messages`, { body: 'Halo, kami cek ya', clientMessageId: uid() });
    await theirs.api.post(`/api/v1/cases/${theirs.caseId}/messages`, { body: 'not for you', clientMessageId: uid() });
    await waitFor(() => agentGot.length === 3 && customerGot.length === 2, 5000, 'deliveries');
    await sleep(300);
    expect(agentGot.map((m) => [m.seq, m.internal])).toEqual([[1, false], [2, true], [3, false]]);
    expect(customerGot.map((m) => m.seq)).toEqual([1, 3]);
    expect(customerGot.some((m) => m.internal || m.caseId !== mine.caseId)).toBe(false);
    expect(customerCases).toHaveLength(0);

    // A late customer's replay skips the note too, and a send of `internal` by a customer is a plain message.
    const late = await open(mine.token);
    const lateGot = record<WireMessage>(late, 'message');
    await call(late, 'subscribe', { caseId: mine.caseId, afterSeq: 0 });
    expect(lateGot.map((m) => m.seq)).toEqual([1, 3]);
    const sent = await call(late, 'message:send', { caseId: mine.caseId, body: 'rahasia?', clientMessageId: uid(), internal: true });
    expect((sent.message as WireMessage).internal).toBe(false);
  });

  it('gives inbox agents every case and message, internal notes included; customers their own case updates', async () => {
    const agent = await newAgent();
    const inbox = await open(agent.token);
    const created = record<{ case: { id: string } }>(inbox, 'case:created');
    const updated = record<{ case: { id: string; status: string }; changes: string[]; actor?: { kind: string; id: string | null } }>(inbox, 'case:updated');
    const messages = record<WireMessage>(inbox, 'message');
    const list = record<unknown[]>(inbox, 'presence:list');
    expect(await call(inbox, 'inbox:subscribe', {})).toEqual({ ok: true });
    expect(list).toHaveLength(1);

    const v = await visitorWithCase('kasus baru');
    const owner = await open(v.token);
    const ownerUpdates = record<{ case: { id: string; status: string }; actor?: unknown }>(owner, 'case:updated');
    const strangerCase = await visitorWithCase();
    const stranger = await open(strangerCase.token);
    const strangerUpdates = record<{ case: { id: string } }>(stranger, 'case:updated');
    await waitFor(() => created.some((e) => e.case.id === v.caseId), 5000, 'case:created');
    await agent.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'note', clientMessageId: uid(), internal: true });
    await waitFor(() => messages.filter((m) => m.caseId === v.caseId).length === 2, 5000, 'inbox messages');
    expect(messages.filter((m) => m.caseId === v.caseId).map((m) => m.internal)).toEqual([false, true]);

    expect((await agent.api.patch(`/api/v1/cases/${v.caseId}`, { status: 'pending' })).status).toBe(200);
    await waitFor(() => ownerUpdates.length === 1 && updated.some((u) => u.case.id === v.caseId), 5000, 'case:updated');
    expect(ownerUpdates[0].case).toMatchObject({ id: v.caseId, status: 'pending' });
    // Agents hear who made the change; the customer's copy does not name the team's people.
    expect(updated.find((u) => u.case.id === v.caseId)).toMatchObject({ changes: ['status_changed'], actor: { kind: 'agent', id: agent.id } });
    expect(ownerUpdates[0].actor).toBeUndefined();
    await sleep(200);
    // Updates of their own case may come (the triage files it by what it says); never of someone else's.
    expect(strangerUpdates.filter((u) => u.case.id !== strangerCase.caseId)).toHaveLength(0);
  });

  it('refuses agent-only events from customers', async () => {
    const v = await visitorWithCase();
    const socket = await open(v.token);
    for (const [event, payload] of [
      ['inbox:subscribe', {}],
      ['viewing', { caseId: v.caseId, viewing: true }],
      ['presence:set', { status: 'away' }],
    ] as const) {
      expect((await call(socket, event, payload)).error?.code).toBe('forbidden');
    }
  });
});

describe('realtime: sending over the socket', () => {
  it('is the same idempotent path as POST /cases/:id/messages', async () => {
    const v = await visitorWithCase('first');
    const socket = await open(v.token);
    const got = record<WireMessage>(socket, 'message');
    await call(socket, 'subscribe', { caseId: v.caseId, afterSeq: 1 });
    const first = await call(socket, 'message:send', { caseId: v.caseId, body: 'Saldo belum masuk 🙏', clientMessageId: 'sock-1' });
    const again = await call(socket, 'message:send', { caseId: v.caseId, body: 'Saldo belum masuk 🙏', clientMessageId: 'sock-1' });
    expect(first).toMatchObject({ ok: true, created: true, message: { seq: 2, body: 'Saldo belum masuk 🙏' } });
    expect(again).toMatchObject({ ok: true, created: false });
    expect((again.message as WireMessage).id).toBe((first.message as WireMessage).id);
    // The HTTP path with the same key returns the same message.
    const http = await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'Saldo belum masuk 🙏', clientMessageId: 'sock-1' });
    expect(http.status).toBe(200);
    expect(http.body.id).toBe((first.message as WireMessage).id);
    await sleep(400);
    expect(got.map((m) => m.seq)).toEqual([2]);
    const all = await v.api.get(`/api/v1/cases/${v.caseId}/messages?afterSeq=0`);
    expect(all.body.items).toHaveLength(2);
    const bad = await call(socket, 'message:send', { caseId: v.caseId, body: '<script></script>', clientMessageId: 'x' });
    expect(bad.error?.code).toBe('invalid_input');
  });

  it('rate-limits a flood with a clear error and a retry hint', async () => {
    const v = await visitorWithCase();
    const socket = await open(v.token);
    // 10 at once, then 10 a second: 40 sent in one go cannot all pass, however slowly the server reads them.
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => call(socket, 'message:send', { caseId: v.caseId, body: `spam ${i}`, clientMessageId: `s${i}` })));
    const allowed = 10 + Math.ceil(((Date.now() - started) / 1000) * 10);
    const passed = replies.filter((r) => r.ok).length;
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThanOrEqual(Math.min(allowed, 39));
    const limited = replies.filter((r) => !r.ok);
    expect(limited.every((r) => r.error?.code === 'rate_limited')).toBe(true);
    expect(limited[0].error!.message).toMatch(/wait (?:\d+ seconds|a second)/);
    expect((limited[0].error!.details as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    const typing = await Promise.all(Array.from({ length: 30 }, () => call(socket, 'typing', { caseId: v.caseId, typing: true })));
    expect(typing.filter((r) => r.ok).length).toBeGreaterThanOrEqual(5);
    expect(typing.some((r) => r.error?.code === 'rate_limited')).toBe(true);
  });
});

describe('realtime: typing, receipts, presence, viewing', () => {
  it('shows typing to the other side, not to the typist; internal typing only to agents', async () => {
    const v = await visitorWithCase();
    const agent = await newAgent('Rina');
    const customer = await open(v.token);
    const agentSocket = await open(agent.token);
    await call(customer, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    await call(agentSocket, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    const customerTyping = record<{ author: { kind: string; name: string }; typing: boolean }>(customer, 'typing');
    const agentTyping = record<{ author: { kind: string; id: string }; typing: boolean; caseId: string }>(agentSocket, 'typing');

    expect(await call(customer, 'typing', { caseId: v.caseId, typing: true })).toEqual({ ok: true });
    await waitFor(() => agentTyping.length === 1);
    expect(agentTyping[0]).toEqual({ caseId: v.caseId, author: { kind: 'visitor', id: v.visitorId, name: null }, typing: true });
    await call(agentSocket, 'typing', { caseId: v.caseId, typing: true, internal: true });
    await call(agentSocket, 'typing', { caseId: v.caseId, typing: true });
    await waitFor(() => customerTyping.length === 1);
    expect(customerTyping[0]).toMatchObject({ author: { kind: 'agent', name: 'Rina' }, typing: true });
    await call(agentSocket, 'typing', { caseId: v.caseId, typing: false });
    await waitFor(() => customerTyping.length === 2);
    expect(customerTyping[1].typing).toBe(false);
    // Typing a note and stopping: the customer hears of neither.
    await call(agentSocket, 'typing', { caseId: v.caseId, typing: true, internal: true });
    await call(agentSocket, 'typing', { caseId: v.caseId, typing: false });
    // The customer closes the tab while typing: the agent sees it stop.
    customer.close();
    await waitFor(() => agentTyping.length === 2);
    expect(agentTyping[1].typing).toBe(false);
    await sleep(200);
    expect(customerTyping).toHaveLength(2);
  });

  it('stores delivered/read receipts so the agent sees “read”, live and afterwards', async () => {
    const v = await visitorWithCase('tolong');
    const agent = await newAgent();
    const agentSocket = await open(agent.token);
    await call(agentSocket, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    const receipts = record<{ seq: number; kind: string; by: { kind: string } }>(agentSocket, 'receipt');
    const deliveries = record<{ seq: number; status: string }>(agentSocket, 'message:delivery');
    await agent.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'Sudah kami proses', clientMessageId: uid() });
    await agent.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: 'Cek lagi ya', clientMessageId: uid() });

    const customer = await open(v.token);
    await call(customer, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    expect(await call(customer, 'receipt', { caseId: v.caseId, seq: 3, kind: 'read' })).toMatchObject({ ok: true, seq: 3, kind: 'read', recorded: 4 });
    await waitFor(() => receipts.length === 1 && deliveries.length === 2, 5000, 'receipt and delivery events');
    expect(receipts[0]).toMatchObject({ seq: 3, kind: 'read', by: { kind: 'visitor', id: v.visitorId } });
    expect(deliveries.map((d) => [d.seq, d.status])).toEqual([[2, 'read'], [3, 'read']]);

    // Repeating it (or a smaller one) changes nothing.
    expect(await call(customer, 'receipt', { caseId: v.caseId, seq: 2, kind: 'delivered' })).toMatchObject({ ok: true, recorded: 0 });
    const progress = await agent.api.get(`/api/v1/cases/${v.caseId}/receipts`);
    expect(progress.status).toBe(200);
    expect(progress.body.items).toEqual([
      expect.objectContaining({ by: { kind: 'visitor', id: v.visitorId, name: null }, delivered: expect.objectContaining({ seq: 3 }), read: expect.objectContaining({ seq: 3 }) }),
    ]);
    const messages = await agent.api.get(`/api/v1/cases/${v.caseId}/messages?afterSeq=1`);
    expect(messages.body.items.map((m: WireMessage) => m.deliveryStatus)).toEqual(['read', 'read']);

    // The REST fallback, for the agent reading the customer's message; someone else's case stays invisible.
    const rest = await agent.api.post(`/api/v1/cases/${v.caseId}/receipts`, { seq: 3, kind: 'read' });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ caseId: v.caseId, seq: 3, kind: 'read', by: { kind: 'agent', id: agent.id }, recorded: 2 });
    const stranger = await visitorWithCase();
    expect((await stranger.api.post(`/api/v1/cases/${v.caseId}/receipts`, { seq: 1, kind: 'read' })).status).toBe(404);
    expect((await stranger.api.get(`/api/v1/cases/${v.caseId}/receipts`)).status).toBe(404);
    expect((await v.api.post(`/api/v1/cases/${v.caseId}/receipts`, { seq: 0, kind: 'read' })).status).toBe(400);
  });

  it('derives agent presence from live connections, keeps a chosen “away”, and goes offline with the last connection', async () => {
    const watcher = await newAgent('Watcher');
    const agent = await newAgent('Liwei');
    const watch = await open(watcher.token);
    const events = record<{ agentId: string; status: string }>(watch, 'presence');
    await call(watch, 'inbox:subscribe', {});
    const statusOf = async () => ((await watcher.api.get('/api/v1/agents/presence')).body.items as { agentId: string; status: string }[]).find((a) => a.agentId === agent.id)?.status;
    expect(await statusOf()).toBe('offline');

    const tab1 = await open(agent.token);
    const tab2 = await open(agent.token);
    await waitFor(() => events.some((e) => e.agentId === agent.id && e.status === 'online'), 5000, 'online');
    expect(await statusOf()).toBe('online');
    expect((await onlineAgents(node.app.desk)).find((a) => a.agentId === agent.id)).toEqual({ agentId: agent.id, name: 'Liwei', status: 'online' });

    expect(await call(tab1, 'presence:set', { status: 'away' })).toEqual({ ok: true, status: 'away' });
    await waitFor(() => events.some((e) => e.agentId === agent.id && e.status === 'away'), 5000, 'away');
    tab1.close();
    await sleep(300);
    expect(await statusOf()).toBe('away');
    tab2.close();
    await waitFor(() => events.some((e) => e.agentId === agent.id && e.status === 'offline'), 5000, 'offline');
    expect(await statusOf()).toBe('offline');

    // Away outlives the reconnect; the REST fallback sets it back.
    await open(agent.token);
    await waitFor(() => events.filter((e) => e.agentId === agent.id).at(-1)?.status === 'away', 5000, 'away again');
    expect((await agent.api.put('/api/v1/agents/me/presence', { status: 'online' })).status).toBe(200);
    await waitFor(() => events.filter((e) => e.agentId === agent.id).at(-1)?.status === 'online', 5000, 'online again');
    const customer = await visitorWithCase();
    expect((await customer.api.get('/api/v1/agents/presence')).status).toBe(403);
  });

  it('tells everyone in a case which agents are viewing it', async () => {
    const v = await visitorWithCase();
    const a = await newAgent('Ayu');
    const b = await newAgent('Budi Agent');
    const customer = await open(v.token);
    await call(customer, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    const seen = record<{ caseId: string; agents: { id: string; name: string }[] }>(customer, 'viewing');
    const aSocket = await open(a.token);
    expect(await call(aSocket, 'viewing', { caseId: v.caseId, viewing: true })).toEqual({ ok: true });
    await waitFor(() => seen.length === 1, 5000, 'viewing');
    expect(seen[0]).toEqual({ caseId: v.caseId, agents: [{ id: a.id, name: 'Ayu' }] });

    // An agent who subscribes later is told at once who is already there.
    const bSocket = await open(b.token);
    const bSeen = record<{ agents: { id: string }[] }>(bSocket, 'viewing');
    await call(bSocket, 'subscribe', { caseId: v.caseId, afterSeq: 0 });
    await waitFor(() => bSeen.length === 1);
    expect(bSeen[0].agents.map((x) => x.id)).toEqual([a.id]);

    aSocket.close();
    await waitFor(() => seen.length === 2, 5000, 'viewing ended');
    expect(seen[1].agents).toEqual([]);
    expect((await call(bSocket, 'viewing', { caseId: 'nope', viewing: true })).error?.code).toBe('not_found');
  });

  it('reports its health for the status page', async () => {
    const v = await visitorWithCase();
    await open(v.token);
    const health = realtimeHealth(node.app.desk);
    expect(health.redis).toBe('off');
    expect(health.connections).toBeGreaterThan(0);
  });
});

// Last in this file: it closes the node's database on purpose (starting another node just for this costs more).
describe('realtime: when the database is down', () => {
  it('answers events with database_unavailable and new handshakes with `unavailable`', async () => {
    const api = new ApiClient(node.url);
    const { token } = await api.asVisitor();
    const c = await api.post('/api/v1/cases', { message: { body: 'halo', clientMessageId: uid() } });
    const socket = await open(token);
    expect((await call(socket, 'subscribe', { caseId: c.body.id, afterSeq: 0 })).ok).toBe(true);
    await node.app.desk.database.close();
    databaseClosed = true;
    const refused = await call(socket, 'subscribe', { caseId: c.body.id, afterSeq: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'database_unavailable', details: { retryAfterMs: 5000 } } });
    expect((await call(socket, 'message:send', { caseId: c.body.id, body: 'masih ada?', clientMessageId: uid() })).error?.code).toBe('database_unavailable');
    const handshake = await connect(node.url, { auth: { token: 'a-token-nobody-has-checked-yet-0123456789' } }).then(
      () => 'connected',
      (error: Error & { data?: { retryAfterMs?: number } }) => `${error.message}:${error.data?.retryAfterMs}`,
    );
    expect(handshake).toBe('unavailable:5000');
  });
});
