import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, type TestNode, uid } from '../../testing.js';
import { caseEvents, cases } from '../cases/schema.js';
import { slaBreaches } from './schema.js';
import { sweepBreaches } from './service.js';

// Service levels over HTTP on a real node and database: the policy, a case's clocks as people answer it, the breach
// recorded once across sweeps, the at-risk list and the report.

let node: TestNode;
let admin: ApiClient;
let agent: ApiClient;
let supervisor: ApiClient;

beforeAll(async () => {
  node = await startNode({}, { quiet: true });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  await agent.asNewAgent(admin);
  supervisor = new ApiClient(node.url);
  await supervisor.asNewAgent(admin, 'supervisor');
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

const targets = (first: number | null, next: number | null, resolution: number | null) => ({ firstResponseMinutes: first, nextResponseMinutes: next, resolutionMinutes: resolution });
/** Every minute counts, so the clocks do not depend on when the test runs. */
const calendarPolicy = {
  enabled: true,
  businessHours: false,
  targets: { urgent: targets(15, 30, 240), high: targets(60, 60, 480), normal: targets(240, 240, 1260), low: targets(null, null, null) },
};

async function visitorCase(priority?: 'urgent' | 'high' | 'normal' | 'low') {
  const customer = new ApiClient(node.url);
  await customer.asVisitor();
  const c = await customer.post('/api/v1/cases', { message: { body: 'my transfer to BCA has not arrived', clientMessageId: uid() } });
  expect(c.status).toBe(201);
  if (priority) expect((await admin.patch(`/api/v1/cases/${c.body.id}`, { priority })).status).toBe(200);
  return { customer, id: c.body.id as string, reference: c.body.reference as string };
}
/** Moves a case's creation back, as if it had been waiting that long (a change of the case, so `updated_at` moves). */
const age = async (id: string, minutes: number) =>
  node.app.desk.db
    .update(cases)
    .set({ createdAt: new Date(Date.now() - minutes * 60_000), waitingSince: new Date(Date.now() - minutes * 60_000), updatedAt: new Date() })
    .where(eq(cases.id, id));
const atRiskIds = async (minutes = 60) => (await agent.get(`/api/v1/sla/at-risk?withinMinutes=${minutes}`)).body.items.map((i: { case: { id: string } }) => i.case.id) as string[];

describe('service levels', () => {
  it('has default targets that count staffed hours, which admins change and others only read', async () => {
    const policy = await agent.get('/api/v1/sla/policy');
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({ enabled: true, businessHours: true, targets: { urgent: { firstResponseMinutes: 15 }, normal: { resolutionMinutes: 1260 } } });
    expect(policy.body.countedHours).toBe('Daily 08:00–22:00 (Asia/Jakarta), except holidays');
    expect((await supervisor.get('/api/v1/sla/policy?locale=zh-CN')).body.countedHours).toMatch(/^每天 08:00–22:00 \(Asia\/Jakarta\)，节假日除外$/);

    expect((await supervisor.put('/api/v1/sla/policy', calendarPolicy)).status).toBe(403);
    const saved = await admin.put('/api/v1/sla/policy', calendarPolicy);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...calendarPolicy, countedHours: 'Every hour of every day (24/7)' });
    expect((await agent.get('/api/v1/sla/policy')).body.targets.low).toEqual(targets(null, null, null));

    const customer = new ApiClient(node.url);
    await customer.asVisitor();
    expect((await customer.get('/api/v1/sla/policy')).status).toBe(403);
  });

  it('refuses impossible targets with the field named, and keeps the saved policy', async () => {
    const zero = await admin.put('/api/v1/sla/policy', { ...calendarPolicy, targets: { ...calendarPolicy.targets, high: targets(0, 60, 480) } });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body.error.details)).toContain('targets.high.firstResponseMinutes');
    const order = await admin.put('/api/v1/sla/policy?locale=id-ID', { ...calendarPolicy, targets: { ...calendarPolicy.targets, normal: targets(240, 2000, 1260) } });
    expect(order.status).toBe(422);
    expect(order.body.error).toMatchObject({ code: 'sla_targets_order', details: { field: 'body.targets.normal.nextResponseMinutes' } });
    expect(order.body.error.message).toMatch(/^Target respons tidak boleh/);
    expect((await admin.get('/api/v1/sla/policy')).body.targets.normal).toEqual(calendarPolicy.targets.normal);
  });

  it('runs a case’s clocks: first response until a person answers, next response while the customer waits again', async () => {
    const { customer, id } = await visitorCase('high');
    const fresh = await agent.get(`/api/v1/cases/${id}/sla`);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ caseId: id, priority: 'high', active: true, breached: false, firstResponse: { state: 'running', targetMinutes: 60 }, nextResponse: null, resolution: { state: 'running', targetMinutes: 480 } });
    expect(fresh.body.firstResponse.remainingMinutes).toBeGreaterThanOrEqual(59);
    expect(fresh.body.nextDueAt).toBe(fresh.body.firstResponse.dueAt);

    expect((await agent.post(`/api/v1/cases/${id}/messages`, { body: 'Checking the transfer now.', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.get(`/api/v1/cases/${id}/sla`)).body).toMatchObject({ firstResponse: { state: 'met' }, nextResponse: null });
    expect((await customer.post(`/api/v1/cases/${id}/messages`, { body: 'any news?', clientMessageId: uid() })).status).toBe(201);
    const waiting = (await agent.get(`/api/v1/cases/${id}/sla`)).body;
    expect(waiting.nextResponse).toMatchObject({ state: 'running', targetMinutes: 60 });

    // Waiting on the customer pauses resolution; the customer's reply reopens the case and runs it on.
    expect((await agent.patch(`/api/v1/cases/${id}`, { status: 'pending' })).status).toBe(200);
    expect((await agent.get(`/api/v1/cases/${id}/sla`)).body.resolution).toMatchObject({ state: 'paused', dueAt: null });
    expect((await customer.post(`/api/v1/cases/${id}/messages`, { body: 'here is the receipt', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.get(`/api/v1/cases/${id}/sla`)).body.resolution).toMatchObject({ state: 'running' });

    // Customers never see the team's targets; an unknown case is 404.
    expect((await customer.get(`/api/v1/cases/${id}/sla`)).status).toBe(403);
    expect((await agent.get('/api/v1/cases/nope/sla')).status).toBe(404);
  });

  it('answers a queue page in one request, leaving out unknown ids', async () => {
    const a = await visitorCase();
    const b = await visitorCase('urgent');
    const page = await agent.get(`/api/v1/sla/cases?ids=${a.id},unknown,${b.id}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((s: { caseId: string; priority: string }) => [s.caseId, s.priority])).toEqual([
      [a.id, 'normal'],
      [b.id, 'urgent'],
    ]);
    expect((await agent.get(`/api/v1/sla/cases?ids=${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}`)).status).toBe(400);
    expect((await agent.get('/api/v1/sla/cases?ids=')).status).toBe(400);
  });

  it('records a missed target once, in the case history, however many nodes sweep', async () => {
    const { customer, id } = await visitorCase('urgent');
    await age(id, 20);
    const overdue = (await agent.get(`/api/v1/cases/${id}/sla`)).body;
    expect(overdue).toMatchObject({ breached: true, firstResponse: { state: 'breached', completedAt: null } });
    const heard: string[][] = [];
    const stop = node.app.desk.events.on('case.updated', ({ case: c, changes }) => {
      if (c.id === id) heard.push(changes);
    });
    // Two nodes sweeping at the same moment, then again a minute later.
    await Promise.all([sweepBreaches(node.app.desk), sweepBreaches(node.app.desk)]);
    await sweepBreaches(node.app.desk);
    stop();
    const rows = await node.app.desk.db.select().from(slaBreaches).where(eq(slaBreaches.caseId, id));
    expect(rows.map((r) => r.clock)).toEqual(['first_response']);
    expect(rows[0].dueAt.toISOString()).toBe(overdue.firstResponse.breachedAt);
    expect(heard).toEqual([['sla_breached']]);
    const history = await node.app.desk.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(history.filter((e) => e.type === 'sla_breached').map((e) => [e.toValue, e.actorKind])).toEqual([['first_response', 'system']]);
    const transcript = await agent.get(`/api/v1/cases/${id}/transcript?format=json`);
    expect(JSON.stringify(transcript.body)).toContain('sla_breached');
    // The team's internal targets are not part of the customer's own record.
    const own = await customer.get(`/api/v1/cases/${id}/transcript?format=json`);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain('sla_breached');

    // Answered late: the clock says so, and nothing more is recorded.
    expect((await agent.post(`/api/v1/cases/${id}/messages`, { body: 'Sorry for the wait.', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.get(`/api/v1/cases/${id}/sla`)).body.firstResponse).toMatchObject({ state: 'breached', breachedAt: overdue.firstResponse.breachedAt });
    expect(await sweepBreaches(node.app.desk)).toBe(0);
  });

  it('records a target missed and met between two sweeps, and a case resolved late, at the next sweep', async () => {
    await sweepBreaches(node.app.desk);
    const answered = await visitorCase('urgent');
    await age(answered.id, 20);
    const resolved = await visitorCase('urgent');
    await age(resolved.id, 300);
    // No sweep saw either overdue: one is answered late, the other answered and resolved late.
    expect((await agent.post(`/api/v1/cases/${answered.id}/messages`, { body: 'Checking now.', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.post(`/api/v1/cases/${resolved.id}/messages`, { body: 'Credited, sorry.', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.patch(`/api/v1/cases/${resolved.id}`, { status: 'resolved' })).status).toBe(200);
    await sweepBreaches(node.app.desk);
    const missed = async (id: string) => (await node.app.desk.db.select().from(slaBreaches).where(eq(slaBreaches.caseId, id))).map((r) => r.clock).sort();
    expect(await missed(answered.id)).toEqual(['first_response']);
    expect(await missed(resolved.id)).toEqual(['first_response', 'resolution']);
    const history = await node.app.desk.db.select().from(caseEvents).where(eq(caseEvents.caseId, resolved.id));
    expect(history.filter((e) => e.type === 'sla_breached').map((e) => e.toValue).sort()).toEqual(['first_response', 'resolution']);
    expect(await sweepBreaches(node.app.desk)).toBe(0);
  });

  it('lists the cases at risk, overdue first, then by when they are due', async () => {
    const overdue = await visitorCase('urgent');
    await age(overdue.id, 30);
    const soon = await visitorCase('urgent');
    await age(soon.id, 5);
    const later = await visitorCase('normal');
    const risk = await agent.get('/api/v1/sla/at-risk?withinMinutes=60');
    expect(risk.status).toBe(200);
    const ids = risk.body.items.map((i: { case: { id: string } }) => i.case.id);
    expect(ids.indexOf(overdue.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(soon.id));
    expect(ids).not.toContain(later.id);
    expect(risk.body.items.find((i: { case: { id: string } }) => i.case.id === soon.id)).toMatchObject({ case: { reference: soon.reference, priority: 'urgent' }, sla: { firstResponse: { state: 'running' } } });
    expect((await agent.get('/api/v1/sla/at-risk?withinMinutes=600')).body.items.map((i: { case: { id: string } }) => i.case.id)).toContain(later.id);
    expect((await agent.get('/api/v1/sla/at-risk?withinMinutes=-1')).status).toBe(400);
  });

  it('keeps the at-risk list exact between sweeps: a case answered leaves at once, a new or raised one joins at once', async () => {
    expect((await admin.put('/api/v1/sla/policy', calendarPolicy)).status).toBe(200);
    const soon = await visitorCase('urgent');
    await age(soon.id, 10);
    const overdue = await visitorCase('urgent');
    await age(overdue.id, 30);
    const calm = await visitorCase('normal');
    // The minute's sweep makes the node's watch list; the at-risk list reads it from now on.
    await sweepBreaches(node.app.desk);
    const before = await atRiskIds();
    expect(before).toEqual(expect.arrayContaining([soon.id, overdue.id]));
    expect(before).not.toContain(calm.id);

    expect((await agent.post(`/api/v1/cases/${soon.id}/messages`, { body: 'Looking into it now.', clientMessageId: uid() })).status).toBe(201);
    expect((await admin.patch(`/api/v1/cases/${calm.id}`, { priority: 'urgent' })).status).toBe(200);
    const fresh = await visitorCase('urgent');
    const between = await atRiskIds();
    expect(between).not.toContain(soon.id);
    expect(between).toEqual(expect.arrayContaining([overdue.id, calm.id, fresh.id]));
    // The same list, in the same order, as one computed from every open case after the next sweep.
    await sweepBreaches(node.app.desk);
    expect(await atRiskIds()).toEqual(between);
  });

  it('reports targets met and missed for supervisors', async () => {
    const quick = await visitorCase('high');
    expect((await agent.post(`/api/v1/cases/${quick.id}/messages`, { body: 'Done: the transfer is credited.', clientMessageId: uid() })).status).toBe(201);
    expect((await agent.patch(`/api/v1/cases/${quick.id}`, { status: 'resolved' })).status).toBe(200);
    const report = await supervisor.get('/api/v1/sla/report');
    expect(report.status).toBe(200);
    const { clocks, byPriority, recentBreaches, cases: count } = report.body;
    expect(count).toBeGreaterThanOrEqual(8);
    expect(clocks.firstResponse.met).toBeGreaterThanOrEqual(2);
    expect(clocks.firstResponse.breached).toBeGreaterThanOrEqual(2);
    expect(clocks.firstResponse.compliance).toBeCloseTo(clocks.firstResponse.met / (clocks.firstResponse.met + clocks.firstResponse.breached), 3);
    expect(byPriority.high.resolution.met).toBeGreaterThanOrEqual(1);
    expect(byPriority.low).toEqual({ firstResponse: { met: 0, breached: 0, running: 0, compliance: null }, nextResponse: { met: 0, breached: 0, running: 0, compliance: null }, resolution: { met: 0, breached: 0, running: 0, compliance: null } });
    expect(recentBreaches[0]).toMatchObject({ priority: 'urgent', clock: 'first_response' });
    expect((await agent.get('/api/v1/sla/report')).status).toBe(403);
    expect((await supervisor.get('/api/v1/sla/report?from=yesterday')).status).toBe(400);
  });

  it('stops every clock when the policy is off', async () => {
    const { id } = await visitorCase('urgent');
    await age(id, 60);
    expect((await admin.put('/api/v1/sla/policy', { ...calendarPolicy, enabled: false })).status).toBe(200);
    expect((await agent.get(`/api/v1/cases/${id}/sla`)).body).toMatchObject({ active: false, firstResponse: null, breached: false });
    expect((await agent.get('/api/v1/sla/at-risk')).body.items).toEqual([]);
    expect(await sweepBreaches(node.app.desk)).toBe(0);
    expect((await admin.put('/api/v1/sla/policy', calendarPolicy)).status).toBe(200);
  });
});
