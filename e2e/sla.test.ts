import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_PASSWORD } from '../server/src/demo.js';
import { cases } from '../server/src/modules/cases/schema.js';
import { sweepBreaches } from '../server/src/modules/sla/service.js';
import { ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, launchBrowser, soon, visible } from './browser.js';

// Service levels in the agent console: Manage → Service levels (targets, the server's refusal, the report, read-only for
// supervisors), the queue's chips, the "At risk" view, a case's clocks, the history line and the toast of a missed target.

type Targets = { firstResponseMinutes: number | null; nextResponseMinutes: number | null; resolutionMinutes: number | null };
type Policy = { enabled: boolean; businessHours: boolean; targets: Record<'urgent' | 'high' | 'normal' | 'low', Targets>; countedHours?: string };

/** Every minute counts (not only chat's hours), so what the clocks say does not depend on when the test runs. */
const policy: Policy = {
  enabled: true,
  businessHours: false,
  targets: {
    urgent: { firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 },
    normal: { firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: 1260 },
    low: { firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 4200 },
  },
};

let node: TestNode;
let browser: Browser;
let admin: ApiClient;
let before: Policy;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1' });
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  before = (await admin.get('/api/v1/sla/policy')).body;
  expect((await admin.put('/api/v1/sla/policy', policy)).status).toBe(200);
  // The demo's old cases missed their targets long ago: recorded now, so no toast about them comes later.
  await sweepBreaches(node.app.desk);
}, 180_000);

afterAll(async () => {
  if (before) {
    const { countedHours: _, ...saved } = before;
    await admin?.put('/api/v1/sla/policy', saved);
  }
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

/** A fresh browser profile signed in with an API session (as a tab that signed in through the form would be). */
async function signedInPage(who: ApiClient, heading = 'All open'): Promise<{ page: Page; errors: string[] }> {
  const { context, page, errors } = await consoleAs(browser, node.url, { cookie: who.cookies.get('sapa_session')!, csrf: who.csrf! });
  contexts.push(context);
  await visible(page.getByRole('heading', { name: heading }));
  return { page, errors };
}

/** A visitor's web chat case, at the priority asked, created `minutesAgo` minutes ago. */
async function caseOf(subject: string, priority: 'urgent' | 'high' | 'normal' | 'low', minutesAgo = 0): Promise<{ id: string; reference: string }> {
  const visitor = new ApiClient(node.url);
  await visitor.asVisitor();
  const created = await visitor.post('/api/v1/cases', { subject, message: { body: `${subject}: saldo saya belum masuk`, clientMessageId: uid() } });
  expect(created.status).toBe(201);
  if (priority !== 'normal') expect((await admin.patch(`/api/v1/cases/${created.body.id}`, { priority })).status).toBe(200);
  // Time cannot be waited for in a test: the case is written as older than it is (its clocks are computed from it).
  if (minutesAgo) await node.app.desk.db.update(cases).set({ createdAt: new Date(Date.now() - minutesAgo * 60_000) }).where(eq(cases.id, created.body.id));
  return { id: created.body.id, reference: created.body.reference };
}

describe('service levels in the agent console', { timeout: 120_000 }, () => {
  it('lets an admin change a target, shows the server’s refusal at its field, and passes axe', async () => {
    const { page, errors } = await signedInPage(admin);
    await page.getByRole('link', { name: 'Service levels', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Service levels', level: 1 }));
    expect(page.url()).toBe(`${node.url}/agent/sla`);
    const enabled = page.getByRole('switch', { name: 'Track service-level targets' });
    const businessHours = page.getByRole('switch', { name: 'Count only business hours' });
    await expect.poll(() => enabled.isChecked(), { timeout: soon }).toBe(true);
    expect(await businessHours.isChecked()).toBe(false);
    await visible(page.getByText('Counted: Every hour of every day (24/7)'));
    await visible(page.getByRole('region', { name: 'By clock' }));
    expect(await accessibilityProblems(page)).toEqual([]);

    // Minutes in, the friendly form beside them; saved, and the server has it.
    const urgentFirst = page.getByRole('spinbutton', { name: 'First response target for Urgent priority, in minutes' });
    expect(await urgentFirst.inputValue()).toBe('30');
    await urgentFirst.fill('90');
    await visible(page.locator('#sla-urgent-firstResponseMinutes-friendly', { hasText: /^1 h 30 min$/ }));
    const lowNext = page.getByRole('spinbutton', { name: 'Next response target for Low priority, in minutes' });
    await lowNext.fill('');
    await visible(page.locator('#sla-low-nextResponseMinutes-friendly', { hasText: /^No target$/ }));
    await page.getByRole('button', { name: 'Save service levels' }).click();
    await visible(page.getByRole('status').filter({ hasText: /^Service levels saved$/ }));
    const saved = (await admin.get('/api/v1/sla/policy')).body as Policy;
    expect(saved.targets.urgent).toEqual({ firstResponseMinutes: 90, nextResponseMinutes: 30, resolutionMinutes: 240 });
    expect(saved.targets.low.nextResponseMinutes).toBeNull();

    // A first response longer than the resolution (240 min): 422, said under that very input, and nothing saved.
    await urgentFirst.fill('300');
    await page.getByRole('button', { name: 'Save service levels' }).click();
    const fieldError = page.locator('#sla-urgent-firstResponseMinutes-error');
    await visible(fieldError);
    expect(await urgentFirst.getAttribute('aria-invalid')).toBe('true');
    expect(await urgentFirst.getAttribute('aria-describedby')).toContain('sla-urgent-firstResponseMinutes-error');
    const refused = await admin.put('/api/v1/sla/policy', { ...policy, targets: { ...policy.targets, urgent: { firstResponseMinutes: 300, nextResponseMinutes: 30, resolutionMinutes: 240 } } });
    expect(refused.status).toBe(422);
    expect(await fieldError.textContent()).toBe(refused.body.error.message);
    await visible(page.getByRole('alert').filter({ hasText: refused.body.error.message }));
    // Only that field is marked.
    expect(await page.locator('.sla-targets input[aria-invalid=true]').count()).toBe(1);
    expect(((await admin.get('/api/v1/sla/policy')).body as Policy).targets.urgent.firstResponseMinutes).toBe(90);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Put back as the rest of the journeys expect it, through the form.
    await urgentFirst.fill('30');
    await lowNext.fill('480');
    await page.getByRole('button', { name: 'Save service levels' }).click();
    await expect.poll(async () => ((await admin.get('/api/v1/sla/policy')).body as Policy).targets, { timeout: soon }).toEqual(policy.targets);
    expect(await page.locator('.sla-targets input[aria-invalid=true]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows a chip in the queue and the clocks in the side panel for a case created through the API', async () => {
    const { page, errors } = await signedInPage(admin);
    const subject = `Top up belum masuk ${uid()}`;
    const k = await caseOf(subject, 'normal');
    const row = page.locator('.case-row', { hasText: subject });
    await visible(row);
    // Two hours to the first response: neither overdue nor soon; the clock is named for screen readers.
    const chip = row.locator('.sla-chip');
    await visible(chip);
    expect(await chip.getAttribute('data-sla')).toBe('due');
    expect(await chip.locator('.sla-chip-text').textContent()).toMatch(/^due in (2 h|1 h 5\d min)$/);
    expect(await chip.locator('.visually-hidden').textContent()).toBe('First response target: ');

    await row.click();
    const panel = page.getByRole('region', { name: 'Service level' });
    const first = panel.locator('[data-clock=firstResponse]');
    await visible(first.getByText('Running'));
    await visible(first.getByText('target 2 h'));
    await visible(first.getByText(/^Due /));
    await visible(first.getByText(/^(2 h|1 h 5\d min) left$/));
    await visible(panel.locator('[data-clock=nextResponse]').getByText('Not running: no customer message is waiting for a reply'));
    await visible(panel.locator('[data-clock=resolution]').getByText('target 21 h'));

    // An agent answers: the first response is met, and the row's chip follows the resolution clock.
    expect((await admin.post(`/api/v1/cases/${k.id}/messages`, { body: 'Kami cek sekarang ya Kak.', clientMessageId: uid() })).status).toBe(201);
    await visible(first.getByText('Met'));
    await visible(first.getByText(/^Met /));
    await expect.poll(() => row.locator('.sla-chip-text').textContent(), { timeout: soon }).toMatch(/^due in 2\d h$/);
    // Pending: the resolution clock pauses.
    await page.getByRole('region', { name: 'Details' }).getByRole('combobox', { name: 'Status' }).selectOption('pending');
    await visible(panel.locator('[data-clock=resolution]').getByText('Paused'));
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'All open' }).click();
    await expect.poll(() => row.locator('.sla-chip').getAttribute('data-sla'), { timeout: soon }).toBe('paused');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('tells of a missed target, and lists overdue cases first in the At risk view, then soon-due ones', async () => {
    // Both consoles are open before any of these cases can miss a target (the node sweeps each minute by itself too).
    const { page, errors } = await signedInPage(admin);
    const rina = new ApiClient(node.url);
    expect((await rina.login('rina@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
    const agent = await signedInPage(rina, 'Semua yang terbuka');
    const tag = uid();
    const dueSoon = await caseOf(`Akun terkunci ${tag}`, 'urgent');
    const later = await caseOf(`Cashback belum masuk ${tag}`, 'normal');
    const overdue = await caseOf(`Transfer hilang ${tag}`, 'urgent');
    // Overdue too, but the admin's: an agent is not told about someone else's case.
    const theirs = await caseOf(`Refund belum diterima ${tag}`, 'urgent');
    expect((await admin.patch(`/api/v1/cases/${theirs.id}`, { assigneeId: (await admin.get('/api/v1/me')).body.id })).status).toBe(200);
    // 45 minutes old: 15 minutes past their 30-minute first response. The sweep records the misses.
    const db = node.app.desk.db;
    for (const k of [overdue, theirs]) await db.update(cases).set({ createdAt: new Date(Date.now() - 45 * 60_000) }).where(eq(cases.id, k.id));
    await sweepBreaches(node.app.desk);

    // A toast names each case; the agent (in Indonesian) hears of the unassigned one only.
    const toast = page.getByRole('button', { name: `${overdue.reference} missed its service-level target. Open the case` });
    await visible(toast);
    await visible(page.getByRole('button', { name: `${theirs.reference} missed its service-level target. Open the case` }));
    await visible(agent.page.getByRole('button', { name: `${overdue.reference} melewati target tingkat layanan. Buka kasus` }));
    expect(await agent.page.getByRole('button', { name: new RegExp(theirs.reference) }).count()).toBe(0);
    expect(agent.errors).toEqual([]);
    // The toast opens the case: the history says which target, the side panel by how much.
    await toast.click();
    await expect.poll(() => page.url()).toBe(`${node.url}/agent/cases/${overdue.id}`);
    await visible(page.getByRole('log').getByText('Missed the first-response target'));
    const first = page.getByRole('region', { name: 'Service level' }).locator('[data-clock=firstResponse]');
    await visible(first.getByText('Missed'));
    await visible(first.getByText(/^Overdue by 1[4-6] min$/));

    await page.getByRole('link', { name: 'At risk' }).click();
    await visible(page.getByRole('heading', { name: 'At risk', level: 1 }));
    const list = page.getByRole('list', { name: 'At risk' });
    const rowOf = (ref: string) => list.locator('.case-row', { hasText: ref });
    await visible(rowOf(overdue.reference));
    await visible(rowOf(dueSoon.reference));
    expect(await rowOf(later.reference).count()).toBe(0);
    const refs = await list.locator('.case-ref').allTextContents();
    expect(refs.indexOf(overdue.reference)).toBeLessThan(refs.indexOf(dueSoon.reference));
    // Overdue by 15 minutes; the other due within 30 minutes, a warning.
    const late = rowOf(overdue.reference).locator('.sla-chip');
    expect(await late.getAttribute('data-sla')).toBe('overdue');
    expect(await late.locator('.sla-chip-text').textContent()).toMatch(/^overdue 1[4-6] min$/);
    expect(await rowOf(dueSoon.reference).locator('.sla-chip').getAttribute('data-sla')).toBe('soon');
    expect(await rowOf(dueSoon.reference).locator('.sla-chip-text').textContent()).toMatch(/^due in (30|29) min$/);
    // A wider window takes in the case due in two hours.
    await page.getByRole('combobox', { name: 'Due within' }).selectOption('240');
    await visible(rowOf(later.reference));
    expect(await accessibilityProblems(page)).toEqual([]);
    // A row opens its case beside the list.
    await rowOf(dueSoon.reference).click();
    await visible(page.locator('.case-ref-big', { hasText: dueSoon.reference }));
    await visible(list);
    expect(errors).toEqual([]);
  });

  it('shows supervisors the policy read-only and the report, in their language', async () => {
    const supervisor = new ApiClient(node.url);
    expect((await supervisor.login('liwei@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
    expect((await supervisor.put('/api/v1/sla/policy', policy)).status).toBe(403);
    const { page, errors } = await signedInPage(supervisor, '全部未结');
    await page.getByRole('link', { name: '服务水平', exact: true }).click();
    await visible(page.getByRole('heading', { name: '服务水平', level: 1 }));
    await visible(page.getByText('只有管理员可以修改服务水平。'));
    const urgentFirst = page.getByRole('spinbutton', { name: '紧急优先级的首次响应目标（分钟）' });
    await expect.poll(() => urgentFirst.inputValue(), { timeout: soon }).toBe('30');
    expect(await urgentFirst.getAttribute('readonly')).not.toBeNull();
    await visible(page.locator('#sla-urgent-firstResponseMinutes-friendly', { hasText: /^30分钟$/ }));
    expect(await page.getByRole('switch', { name: '跟踪服务水平目标' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存服务水平' }).count()).toBe(0);
    // The report counts the miss recorded above, and links it to its case.
    const byClock = page.getByRole('region', { name: '按计时' });
    await expect.poll(async () => Number((await byClock.getByRole('row', { name: /^首次响应/ }).getByRole('cell').allTextContents())[1]), { timeout: soon }).toBeGreaterThan(0);
    const breaches = page.getByRole('region', { name: '最近未达成的目标' });
    await visible(breaches.getByRole('link').first());
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
