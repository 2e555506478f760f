import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { parseAtomFeed } from 'feedsmith';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../kernel/db/index.js';
import { ApiClient, startNode, testDatabase, uid, type TestNode } from '../../testing.js';
import { scheduleMonitorSlot, slotOf } from './monitors.js';

// A real node with a local SMTP sink, a local webhook receiver that checks signatures, and a wallet endpoint we
// can switch between healthy and failing. Background work is driven by hand (quiet node + jobs.drain()).

interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Raw header values by lower-case name. */
  headers: Map<string, string>;
}
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort: number;

interface Delivery {
  event: string;
  deliveryId: string;
  signatureOk: boolean;
  timestamp: string;
  body: { type: string; sentAt: string; incident?: { id: string; title: string; status: string } };
}
const deliveries: Delivery[] = [];
let webhookFailuresLeft = 0;
const WEBHOOK_SECRET = 'a-long-enough-webhook-secret-2026';
let receiver: Server;
let receiverUrl: string;

let walletHealthy = true;
let wallet: Server;
let walletUrl: string;

let node: TestNode;
const admin = () => {
  const a = new ApiClient(node.url);
  return a.asAdmin().then(() => a);
};

/** feedsmith gives Atom text constructs as { value, type }. */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : '');

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers = new Map(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]));
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: parsed.subject ?? '', text: parsed.text ?? '', headers });
          callback();
        })
        .catch(callback);
    },
  });
  smtpPort = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)));

  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(raw).digest('hex')}`;
      deliveries.push({
        event: String(req.headers['x-sapa-event']),
        deliveryId: String(req.headers['x-sapa-delivery']),
        signatureOk: req.headers['x-sapa-signature'] === expected,
        timestamp: String(req.headers['x-sapa-timestamp']),
        body: JSON.parse(raw),
      });
      if (webhookFailuresLeft > 0) {
        webhookFailuresLeft--;
        res.writeHead(500).end('boom');
      } else res.writeHead(204).end();
    });
  });
  receiverUrl = `http://127.0.0.1:${await listen(receiver)}/hook`;

  wallet = createServer((_req, res) => res.writeHead(walletHealthy ? 200 : 500).end(walletHealthy ? 'ok' : 'down'));
  walletUrl = `http://127.0.0.1:${await listen(wallet)}/health`;

  node = await startNode(
    { SAPA_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SAPA_MONITOR_URLS: `payments=${walletUrl}`, SAPA_MONITOR_FAILURES: '3', SAPA_EMAIL_FROM: 'Sapa Status <status@sapa.test>' },
    { quiet: true },
  );
}, 180_000);

afterAll(async () => {
  await node?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
  receiver?.close();
  wallet?.close();
});

const drain = () => node.app.desk.jobs.drain();
const whatsappStatus = async () => ((await new ApiClient(node.url).get('/api/v1/status')).body.components as { id: string; status: string }[]).find((c) => c.id === 'whatsapp')!.status;
/** Makes queued retries of a queue due now: the stand-in for waiting out the backoff. */
const fastForward = (queue: string) => node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = ${queue} and state = 'queued'`);
const waitFor = async (what: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
};

describe('status components and incidents', () => {
  it('seeds the components with names in three languages and answers in the caller’s language', async () => {
    const anon = new ApiClient(node.url);
    const en = await anon.get('/api/v1/status');
    expect(en.status).toBe(200);
    // (On PostgreSQL other test files share the database, so the overall state is not asserted here.)
    expect(en.body.overall).toMatch(/^(operational|degraded|partial_outage|major_outage|maintenance)$/);
    const ids = en.body.components.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['payments', 'topup', 'transfers', 'login', 'live_chat', 'email', 'phone_callback', 'whatsapp', 'telegram', 'help_center', 'community_forum']));
    const zh = await anon.get('/api/v1/status', { 'accept-language': 'zh-CN' });
    expect(zh.body.components.find((c: { id: string }) => c.id === 'live_chat').name).toBe('在线客服');
    const id = await anon.get('/api/v1/status?locale=id-ID');
    expect(id.body.components.find((c: { id: string }) => c.id === 'topup')).toMatchObject({ name: 'Isi saldo', groupName: 'Layanan dompet' });
  });

  it('refuses incidents from customers and plain agents', async () => {
    const c = new ApiClient(node.url);
    await c.asNewCustomer();
    const r = await c.post('/api/v1/status/incidents', { title: 'x', impact: 'minor', message: 'y', components: [] });
    expect(r.status).toBe(403);
    expect((await new ApiClient(node.url).post('/api/v1/status/incidents', { title: 'x', impact: 'minor', message: 'y', components: [] })).status).toBe(401);
  });

  it('runs an incident through its phases; resolving frees the component unless another incident holds it', async () => {
    const a = await admin();
    const first = await a.post('/api/v1/status/incidents', {
      title: 'WhatsApp not connecting',
      impact: 'major',
      message: 'WhatsApp does not connect.',
      messages: { 'zh-CN': 'WhatsApp 无法连接。', 'id-ID': 'WhatsApp tidak tersambung.' },
      components: [{ id: 'whatsapp', status: 'major_outage' }],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'investigating', impact: 'major', automatic: false });
    expect(await whatsappStatus()).toBe('major_outage');

    const channels = await new ApiClient(node.url).get('/api/v1/support/channels');
    const chat = channels.body.items.find((c: { id: string }) => c.id === 'whatsapp');
    expect(chat).toMatchObject({ available: false, reasonCode: 'outage' });
    expect(channels.body.items[0].available).toBe(true);
    expect(channels.body.items.filter((c: { available: boolean }) => c.available).length).toBeGreaterThan(3);

    const second = await a.post('/api/v1/status/incidents', { title: 'WhatsApp slow', impact: 'minor', message: 'Slow.', components: [{ id: 'whatsapp', status: 'degraded' }] });
    const identified = await a.post(`/api/v1/status/incidents/${first.body.id}/updates`, { status: 'identified', message: 'A load balancer is failing.' });
    expect(identified.status).toBe(201);
    expect(identified.body.updates.map((u: { status: string }) => u.status)).toEqual(['identified', 'investigating']);

    const zh = await new ApiClient(node.url).get(`/api/v1/status/incidents/${first.body.id}`, { 'accept-language': 'zh-CN' });
    expect(zh.body.updates[1].message).toBe('WhatsApp 无法连接。');

    const resolved = await a.post(`/api/v1/status/incidents/${first.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    expect(resolved.body.resolvedAt).toBeTruthy();
    expect(await whatsappStatus()).toBe('degraded');
    const summary = await new ApiClient(node.url).get('/api/v1/status');
    const active = summary.body.incidents.map((i: { id: string }) => i.id);
    expect(active).toContain(second.body.id);
    expect(active).not.toContain(first.body.id);

    await a.post(`/api/v1/status/incidents/${second.body.id}/updates`, { status: 'resolved', message: 'Fast again.' });
    expect(await whatsappStatus()).toBe('operational');

    const uptime = await new ApiClient(node.url).get('/api/v1/status/uptime?days=2');
    const chatDays = uptime.body.items.find((u: { componentId: string }) => u.componentId === 'whatsapp');
    expect(chatDays.days[1].status).toBe('major_outage');
    expect(chatDays.uptime).toBeLessThan(1);
  });

  it('keeps a supervisor’s manual state until it is cleared', async () => {
    const a = await admin();
    const set = await a.put('/api/v1/status/components/email/override', { status: 'partial_outage', note: 'Mail provider slow' });
    expect(set.status).toBe(200);
    expect(set.body.override).toMatchObject({ status: 'partial_outage' });
    const inc = await a.post('/api/v1/status/incidents', { title: 'Email down', impact: 'major', message: 'Down.', components: [{ id: 'email', status: 'major_outage' }] });
    const state = async () => ((await new ApiClient(node.url).get('/api/v1/status')).body.components as { id: string; status: string }[]).find((c) => c.id === 'email')!.status;
    expect(await state()).toBe('partial_outage');
    await a.post(`/api/v1/status/incidents/${inc.body.id}/updates`, { status: 'resolved', message: 'ok' });
    expect(await state()).toBe('partial_outage');
    await a.delete('/api/v1/status/components/email/override');
    expect(await state()).toBe('operational');
  });

  it('starts and ends a maintenance window by itself, and schedules the announcement hours before', async () => {
    const a = await admin();
    const startsAt = new Date(Date.now() + 1500);
    const soon = await a.post('/api/v1/status/maintenances', {
      title: 'Database upgrade',
      message: 'Help center read-only.',
      components: ['help_center'],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 1500).toISOString(),
    });
    expect(soon.status).toBe(201);
    expect(soon.body.status).toBe('scheduled');
    const later = await a.post('/api/v1/status/maintenances', {
      title: 'Card network upgrade',
      message: 'Top-up by card paused.',
      components: ['topup'],
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 49 * 3600_000).toISOString(),
    });
    const [announce] = await rows<{ run_at: Date }>(node.app.desk.db, sql`select run_at from jobs where unique_key = ${`status.maintenance:${later.body.id}:announce`}`);
    expect(Math.round((new Date(announce.run_at).getTime() - Date.parse(later.body.startsAt)) / 3600_000)).toBe(-24);

    const helpCenter = async () => ((await new ApiClient(node.url).get('/api/v1/status')).body.components as { id: string; status: string }[]).find((c) => c.id === 'help_center')!.status;
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - Date.now() + 100)));
    await drain();
    expect(await helpCenter()).toBe('maintenance');
    expect((await new ApiClient(node.url).get('/api/v1/status')).body.maintenances.find((m: { id: string }) => m.id === soon.body.id).status).toBe('in_progress');
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(soon.body.endsAt) - Date.now() + 100)));
    await drain();
    expect(await helpCenter()).toBe('operational');
    const all = await a.get('/api/v1/status/maintenances?all=true');
    expect(all.body.items.find((m: { id: string }) => m.id === soon.body.id).status).toBe('completed');
    const cancelled = await a.post(`/api/v1/status/maintenances/${later.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('publishes a valid Atom feed with an entry per incident and maintenance, newest first', async () => {
    const a = await admin();
    const title = `Transfers delayed ${uid()}`;
    await a.post('/api/v1/status/incidents', { title, impact: 'minor', message: 'Bank transfers are delayed.', components: [{ id: 'transfers', status: 'degraded' }] });
    const res = await fetch(`${node.url}/api/v1/status/feed.atom`);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const feed = parseAtomFeed(await res.text());
    expect(feed.id).toBeTruthy();
    expect(textOf(feed.title)).toBe('Sapa status');
    expect(feed.updated).toBeTruthy();
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe(`${node.url}/api/v1/status/feed.atom`);
    const entries = feed.entries ?? [];
    expect(textOf(entries[0].title)).toContain(title);
    expect(entries.some((e) => /Database upgrade/.test(textOf(e.title)))).toBe(true);
    for (const e of entries) {
      expect(e.id).toBeTruthy();
      expect(e.updated).toBeTruthy();
      expect(textOf(e.content)).toMatch(/<p>/);
    }
    const times = entries.map((e) => Date.parse(String(e.updated)));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe('subscriptions', () => {
  it('confirms email by double opt-in, mails incidents with a working one-click unsubscribe', async () => {
    const email = `sub-${uid()}@example.test`;
    const r = await new ApiClient(node.url).post('/api/v1/status/subscriptions', { email, locale: 'id-ID' });
    expect(r.status).toBe(202);
    await drain();
    await waitFor(() => mails.some((m) => m.to === email));
    const confirmMail = mails.find((m) => m.to === email)!;
    expect(confirmMail.subject).toMatch(/Konfirmasi/);
    const confirmUrl = /(http:\/\/\S+\/status\/subscriptions\/confirm\?token=\S+)/.exec(confirmMail.text)![1];

    // Not yet confirmed: an incident reaches nobody.
    const a = await admin();
    await a.post('/api/v1/status/incidents', { title: 'Before confirming', impact: 'minor', message: 'x', components: [{ id: 'topup', status: 'degraded' }] });
    await drain();
    expect(mails.filter((m) => m.to === email)).toHaveLength(1);

    const confirmed = await fetch(confirmUrl);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toMatch(/Langganan dikonfirmasi/);

    const inc = await a.post('/api/v1/status/incidents', {
      title: 'Top-up failing',
      messages: { 'id-ID': 'Isi saldo lewat bank gagal.' },
      impact: 'major',
      message: 'Bank top-ups fail.',
      components: [{ id: 'topup', status: 'major_outage' }],
    });
    await drain();
    await waitFor(() => mails.filter((m) => m.to === email).length === 2);
    const notice = mails.filter((m) => m.to === email)[1];
    expect(notice.subject).toContain('Top-up failing');
    expect(notice.text).toContain('Isi saldo lewat bank gagal.');
    const listUnsubscribe = String(notice.headers.get('list-unsubscribe'));
    const unsubscribeUrl = /<(http[^>]+)>/.exec(listUnsubscribe)![1];
    expect(notice.text).toContain(unsubscribeUrl);
    expect(String(notice.headers.get('list-unsubscribe-post'))).toBe('List-Unsubscribe=One-Click');

    const gone = await fetch(unsubscribeUrl);
    expect(gone.status).toBe(200);
    await a.post(`/api/v1/status/incidents/${inc.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
    await drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(mails.filter((m) => m.to === email)).toHaveLength(2);
  });

  it('signs webhooks with HMAC-SHA256 and retries with backoff after two 500s', async () => {
    const a = await admin();
    const sub = await a.post('/api/v1/status/subscriptions', { webhookUrl: receiverUrl, secret: WEBHOOK_SECRET, components: ['transfers'] });
    expect(sub.status).toBe(201);
    webhookFailuresLeft = 2;
    const before = deliveries.length;
    const inc = await a.post('/api/v1/status/incidents', { title: 'Transfers failing', impact: 'major', message: 'Transfers fail.', components: [{ id: 'transfers', status: 'major_outage' }] });
    await drain();
    expect(deliveries.length).toBe(before + 1);
    const [retry] = await rows<{ run_at: Date; attempts: number; last_error: string }>(
      node.app.desk.db,
      sql`select run_at, attempts, last_error from jobs where queue = 'status.webhook' and state = 'queued'`,
    );
    expect(retry.attempts).toBe(1);
    expect(retry.last_error).toMatch(/500/);
    expect(new Date(retry.run_at).getTime()).toBeGreaterThan(Date.now() + 1000);
    await fastForward('status.webhook');
    await drain();
    await fastForward('status.webhook');
    await drain();
    const mine = deliveries.slice(before);
    expect(mine).toHaveLength(3);
    expect(mine.every((d) => d.signatureOk && d.event === 'incident.created' && d.body.incident?.id === inc.body.id)).toBe(true);
    expect(new Set(mine.map((d) => d.deliveryId)).size).toBe(1);
    expect(Math.abs(Number(mine[0].timestamp) * 1000 - Date.parse(mine[0].body.sentAt))).toBeLessThan(1000);

    // A component the subscriber did not choose sends nothing.
    await a.post('/api/v1/status/incidents', { title: 'Forum slow', impact: 'minor', message: 'Slow.', components: [{ id: 'community_forum', status: 'degraded' }] });
    await drain();
    expect(deliveries.length).toBe(before + 3);
  });

  it('keeps strangers’ webhooks off private addresses', async () => {
    const r = await new ApiClient(node.url).post('/api/v1/status/subscriptions', { webhookUrl: 'http://127.0.0.1:9/x' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('webhook_url_not_allowed');
  });
});

describe('monitors', () => {
  it('opens an automatic incident after three failures, resolves after three successes, and does not spam on a flap', async () => {
    const a = await admin();
    const { body: list } = await a.get('/api/v1/status/monitors');
    const monitor = list.items.find((m: { kind: string; componentId: string }) => m.kind === 'http' && m.componentId === 'payments');
    expect(monitor).toBeTruthy();
    await a.post('/api/v1/status/subscriptions', { webhookUrl: receiverUrl, secret: WEBHOOK_SECRET, components: ['payments'] });
    const desk = node.app.desk;
    const interval = desk.config.SAPA_MONITOR_INTERVAL_S * 1000;
    let t = Date.now() + 3600_000;
    const slot = async () => {
      t += interval;
      await scheduleMonitorSlot(desk, new Date(t));
      // Another node scheduling the same slot adds nothing: one check per monitor per slot.
      await scheduleMonitorSlot(desk, new Date(t));
      await drain();
    };
    const payments = async () => ((await new ApiClient(node.url).get('/api/v1/status')).body.components as { id: string; status: string }[]).find((c) => c.id === 'payments')!.status;
    const webhookEvents = () => deliveries.filter((d) => d.body.incident?.title?.includes('Payments')).map((d) => d.event);

    walletHealthy = false;
    await slot();
    await slot();
    expect(await payments()).toBe('operational');
    await slot();
    expect(await payments()).toBe('partial_outage');
    const opened = (await a.get('/api/v1/status/incidents?limit=20')).body.items.find((i: { monitorId: string | null }) => i.monitorId === monitor.id);
    expect(opened).toMatchObject({ automatic: true, monitorId: monitor.id, status: 'investigating' });
    expect(opened.evidence.checks.filter((c: { ok: boolean }) => !c.ok)).toHaveLength(3);
    expect(opened.evidence.checks[0].detail).toBe('HTTP 500');
    const [{ n }] = await rows<{ n: number }>(desk.db, sql`select count(*)::int as n from status_monitor_checks where monitor_id = ${monitor.id}`);
    expect(n).toBe(3);
    expect((await new ApiClient(node.url).get(`/api/v1/status/incidents/${opened.id}`)).body.evidence).toBeUndefined();

    walletHealthy = true;
    await slot();
    await slot();
    expect(await payments()).toBe('partial_outage');
    await slot();
    expect(await payments()).toBe('operational');
    expect((await a.get(`/api/v1/status/incidents/${opened.id}`)).body.status).toBe('resolved');
    expect(webhookEvents()).toEqual(['incident.created', 'incident.resolved']);

    // Flapping inside the window: the same incident reopens and closes, subscribers hear nothing more.
    walletHealthy = false;
    for (let i = 0; i < 3; i++) await slot();
    expect(await payments()).toBe('partial_outage');
    walletHealthy = true;
    for (let i = 0; i < 3; i++) await slot();
    const after = (await a.get('/api/v1/status/incidents?limit=20')).body.items.find((i: { monitorId: string | null }) => i.monitorId === monitor.id);
    expect(after.id).toBe(opened.id);
    expect(after.updates.filter((u: { notified: boolean }) => !u.notified)).toHaveLength(2);
    expect(webhookEvents()).toEqual(['incident.created', 'incident.resolved']);

    // A paused monitor is not checked at all.
    await a.patch(`/api/v1/status/monitors/${monitor.id}`, { paused: true });
    walletHealthy = false;
    const countChecks = async () => (await rows<{ n: number }>(desk.db, sql`select count(*)::int as n from status_monitor_checks where monitor_id = ${monitor.id}`))[0].n;
    const checksBefore = await countChecks();
    for (let i = 0; i < 3; i++) await slot();
    expect(await countChecks()).toBe(checksBefore);
    expect(await payments()).toBe('operational');
    walletHealthy = true;
    expect(slotOf(desk, new Date(t))).toBeGreaterThan(0);
  });

  it('checks Sapa’s own database and message round trip', async () => {
    const a = await admin();
    const { body } = await a.get('/api/v1/status/monitors');
    const own = body.items.filter((m: { kind: string }) => m.kind === 'database' || m.kind === 'roundtrip');
    expect(own).toHaveLength(2);
    for (const m of own) {
      expect(m.recentChecks.length).toBeGreaterThan(0);
      expect(m.recentChecks[0]).toMatchObject({ ok: true });
      expect(m.state).toBe('up');
    }
  });
});

describe('email delivery problems are never silent', () => {
  it('retries with backoff while the SMTP server refuses, and says so when email is not configured at all', async () => {
    const refusing = await startNode({ SAPA_SMTP_URL: 'smtp://127.0.0.1:1' }, { quiet: true, listen: false });
    const plain = await startNode({}, { quiet: true, listen: false });
    try {
      const email = `refused-${uid()}@example.test`;
      const sub = await refusing.app.http.inject({ method: 'POST', url: '/api/v1/status/subscriptions', payload: { email } });
      expect(sub.statusCode).toBe(202);
      await refusing.app.desk.jobs.drain();
      const [job] = await rows<{ state: string; attempts: number; last_error: string; run_at: Date }>(
        refusing.app.desk.db,
        sql`select j.state, j.attempts, j.last_error, j.run_at from jobs j join status_subscriptions s on s.id = j.payload->>'subscriptionId'
             where j.queue = 'status.email' and s.email = ${email}`,
      );
      expect(job).toMatchObject({ state: 'queued', attempts: 1 });
      expect(job.last_error).toBeTruthy();
      expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now());

      const refused = await plain.app.http.inject({ method: 'POST', url: '/api/v1/status/subscriptions', payload: { email: 'x@example.test' } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('email_not_configured');
      const page = await plain.app.http.inject({ method: 'GET', url: '/status?lang=en', headers: { accept: 'text/html' } });
      expect(page.body).toContain('Email notifications are not configured on this server');
    } finally {
      await refusing.stop();
      await plain.stop();
    }
  }, 180_000);
});

describe.runIf(testDatabase() === 'postgres')('two nodes on one PostgreSQL database', () => {
  it('run each monitor once per slot, whichever node schedules or claims it', async () => {
    const other = await startNode({ SAPA_MONITOR_URLS: `payments=${walletUrl}` }, { quiet: true, listen: false });
    try {
      const at = new Date(Date.now() + 30 * 86400_000);
      await Promise.all([scheduleMonitorSlot(node.app.desk, at), scheduleMonitorSlot(other.app.desk, at), scheduleMonitorSlot(other.app.desk, at)]);
      await Promise.all([node.app.desk.jobs.drain(), other.app.desk.jobs.drain()]);
      const slot = slotOf(node.app.desk, at);
      const counted = await rows<{ monitor_id: string; n: number }>(node.app.desk.db, sql`select monitor_id, count(*)::int as n from status_monitor_checks where slot = ${slot} group by monitor_id`);
      const jobs = await rows<{ n: number }>(node.app.desk.db, sql`select count(*)::int as n from jobs where queue = 'status.monitor' and unique_key like ${`%:${slot}`}`);
      const active = await rows<{ n: number }>(node.app.desk.db, sql`select count(*)::int as n from status_monitors where not paused`);
      expect(jobs[0].n).toBe(active[0].n);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.every((c) => c.n === 1)).toBe(true);
    } finally {
      await other.stop();
    }
  }, 180_000);
});
