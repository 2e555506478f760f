// Two real Sapa processes on one fresh PostgreSQL database and a Redis of our own. Runs once, in the PostgreSQL
// project (several nodes need PostgreSQL anyway: an embedded database belongs to one process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uid } from '../../testing.js';
import { createDatabase, PrivateRedis, startNodeProcess, type NodeProcess } from './cluster.js';
import { call, connect, record, ResyncingClient, sleep, waitFor, type ClientSocket, type WireMessage } from './testkit.js';

const adminUrl = process.env.SAPA_TEST_DATABASE_URL;
const enabled = process.env.SAPA_TEST_DB === 'postgres' && Boolean(adminUrl);
const ADMIN = { email: 'admin@cluster.test', password: 'Cluster-Admin-Passphrase-2026!' };

describe.skipIf(!enabled)('realtime across two node processes (PostgreSQL + Redis)', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let redis: PrivateRedis;
  let a: NodeProcess;
  let b: NodeProcess;
  const prefix = `rt-test-${uid()}`;
  const sockets: ClientSocket[] = [];
  const clients: ResyncingClient[] = [];
  const env = () => ({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: prefix, adminEmail: ADMIN.email, adminPassword: ADMIN.password });

  beforeAll(async () => {
    database = await createDatabase(adminUrl!, 'rtcluster');
    redis = await PrivateRedis.start();
    // One after the other: both would migrate the same fresh database at once (they take turns anyway).
    a = await startNodeProcess(env());
    b = await startNodeProcess(env());
  }, 320_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of clients) c.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await database?.drop();
  }, 60_000);

  async function agentToken(url: string): Promise<{ token: string; id: string }> {
    const admin = new ApiClient(url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const email = `agent-${uid()}@cluster.test`;
    const password = 'Quartz-Harbor-Meadow-47!';
    const created = await admin.post('/api/v1/agents', { email, name: `Agent ${email.slice(6, 10)}`, role: 'agent', password });
    expect(created.status).toBe(201);
    const api = new ApiClient(url);
    await api.login(email, password);
    const t = await api.post('/api/v1/agents/me/tokens', { name: 'socket' });
    return { token: t.body.token as string, id: created.body.id as string };
  }

  async function caseOn(url: string) {
    const api = new ApiClient(url);
    const { token } = await api.asVisitor();
    const c = await api.post('/api/v1/cases', { message: { body: 'saldo tidak masuk', clientMessageId: uid() } });
    expect(c.status).toBe(201);
    return { api, token, caseId: c.body.id as string };
  }

  /** Posts `count` messages, each to the first node that takes it (same clientMessageId on a retry). */
  async function postMany(apiFor: (i: number) => ApiClient[], caseId: string, from: number, count: number, gapMs: number, onEach?: (i: number) => Promise<void> | void) {
    for (let i = from; i < from + count; i++) {
      let stored = false;
      for (let attempt = 0; attempt < 30 && !stored; attempt++) {
        for (const api of apiFor(i)) {
          try {
            const r = await api.post(`/api/v1/cases/${caseId}/messages`, { body: `pesan ${i}`, clientMessageId: `k-${i}` });
            if (r.status === 200 || r.status === 201) {
              stored = true;
              break;
            }
          } catch {
            // that node is gone: try the next
          }
        }
        if (!stored) await sleep(200);
      }
      if (!stored) throw new Error(`message ${i} could not be posted`);
      await onEach?.(i);
      await sleep(gapMs);
    }
  }

  it('delivers a message posted on node A to a subscriber on node B, with typing, viewing and presence across nodes', async () => {
    const v = await caseOn(a.url);
    const onB = await connect(b.url, { auth: { token: v.token } });
    sockets.push(onB);
    const got = record<WireMessage>(onB, 'message');
    const viewing = record<{ agents: { id: string }[] }>(onB, 'viewing');
    const typing = record<{ author: { kind: string }; typing: boolean }>(onB, 'typing');
    expect(await call(onB, 'subscribe', { caseId: v.caseId, afterSeq: 0 })).toEqual({ ok: true, lastSeq: 1 });
    const t0 = Date.now();
    await v.api.post(`/api/v1/cases/${v.caseId}/messages`, { body: '第二条 via A', clientMessageId: 'x2' });
    await waitFor(() => got.length === 2, 5000, 'cross-node message');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(got.map((m) => [m.seq, m.body])).toEqual([[1, 'saldo tidak masuk'], [2, '第二条 via A']]);

    // An agent on node A: B's customer sees the agent viewing and typing; A sees the agent online via B's view too.
    const agent = await agentToken(a.url);
    const agentOnA = await connect(a.url, { auth: { token: agent.token } });
    sockets.push(agentOnA);
    await call(agentOnA, 'subscribe', { caseId: v.caseId, afterSeq: 2 });
    await call(agentOnA, 'viewing', { caseId: v.caseId, viewing: true });
    await call(agentOnA, 'typing', { caseId: v.caseId, typing: true });
    await waitFor(() => viewing.some((e) => e.agents.some((x) => x.id === agent.id)) && typing.length > 0, 8000, 'viewing and typing from node A');
    expect(typing[0]).toMatchObject({ author: { kind: 'agent' }, typing: true });
    // Connected to A only; node B knows it from A's heartbeat.
    const bApi = Object.assign(new ApiClient(b.url), { bearer: agent.token });
    const statusOnB = async () => ((await bApi.get('/api/v1/agents/presence')).body.items as { agentId: string; status: string }[]).find((x) => x.agentId === agent.id)?.status;
    const until = Date.now() + 8000;
    while ((await statusOnB()) !== 'online' && Date.now() < until) await sleep(200);
    expect(await statusOnB()).toBe('online');
    agentOnA.close();
    await waitFor(() => viewing.at(-1)?.agents.length === 0, 8000, 'viewing ended across nodes');
  }, 120_000);

  it('delivers messages posted at the same moment on both nodes once and in order (several to a stream entry)', async () => {
    const v = await caseOn(a.url);
    const apiB = Object.assign(new ApiClient(b.url), { bearer: v.token });
    const onA = await connect(a.url, { auth: { token: v.token } });
    const onB = await connect(b.url, { auth: { token: v.token } });
    sockets.push(onA, onB);
    const got = [record<WireMessage>(onA, 'message'), record<WireMessage>(onB, 'message')];
    for (const s of [onA, onB]) expect(await call(s, 'subscribe', { caseId: v.caseId, afterSeq: 1 })).toEqual({ ok: true, lastSeq: 1 });
    // Posts finishing in the same turn of a node's event loop share one announcement.
    const posts = Array.from({ length: 40 }, (_, i) => (i % 2 ? apiB : v.api).post(`/api/v1/cases/${v.caseId}/messages`, { body: `burst ${i}`, clientMessageId: `burst-${i}` }));
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual(posts.map(() => 201));
    await waitFor(() => got.every((list) => list.length >= 40), 10_000, 'every burst message on both nodes');
    await sleep(300);
    const expected = Array.from({ length: 40 }, (_, i) => i + 2);
    for (const list of got) expect(list.map((m) => m.seq)).toEqual(expected);
  }, 60_000);

  it('survives kill -9 of the node a client is on: the client moves to the other node and ends with every message once, in order', async () => {
    const v = await caseOn(a.url);
    const agent = await agentToken(b.url);
    const agentOnB = await connect(b.url, { auth: { token: agent.token }, reconnection: false });
    sockets.push(agentOnB);
    const apiA = Object.assign(new ApiClient(a.url), { bearer: v.token });
    const apiB = Object.assign(new ApiClient(b.url), { bearer: v.token });
    const watcherApi = Object.assign(new ApiClient(a.url), { bearer: agent.token });
    const presenceOnA = async () => ((await watcherApi.get('/api/v1/agents/presence')).body.items as { agentId: string; status: string }[]).find((x) => x.agentId === agent.id)?.status;
    const until = Date.now() + 8000;
    while ((await presenceOnA()) !== 'online' && Date.now() < until) await sleep(200);
    expect(await presenceOnA()).toBe('online');

    const client = new ResyncingClient([b.url, a.url], v.token);
    clients.push(client);
    await client.start();
    expect((await client.subscribe(v.caseId, 0)).ok).toBe(true);
    const total = 60;
    let killedAt = 0;
    // Posts alternate between the nodes until B dies, then go to A; B is killed while messages keep coming.
    await postMany((i) => (i % 2 ? [apiB, apiA] : [apiA, apiB]), v.caseId, 2, total - 1, 40, (i) => {
      if (i === 20) {
        b.kill();
        killedAt = Date.now();
      }
    });
    await waitFor(() => (client.lastSeq.get(v.caseId) ?? 0) >= total, 30_000, `all ${total} messages (have ${client.seqs(v.caseId).length})`);
    await sleep(500);
    expect(client.seqs(v.caseId)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(client.reconnects).toBeGreaterThanOrEqual(1);
    expect(client.node).toBe(a.url);
    expect(killedAt).toBeGreaterThan(0);

    // The agent's only connection was on the dead node: A reports them offline once B's heartbeat expires.
    const deadline = Date.now() + 25_000;
    while ((await presenceOnA()) !== 'offline' && Date.now() < deadline) await sleep(500);
    expect(await presenceOnA()).toBe('offline');
    b = await startNodeProcess(env());
  }, 320_000);

  it('keeps delivering across a Redis restart mid-stream', async () => {
    const v = await caseOn(a.url);
    const apiA = Object.assign(new ApiClient(a.url), { bearer: v.token });
    const client = new ResyncingClient([b.url, a.url], v.token);
    clients.push(client);
    await client.start();
    expect((await client.subscribe(v.caseId, 0)).ok).toBe(true);
    let restartDone = false;
    try {
      let downSince = 0;
      await postMany(() => [apiA], v.caseId, 2, 49, 40, async (i) => {
        if (i === 15) {
          await redis.shutdown();
          downSince = Date.now();
        }
        if (i === 30) {
          // While Redis is down, node B reads the case from the database: what A stored meanwhile still arrives.
          await waitFor(() => (client.lastSeq.get(v.caseId) ?? 0) >= 30, 10_000, 'delivery while Redis is down');
          expect(Date.now() - downSince).toBeGreaterThan(500);
          await redis.up();
          restartDone = true;
        }
      });
      await waitFor(() => (client.lastSeq.get(v.caseId) ?? 0) >= 50, 30_000, `50 messages (have ${client.seqs(v.caseId).length})`);
      await sleep(500);
      expect(client.seqs(v.caseId)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(client.node).toBe(b.url);

      // Delivery is live again (through the stream, not the degraded database polling every 2 s).
      const latencies: number[] = [];
      for (let i = 51; i <= 55; i++) {
        const t0 = Date.now();
        await apiA.post(`/api/v1/cases/${v.caseId}/messages`, { body: `after ${i}`, clientMessageId: `k-${i}` });
        await waitFor(() => (client.lastSeq.get(v.caseId) ?? 0) >= i, 10_000, `message ${i}`);
        latencies.push(Date.now() - t0);
      }
      latencies.sort((x, y) => x - y);
      expect(latencies[2]).toBeLessThan(1000);
      for (const node of [a, b]) {
        const metrics = await (await fetch(`${node.url}/metrics`)).text();
        expect(metrics).toMatch(/sapa_realtime_redis_up 1/);
      }
    } finally {
      // Whatever happened, leave Redis running.
      if (!restartDone || !(await redis.ping())) await redis.up();
    }
  }, 240_000);
});
