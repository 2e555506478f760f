// npm run bench:api — messages posted per second and latency, each request a committed insert, on the embedded
// database and on PostgreSQL, with the machine's own PostgreSQL ceilings measured in the same run by pgbench: a bare
// one-row INSERT, and a single-statement append equivalent to one post. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freshDatabase, startServer } from './server.js';

const ADMIN_PG = process.env.SAPA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = Number(process.env.SAPA_BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SAPA_BENCH_SECONDS ?? 10);
const CASES = 200;

interface Figures {
  messages_per_s: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non_2xx: number;
  errors: number;
  stored: number;
}

async function post(url: string, token: string, path: string, body: unknown) {
  const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return r.json() as Promise<{ id: string; token: string }>;
}

async function measure(url: string): Promise<Figures> {
  const { token } = await post(url, '', '/api/v1/widget/sessions', {});
  const cases: string[] = [];
  for (let i = 0; i < CASES; i++) cases.push((await post(url, token, '/api/v1/cases', { message: { body: 'bench case', clientMessageId: `bench-case-${i}` } })).id);
  let n = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = n++;
            return {
              ...req,
              path: `/api/v1/cases/${cases[i % CASES]}/messages`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ body: `Saldo belum masuk, pesan ke-${i} 🙏`, clientMessageId: `m-${i}` }),
            };
          },
        },
      ],
    });
  await run(2); // warm-up: JIT, pools, caches
  const result = await run(SECONDS);
  // Every 2xx was a committed insert: count what the database holds.
  let stored = 0;
  for (const id of cases) {
    const r = await fetch(`${url}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
    stored += ((await r.json()) as { messageCount: number }).messageCount - 1;
  }
  return {
    messages_per_s: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
    stored,
  };
}

/** Runs a pgbench script on a database with 8 clients for the bench's duration. */
async function pgbench(dbUrl: string, script: string, options: { prepared: boolean }): Promise<{ tps: number; transactions: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sapa-pgbench-'));
  try {
    const file = path.join(dir, 'script.sql');
    await writeFile(file, script);
    const url = new URL(dbUrl);
    const mode = options.prepared ? ['-M', 'prepared'] : [];
    const out = execFileSync('pgbench', ['-n', ...mode, '-f', file, '-c', '8', '-j', '2', '-T', String(SECONDS), '-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', url.pathname.slice(1)], { encoding: 'utf8' });
    return {
      tps: Math.round(Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0)),
      transactions: Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? 0),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The ceiling: pgbench committing single-row inserts of the same shape (case id, seq, body) with 8 clients. */
async function pgbenchCeiling(adminUrl: string): Promise<number> {
  const db = await freshDatabase(adminUrl, 'sapa_pgbench');
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('create table m (id bigserial primary key, case_id int not null, seq int not null, body text not null, created_at timestamptz not null default now())');
    await c.end();
    const script = "\\set c random(1, 200)\ninsert into m (case_id, seq, body) values (:c, 1, 'Saldo belum masuk, pesan 🙏');\n";
    return (await pgbench(db.url, script, { prepared: false })).tps;
  } finally {
    await db.drop();
  }
}

/**
 * The second ceiling: pgbench appending messages one per transaction, each exactly what one post stores, in the best
 * single statement we know for it (the one Sapa itself ran before group commit): check that the visitor may see the
 * case, bump the case's seq and activity times, insert the message with that seq unless its clientMessageId is
 * already there, return the message and the case. Run prepared, on the database the server just used, for the same
 * cases and visitor, with a fresh clientMessageId each time. What PostgreSQL alone can do when every post is its own
 * statement and commit.
 */
async function appendCeiling(dbUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('create table pgbench_cases as select row_number() over (order by id) as n, id, visitor_id from cases');
  const { rows } = await c.query<{ n: string }>('select count(*) as n from pgbench_cases');
  await c.end();
  const append = `with target as (
      select c.id, c.status, c.channel from cases c join pgbench_cases p on p.id = c.id and p.n = :c
      where c.visitor_id = p.visitor_id and c.customer_id is null
    ),
    bump as (
      update cases c set last_seq = c.last_seq + 1, updated_at = now(), last_message_at = now(),
        waiting_since = coalesce(c.waiting_since, now()),
        status = case when c.status in ('pending', 'resolved') then 'open' else c.status end,
        resolved_at = case when c.status = 'resolved' then null else c.resolved_at end
      from target t
      where c.id = t.id and t.status <> 'closed'
        and not exists (select 1 from messages x where x.case_id = t.id and x.client_message_id = 'pgbench-' || :r)
      returning c.*, t.channel as target_channel, t.status as previous_status
    )
    insert into messages (id, case_id, seq, author_kind, author_id, body, internal, client_message_id, channel, metadata, delivery_status)
    select gen_random_uuid(), b.id, b.last_seq, 'visitor', b.visitor_id, 'Saldo belum masuk, pesan ke-1 🙏', false, 'pgbench-' || :r, b.target_channel, null, 'stored'
    from bump b
    returning *, (select previous_status from bump) as previous_status, (select to_jsonb(b) from bump b) as case_row`.replace(/\s+/g, ' ');
  const { tps, transactions } = await pgbench(dbUrl, `\\set c random(1, ${rows[0].n})\n\\set r random(1, 2000000000)\n${append};\n`, { prepared: true });
  // Each transaction must really have stored a message (a statement that matched no case would be fast and empty).
  const check = new pg.Client({ connectionString: dbUrl });
  await check.connect();
  const stored = await check.query<{ n: string }>("select count(*) as n from messages where client_message_id like 'pgbench-%'");
  await check.end();
  if (Number(stored.rows[0].n) < transactions * 0.99) throw new Error(`pgbench stored ${stored.rows[0].n} messages in ${transactions} transactions`);
  return tps;
}

const figures: Record<string, unknown> = { connections: CONNECTIONS, seconds: SECONDS };
const embedded = await startServer({});
try {
  figures.embedded = await measure(embedded.url);
} finally {
  await embedded.stop();
}
const db = await freshDatabase(ADMIN_PG, 'sapa_bench');
const server = await startServer({ DATABASE_URL: db.url });
let appendTps: number;
try {
  try {
    figures.postgres = await measure(server.url);
  } finally {
    await server.stop();
  }
  appendTps = await appendCeiling(db.url);
} finally {
  await db.drop();
}
const ceiling = await pgbenchCeiling(ADMIN_PG);
const share = (of: number) => (of ? Number(((figures.postgres as Figures).messages_per_s / of).toFixed(3)) : null);
figures.pgbench_ceiling_tps = ceiling;
figures.postgres_share_of_ceiling = share(ceiling);
figures.pgbench_append_tps = appendTps;
figures.postgres_share_of_append = share(appendTps);
console.log(JSON.stringify(figures));
