import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepComplaints } from '../server/src/modules/complaints/service.js';
import { ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, hidden, launchBrowser, soon, visible } from './browser.js';

// Formal complaints in the agent console: registered from the case's side panel (and refused there when the case has
// one already), listed on the Complaints screen, extended and answered by a supervisor, an overdue one marked in the
// list, and the deadlines' settings with the server's refusal at its field.

const DAY = 86_400_000;

let node: TestNode;
let browser: Browser;
let admin: ApiClient;
let agent: ApiClient;
let colleague: ApiClient;
let supervisor: ApiClient;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode();
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  await agent.asNewAgent(admin, 'agent', 'Ayu Lestari');
  colleague = new ApiClient(node.url);
  await colleague.asNewAgent(admin, 'agent', 'Bima Santoso');
  supervisor = new ApiClient(node.url);
  await supervisor.asNewAgent(admin, 'supervisor', 'Sari Wijaya');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

/** A fresh browser profile signed in with an API session (as a tab that signed in through the form would be). */
async function signedInPage(who: ApiClient, at = '/agent'): Promise<{ page: Page; errors: string[] }> {
  const { context, page, errors } = await consoleAs(browser, node.url, { cookie: who.cookies.get('sapa_session')!, csrf: who.csrf! }, at);
  contexts.push(context);
  return { page, errors };
}

/** A visitor's web chat case. */
async function caseOf(subject: string): Promise<{ id: string; reference: string }> {
  const visitor = new ApiClient(node.url);
  await visitor.asVisitor();
  const created = await visitor.post('/api/v1/cases', { subject, message: { body: `${subject}: I was charged twice and nobody has fixed it.`, clientMessageId: uid() } });
  expect(created.status).toBe(201);
  return { id: created.body.id, reference: created.body.reference };
}

const complaintSection = (page: Page) => page.getByRole('region', { name: 'Formal complaint' });

describe('formal complaints in the agent console', { timeout: 120_000 }, () => {
  let registered: { caseId: string; caseReference: string; reference: string };

  it('lets an agent register a complaint from the side panel, and refuses a second one in the dialog', async () => {
    const k = await caseOf(`Double charge ${uid()}`);
    // Two agents have the case open, and both start registering the complaint.
    const first = await signedInPage(agent, `/agent/cases/${k.id}`);
    const second = await signedInPage(colleague, `/agent/cases/${k.id}`);
    for (const { page } of [first, second]) {
      await visible(complaintSection(page).getByText('No formal complaint is registered on this case.'));
      await complaintSection(page).getByRole('button', { name: 'Register formal complaint' }).click();
      await visible(page.getByRole('dialog', { name: `Register a formal complaint on ${k.reference}` }));
    }
    const { page, errors } = first;
    const dialog = page.getByRole('dialog', { name: `Register a formal complaint on ${k.reference}` });
    expect(await accessibilityProblems(page)).toEqual([]);

    // The summary is required: said under it, and nothing sent.
    await dialog.getByRole('button', { name: 'Register complaint' }).click();
    const summary = dialog.getByRole('textbox', { name: 'Neutral summary' });
    await visible(dialog.getByText('Write a neutral summary of the complaint.'));
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    expect((await agent.get(`/api/v1/cases/${k.id}/complaint`)).body.complaint).toBeNull();
    // A date received in the future is refused at its field.
    const received = dialog.getByLabel('Date received');
    const defaultReceived = await received.inputValue();
    expect(defaultReceived).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await received.fill('2099-01-01T10:00');
    await summary.fill('Customer was charged twice for one top-up on 2 March; the refund promised in chat has not arrived.');
    await dialog.getByRole('textbox', { name: 'What the customer wants (optional)' }).fill('The second charge refunded.');
    await dialog.getByRole('button', { name: 'Register complaint' }).click();
    await visible(dialog.getByText('The date received cannot be in the future.'));
    // A wrong year, long before the case was opened: refused too, before anything is sent.
    await received.fill('2016-12-01T10:00');
    await dialog.getByRole('button', { name: 'Register complaint' }).click();
    await visible(dialog.getByText('More than 90 days before the case was opened: check the year.'));
    expect((await agent.get(`/api/v1/cases/${k.id}/complaint`)).body.complaint).toBeNull();
    await received.fill(defaultReceived);
    await dialog.getByRole('button', { name: 'Register complaint' }).click();
    await hidden(dialog);

    // The section shows it; the case is a complaint, the customer acknowledged in the timeline, the history says who.
    const section = complaintSection(page);
    const reference = (await section.locator('.complaint-ref').textContent({ timeout: soon })) ?? '';
    expect(reference).toMatch(/^CMP-[A-Z2-9]{8}$/);
    await visible(page.getByRole('status').filter({ hasText: `Complaint ${reference} registered; the customer was told.` }));
    await visible(section.getByText('Open', { exact: true }));
    await visible(section.getByText(/\d+ working days? left$/));
    await visible(section.getByText('The second charge refunded.'));
    await visible(section.getByText('Ayu Lestari'));
    expect(await section.getByRole('button', { name: 'Register formal complaint' }).count()).toBe(0);
    // An agent neither extends nor answers.
    expect(await section.getByRole('button', { name: /Extend deadline|Send written answer/ }).count()).toBe(0);
    const log = page.getByRole('log');
    // Sapa's acknowledgement to the customer, with the reference and the date of the answer: a message that went out.
    await visible(log.getByRole('article', { name: 'Sapa (automatic notice)' }).filter({ hasText: `formal complaint ${reference}` }));
    await visible(log.getByText(`you registered formal complaint ${reference}`));
    const details = page.getByRole('region', { name: 'Details' });
    await expect.poll(() => details.getByRole('combobox', { name: 'Category' }).inputValue(), { timeout: soon }).toBe('complaint');
    await expect.poll(() => details.getByRole('combobox', { name: 'Priority' }).inputValue(), { timeout: soon }).toBe('high');
    // The case is a complaint: the playbook is a click away.
    const playbook = section.getByRole('link', { name: /Playbook: handling a formal complaint/ });
    await visible(playbook);
    expect(await playbook.getAttribute('href')).toBe('/help/en/articles/agent-complaint-handling-playbook');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The colleague's dialog, still open, is refused by the server: it names the complaint registered meanwhile.
    const late = second.page.getByRole('dialog', { name: `Register a formal complaint on ${k.reference}` });
    await late.getByRole('textbox', { name: 'Neutral summary' }).fill('Customer complains about a double charge.');
    await late.getByRole('button', { name: 'Register complaint' }).click();
    const refusal = late.getByRole('alert');
    await visible(refusal);
    expect(await refusal.textContent()).toContain('This case already has a formal complaint waiting for its answer.');
    expect(await refusal.textContent()).toContain(`Its open complaint: ${reference}.`);
    expect(await accessibilityProblems(second.page)).toEqual([]);
    await late.getByRole('button', { name: 'Cancel' }).click();
    // Behind it, the colleague's panel had already heard of the complaint.
    await visible(complaintSection(second.page).getByText(reference));
    const all = (await agent.get(`/api/v1/complaints?state=all&limit=200`)).body.items as { caseId: string }[];
    expect(all.filter((c) => c.caseId === k.id)).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
    registered = { caseId: k.id, caseReference: k.reference, reference };
  });

  it('lists the complaint on the Complaints screen for every agent, with a link to its case', async () => {
    const { page, errors } = await signedInPage(agent);
    await page.getByRole('link', { name: 'Complaints', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Formal complaints', level: 1 }));
    expect(page.url()).toBe(`${node.url}/agent/complaints`);
    expect(await page.getByRole('radio', { name: 'Open' }).isChecked()).toBe(true);
    const row = page.locator(`tr[data-complaint="${registered.reference}"]`);
    await visible(row);
    await visible(row.getByText('Ayu Lestari'));
    await visible(row.getByText(/^\d+ working days? left$/));
    // Not the settings: they are for supervisors and admins.
    expect(await page.getByRole('form', { name: 'Complaint deadlines' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Answered: not there yet.
    await page.getByRole('radio', { name: 'Answered' }).check();
    await hidden(page.locator(`tr[data-complaint="${registered.reference}"]`));
    await page.getByRole('radio', { name: 'Open' }).check();
    await row.getByRole('link', { name: new RegExp(registered.caseReference) }).click();
    await expect.poll(() => page.url()).toBe(`${node.url}/agent/cases/${registered.caseId}`);
    await visible(complaintSection(page).getByText(registered.reference));
    expect(errors).toEqual([]);
  });

  it('lets a supervisor extend the deadline with a reason and send the written answer, which resolves the case', async () => {
    const { page, errors } = await signedInPage(supervisor, `/agent/cases/${registered.caseId}`);
    const section = complaintSection(page);
    await visible(section.getByText(registered.reference));
    const dueBefore = (await supervisor.get(`/api/v1/cases/${registered.caseId}/complaint`)).body.complaint.dueAt as string;

    await section.getByRole('button', { name: 'Extend deadline…' }).click();
    const extend = page.getByRole('dialog', { name: `Extend the deadline of ${registered.reference}` });
    await visible(extend);
    await extend.getByRole('button', { name: 'Extend deadline' }).click();
    await visible(extend.getByText('Write the reason for the extension.'));
    const reason = 'We are waiting for the bank’s statement of the second charge';
    await extend.getByRole('textbox', { name: 'Reason (the customer reads it)' }).fill(reason);
    await extend.getByRole('button', { name: 'Extend deadline' }).click();
    await hidden(extend);
    await visible(section.getByText('Extended', { exact: true }));
    await visible(section.getByText(reason));
    await hidden(section.getByRole('button', { name: 'Extend deadline…' }));
    const extended = (await supervisor.get(`/api/v1/cases/${registered.caseId}/complaint`)).body.complaint;
    expect(Date.parse(extended.dueAt)).toBeGreaterThan(Date.parse(dueBefore));
    const log = page.getByRole('log');
    await visible(log.getByText(/^you extended the complaint’s deadline to /));
    // The customer was told why, on the case.
    await visible(log.getByRole('article', { name: 'Sapa (automatic notice)' }).filter({ hasText: reason }));

    // The written answer: text and outcome, then what happens, then sent.
    await section.getByRole('button', { name: 'Send written answer…' }).click();
    const answer = page.getByRole('dialog', { name: `Written answer to ${registered.reference}` });
    await visible(answer);
    await answer.getByRole('button', { name: 'Review answer' }).click();
    await visible(answer.getByText('Write the answer.'));
    await visible(answer.getByText('Choose the outcome.'));
    const text = `We refunded the second charge of your top-up on 3 March ${uid()}.`;
    await answer.getByRole('textbox', { name: 'Answer' }).fill(text);
    await answer.getByRole('radio', { name: 'Partly upheld' }).check();
    await answer.getByRole('button', { name: 'Review answer' }).click();
    await visible(answer.getByRole('heading', { name: 'Send this answer to the customer?' }));
    await visible(answer.getByText('It goes to the customer on Web as your reply, followed by where to take the complaint if they disagree.'));
    await visible(answer.getByText(`Case ${registered.caseReference} is resolved; a reply from the customer opens it again.`));
    expect(await accessibilityProblems(page)).toEqual([]);
    await answer.getByRole('button', { name: 'Send answer to the customer' }).click();
    await hidden(answer);

    await visible(section.getByText('Answered', { exact: true }));
    await visible(section.getByText('Partly upheld'));
    await visible(section.getByText('Sari Wijaya'));
    await hidden(section.getByRole('button', { name: 'Send written answer…' }));
    await visible(section.getByRole('button', { name: 'Register a new complaint' }));
    await visible(page.locator('.case-head-meta .pill', { hasText: 'Resolved' }));
    await visible(log.locator('.message', { hasText: text }));
    await visible(log.getByText('you sent the written answer to the complaint: Partly upheld'));
    expect((await supervisor.get(`/api/v1/cases/${registered.caseId}`)).body.status).toBe('resolved');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('marks an overdue complaint in the list and on its case', async () => {
    const k = await caseOf(`Refund never arrived ${uid()}`);
    const made = await agent.post(
      `/api/v1/cases/${k.id}/complaint`,
      { summary: 'Refund of a failed transfer not received after six weeks.', receivedAt: new Date(Date.now() - 40 * DAY).toISOString() },
      { 'idempotency-key': uid() },
    );
    expect(made.status).toBe(201);
    const reference = made.body.reference as string;
    expect(made.body.overdue).toBe(true);
    // The sweep escalates it (each node runs it every minute; here at once).
    await sweepComplaints(node.app.desk);

    const { page, errors } = await signedInPage(agent, '/agent/complaints');
    await visible(page.getByRole('heading', { name: 'Formal complaints', level: 1 }));
    await page.getByRole('radio', { name: 'Overdue' }).check();
    const row = page.locator(`tr[data-complaint="${reference}"]`);
    await visible(row);
    // In words and with an icon, not by colour alone.
    const warning = row.locator('[data-warning=overdue]');
    await visible(warning);
    expect((await warning.textContent())?.trim()).toBe('Overdue');
    expect(await warning.locator('svg').count()).toBe(1);
    await visible(row.getByText('past the deadline'));
    // The one answered in time is not overdue.
    expect(await page.locator(`tr[data-complaint="${registered.reference}"]`).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Open lists it first: its deadline is the soonest.
    await page.getByRole('radio', { name: 'Open' }).check();
    await visible(page.locator(`tr[data-complaint="${reference}"]`));
    expect(await page.locator('tr[data-complaint]').first().getAttribute('data-complaint')).toBe(reference);

    await page.locator(`tr[data-complaint="${reference}"]`).getByRole('link').click();
    const section = complaintSection(page);
    await visible(section.locator('[data-warning=overdue]'));
    await visible(page.getByRole('log').getByText(/^The complaint’s written answer is overdue: it was due /));
    expect(errors).toEqual([]);
  });

  it('lets an admin change the deadlines, with the server’s refusal at its field; supervisors read them', async () => {
    const before = (await admin.get('/api/v1/complaints/settings')).body;
    const { page, errors } = await signedInPage(admin, '/agent/complaints');
    const card = page.getByRole('form', { name: 'Complaint deadlines' });
    await visible(card);
    const answerDays = card.getByRole('spinbutton', { name: 'Written answer due after' });
    await expect.poll(() => answerDays.inputValue(), { timeout: soon }).toBe(String(before.answerWorkingDays));
    await answerDays.fill('0');
    await card.getByRole('button', { name: 'Save deadlines' }).click();
    const fieldError = page.locator('#complaint-setting-answerWorkingDays-error');
    await visible(fieldError);
    expect(await fieldError.textContent()).toBe('A whole number from 1 to 90.');
    expect(await answerDays.getAttribute('aria-invalid')).toBe('true');
    expect(await card.locator('input[aria-invalid=true]').count()).toBe(1);
    expect((await admin.get('/api/v1/complaints/settings')).body).toEqual(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await card.getByRole('spinbutton', { name: 'Warn the team' }).fill('5');
    await answerDays.fill('15');
    await card.getByRole('button', { name: 'Save deadlines' }).click();
    await visible(page.getByRole('status').filter({ hasText: /^Complaint deadlines saved$/ }));
    expect((await admin.get('/api/v1/complaints/settings')).body).toEqual({ ...before, answerWorkingDays: 15, warnWorkingDays: 5 });
    expect(await card.locator('input[aria-invalid=true]').count()).toBe(0);
    expect((await admin.put('/api/v1/complaints/settings', before)).status).toBe(200);

    const sup = await signedInPage(supervisor, '/agent/complaints');
    const readOnly = sup.page.getByRole('form', { name: 'Complaint deadlines' });
    await visible(readOnly.getByText('Only admins can change the complaint deadlines.'));
    expect(await readOnly.getByRole('spinbutton', { name: 'Written answer due after' }).getAttribute('readonly')).not.toBeNull();
    expect(await readOnly.getByRole('button', { name: 'Save deadlines' }).count()).toBe(0);
    expect(errors).toEqual([]);
    expect(sup.errors).toEqual([]);
  });
});
