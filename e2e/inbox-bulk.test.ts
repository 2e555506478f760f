import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, hidden, launchBrowser, soon, visible } from './browser.js';

// Bulk actions in the inbox (POST /cases/bulk): an agent ticks cases with the mouse and `x`, a case merged meanwhile
// leaves the selection quietly, the agent assigns the cases to themselves and resolves them from the bar, a refusal
// by the server (an agent deactivated meanwhile) is said and keeps the cases selected, closing asks first, and the bar
// passes axe.

let node: TestNode;
let browser: Browser;
let admin: ApiClient;
let agent: ApiClient;
let agentId: string;
let visitor: ApiClient;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode();
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  agentId = (await agent.asNewAgent(admin, 'agent', 'Rina Wulandari')).id;
  // One customer for every case, so one of them can be merged into another.
  visitor = new ApiClient(node.url);
  await visitor.asVisitor();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

async function customerCase(subject: string): Promise<{ id: string; reference: string; subject: string }> {
  const created = await visitor.post('/api/v1/cases', { subject, message: { body: `${subject}: saldo saya belum masuk`, clientMessageId: uid() } });
  expect(created.status).toBe(201);
  return { id: created.body.id, reference: created.body.reference, subject };
}
const caseOf = async (id: string) => (await admin.get(`/api/v1/cases/${id}`)).body as { status: string; assigneeId: string | null; priority: string };

const bar = (page: Page) => page.getByRole('toolbar', { name: 'Bulk actions' });
/** Sends what was chosen in the bar. */
const applyChoice = (page: Page) => bar(page).getByRole('button', { name: 'Apply' }).click();
const box = (page: Page, reference: string) => page.getByRole('checkbox', { name: `Select case ${reference}`, exact: true });
const row = (page: Page, subject: string) => page.locator('.case-row', { hasText: subject });

describe('bulk actions in the inbox', { timeout: 180_000 }, () => {
  it('selects with the mouse and x, assigns to me, resolves, reports a refusal, closes after confirming', async () => {
    const tag = uid().slice(0, 6);
    const [a, b, c, d, e] = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((x) => customerCase(`Bulk ${x} ${tag}`)));
    // Someone the agent can pick from the bar, who is deactivated before the agent acts.
    const leaver = new ApiClient(node.url);
    const leaverId = (await leaver.asNewAgent(admin, 'agent', 'Dimas Leaving')).id;

    const { context, page, errors } = await consoleAs(browser, node.url, { cookie: agent.cookies.get('sapa_session')!, csrf: agent.csrf! });
    contexts.push(context);
    for (const k of [a, b, c, d, e]) await visible(row(page, k.subject));

    // Ticking a box selects without opening the case.
    await box(page, a.reference).click();
    await box(page, b.reference).click();
    await visible(bar(page).getByText('2 selected'));
    expect(page.url()).not.toContain(a.id);
    // Clicking the row elsewhere opens it and leaves the selection as it was; `x` ticks the open (focused) row.
    await row(page, c.subject).click();
    await visible(page.locator('.case-title', { hasText: c.subject }));
    await visible(bar(page).getByText('2 selected'));
    await page.locator('.case-row', { hasText: c.subject }).focus();
    await page.keyboard.press('x');
    await visible(bar(page).getByText('3 selected'));
    expect(await box(page, c.reference).isChecked()).toBe(true);
    // The header box is mixed (some shown cases ticked).
    const all = page.getByRole('checkbox', { name: 'Select all shown' });
    expect(await all.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(true);

    // A fourth case ticked, then merged into another through the API: it leaves the list and the selection, quietly.
    await box(page, d.reference).click();
    await visible(bar(page).getByText('4 selected'));
    expect((await agent.post(`/api/v1/cases/${d.id}/merge`, { intoCaseId: e.id })).status).toBe(200);
    await hidden(row(page, d.subject));
    await visible(bar(page).getByText('3 selected'));
    expect(await page.locator('.bulk-failed').count()).toBe(0);

    // The checkboxes and the toolbar pass axe.
    expect(await accessibilityProblems(page)).toEqual([]);

    // Assigned to an agent deactivated meanwhile: the server refuses (422), said with its message; all stay selected.
    expect((await admin.patch(`/api/v1/agents/${leaverId}`, { active: false })).status).toBe(200);
    await bar(page).getByRole('combobox', { name: 'Assign to…' }).selectOption({ label: 'Dimas Leaving' });
    await applyChoice(page);
    const failed = page.locator('.bulk-failed[role=alert]');
    await visible(failed);
    for (const k of [a, b, c]) await visible(failed.getByText(k.reference));
    await visible(bar(page).getByText('3 selected'));
    expect((await caseOf(a.id)).assigneeId).toBeNull();

    // Assign to me: one request, a toast, the rows show the assignee, and the selection empties.
    await bar(page).getByRole('combobox', { name: 'Assign to…' }).selectOption({ label: 'Me' });
    await applyChoice(page);
    await visible(page.locator('.toast', { hasText: '3 cases updated' }));
    await hidden(bar(page));
    for (const k of [a, b, c]) {
      expect((await caseOf(k.id)).assigneeId).toBe(agentId);
      await visible(row(page, k.subject).getByText('Assigned to Rina Wulandari'));
    }
    // The agent took them: no "was assigned to you" toast.
    expect(await page.locator('.toast', { hasText: 'was assigned to you' }).count()).toBe(0);

    // Select again (x on the focused row, the mouse for the others), Escape clears, then resolve from the bar.
    await page.locator('.case-row', { hasText: a.subject }).focus();
    await page.keyboard.press('x');
    await visible(bar(page).getByText('1 selected'));
    await page.keyboard.press('Escape');
    await hidden(bar(page));
    await page.locator('.case-row', { hasText: a.subject }).focus();
    await page.keyboard.press('x');
    await box(page, b.reference).click();
    await box(page, c.reference).click();
    await visible(bar(page).getByText('3 selected'));
    // Choosing alone changes nothing (arrow keys pass over a closed dropdown's options): Apply sends it.
    await bar(page).getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'Resolved' });
    await page.waitForTimeout(500);
    expect((await caseOf(a.id)).status).toBe('open');
    await applyChoice(page);
    await visible(page.locator('.toast', { hasText: '3 cases updated' }));
    // Resolved cases leave "All open" (c stays while it is the open case, now marked resolved).
    await hidden(row(page, a.subject));
    await hidden(row(page, b.subject));
    for (const k of [a, b, c]) expect((await caseOf(k.id)).status).toBe('resolved');
    await hidden(bar(page));

    // Closing asks first: cancel changes nothing, confirming closes.
    await box(page, e.reference).click();
    await bar(page).getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'Closed' });
    await applyChoice(page);
    const dialog = page.getByRole('dialog', { name: 'Close 1 case?' });
    await visible(dialog);
    await visible(dialog.getByText('Closed cases cannot be replied to'));
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await hidden(dialog);
    expect((await caseOf(e.id)).status).toBe('open');
    await visible(bar(page).getByText('1 selected'));
    await applyChoice(page);
    await dialog.getByRole('button', { name: 'Close cases' }).click();
    await expect.poll(async () => (await caseOf(e.id)).status, { timeout: soon }).toBe('closed');
    await hidden(row(page, e.subject));

    // Among closed cases, the duplicate merged into e cannot change (the server names the case to use) while e does.
    await page.locator('select.filter[aria-label="Status"]').selectOption({ label: 'Closed' });
    await visible(row(page, d.subject));
    await box(page, d.reference).click();
    await box(page, e.reference).click();
    await bar(page).getByRole('combobox', { name: 'Set priority…' }).selectOption({ label: 'High' });
    await applyChoice(page);
    await visible(page.locator('.toast', { hasText: '1 case updated' }));
    await visible(failed.getByText(`This case was merged into ${e.reference}, where its conversation continues. Make the change there.`));
    expect(await failed.locator('li').count()).toBe(1);
    await visible(failed.getByText(d.reference));
    await visible(bar(page).getByText('1 selected'));
    expect((await caseOf(e.id)).priority).toBe('high');
    expect((await caseOf(d.id)).priority).toBe('normal');
    expect(errors).toEqual([]);
  });
});
