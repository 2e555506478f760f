import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, type TestNode, uid } from '../../testing.js';
import { caseEvents } from '../cases/schema.js';
import { sweepComplaints } from './service.js';

// Formal complaints over HTTP on a real node and database: registering one on a case, what the customer is told and
// sees, the deadline in working days, the warning and escalation, one extension, the written answer.

let node: TestNode;
let admin: ApiClient;
let agent: ApiClient;
let supervisor: ApiClient;

beforeAll(async () => {
  node = await startNode({}, { quiet: true });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  await agent.asNewAgent(admin, 'agent', 'Rina');
  supervisor = new ApiClient(node.url);
  await supervisor.asNewAgent(admin, 'supervisor', 'Budi');
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

type Message = { body: string; internal: boolean; author: { kind: string }; metadata: { complaint?: { reference: string } } | null };
const messagesOf = async (who: ApiClient, caseId: string) => (await who.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Message[];
const historyOf = async (caseId: string) => (await node.app.desk.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => [e.type, e.toValue]);

/** Days from the day after `from` to `to` that are Monday to Friday in Jakarta (UTC+7, no DST): a plain oracle. */
function weekdaysAfter(from: number, to: number): number {
  let n = 0;
  for (let day = from + 86400_000; day <= to; day += 86400_000) if (![0, 6].includes(new Date(day + 7 * 3600_000).getUTCDay())) n++;
  return n;
}

async function customerCase(locale = 'en', body = 'my refund never came and nobody answers') {
  const customer = new ApiClient(node.url);
  await customer.asVisitor({ locale });
  const c = await customer.post('/api/v1/cases', { message: { body, clientMessageId: uid() } });
  expect(c.status).toBe(201);
  return { customer, id: c.body.id as string, reference: c.body.reference as string };
}
const register = (caseId: string, body: Record<string, unknown> = {}, key?: string) =>
  agent.post(`/api/v1/cases/${caseId}/complaint`, { summary: 'Refund of Rp 150.000 for a failed payment not received after 10 days; wants the refund now.', ...body }, key ? { 'idempotency-key': key } : {});

describe('formal complaints', () => {
  it('registers a complaint: reference, deadline, the case marked, the customer acknowledged in their language', async () => {
    const { customer, id, reference } = await customerCase('id-ID', 'refund saya belum masuk sudah 10 hari, saya mau komplain resmi');
    const key = uid();
    const created = await register(id, { desiredOutcome: 'Refund dikembalikan ke saldo' }, key);
    expect(created.status).toBe(201);
    const complaint = created.body;
    expect(complaint).toMatchObject({ caseId: id, caseReference: reference, status: 'open', overdue: false, dueSoon: false, locale: 'id-ID', desiredOutcome: 'Refund dikembalikan ke saldo', registeredBy: { name: 'Rina' }, answer: null });
    expect(complaint.reference).toMatch(/^CMP-[A-HJ-NP-Z2-9]{8}$/);
    expect(complaint.workingDaysLeft).toBeGreaterThanOrEqual(19);
    // 20 working days later, at the same time of day, with no holidays set: 20 weekdays in Jakarta in between.
    expect(weekdaysAfter(Date.parse(complaint.receivedAt), Date.parse(complaint.dueAt))).toBe(20);
    expect((Date.parse(complaint.dueAt) - Date.parse(complaint.receivedAt)) % 86400_000).toBe(0);

    // A retry with the same key returns it; another registration while it is open is refused, naming it.
    const again = await register(id, {}, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(complaint.id);
    const second = await register(id);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'complaint_open', details: { reference: complaint.reference } });

    expect((await agent.get(`/api/v1/cases/${id}`)).body).toMatchObject({ category: 'complaint', priority: 'high', status: 'open' });
    expect((await agent.get(`/api/v1/cases/${id}`)).body.tags).toContain('formal-complaint');
    expect(await historyOf(id)).toContainEqual(['complaint_registered', complaint.reference]);

    const ack = (await messagesOf(customer, id)).find((m) => m.metadata?.complaint);
    expect(ack).toMatchObject({ internal: false, author: { kind: 'system' } });
    expect(ack!.body).toMatch(new RegExp(`^Pengaduan resmi Anda telah kami catat dengan nomor ${complaint.reference} \\(diterima .+\\)\\. .* paling lambat .+\\.`));
    // The customer sees the reference and the date, not the agent's internal summary.
    const own = (await customer.get(`/api/v1/cases/${id}/complaint`)).body.complaint;
    expect(own).toMatchObject({ reference: complaint.reference, dueAt: complaint.dueAt, status: 'open', timeZone: 'Asia/Jakarta' });
    expect(own.summary).toBeUndefined();
    expect(own.registeredBy).toBeUndefined();
    const stranger = new ApiClient(node.url);
    await stranger.asVisitor();
    expect((await stranger.get(`/api/v1/cases/${id}/complaint`)).status).toBe(404);
    // An anonymous visitor cannot file one themselves (a stranger's case stays invisible).
    const anonymous = await customer.post(`/api/v1/cases/${id}/complaint`, { summary: 'x' }, { 'accept-language': 'id-ID' });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error).toMatchObject({ code: 'complaint_needs_account', message: expect.stringMatching(/^Masuk ke akun Anda/) });
    expect((await stranger.post(`/api/v1/cases/${id}/complaint`, { summary: 'x' })).status).toBe(404);
  });

  it('lets a signed-in customer file one themselves: their words on the case, the case out of the assistant’s hands and open again', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Wulan', 'zh-CN');
    const first = await customer.post('/api/v1/assistant/messages', { text: '我的退款十天了还没到账，客服一直不回复' });
    const id: string = first.body.caseId;
    expect((await agent.get(`/api/v1/cases/${id}`)).body.withAssistant).toBe(true);
    expect((await admin.patch(`/api/v1/cases/${id}`, { status: 'closed' })).status).toBe(200);

    const file = (body: Record<string, unknown>, key: string) => customer.post(`/api/v1/cases/${id}/complaint`, body, { 'idempotency-key': key });
    const words = '退款 Rp 150.000 十天未到账，三次联系客服都没有答复。';
    expect((await file({ summary: words, receivedAt: new Date(Date.now() - 86400_000).toISOString() }, uid())).status).toBe(400);
    const key = uid();
    const filed = await file({ summary: `  ${words}  `, desiredOutcome: '退回到我的余额' }, key);
    expect(filed.status).toBe(201);
    // The customer's copy: their own words back, no internal fields.
    expect(filed.body).toMatchObject({ caseId: id, status: 'open', statement: words, desiredOutcome: '退回到我的余额', locale: 'zh-CN' });
    expect(filed.body.reference).toMatch(/^CMP-/);
    expect(filed.body).not.toHaveProperty('summary');
    expect(filed.body).not.toHaveProperty('registeredBy');
    expect((await file({ summary: words }, key)).body).toMatchObject({ id: filed.body.id, statement: words });
    expect((await file({ summary: '再投诉一次' }, uid())).status).toBe(409);

    // The team's copy says the customer filed it; the case is the team's now, open, a high-priority complaint.
    const theirs = (await agent.get(`/api/v1/complaints/${filed.body.id}`)).body;
    expect(theirs).toMatchObject({ filedBy: 'customer', registeredBy: null, summary: words });
    expect((await agent.get(`/api/v1/cases/${id}`)).body).toMatchObject({ status: 'open', category: 'complaint', priority: 'high', withAssistant: false });
    expect(await historyOf(id)).toContainEqual(['complaint_registered', filed.body.reference]);

    // Their account is on the case as their message (evidence in the transcript), followed by Sapa's acknowledgement.
    const thread = await messagesOf(customer, id);
    const statement = thread.findIndex((m) => m.author.kind === 'customer' && m.body.startsWith(words));
    expect(thread[statement].body).toBe(`${words}\n\n我希望：退回到我的余额`);
    const ack = thread.findIndex((m) => m.author.kind === 'system' && m.metadata?.complaint);
    expect(ack).toBeGreaterThan(statement);
    expect(thread[ack].body).toContain(filed.body.reference);
    expect((await customer.get(`/api/v1/cases/${id}/complaint`)).body.complaint).toMatchObject({ id: filed.body.id, statement: words });
    expect(JSON.stringify((await customer.get(`/api/v1/cases/${id}/transcript?format=json`)).body)).toContain(words);
  });

  it('counts the deadline in working days, skipping weekends and the desk’s holidays', async () => {
    // The last Friday at least a week ago (a complaint received then, registered now), and the Monday after it.
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const friday = new Date(Date.now() - 7 * 86400_000);
    friday.setUTCDate(friday.getUTCDate() - ((friday.getUTCDay() + 2) % 7));
    friday.setUTCHours(3, 0, 0, 0);
    const monday = new Date(friday.getTime() + 3 * 86400_000);
    expect((await admin.put('/api/v1/support/settings/holidays', { items: [{ date: day(monday), name: 'Cuti bersama' }] })).status).toBe(200);
    expect((await admin.put('/api/v1/complaints/settings', { answerWorkingDays: 1, extensionWorkingDays: 2, warnWorkingDays: 0 })).status).toBe(200);
    const { id } = await customerCase();
    // Received Friday 10:00 in Jakarta; Monday is a holiday: one working day later is Tuesday 10:00.
    const received = await register(id, { receivedAt: friday.toISOString() });
    expect(received.status).toBe(201);
    expect(received.body.dueAt).toBe(new Date(friday.getTime() + 4 * 86400_000).toISOString());
    const future = await register((await customerCase()).id, { receivedAt: new Date(Date.now() + 86400_000).toISOString() });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'complaint_received_in_future', details: { field: 'body.receivedAt' } });
    // A wrong year (long before the case was opened) is refused, saying the earliest date.
    const early = await register((await customerCase()).id, { receivedAt: '2016-12-01T03:00:00Z' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'complaint_received_too_early', details: { field: 'body.receivedAt', days: 90 } });
    expect(early.body.error.message).toMatch(/^A complaint on this case cannot have been received more than 90 days before the case was opened: the earliest date is .+\. Check the year\.$/);
    expect(Date.parse(early.body.error.details.earliest)).toBeGreaterThan(Date.now() - 91 * 86400_000);
    expect((await admin.put('/api/v1/complaints/settings', { answerWorkingDays: 20, extensionWorkingDays: 20, warnWorkingDays: 3 })).status).toBe(200);
    expect((await admin.put('/api/v1/support/settings/holidays', { items: [] })).status).toBe(200);
  });

  it('warns before the deadline and escalates when it passes, once each however many nodes sweep', async () => {
    const { id } = await customerCase();
    const late = (await register(id, { receivedAt: new Date(Date.now() - 40 * 86400_000).toISOString() })).body;
    expect(late).toMatchObject({ overdue: true, dueSoon: true, workingDaysLeft: 0 });
    await Promise.all([sweepComplaints(node.app.desk), sweepComplaints(node.app.desk)]);
    await sweepComplaints(node.app.desk);
    const history = await historyOf(id);
    expect(history.filter(([type]) => type === 'complaint_due_soon')).toHaveLength(1);
    expect(history.filter(([type]) => type === 'complaint_overdue')).toHaveLength(1);
    expect((await agent.get(`/api/v1/cases/${id}`)).body.priority).toBe('urgent');
    const overdue = (await agent.get('/api/v1/complaints?state=overdue')).body.items;
    expect(overdue.map((c: { id: string }) => c.id)).toContain(late.id);
    expect((await agent.get('/api/v1/complaints?state=answered')).body.items.map((c: { id: string }) => c.id)).not.toContain(late.id);
  });

  it('extends a deadline once, telling the customer why and until when', async () => {
    const { customer, id } = await customerCase('zh-CN', '我要投诉，退款十天还没到');
    const complaint = (await register(id)).body;
    expect((await agent.post(`/api/v1/complaints/${complaint.id}/extend`, { reason: 'We are waiting for the bank’s records' })).status).toBe(403);
    const extended = await supervisor.post(`/api/v1/complaints/${complaint.id}/extend`, { reason: '我们正在等待银行的交易记录' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ status: 'extended', extensionReason: '我们正在等待银行的交易记录' });
    expect(weekdaysAfter(Date.parse(complaint.dueAt), Date.parse(extended.body.dueAt))).toBe(20);
    const told = (await messagesOf(customer, id)).filter((m) => m.metadata?.complaint).map((m) => m.body);
    expect(told[1]).toMatch(new RegExp(`^我们需要更多时间答复您的投诉 ${complaint.reference}：我们正在等待银行的交易记录。 您最迟将于 .+ 前收到我们的书面答复。$`));
    expect((await supervisor.post(`/api/v1/complaints/${complaint.id}/extend`, { reason: 'again' })).body.error.code).toBe('complaint_already_extended');
    expect((await supervisor.post(`/api/v1/complaints/${complaint.id}/extend`, { reason: '  ' })).status).toBe(400);
  });

  it('sends the written answer with where to go next, resolves the case, and takes it once', async () => {
    const { customer, id } = await customerCase();
    const complaint = (await register(id)).body;
    expect((await agent.post(`/api/v1/complaints/${complaint.id}/answer`, { answer: 'x', outcome: 'upheld' })).status).toBe(403);
    const answer = 'We confirmed the refund was stuck at the acquiring bank. Rp 150.000 was credited to your balance today.';
    const answered = await supervisor.post(`/api/v1/complaints/${complaint.id}/answer`, { answer, outcome: 'upheld' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', outcome: 'upheld', answer, answeredBy: { name: 'Budi' }, workingDaysLeft: null, overdue: false });
    const reply = (await messagesOf(customer, id)).find((m) => m.body.startsWith(answer))!;
    expect(reply.author.kind).toBe('agent');
    expect(reply.body).toContain(`This is our answer to your formal complaint ${complaint.reference}. If you disagree with it, you can take the complaint to the regulator`);
    expect((await agent.get(`/api/v1/cases/${id}`)).body.status).toBe('resolved');
    expect((await customer.get(`/api/v1/cases/${id}/complaint`)).body.complaint).toMatchObject({ status: 'answered', answer, outcome: 'upheld' });
    expect((await supervisor.post(`/api/v1/complaints/${complaint.id}/answer`, { answer: 'again', outcome: 'not_upheld' })).body.error.code).toBe('complaint_answered');
    expect((await supervisor.post(`/api/v1/complaints/${complaint.id}/extend`, { reason: 'late' })).body.error.code).toBe('complaint_answered');
    expect((await supervisor.post(`/api/v1/complaints/${complaint.id}/answer`, { answer: 'x', outcome: 'maybe' })).status).toBe(400);
    expect((await supervisor.post('/api/v1/complaints/nope/answer', { answer: 'x', outcome: 'upheld' })).status).toBe(404);

    // A complaint about the answer is a new complaint on the same case.
    expect((await register(id, { summary: 'Disagrees with the answer: wants compensation for the delay.' })).status).toBe(201);
  });

  it('has the assistant tell a customer asking for news the date their written answer is due', async () => {
    const { customer, id, reference } = await customerCase('id-ID', 'refund saya belum masuk, saya mau komplain');
    const complaint = (await register(id)).body;
    const asked = await customer.post('/api/v1/assistant/messages', { text: 'ada kabar soal komplain saya?' });
    expect(asked.status).toBe(200);
    expect(asked.body.intent).toBe('case_followup');
    expect(asked.body.reply).toContain(reference);
    expect(asked.body.reply).toContain(`Kasus ini tercatat sebagai pengaduan resmi ${complaint.reference}: jawaban tertulis kami paling lambat `);
  });

  it('lists open complaints by deadline, a page at a time, for agents only', async () => {
    const page1 = await agent.get('/api/v1/complaints?state=open&limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await agent.get(`/api/v1/complaints?state=open&limit=2&cursor=${page1.body.nextCursor}`);
    const all = [...page1.body.items, ...page2.body.items].map((c: { dueAt: string }) => c.dueAt);
    expect(all).toEqual([...all].sort());
    expect(new Set([...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id)).size).toBe(all.length);
    const customer = new ApiClient(node.url);
    await customer.asVisitor();
    expect((await customer.get('/api/v1/complaints')).status).toBe(403);
    expect((await agent.get('/api/v1/complaints/settings')).status).toBe(403);
    expect((await supervisor.get('/api/v1/complaints/settings')).body).toEqual({ answerWorkingDays: 20, extensionWorkingDays: 20, warnWorkingDays: 3 });
    expect((await supervisor.put('/api/v1/complaints/settings', { answerWorkingDays: 10, extensionWorkingDays: 10, warnWorkingDays: 2 })).status).toBe(403);
    expect((await admin.put('/api/v1/complaints/settings', { answerWorkingDays: 0, extensionWorkingDays: 10, warnWorkingDays: 2 })).status).toBe(400);
  });
});
