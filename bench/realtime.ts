/**
 * Realtime benchmark: two Sapa node processes on a fresh PostgreSQL database and a private Redis, 2,000 Socket.IO
 * clients (in a child process, so the load generator does not starve the servers less than it must), messages
 * posted over HTTP at a steady rate to many cases on one node, each case's subscribers connected to the OTHER node.
 * Every phase has a deadline inside the hard limit: on a slow machine the run gets shorter (fewer cases, a shorter
 * posting window), never longer, and the JSON says what was actually measured.
 * Measures delivered messages/s, post-to-delivery latency across nodes, lost, duplicated and out-of-order
 * deliveries, and the CPU each party spent per message (nodes, the local PostgreSQL server, load generator,
 * clients; the machine's busy and stolen share); then a bare `ws` echo server in the same run as the ceiling. The
 * load generator and the subscribers speak HTTP/1.1 and Socket.IO's wire protocol directly (lean-clients.ts), so
 * they take as little as possible of the CPU the servers need. Prints ONE JSON line; stops by itself.
 *
 * Options (environment): SAPA_BENCH_DATABASE_URL (a PostgreSQL server where databases may be created, default
 * postgres://postgres@127.0.0.1:5432/postgres), SAPA_BENCH_RATE (messages/s, 1000), SAPA_BENCH_SECONDS (10),
 * SAPA_BENCH_CASES (500), SAPA_BENCH_SUBSCRIBERS (per case, 4), SAPA_BENCH_PROFILE (a directory: the two nodes write
 * V8 CPU profiles there when they stop, for chrome://inspect or speedscope), SAPA_BENCH_DUMP (a path prefix: each
 * phase writes `<prefix>-<phase>.json`, one `[posted at (ms since epoch), post → delivery ms, stored → delivery ms]`
 * per delivery, to see how latency moves during a phase).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createDatabase, freePort, PrivateRedis, repoRoot, startNodeProcess, type NodeProcess } from '../server/src/modules/realtime/cluster.js';
import { HttpPostPool, LeanSubscriber } from './lean-clients.js';

const RATE = Number(process.env.SAPA_BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.SAPA_BENCH_SECONDS ?? 10);
const CASES = Number(process.env.SAPA_BENCH_CASES ?? 500);
const PER_CASE = Number(process.env.SAPA_BENCH_SUBSCRIBERS ?? 4);
const HARD_LIMIT_MS = 175_000;
// More posts in flight than the connection pools hold would only wait in the load generator's own queue.
const MAX_IN_FLIGHT = 96;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const benchStart = Date.now();
/** Progress on stderr (stdout carries only the JSON line). */
const phase = (what: string) => process.stderr.write(`[bench:realtime ${Math.round((Date.now() - benchStart) / 1000)}s] ${what}\n`);
const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function inBatches<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

// ------------------------------------------------------------------------------------------ subscribers (child)

interface Assignment {
  url: string;
  token: string;
  caseId: string;
}
type ToChild = { type: 'plan'; assignments: Assignment[]; until: number } | { type: 'report' };
type FromChild =
  | { type: 'ready'; connected: number; subscribed: number; failed: number; ms: number }
  | { type: 'progress'; deliveries: number; disconnects: number; cpuMs: number }
  | { type: 'deliveries'; socket: number[]; seq: number[]; cmid: string[]; at: number[]; stored: number[]; disconnects: number; done: boolean };

async function subscribers(): Promise<void> {
  // The parent gone (finished or killed by its watchdog): nothing left to report to.
  process.on('disconnect', () => process.exit(0));
  const send = (m: FromChild) => {
    if (process.connected) process.send!(m);
  };
  const sockets: LeanSubscriber[] = [];
  const d = { socket: [] as number[], seq: [] as number[], cmid: [] as string[], at: [] as number[], stored: [] as number[] };
  let disconnects = 0;
  process.on('message', async (m: ToChild) => {
    if (m.type === 'plan') {
      const t0 = Date.now();
      let failed = 0;
      let subscribed = 0;
      await inBatches(m.assignments, 100, async (a, i) => {
        if (Date.now() > m.until) return void failed++;
        try {
          const socket = await LeanSubscriber.connect({
            url: a.url,
            token: a.token,
            timeoutMs: 30_000,
            onMessage: (msg) => {
              d.socket.push(i);
              d.seq.push(msg.seq);
              d.cmid.push(msg.clientMessageId);
              d.at.push(now());
              d.stored.push(Date.parse(msg.createdAt));
            },
            onDisconnect: () => disconnects++,
          });
          sockets[i] = socket;
          const ack = (await socket.emitWithAck('subscribe', { caseId: a.caseId, afterSeq: 1 })) as { ok: boolean };
          if (ack.ok) subscribed++;
          else failed++;
        } catch {
          failed++;
        }
      });
      send({ type: 'ready', connected: sockets.filter(Boolean).length, subscribed, failed, ms: Date.now() - t0 });
      const cpuMs = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const progress = setInterval(() => send({ type: 'progress', deliveries: d.seq.length, disconnects, cpuMs: cpuMs() }), 250);
      progress.unref();
    } else if (m.type === 'report') {
      const chunk = 20_000;
      for (let i = 0; i < d.seq.length || i === 0; i += chunk) {
        send({
          type: 'deliveries',
          socket: d.socket.slice(i, i + chunk),
          seq: d.seq.slice(i, i + chunk),
          cmid: d.cmid.slice(i, i + chunk),
          at: d.at.slice(i, i + chunk),
          stored: d.stored.slice(i, i + chunk),
          disconnects,
          done: i + chunk >= d.seq.length,
        });
      }
      for (const s of sockets) s?.close();
    }
  });
}

// ------------------------------------------------------------------------------------------ ws echo ceiling

async function wsEcho(clients: number, rate: number): Promise<Record<string, unknown>> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/ws-echo.ts', String(port)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => b.toString().includes('listening') && resolve());
      server.once('exit', () => reject(new Error('ws echo server exited')));
      setTimeout(() => reject(new Error('ws echo server did not start')), 30_000);
    });
    const sockets: WebSocket[] = [];
    await inBatches(Array.from({ length: clients }), 100, async (_, i) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      sockets[i] = ws;
    });
    // Rate-matched: the same number of messages per second as Socket.IO delivered, round-trip latency.
    const rtt: number[] = [];
    for (const ws of sockets) ws.on('message', (data: Buffer) => rtt.push(now() - Number(data.toString())));
    const seconds = 4;
    const start = now();
    let sent = 0;
    while (now() - start < seconds * 1000) {
      const due = Math.floor(((now() - start) / 1000) * rate) - sent;
      for (let k = 0; k < due; k++) sockets[sent++ % sockets.length].send(String(now()));
      await sleep(5);
    }
    await sleep(1000);
    const sorted = [...rtt].sort((x, y) => x - y);
    // Ceiling: a window of messages in flight on 64 connections, as fast as the server echoes them.
    const pipes = sockets.slice(0, 64);
    let echoed = 0;
    const ceilingMs = 3000;
    const until = now() + ceilingMs;
    await Promise.all(
      pipes.map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.removeAllListeners('message');
            ws.on('message', () => {
              echoed++;
              if (now() < until) ws.send('x');
              else resolve();
            });
            for (let k = 0; k < 32; k++) ws.send('x');
            setTimeout(resolve, ceilingMs + 1000);
          }),
      ),
    );
    for (const ws of sockets) ws.terminate();
    return {
      clients,
      rate,
      sent,
      echoed: rtt.length,
      rtt_p50_ms: percentile(sorted, 50),
      rtt_p99_ms: percentile(sorted, 99),
      ceiling_msgs_per_s: Math.round(echoed / (ceilingMs / 1000)),
    };
  } finally {
    server.kill('SIGTERM');
  }
}

// ------------------------------------------------------------------------------------------ main

/** A Prometheus histogram's cumulative buckets, summed over the nodes' /metrics. */
async function histogram(urls: string[], name: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>();
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const m of text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)`, 'gm'))) {
      const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
      buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
    }
  }
  return buckets;
}

/** p50/p99 (bucket upper bounds, ms) of what a histogram counted between two readings. */
function quantilesBetween(before: Map<number, number>, after: Map<number, number>) {
  const sorted = [...after].map(([le, n]) => [le, n - (before.get(le) ?? 0)] as const).sort((x, y) => x[0] - y[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  const at = (q: number) => {
    const hit = sorted.find(([, n]) => n >= q * count);
    return count && hit && hit[0] !== Infinity ? hit[0] * 1000 : null;
  };
  return { count, p50_ms_at_most: at(0.5), p99_ms_at_most: at(0.99) };
}

/** Announcements the nodes sent to the cluster and the stream entries that carried them, summed over the nodes. */
async function relayCounts(urls: string[]): Promise<{ entry: number; envelope: number }> {
  const counts = { entry: 0, envelope: 0 };
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const m of text.matchAll(/^sapa_realtime_relay_announcements_total\{unit="(entry|envelope)"\} (\d+)/gm)) counts[m[1] as 'entry' | 'envelope'] += Number(m[2]);
  }
  return counts;
}

/** A gauge's value on each node. */
async function gauge(urls: string[], name: string): Promise<number[]> {
  const values: number[] = [];
  for (const url of urls) {
    const m = new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(await (await fetch(`${url}/metrics`)).text());
    if (m) values.push(Math.round(Number(m[1]) * 10_000) / 10);
  }
  return values;
}

// Posts reuse a bounded pool of keep-alive connections per node, as a load balancer in front of Sapa would, written
// against HTTP/1.1 directly (lean-clients.ts): the load generator shares the two cores with what it measures.
const pools = new Map<string, HttpPostPool>();
function postJson(origin: string, path: string, token: string, body: unknown): Promise<number> {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new HttpPostPool(origin, 48)));
  return pool.post(path, { authorization: `Bearer ${token}` }, JSON.stringify(body));
}

/** The machine's CPU time so far from /proc/stat (all cores): busy, and stolen by the hypervisor for other guests. */
function machineCpu(): { busy: number; steal: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    return { busy: user + nice + system + irq + softirq, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the local PostgreSQL server has used so far, read from /proc: every `postgres` process, plus what the
 * postmaster has collected from children that already exited (backends come and go with the nodes' pools). The
 * server is on the same two cores, so its share belongs in the figures; anything else using it at the same time is
 * counted too. Undefined where /proc cannot tell (not Linux, or no local PostgreSQL process).
 */
function databaseCpuSeconds(): number | undefined {
  // After the parenthesised command name: state, ppid, …; utime and stime are fields 14-15, cutime and cstime
  // (children waited for) 16-17.
  const postgres = new Map<string, string[]>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.includes('(postgres)')) postgres.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' '));
      } catch {
        // exited while listing
      }
    }
  } catch {
    return undefined;
  }
  if (!postgres.size) return undefined;
  let ticks = 0;
  for (const fields of postgres.values()) {
    ticks += Number(fields[11]) + Number(fields[12]);
    // The postmaster (its parent is not postgres) holds what its exited backends used.
    if (!postgres.has(fields[1])) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100; // USER_HZ is 100 on every Linux build Node supports
}

const ADMIN = { email: 'admin@rtbench.test', password: 'Bench-Admin-Passphrase-2026!' };

async function agentToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: ADMIN.email, password: ADMIN.password }) });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const t = await fetch(`${url}/api/v1/agents/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  return ((await t.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const began = Date.now();
  const children: ChildProcess[] = [];
  const nodes: NodeProcess[] = [];
  let redis: PrivateRedis | undefined;
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  const figures: Record<string, unknown> = { bench: 'realtime', nodes: 2, cases: CASES, subscribers_per_case: PER_CASE, target_rate: RATE, seconds: SECONDS };
  let finished = false;
  const cleanup = async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const pool of pools.values()) pool.close();
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await redis?.stop().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  };
  const watchdog = setTimeout(() => {
    if (finished) return;
    console.log(JSON.stringify({ ...figures, aborted: `not finished within ${HARD_LIMIT_MS / 1000} s`, elapsed_s: Math.round((Date.now() - began) / 1000) }));
    void cleanup().finally(() => process.exit(1));
  }, HARD_LIMIT_MS);

  try {
    database = await createDatabase(process.env.SAPA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'rtbench');
    redis = await PrivateRedis.start();
    phase('database and redis ready; starting two nodes');
    const nodeArgs = process.env.SAPA_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAPA_BENCH_PROFILE}`] : [];
    const env = { databaseUrl: database.url, redisUrl: redis.url, redisPrefix: 'rtbench', adminEmail: ADMIN.email, adminPassword: ADMIN.password, extra: { LOG_LEVEL: 'error' }, nodeArgs };
    nodes.push(...(await Promise.all([startNodeProcess(env, 120_000), startNodeProcess(env, 120_000)])));
    const [a, b] = nodes;
    figures.startup_s = Math.round((Date.now() - began) / 1000);
    phase('nodes ready; opening cases');

    // An agent token opens the cases and subscribes (agents may read every case), so setting up costs one request
    // per case. Cases live on node A or B by turns; their subscribers connect to the other node.
    const t0 = Date.now();
    const token = await agentToken(a.url);
    const cases: { home: NodeProcess; caseId: string }[] = [];
    const setupUntil = began + 105_000;
    await inBatches(Array.from({ length: CASES }), 24, async (_, i) => {
      if (Date.now() > setupUntil) return;
      const home = i % 2 ? b : a;
      const c = await fetch(`${home.url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ message: { body: `bench case ${i}`, clientMessageId: `first-${i}` } }),
      });
      if (c.status === 201) cases.push({ home, caseId: ((await c.json()) as { id: string }).id });
    });
    figures.cases = cases.length;
    figures.setup_s = Math.round((Date.now() - t0) / 1000);
    phase(`${cases.length} cases; connecting subscribers`);
    if (!cases.length) throw new Error('no case could be created');

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--subscribers'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const fromChild: FromChild[] = [];
    let progress = { deliveries: 0, disconnects: 0, cpuMs: 0 };
    child.on('message', (m: FromChild) => {
      if (m.type === 'progress') progress = m;
      else fromChild.push(m);
    });
    const perCase = Math.ceil((CASES * PER_CASE) / cases.length);
    figures.subscribers_per_case = perCase;
    const assignments: Assignment[] = cases.flatMap((c) => Array.from({ length: perCase }, () => ({ url: (c.home === a ? b : a).url, token, caseId: c.caseId })));
    child.send({ type: 'plan', assignments, until: began + 130_000 } satisfies ToChild);
    while (!fromChild.some((m) => m.type === 'ready')) {
      if (child.exitCode !== null) throw new Error('the subscriber process exited');
      await sleep(50);
    }
    const ready = fromChild.find((m) => m.type === 'ready') as Extract<FromChild, { type: 'ready' }>;
    figures.clients = ready.connected;
    figures.subscribed = ready.subscribed;
    figures.connect_s = Math.round(ready.ms / 100) / 10;
    phase(`${ready.subscribed} subscribed; posting`);

    /**
     * Posts at `rate` for `seconds` over HTTP (open loop, capped in flight so an overloaded server shows as a lower rate).
     * With `from`, the rate climbs linearly from `from` to `rate` over the phase instead.
     */
    async function post(label: string, rate: number, seconds: number, from = rate) {
      const transitBefore = await histogram([a.url, b.url], 'sapa_realtime_relay_transit_seconds');
      // CPU time each process spent on the phase: the nodes' own counters, this process's and the subscribers'.
      const cpuBefore = { nodes: await gauge([a.url, b.url], 'sapa_process_cpu_seconds_total'), main: process.cpuUsage(), subscribers: progress.cpuMs, database: databaseCpuSeconds(), machine: machineCpu() };
      const relayBefore = await relayCounts([a.url, b.url]);
      const postedAt = new Map<string, number>();
      const ok = new Set<string>();
      const errors: Record<string, number> = {};
      let skipped = 0;
      let inFlight = 0;
      let sent = 0;
      const start = now();
      const posts: Promise<void>[] = [];
      while (now() - start < seconds * 1000) {
        // Messages due by now: the integral of a rate climbing linearly from `from` to `rate` over the phase.
        const t = Math.min(seconds, (now() - start) / 1000);
        const due = Math.floor(from * t + ((rate - from) * t * t) / (2 * seconds)) - sent - skipped;
        for (let k = 0; k < due; k++) {
          if (inFlight >= MAX_IN_FLIGHT) {
            skipped++;
            continue;
          }
          const n = sent++;
          const c = cases[n % cases.length];
          const cmid = `${label}-${n}`;
          inFlight++;
          postedAt.set(cmid, now());
          posts.push(
            postJson(c.home.url, `/api/v1/cases/${c.caseId}/messages`, token, { body: `bench message ${n}`, clientMessageId: cmid }).then((status) => {
              inFlight--;
              if (status === 201) ok.add(cmid);
              else errors[status || 'network'] = (errors[status || 'network'] ?? 0) + 1;
            }),
          );
        }
        await sleep(5);
      }
      const windowMs = now() - start;
      await Promise.all(posts);
      const doneMs = now() - start;
      // Wait for deliveries to settle: all expected, or no progress for 3 s (at most 15 s).
      const expected = progress.deliveries + ok.size * perCase;
      let last = -1;
      let still = now();
      const drainUntil = now() + Math.min(15_000, Math.max(3000, HARD_LIMIT_MS - (Date.now() - began) - 30_000));
      while (progress.deliveries < expected && now() < drainUntil) {
        if (progress.deliveries !== last) {
          last = progress.deliveries;
          still = now();
        } else if (now() - still > 3000) break;
        await sleep(100);
      }
      const cpuNodes = (await gauge([a.url, b.url], 'sapa_process_cpu_seconds_total')).map((ms, i) => ms - (cpuBefore.nodes[i] ?? 0));
      const mainUsage = process.cpuUsage(cpuBefore.main);
      const databaseAfter = databaseCpuSeconds();
      const databaseMs = databaseAfter !== undefined && cpuBefore.database !== undefined ? (databaseAfter - cpuBefore.database) * 1000 : undefined;
      const machineAfter = machineCpu();
      const machine = machineAfter && cpuBefore.machine ? { busy: machineAfter.busy - cpuBefore.machine.busy, steal: machineAfter.steal - cpuBefore.machine.steal, total: machineAfter.total - cpuBefore.machine.total } : undefined;
      const cpu = { machine, nodes: cpuNodes, main: (mainUsage.user + mainUsage.system) / 1000, subscribers: progress.cpuMs - cpuBefore.subscribers, database: databaseMs };
      const relayAfter = await relayCounts([a.url, b.url]);
      const announcementsPerEntry = Math.round(((relayAfter.envelope - relayBefore.envelope) / Math.max(1, relayAfter.entry - relayBefore.entry)) * 100) / 100;
      const transit = quantilesBetween(transitBefore, await histogram([a.url, b.url], 'sapa_realtime_relay_transit_seconds'));
      const lag = await gauge([a.url, b.url], 'sapa_nodejs_eventloop_lag_p99_seconds');
      return { label, rate, postedAt, ok, errors, skipped, windowMs, doneMs, transit, lag, cpu, announcementsPerEntry };
    }

    // Cold nodes (JIT, connection pools, statement caches, keep-alive connections) are brought to the target rate
    // first: a climb from a quarter of it over a few seconds, so the measured phase is the steady rate the target is
    // about. Measured here: the first second at a new, 4x higher rate costs about a second of 100-200 ms deliveries
    // while code paths that were lukewarm get optimised and the load generator opens its connections. The climb's
    // messages are checked for loss like the others and its latency is reported apart (`warm_up`).
    phase(`warming up: ${Math.round(RATE / 4)}/s rising to ${RATE}/s`);
    const warmUp = await post('warm-up', RATE, 4, Math.round(RATE / 4));
    phase(`posting at ${RATE}/s`);
    const load = await post('load', RATE, Math.max(3, Math.min(SECONDS, Math.floor((HARD_LIMIT_MS - (Date.now() - began) - 60_000) / 1000))));
    // Then at half of what the servers sustained: the latency of a desk that is busy but not overloaded.
    const capacity = load.ok.size / (load.doneMs / 1000);
    const steadyRate = Math.max(10, Math.floor(capacity / 2));
    const steadySeconds = Math.min(6, Math.floor((HARD_LIMIT_MS - (Date.now() - began) - 45_000) / 1000));
    phase(`posting at ${steadyRate}/s`);
    const steady = steadySeconds >= 3 ? await post('steady', steadyRate, steadySeconds) : undefined;

    child.send({ type: 'report' } satisfies ToChild);
    phase(`${progress.deliveries} deliveries; collecting`);
    const chunks: Extract<FromChild, { type: 'deliveries' }>[] = [];
    const reportBy = now() + 20_000;
    while (!chunks.some((c) => c.done)) {
      if (now() > reportBy) throw new Error('the subscriber process did not report');
      await sleep(50);
      for (const m of fromChild.splice(0)) if (m.type === 'deliveries') chunks.push(m);
    }
    child.kill('SIGTERM');

    // Every subscriber's deliveries must be exactly once and in seq order (checked across both phases).
    const seen = new Set<string>();
    const lastSeq = new Map<number, number>();
    let duplicated = 0;
    let outOfOrder = 0;
    for (const c of chunks) {
      for (let i = 0; i < c.seq.length; i++) {
        const key = `${c.socket[i]}:${c.seq[i]}`;
        if (seen.has(key)) duplicated++;
        seen.add(key);
        if (c.seq[i] <= (lastSeq.get(c.socket[i]) ?? 1)) outOfOrder++;
        lastSeq.set(c.socket[i], c.seq[i]);
      }
    }
    Object.assign(figures, { duplicated, out_of_order: outOfOrder, disconnects: chunks.at(-1)?.disconnects ?? 0 });

    /** Figures of one phase; lost = (subscriber, successfully posted message) pairs never delivered. */
    function summary(run: Awaited<ReturnType<typeof post>>) {
      const latencies: number[] = [];
      const dump: number[][] = [];
      const storedToDelivered: number[] = [];
      const receivers = new Map<string, Set<number>>();
      let firstAt = Infinity;
      let lastAt = 0;
      for (const c of chunks) {
        for (let i = 0; i < c.seq.length; i++) {
          const posted = run.postedAt.get(c.cmid[i]);
          if (posted === undefined) continue;
          latencies.push(c.at[i] - posted);
          dump.push([Math.round(posted), Math.round(c.at[i] - posted), Math.round(c.at[i] - c.stored[i])]);
          storedToDelivered.push(c.at[i] - c.stored[i]);
          const set = receivers.get(c.cmid[i]) ?? new Set<number>();
          set.add(c.socket[i]);
          receivers.set(c.cmid[i], set);
          firstAt = Math.min(firstAt, c.at[i]);
          lastAt = Math.max(lastAt, c.at[i]);
        }
      }
      if (process.env.SAPA_BENCH_DUMP) writeFileSync(`${process.env.SAPA_BENCH_DUMP}-${run.label}.json`, JSON.stringify(dump));
      latencies.sort((x, y) => x - y);
      storedToDelivered.sort((x, y) => x - y);
      let lost = 0;
      let delivered = 0;
      for (const cmid of run.ok) {
        const got = receivers.get(cmid)?.size ?? 0;
        delivered += got;
        lost += Math.max(0, perCase - got);
      }
      return {
        target_rate: run.rate,
        posted: run.ok.size,
        post_errors: run.errors,
        skipped_over_in_flight_cap: run.skipped,
        posted_per_s: Math.round(run.ok.size / (run.doneMs / 1000)),
        posting_window_s: Math.round(run.windowMs / 100) / 10,
        expected_deliveries: run.ok.size * perCase,
        delivered,
        delivered_per_s: Math.round(delivered / Math.max(0.001, (lastAt - firstAt) / 1000)),
        lost,
        // From the HTTP post leaving the load generator to the message arriving at a subscriber on the other node.
        latency_ms: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
        // From the database's timestamp of the message (transaction start, ms precision) to that arrival: without
        // the HTTP post's own queueing.
        stored_to_delivered_ms: { p50: percentile(storedToDelivered, 50), p99: percentile(storedToDelivered, 99), max: percentile(storedToDelivered, 100) },
        // The realtime path alone, measured by the nodes: announcing node → Redis stream → the other node.
        relay_transit: { ...run.transit, announcements_per_stream_entry: run.announcementsPerEntry },
        node_event_loop_lag_p99_ms: run.lag,
        // CPU time per successfully posted message (posting, storing, announcing and delivering it to its subscribers),
        // from the start of the phase until its deliveries settled: a figure that moves less with the machine's other
        // load than latency does. The load generator's own cost is shown apart.
        cpu_ms_per_message: {
          nodes: Math.round((run.cpu.nodes.reduce((x, y) => x + y, 0) / Math.max(1, run.ok.size)) * 1000) / 1000,
          load_generator: Math.round((run.cpu.main / Math.max(1, run.ok.size)) * 1000) / 1000,
          subscriber_clients: Math.round((run.cpu.subscribers / Math.max(1, run.ok.size)) * 1000) / 1000,
          database_server: run.cpu.database === undefined ? null : Math.round((run.cpu.database / Math.max(1, run.ok.size)) * 1000) / 1000,
        },
        // How much of the machine's two cores the phase kept busy, and how much the hypervisor gave to other guests:
        // latency here moves with both.
        machine_cpu: run.cpu.machine ? { busy: Math.round((run.cpu.machine.busy / run.cpu.machine.total) * 1000) / 1000, stolen: Math.round((run.cpu.machine.steal / run.cpu.machine.total) * 1000) / 1000 } : null,
      };
    }
    const warm = summary(warmUp);
    figures.warm_up = { from_rate: Math.round(RATE / 4), target_rate: warm.target_rate, posted: warm.posted, lost: warm.lost, latency_ms: warm.latency_ms };
    Object.assign(figures, summary(load));
    if (steady) figures.at_half_capacity = summary(steady);

    const left = HARD_LIMIT_MS - (Date.now() - began);
    phase('ws echo ceiling');
    figures.ws_echo = left > 25_000 ? await wsEcho(ready.connected || assignments.length, Math.max(100, Number(figures.delivered_per_s) || RATE)) : { skipped: `only ${Math.round(left / 1000)} s left` };
    figures.machine = { cores: cpus().length, loadavg_1m: Math.round(loadavg()[0] * 10) / 10 };
    figures.elapsed_s = Math.round((Date.now() - began) / 1000);
    finished = true;
    clearTimeout(watchdog);
    console.log(JSON.stringify(figures));
  } catch (error) {
    finished = true;
    console.log(JSON.stringify({ ...figures, error: error instanceof Error ? error.message : String(error), elapsed_s: Math.round((Date.now() - began) / 1000) }));
    process.exitCode = 1;
  } finally {
    finished = true;
    clearTimeout(watchdog);
    await cleanup();
  }
}

if (process.argv.includes('--subscribers')) {
  void subscribers();
} else {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.log(JSON.stringify({ bench: 'realtime', error: error instanceof Error ? error.message : String(error) }));
      process.exit(1);
    },
  );
}
