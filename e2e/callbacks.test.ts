import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../server/src/modules/callbacks/hours.js';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, hidden, launchBrowser, soon, visible } from './browser.js';

// Phone callbacks in the agent console: the Callbacks screen lists the scheduled ones by the desk's day with an
// overdue one marked and the name each was booked with (one given without signing in marked as not verified), records
// "No answer" (the server books the retry and returns it, the screen names it), moves one to another free slot (the
// server's refusal of a slot taken meanwhile said at the select), and cancels one after asking.

const ZONE = 'Asia/Jakarta';
let node: TestNode;
let browser: Browser;
let admin: ApiClient;
let agent: ApiClient;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode({ SAPA_TIMEZONE: ZONE });
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  await agent.asNewAgent(admin, 'agent', 'Dewi Lestari');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

/** The n-th working day (Mon–Sat in Jakarta) at least two days from now, as YYYY-MM-DD. */
function workday(n: number): string {
  let found = -1;
  for (let d = 2; d < 40; d++) {
    const p = localParts(new Date(Date.now() + d * 86400_000), ZONE);
    if (p.weekday === 7) continue;
    if (++found === n) return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }
  throw new Error('no workday');
}
const fullDay = (date: string) => new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
const slotsOf = async (date: string) => (await admin.get(`/api/v1/callbacks/slots?date=${date}`)).body.slots as { start: string; local: string }[];
const phone = () => `+62812${Math.floor(1e6 + Math.random() * 8e6)}`;
async function book(name: string, topic: string, slot: string): Promise<{ id: string; phone: string; reference: string }> {
  const r = await admin.post('/api/v1/callbacks', { phone: phone(), name, topic, slot, locale: 'id-ID' });
  expect(r.status).toBe(201);
  return r.body;
}
const callbackOf = async (id: string) =>
  ((await admin.get('/api/v1/callbacks?limit=100')).body.items as { id: string; caseId: string; status: string; slot: string; retryOf: string | null }[]).find((c) => c.id === id);
const deskTime = (iso: string) => new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: ZONE }).format(new Date(iso));

describe('phone callbacks in the agent console', { timeout: 120_000 }, () => {
  it('lists them by day, records no answer with its retry, moves one and cancels one after asking', async () => {
    const day = workday(0);
    const slots = await slotsOf(day);
    const budi = await book('Budi Santoso', 'Saldo terpotong dua kali', slots[0].start);
    const sari = await book('Sari Wulandari', 'Akun terblokir', slots[1].start);
    const joko = await book('Joko Widodo', 'Top up belum masuk', slots[2].start);
    // A callback whose time has passed without an outcome: booked ahead, then its slot put an hour ago.
    const late = await book('Rina Hartono', 'Penarikan tertunda', slots[3].start);
    await node.app.desk.db.execute(sql`update callbacks set slot_at = now() - interval '1 hour' where id = ${late.id}`);
    // Booked from the help center without signing in: the name is whatever was typed.
    const anon = (await new ApiClient(node.url).post('/api/v1/callbacks', { phone: phone(), name: 'Andi Pratama', topic: 'Kartu hilang', slot: slots[4].start, locale: 'id-ID' })).body as { id: string };

    const { context, page, errors } = await consoleAs(browser, node.url, { cookie: agent.cookies.get('sapa_session')!, csrf: agent.csrf! });
    contexts.push(context);
    await page.getByRole('link', { name: 'Callbacks', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Phone callbacks', level: 1 }));
    expect(page.url()).toBe(`${node.url}/agent/callbacks`);
    await visible(page.getByText(`Times are the desk’s (${ZONE})`));

    // Slot order, grouped by the desk's day: the overdue one first and marked, then the day booked.
    const rows = page.locator('tr[data-callback]');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-callback'))), { timeout: soon }).toEqual([late.id, budi.id, sari.id, joko.id, anon.id]);
    await visible(page.getByRole('heading', { name: fullDay(day), level: 2 }));
    const budiRow = page.locator(`tr[data-callback="${budi.id}"]`);
    await visible(budiRow.getByText('Budi Santoso'));
    expect(await budiRow.getByText('Not verified').count()).toBe(0);
    const anonRow = page.locator(`tr[data-callback="${anon.id}"]`);
    await visible(anonRow.getByText('Andi Pratama'));
    await visible(anonRow.getByText('Not verified'));
    expect(await budiRow.getByRole('rowheader').textContent()).toBe(deskTime(slots[0].start));
    expect(await budiRow.getByRole('link', { name: `Call ${budi.phone}` }).getAttribute('href')).toBe(`tel:${budi.phone}`);
    expect(await budiRow.getByText('Saldo terpotong dua kali').count()).toBe(1);
    expect(await budiRow.getByText('Attempt 1').count()).toBe(1);
    expect(await budiRow.getByRole('link', { name: budi.reference }).getAttribute('href')).toBe(`/agent/cases/${(await callbackOf(budi.id))?.caseId}`);
    const lateRow = page.locator(`tr[data-callback="${late.id}"]`);
    expect(await lateRow.getAttribute('data-overdue')).toBe('true');
    await visible(lateRow.getByText('Overdue'));
    await visible(page.getByText('1 overdue: their time has passed'));
    expect(await budiRow.getAttribute('data-overdue')).toBeNull();
    expect(await accessibilityProblems(page)).toEqual([]);

    // No answer on the overdue one: the server books a retry, which the screen names and lists.
    await lateRow.getByRole('button', { name: 'No answer' }).click();
    await visible(page.getByRole('status').filter({ hasText: `No answer from ${late.phone}: the retry is booked for` }));
    await hidden(lateRow);
    expect((await callbackOf(late.id))?.status).toBe('missed');
    const retry = ((await admin.get('/api/v1/callbacks?status=scheduled&limit=100')).body.items as { id: string; retryOf: string | null; attempt: number }[]).find((c) => c.retryOf === late.id);
    expect(retry?.attempt).toBe(2);
    const retryRow = page.locator(`tr[data-callback="${retry!.id}"]`);
    await visible(retryRow.getByText('Attempt 2 · new retry'));
    await visible(retryRow.getByText('Rina Hartono'));
    await hidden(page.getByText('overdue: their time has passed'));

    // Move Sari's: the slot chosen is taken meanwhile (refused at the select), then another one.
    await page.locator(`tr[data-callback="${sari.id}"]`).getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move the callback' });
    await visible(dialog);
    const next = workday(1);
    await dialog.getByLabel('Day').fill(next);
    const select = dialog.getByRole('combobox', { name: 'Free slot' });
    const nextSlots = await slotsOf(next);
    await expect.poll(() => select.inputValue(), { timeout: soon }).toBe(nextSlots[0].start);
    expect(await accessibilityProblems(page)).toEqual([]);
    await book('Penelepon Satu', 'Lain', nextSlots[0].start);
    await book('Penelepon Dua', 'Lain', nextSlots[0].start);
    await dialog.getByRole('button', { name: 'Move callback' }).click();
    const refusal = (await admin.patch(`/api/v1/callbacks/${sari.id}`, { slot: nextSlots[0].start })).body.error.message as string;
    await visible(dialog.getByRole('alert').filter({ hasText: refusal }));
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    // The slots are read again: the full one is gone, the next is chosen.
    await expect.poll(() => select.inputValue(), { timeout: soon }).toBe(nextSlots[1].start);
    await dialog.getByRole('button', { name: 'Move callback' }).click();
    await hidden(dialog);
    await visible(page.getByRole('status').filter({ hasText: `The callback to ${sari.phone} moved to` }));
    expect((await callbackOf(sari.id))?.slot).toBe(nextSlots[1].start);
    await visible(page.getByRole('heading', { name: fullDay(next), level: 2 }));

    // Recorded elsewhere (by a colleague, by the API): the screen follows the case's callback message, not the 30 s poll.
    expect((await admin.patch(`/api/v1/callbacks/${budi.id}`, { status: 'completed', outcome: 'Refund explained' })).status).toBe(200);
    await hidden(budiRow, 10_000);

    // Cancel Joko's: asked first; keeping it changes nothing.
    const jokoRow = page.locator(`tr[data-callback="${joko.id}"]`);
    await jokoRow.getByRole('button', { name: 'Cancel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Cancel this callback?' });
    await visible(confirm.getByText(`Nobody will call ${joko.phone}`));
    expect(await accessibilityProblems(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await hidden(confirm);
    expect((await callbackOf(joko.id))?.status).toBe('scheduled');
    await jokoRow.getByRole('button', { name: 'Cancel' }).click();
    await confirm.getByRole('button', { name: 'Cancel callback' }).click();
    await hidden(confirm);
    await hidden(jokoRow);
    expect((await callbackOf(joko.id))?.status).toBe('cancelled');

    // "All from today" shows the finished ones too, with their status.
    await page.getByRole('radio', { name: 'All from today' }).check();
    await visible(jokoRow.getByText('Cancelled'));
    await visible(budiRow.getByText('Refund explained'));
    expect(await budiRow.getByText('Done').count()).toBe(1);
    expect(await jokoRow.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Opened again on "All from today" (kept for the tab): the desk's day is found before the first page.
    await page.reload();
    await visible(page.locator(`tr[data-callback="${joko.id}"]`).getByText('Cancelled'));
    expect(await page.getByRole('radio', { name: 'All from today' }).isChecked()).toBe(true);
    await visible(page.getByText(`Times are the desk’s (${ZONE})`));
    expect(errors).toEqual([]);
  });
});
