import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { signatureOf } from '../app-channel/service.js';
import { FakeSmtpSink } from '../email/fake-smtp-sink.js';
import { localParts } from './hours.js';

const PHONE_SECRET = 'phone-webhook-secret';
let node: TestNode;
let sink: FakeSmtpSink;
let admin: ApiClient;

beforeAll(async () => {
  sink = await new FakeSmtpSink().start();
  node = await startNode({ SAPA_TRUST_PROXY: '1', SAPA_PHONE_WEBHOOK_SECRET: PHONE_SECRET, SAPA_SMTP_URL: sink.url, SAPA_EMAIL_DOMAIN: 'support.example', SAPA_TIMEZONE: 'Asia/Jakarta' });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await sink?.stop();
});

/** The n-th working day (Mon–Sat in Jakarta) at least two days from now, as YYYY-MM-DD. */
function workday(n = 0): string {
  let found = -1;
  for (let d = 2; d < 40; d++) {
    const at = new Date(Date.now() + d * 86400_000);
    const p = localParts(at, 'Asia/Jakarta');
    if (p.weekday === 7) continue;
    if (++found === n) return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }
  throw new Error('no workday');
}
function sunday(): string {
  for (let d = 2; d < 10; d++) {
    const p = localParts(new Date(Date.now() + d * 86400_000), 'Asia/Jakarta');
    if (p.weekday === 7) return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }
  throw new Error('no sunday');
}
const phone = () => `+62812${Math.floor(1e6 + Math.random() * 8e6)}`;
const slotsOf = async (date: string) => (await admin.get(`/api/v1/callbacks/slots?date=${date}`)).body.slots as { start: string; local: string; available: number }[];
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const customer = async () => {
  const c = new ApiClient(node.url);
  const me = await c.asNewCustomer('Penelepon', 'id-ID');
  return { c, me };
};

describe('callback slots', () => {
  it('lists Mon–Sat 09:00–17:30 slots in Jakarta time, none on Sunday', async () => {
    const date = workday(5);
    const slots = await slotsOf(date);
    expect(slots.map((s) => s.local)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30']);
    expect(slots[0].start).toBe(`${date}T02:00:00.000Z`);
    expect(slots.every((s) => s.available === 2)).toBe(true);
    expect(await slotsOf(sunday())).toEqual([]);
    expect((await admin.get('/api/v1/callbacks/slots?date=2025-13-45')).status).toBe(400);
  });

  it('refuses a date the calendar does not have, naming the field', async () => {
    for (const date of ['2026-02-30', '2026-04-31', '2025-02-29']) {
      const r = await new ApiClient(node.url).get(`/api/v1/callbacks/slots?date=${date}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ field: 'querystring.date' })] });
    }
    expect((await admin.get('/api/v1/callbacks/slots?date=2028-02-29')).status).toBe(200);
  });
});

describe('booking callbacks', () => {
  it('books a slot, opens a phone case, confirms on the case and by email, and reminds before the slot', async () => {
    const { c, me } = await customer();
    const [slot] = await slotsOf(workday(0));
    const r = await c.post('/api/v1/callbacks', { phone: '0812-3456-7001', locale: 'id-ID', topic: 'Saldo terpotong dua kali', slot: slot.start });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ phone: '+6281234567001', status: 'scheduled', attempt: 1, slot: slot.start, reference: expect.stringMatching(/^SP-/) });
    // No name given: a customer's own callback takes their account's name.
    expect(r.body).toMatchObject({ name: 'Penelepon', customerId: me.id });
    const theCase = await c.get(`/api/v1/cases/${r.body.caseId}`);
    expect(theCase.body).toMatchObject({ channel: 'phone', subject: 'Saldo terpotong dua kali', customerId: me.id });
    const items = await messagesOf(r.body.caseId);
    expect(items[0]).toMatchObject({ author: { kind: 'customer' } });
    expect(items[0].body).toContain('+6281234567001');
    expect(items[1]).toMatchObject({ author: { kind: 'system' }, internal: false });
    expect(items[1].body).toContain(`Panggilan balik Anda sudah dijadwalkan`);
    expect(items[1].body).toContain(r.body.reference);
    const mail = await settle(node, async () => sink.received.find((m) => m.envelope.to[0] === me.email));
    expect(mail.parsed.text).toContain('Panggilan balik Anda sudah dijadwalkan');

    await node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'callbacks.reminder' and payload->>'callbackId' = ${r.body.id}`);
    await settle(node, async () => (await messagesOf(r.body.caseId)).some((m) => m.body.startsWith('Pengingat')));
    await settle(node, async () => sink.received.filter((m) => m.envelope.to[0] === me.email).length === 2);
  });

  it('refuses a slot outside phone hours or a full one with 422 and the next free slots', async () => {
    const { c } = await customer();
    const night = await c.post('/api/v1/callbacks', { phone: phone(), topic: 'x', slot: `${workday(1)}T14:00:00.000Z` });
    expect(night.status).toBe(422);
    expect(night.body.error).toMatchObject({ code: 'slot_unavailable', details: { reason: 'outside_hours', timezone: 'Asia/Jakarta' } });
    expect(night.body.error.details.nextSlots).toHaveLength(5);
    expect(night.body.error.details.nextSlots[0].start).toBe(`${workday(2)}T02:00:00.000Z`);
    const onSunday = await c.post('/api/v1/callbacks', { phone: phone(), topic: 'x', slot: `${sunday()}T03:00:00.000Z` });
    expect(onSunday.status).toBe(422);
    const offGrid = await c.post('/api/v1/callbacks', { phone: phone(), topic: 'x', slot: `${workday(1)}T02:10:00.000Z` });
    expect(offGrid.status).toBe(422);
    const past = await c.post('/api/v1/callbacks', { phone: phone(), topic: 'x', slot: '2020-01-06T02:00:00.000Z' });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: 'slot_passed', details: { reason: 'passed', timezone: 'Asia/Jakarta' } });
    expect(past.body.error.message).toBe('Waktu itu sudah lewat. Pilih salah satu slot kosong berikutnya (Asia/Jakarta).');
    expect(past.body.error.details.nextSlots.length).toBeGreaterThan(0);
    const pastZh = await new ApiClient(node.url).post('/api/v1/callbacks', { phone: phone(), topic: 'x', slot: '2020-01-06T02:00:00.000Z' }, { 'accept-language': 'zh-CN', 'x-forwarded-for': '203.0.113.9' });
    expect(pastZh.body.error.message).toContain('该时间已经过去');

    const date = workday(3);
    const slot = (await slotsOf(date))[4].start;
    for (let i = 0; i < 2; i++) expect((await (await customer()).c.post('/api/v1/callbacks', { phone: phone(), topic: 'full', slot })).status).toBe(201);
    const full = await c.post('/api/v1/callbacks', { phone: phone(), topic: 'full', slot });
    expect(full.status).toBe(422);
    expect(full.body.error.details.reason).toBe('full');
    expect(full.body.error.details.nextSlots.map((s: { start: string }) => s.start)).not.toContain(slot);
    expect((await slotsOf(date)).map((s) => s.start)).not.toContain(slot);
  });

  it('returns the original callback for a repeated Idempotency-Key, even concurrently', async () => {
    const { c } = await customer();
    const [slot] = await slotsOf(workday(4));
    const body = { phone: phone(), topic: 'sekali saja', slot: slot.start };
    const rs = await Promise.all([1, 2, 3].map(() => c.post('/api/v1/callbacks', body, { 'idempotency-key': 'cb-key-1' })));
    expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
    expect(rs.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const again = await c.post('/api/v1/callbacks', body, { 'idempotency-key': 'cb-key-1' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(rs[0].body.id);
    const queue = await admin.get(`/api/v1/callbacks?phone=${encodeURIComponent(body.phone)}`);
    expect(queue.body.items).toHaveLength(1);
  });

  it('lets anyone book without an account, with a rate limit', async () => {
    const anon = new ApiClient(node.url);
    const slots = await slotsOf(workday(6));
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await anon.post('/api/v1/callbacks', { phone: phone(), locale: 'zh-CN', topic: '无法登录', slot: slots[i].start }));
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results[5].status).toBe(429);
    expect(Number(results[5].headers.get('retry-after'))).toBeGreaterThan(0);
    const items = await messagesOf(results[0].body.caseId);
    expect(items[1].body).toContain('回拨已预约');
  });
});

describe('who owns a booked callback', () => {
  /** A registered customer with a phone number, signed in. */
  const customerWithPhone = async () => {
    const c = new ApiClient(node.url);
    const number = phone();
    const email = `owner-${uid()}@sapa.test`;
    const r = await c.post('/api/v1/auth/register', { email, phone: number, password: 'Plum-Orbit-Lantern-93!', name: `Ibu Sari ${uid()}`, locale: 'id-ID' });
    expect(r.status).toBe(201);
    await c.login(email, 'Plum-Orbit-Lantern-93!');
    return { c, id: r.body.id as string, name: r.body.name as string, number, email };
  };

  it("keeps a booking made without signing in out of the account of the customer whose number it gives; agents see the match as unverified", async () => {
    const victim = await customerWithPhone();
    const stranger = new ApiClient(node.url);
    const [slot] = await slotsOf(workday(11));
    const lure = 'Akun Anda diblokir, verifikasi di https://sapa-verify.example';
    const r = await stranger.post('/api/v1/callbacks', { phone: victim.number, topic: lure, slot: slot.start, name: '  Tim Keamanan ' }, { 'x-forwarded-for': '198.51.100.7' });
    expect(r.status).toBe(201);
    // The name typed is the callback's, but no customer is: not the victim's, whose number it is.
    expect(r.body).toMatchObject({ name: 'Tim Keamanan', customerId: null });

    // Not in the customer's own case list, and not readable as theirs.
    const theirs = await victim.c.get('/api/v1/cases?limit=100');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((x: { id: string }) => x.id)).not.toContain(r.body.caseId);
    expect((await victim.c.get(`/api/v1/cases/${r.body.caseId}`)).status).toBe(404);

    // The console does not name them as its customer, nor show their wallet panel.
    const seen = (await admin.get(`/api/v1/cases/${r.body.caseId}`)).body;
    expect(seen.customerId).toBeNull();
    expect(seen.visitorId).toEqual(expect.any(String));
    const panel = (await admin.get(`/api/v1/cases/${r.body.caseId}/context`)).body;
    expect(panel.customer).toBeNull();
    expect(JSON.stringify(panel)).not.toContain(victim.id);
    const queue = (await admin.get(`/api/v1/callbacks?phone=${encodeURIComponent(victim.number)}`)).body.items;
    expect(queue.find((x: { id: string }) => x.id === r.body.id)).toMatchObject({ name: 'Tim Keamanan', customerId: null });

    // Agents get the match as a lead, marked unverified, in an internal note.
    const items = await messagesOf(r.body.caseId);
    expect(items[0]).toMatchObject({ author: { kind: 'visitor' }, internal: false });
    const hint = items.find((m) => m.metadata?.callback?.event === 'unverified_match');
    expect(hint).toMatchObject({ internal: true, author: { kind: 'system' } });
    expect(hint!.metadata.callback).toMatchObject({ matchedCustomerId: victim.id, verified: false });
    expect(hint!.body).toContain(victim.name);
    expect(hint!.body).toContain('NOT verified');
    expect(items.find((m) => m.metadata?.callback?.event === 'unverified')!.body).toContain('Tim Keamanan');
    // Nothing was sent to the customer's email in their name.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.some((m) => m.envelope.to[0] === victim.email)).toBe(false);

    // A retry with the same Idempotency-Key replays the same case.
    const body = { phone: victim.number, topic: 'sekali', slot: slot.start };
    const again = await Promise.all([1, 2].map(() => stranger.post('/api/v1/callbacks', body, { 'x-forwarded-for': '198.51.100.8', 'idempotency-key': 'anon-1' })));
    expect(again[0].body.caseId).toBe(again[1].body.caseId);
    expect(again[0].body).toMatchObject({ name: null, customerId: null });
  });

  it('a widget visitor owns their booking; a signed-in customer and an agent booking for a customer keep the customer as owner', async () => {
    const owner = await customerWithPhone();
    const [a, b, c] = await slotsOf(workday(12));

    const visitor = new ApiClient(node.url);
    const { visitorId } = await visitor.asVisitor();
    const byVisitor = await visitor.post('/api/v1/callbacks', { phone: owner.number, topic: 'dari widget', slot: a.start });
    expect(byVisitor.status).toBe(201);
    expect(byVisitor.body).toMatchObject({ name: null, customerId: null });
    expect((await admin.get(`/api/v1/cases/${byVisitor.body.caseId}`)).body).toMatchObject({ customerId: null, visitorId });
    expect((await visitor.get(`/api/v1/cases/${byVisitor.body.caseId}`)).status).toBe(200);
    expect((await messagesOf(byVisitor.body.caseId)).some((m) => m.metadata?.callback?.matchedCustomerId === owner.id)).toBe(true);

    const mine = await owner.c.post('/api/v1/callbacks', { phone: owner.number, topic: 'saya sendiri', slot: b.start, name: 'Sari' });
    expect(mine.body).toMatchObject({ name: 'Sari', customerId: owner.id });
    expect((await owner.c.get('/api/v1/cases?limit=100')).body.items.map((x: { id: string }) => x.id)).toContain(mine.body.caseId);
    expect((await messagesOf(mine.body.caseId)).some((m) => m.metadata?.callback?.event?.startsWith('unverified'))).toBe(false);

    const forThem = await admin.post('/api/v1/callbacks', { phone: owner.number, topic: 'ditelepon agen', slot: c.start });
    expect(forThem.status).toBe(201);
    expect(forThem.body).toMatchObject({ name: owner.name, customerId: owner.id });
    expect((await admin.get(`/api/v1/cases/${forThem.body.caseId}`)).body.customerId).toBe(owner.id);
    expect((await owner.c.get('/api/v1/cases?limit=100')).body.items.map((x: { id: string }) => x.id)).toContain(forThem.body.caseId);
  });
});

describe('the callback queue', () => {
  it('is for agents, ordered by slot, filtered by status', async () => {
    const { c } = await customer();
    expect((await c.get('/api/v1/callbacks')).status).toBe(403);
    const all = await admin.get('/api/v1/callbacks?status=scheduled&limit=100');
    expect(all.status).toBe(200);
    expect(all.body.timeZone).toBe('Asia/Jakarta');
    expect((await admin.get('/api/v1/callbacks?status=cancelled&phone=%2B62000000000')).body).toEqual({ items: [], nextCursor: null, timeZone: 'Asia/Jakarta' });
    const slots = all.body.items.map((x: { slot: string }) => x.slot);
    expect(slots).toEqual([...slots].sort());
    expect(all.body.items.every((x: { status: string }) => x.status === 'scheduled')).toBe(true);
  });

  it('records outcomes: a missed call books a retry at most twice; finished callbacks cannot change', async () => {
    const { c } = await customer();
    const [slot] = await slotsOf(workday(7));
    const first = (await c.post('/api/v1/callbacks', { phone: phone(), topic: 'akun terkunci', slot: slot.start, name: 'Bu Rina' })).body;
    const missed = await admin.patch(`/api/v1/callbacks/${first.id}`, { status: 'missed', notes: 'tidak diangkat' });
    expect(missed.status).toBe(200);
    expect(missed.body).toMatchObject({ id: first.id, status: 'missed', notes: 'tidak diangkat', name: 'Bu Rina', customerId: first.customerId });
    const retries = async () => (await admin.get(`/api/v1/callbacks?phone=${encodeURIComponent(first.phone)}&status=scheduled`)).body.items as { id: string; attempt: number; retryOf: string; slot: string }[];
    const [second] = await retries();
    expect(second).toMatchObject({ attempt: 2, retryOf: first.id, name: 'Bu Rina', customerId: first.customerId, caseId: first.caseId });
    // The response names the retry it booked, as the queue lists it.
    expect(missed.body.retry).toEqual(second);
    expect(Date.parse(second.slot)).toBeGreaterThan(Date.now() + 2 * 3600_000 - 16 * 60_000);
    const missedAgain = await admin.patch(`/api/v1/callbacks/${second.id}`, { status: 'missed' });
    const [third] = await retries();
    expect(third).toMatchObject({ attempt: 3, retryOf: second.id, name: 'Bu Rina' });
    expect(missedAgain.body.retry).toEqual(third);
    // The last attempt: no retry is booked, and the response says so.
    const lastMissed = await admin.patch(`/api/v1/callbacks/${third.id}`, { status: 'missed' });
    expect(lastMissed.body).toMatchObject({ id: third.id, status: 'missed', retry: null });
    expect(await retries()).toHaveLength(0);
    const items = await messagesOf(first.caseId);
    expect(items.filter((m) => m.internal && m.author.kind === 'system')).toHaveLength(3);
    expect(items[items.length - 1].body).toContain('Kami tidak berhasil menghubungi Anda');
    expect((await admin.patch(`/api/v1/callbacks/${third.id}`, { status: 'completed' })).status).toBe(409);

    const [later] = await slotsOf(workday(8));
    const done = (await c.post('/api/v1/callbacks', { phone: phone(), topic: 'selesai', slot: later.start })).body;
    const completed = await admin.patch(`/api/v1/callbacks/${done.id}`, { status: 'completed', outcome: 'dana dikembalikan', notes: 'refund TX-1' });
    expect(completed.body).toMatchObject({ status: 'completed', outcome: 'dana dikembalikan', agentId: expect.any(String), retry: null });
    const log = (await messagesOf(done.caseId)).find((m) => m.internal);
    expect(log!.body).toContain('dana dikembalikan');
  });

  it('moves a callback to another free slot and reminds for the new one only', async () => {
    const { c } = await customer();
    const [a, b] = await slotsOf(workday(9));
    const cb = (await c.post('/api/v1/callbacks', { phone: phone(), topic: 'pindah', slot: a.start })).body;
    const moved = await admin.patch(`/api/v1/callbacks/${cb.id}`, { slot: b.start });
    expect(moved.body).toMatchObject({ slot: b.start, retry: null });
    const jobs = ((await node.app.desk.db.execute(sql`select payload->>'slot' as slot from jobs where queue = 'callbacks.reminder' and payload->>'callbackId' = ${cb.id}`)) as unknown as { rows: { slot: string }[] }).rows;
    expect(jobs.map((j) => j.slot).sort()).toEqual([a.start, b.start].sort());
    await node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'callbacks.reminder' and payload->>'callbackId' = ${cb.id}`);
    await settle(node, async () => (await messagesOf(cb.caseId)).some((m) => m.body.startsWith('Pengingat')));
    const reminders = (await messagesOf(cb.caseId)).filter((m) => m.body.startsWith('Pengingat'));
    expect(reminders).toHaveLength(1);
  });
});

describe('telephony webhook', () => {
  const report = (body: unknown, secret = PHONE_SECRET) => {
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(`${node.url}/api/v1/channels/phone/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sapa-timestamp': ts, 'x-sapa-signature': signatureOf(secret, ts, raw) }, body: raw });
  };

  it('logs a call once on the case of the callback for that phone, and opens a phone case for an unknown caller', async () => {
    const { c } = await customer();
    const number = phone();
    const [slot] = await slotsOf(workday(10));
    const cb = (await c.post('/api/v1/callbacks', { phone: number, topic: 'telepon saya', slot: slot.start })).body;
    const call = { callId: `call-${uid()}`, from: '+62215550000', to: number, direction: 'outbound', duration: 185, status: 'answered', recordingUrl: 'https://pbx.example/rec/1.mp3' };
    expect((await report(call, 'wrong')).status).toBe(401);
    const [r1, r2] = await Promise.all([report(call), report(call)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(((await r1.json()) as { caseId: string }).caseId).toBe(cb.caseId);
    const logs = (await messagesOf(cb.caseId)).filter((m) => m.metadata?.call);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ internal: true, author: { kind: 'system' } });
    expect(logs[0].body).toContain('3m 5s');
    expect(logs[0].body).toContain('https://pbx.example/rec/1.mp3');

    const stranger = phone();
    const inbound = await report({ callId: `call-${uid()}`, from: stranger, to: '+62215550000', direction: 'inbound', duration: 42, status: 'answered' });
    const { caseId } = (await inbound.json()) as { caseId: string };
    const fresh = (await admin.get(`/api/v1/cases/${caseId}`)).body;
    expect(fresh).toMatchObject({ channel: 'phone' });
    expect((await messagesOf(caseId))[0].body).toContain(stranger);
    expect((await report({ callId: 'x', from: 'abc', to: stranger, direction: 'sideways' })).status).toBe(400);
  });
});

describe('the booking page /help/:locale/callback', () => {
  /** Opens the page like a browser: its form token (with the cookie) and the times it offers. */
  const openForm = async (client: ApiClient, locale = 'id-ID') => {
    const r = await client.get(`/help/${locale}/callback`);
    expect(r.status).toBe(200);
    const token = /name="formToken" value="([^"]+)"/.exec(r.text)?.[1];
    const options = [...r.text.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)<\/option>/g)].map((m) => ({ value: m[1], label: m[2] }));
    return { html: r.text, token: token!, options };
  };
  const send = (client: ApiClient, locale: string, fields: Record<string, string>, ip: string) =>
    client.request('POST', `/help/${locale}/callback`, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip });

  it('books a listed time without signing in and shows the case reference and the time; the case is nobody else’s', async () => {
    const browser = new ApiClient(node.url);
    const form = await openForm(browser);
    expect(form.html).toContain('<html lang="id">');
    expect(form.html).toContain('Waktu panggilan (Asia/Jakarta)');
    expect(form.options.length).toBeGreaterThan(3);
    const slot = form.options[2];
    const owner = new ApiClient(node.url);
    const number = phone();
    const email = `page-${uid()}@sapa.test`;
    const ownerId = (await owner.post('/api/v1/auth/register', { email, phone: number, password: 'Plum-Orbit-Lantern-93!', name: 'Pak Budi', locale: 'id-ID' })).body.id as string;

    const r = await send(browser, 'id-ID', { formToken: form.token, phone: number.replace('+62', '0'), name: 'Budi', topic: 'Top up gagal <b>kemarin</b>', slot: slot.value }, '192.0.2.10');
    expect(r.status).toBe(201);
    expect(r.text).toContain('Telepon balik Anda sudah dijadwalkan');
    const reference = /Nomor kasus Anda: (SP-[\w-]+)/.exec(r.text)?.[1];
    expect(reference).toBeTruthy();
    const booked = (await admin.get(`/api/v1/callbacks?phone=${encodeURIComponent(number)}`)).body.items[0];
    expect(booked).toMatchObject({ reference, slot: slot.value, topic: 'Top up gagal <b>kemarin</b>', locale: 'id-ID', status: 'scheduled', name: 'Budi', customerId: null });
    expect(r.text).toContain(`Kami akan menelepon ${number} pada`);
    expect(r.text).not.toContain('<b>kemarin</b>');
    const theCase = (await admin.get(`/api/v1/cases/${booked.caseId}`)).body;
    expect(theCase).toMatchObject({ customerId: null, channel: 'phone' });
    expect((await messagesOf(booked.caseId)).find((m) => m.metadata?.callback?.event === 'unverified_match')?.metadata.callback.matchedCustomerId).toBe(ownerId);

    // Sent again (back and resubmit), it books nothing more.
    const again = await send(browser, 'id-ID', { formToken: form.token, phone: number, name: 'Budi', topic: 'Top up gagal <b>kemarin</b>', slot: slot.value }, '192.0.2.10');
    expect(again.status).toBe(201);
    expect((await admin.get(`/api/v1/callbacks?phone=${encodeURIComponent(number)}`)).body.items).toHaveLength(1);
  });

  it('keeps what was typed and names the problem in the page’s language: a bad number, no topic, an expired form', async () => {
    const browser = new ApiClient(node.url);
    const form = await openForm(browser, 'zh-CN');
    const bad = await send(browser, 'zh-CN', { formToken: form.token, phone: '12ab', name: '王先生', topic: '无法登录', slot: form.options[0].value }, '192.0.2.11');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('请填写回拨号码（8 到 15 位数字）');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain('value="12ab"');
    expect(bad.text).toContain('value="王先生"');
    expect(bad.text).toContain('>无法登录</textarea>');
    expect(bad.text).toContain(`<option value="${form.options[0].value}" selected>`);
    const tooShort = await send(browser, 'zh-CN', { formToken: form.token, phone: '+62 812', topic: '', slot: form.options[0].value }, '192.0.2.11');
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain('请填写回拨号码');
    expect(tooShort.text).toContain('请用几句话说明来电事由');

    const stranger = new ApiClient(node.url);
    const forged = await send(stranger, 'en', { formToken: form.token, phone: phone(), topic: 'x', slot: form.options[0].value }, '192.0.2.12');
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired');
    expect((await admin.get('/api/v1/callbacks?limit=100&status=scheduled')).body.items.some((c: { topic: string }) => c.topic === 'x')).toBe(false);
  });

  it('refuses a full, a closed or a past time, saying why, and lists the times still free', async () => {
    const browser = new ApiClient(node.url);
    const form = await openForm(browser, 'en');
    const date = workday(14);
    const full = (await slotsOf(date))[6].start;
    for (let i = 0; i < 2; i++) expect((await admin.post('/api/v1/callbacks', { phone: phone(), topic: 'fill', slot: full })).status).toBe(201);
    const fields = { formToken: form.token, phone: phone(), topic: 'Money not received', name: 'Ann' };
    const taken = await send(browser, 'en', { ...fields, slot: full }, '192.0.2.13');
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('That time cannot be booked');
    expect(taken.text).toContain('value="Ann"');
    expect(taken.text).not.toContain(`value="${full}"`);
    const closed = await send(browser, 'en', { ...fields, slot: `${sunday()}T03:00:00.000Z` }, '192.0.2.13');
    expect(closed.status).toBe(422);
    expect(closed.text).toContain('That time cannot be booked');
    const past = await send(browser, 'id-ID', { ...fields, formToken: form.token, slot: '2020-01-06T02:00:00.000Z' }, '192.0.2.13');
    expect(past.status).toBe(422);
    expect(past.text).toContain('Waktu itu sudah lewat');
    expect(past.text).toContain('<option value=');
  });
});
