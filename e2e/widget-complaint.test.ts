import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SignJWT } from 'jose';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser, soon, visible } from './browser.js';

// A signed-in customer makes a formal complaint about their case from the chat widget, and follows it there: the
// widget on a host page of another origin, a real node, Chromium. (The agents' side is e2e/complaints.test.ts.)

const root = path.resolve(import.meta.dirname, '..');
const JWT_SECRET = 'widget-e2e-identity-secret-0123456789';
const LONG = 240_000;
const within = { timeout: soon };

let node: TestNode;
let hostServer: Server;
let hostOrigin: string;
let browser: Browser;
let admin: ApiClient;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode({ SAPA_WIDGET_JWT_SECRET: JWT_SECRET });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  const template = readFileSync(path.join(root, 'e2e/fixtures/host.html'), 'utf8');
  hostServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const html = template
      .replace('{{LANG}}', 'en')
      .replace('{{SAPA}}', node.url)
      .replace('{{ATTRS}}', '')
      .replace('{{SETTINGS}}', (url.searchParams.get('settings') ?? '{}').replace(/</g, '\\u003c'))
      .replace('{{BROKEN}}', '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(hostServer.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await new Promise((resolve) => hostServer?.close(resolve));
  await node?.stop();
});

/** The wallet's backend signs its customer in to the widget. */
const identityToken = (sub: string, name: string) =>
  new SignJWT({ name, email: `${sub}@example.test` }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));

/**
 * The host page (another origin than Sapa) in a fresh browser profile; a customer when a token is given. The customer
 * is in London, the desk (by default) in Jakarta.
 */
async function hostPage(token?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/London' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${hostOrigin}/?${new URLSearchParams({ settings: JSON.stringify(token ? { identityToken: token } : {}) })}`);
  await page.locator('sapa-widget').waitFor({ state: 'attached' });
  return page;
}

const input = (page: Page) => page.locator('sapa-widget #sapa-input');
const thread = (page: Page) => page.locator('sapa-widget .thread');
const tools = (page: Page) => page.locator('sapa-widget .chat-tools');
const complaintButton = (page: Page) => tools(page).getByRole('button', { name: 'Formal complaint' });
const view = (page: Page) => page.locator('sapa-widget section.complaint');
const what = (page: Page) => view(page).getByRole('textbox', { name: 'What went wrong' });
const want = (page: Page) => view(page).getByRole('textbox', { name: 'What would you like us to do? (optional)' });
const submit = (page: Page) => view(page).getByRole('button', { name: 'Submit complaint' });
const text = async (page: Page, selector: string) => ((await view(page).locator(selector).first().textContent().catch(() => '')) ?? '').trim();
/** What has the keyboard inside the widget's shadow root. */
const active = (page: Page) =>
  page.evaluate<string>(
    `(() => { const e = document.querySelector('sapa-widget').shadowRoot.activeElement; return e ? e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + (e.tagName === 'TEXTAREA' ? '' : (e.textContent || '').trim().slice(0, 40)) : ''; })()`,
  );

async function openWidget(page: Page) {
  await page.locator('sapa-widget .launcher').click();
  await input(page).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Writes the first message, which opens the case; returns its id once Sapa has it. */
async function openCase(page: Page, message: string): Promise<string> {
  await input(page).fill(message);
  await input(page).press('Enter');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), within).toBeNull();
  const caseId = await page.evaluate(() => (JSON.parse(localStorage.getItem('sapa:conversation') ?? '{}') as { caseId?: string }).caseId);
  expect(caseId, 'the widget remembers its case').toBeTruthy();
  return caseId!;
}

const draftOf = (page: Page, caseId: string) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { summary: string; desired: string; key?: string } | null, `sapa:complaint:${caseId}`);
type TeamView = { id: string; reference: string; dueAt: string; filedBy: string; summary: string; desiredOutcome: string | null; status: string };
const teamView = async (caseId: string) => (await admin.get<{ complaint: TeamView | null }>(`/api/v1/cases/${caseId}/complaint`)).body.complaint;
const complaintPosts = (page: Page) => {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/cases\/[^/]+\/complaint/.test(r.url())) seen.push(r);
  });
  return seen;
};

describe('formal complaints in the chat widget', () => {
  it('a signed-in customer files one from the keyboard, sees its reference and due date and the acknowledgement, and follows it to the answer', { timeout: LONG }, async () => {
    const page = await hostPage(await identityToken(`wallet-user-${Date.now()}`, 'Siti Rahma'));
    await openWidget(page);
    // Not before there is a case to complain about.
    expect(await complaintButton(page).count()).toBe(0);
    const caseId = await openCase(page, 'My transfer of 200,000 to BCA failed but the money left my account');
    await visible(complaintButton(page));
    const posts = complaintPosts(page);

    // By keyboard alone: the button opens the view, which takes the keyboard to its heading.
    await complaintButton(page).focus();
    await page.keyboard.press('Enter');
    await visible(view(page));
    await expect.poll(() => active(page), within).toBe('H2#sapa-complaint-h Formal complaint');
    await visible(view(page).getByText('A formal complaint gets a reference and a written answer from our complaints team by a set date.', { exact: false }));
    await expect.poll(() => complaintButton(page).getAttribute('aria-pressed'), within).toBe('true');
    // The message box belongs to the thread.
    expect(await input(page).count()).toBe(0);
    await visible(what(page));
    expect(await accessibilityProblems(page)).toEqual([]);

    // Submitted empty: said at the field, which takes the keyboard; nothing sent.
    await page.keyboard.press('Tab');
    await expect.poll(() => active(page), within).toBe('TEXTAREA#sapa-complaint-what ');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => active(page), within).toBe('BUTTON.btn Submit complaint');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '#sapa-complaint-missing[role=alert]'), within).toBe('Please tell us what went wrong.');
    await expect.poll(() => active(page), within).toBe('TEXTAREA#sapa-complaint-what ');
    expect(await what(page).getAttribute('aria-invalid')).toBe('true');
    expect(await what(page).getAttribute('aria-describedby')).toBe('sapa-complaint-missing');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(posts).toHaveLength(0);

    const statement = 'The transfer failed on 2 March, the 200,000 left my balance, and three chats later nobody has returned it.';
    await page.keyboard.type(statement);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Return the 200,000 to my balance');
    // Kept as it is written.
    await expect.poll(() => draftOf(page, caseId), within).toMatchObject({ summary: statement, desired: 'Return the 200,000 to my balance' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Filed: the reference, the status, the dates; the keyboard on the complaint; the draft gone.
    const reference = view(page).locator('.filed h3');
    await expect.poll(async () => (await reference.textContent()) ?? '', within).toMatch(/^Complaint CMP-[A-Z2-9]{8}$/);
    const ref = ((await reference.textContent()) ?? '').replace('Complaint ', '');
    await expect.poll(() => active(page), within).toMatch(/^DIV\.filed /);
    expect(await text(page, '.filed [role=status]')).toBe('We have received your complaint. Our acknowledgement is in the conversation too.');
    const team = (await teamView(caseId))!;
    expect(team).toMatchObject({ reference: ref, filedBy: 'customer', summary: statement, desiredOutcome: 'Return the 200,000 to my balance', status: 'open' });
    const details = await view(page).locator('.filed dl').innerText();
    expect(details).toContain('Open: our complaints team is reviewing it');
    // Dates as the desk counts them, in Jakarta, named so for a customer in London.
    expect(details).toMatch(/Received\s+\w{3} \d{1,2}, \d{4}, \d\d:\d\d [AP]M GMT\+7/);
    const dueDay = new Date(team.dueAt).toLocaleDateString('en-US', { timeZone: 'Asia/Jakarta', dateStyle: 'long' });
    expect(details).toMatch(new RegExp(`Written answer by\\s+${dueDay} \\(GMT\\+7\\) · \\d+ working days left`));
    expect(await view(page).locator('.filed time').getAttribute('datetime')).toBe(team.dueAt);
    expect(details).toContain(statement);
    expect(details).toContain('Return the 200,000 to my balance');
    expect(await draftOf(page, caseId)).toBeNull();
    // One request, with its Idempotency-Key.
    expect(posts).toHaveLength(1);
    expect(posts[0].headers()['idempotency-key']).toMatch(/^cmp\w+$/);
    // While it is open, filing again is not offered.
    expect(await what(page).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Back in the thread: their words as their message, and Sapa's acknowledgement with the reference.
    await view(page).getByRole('button', { name: /Back to the conversation/ }).click();
    await expect.poll(() => active(page), within).toBe('TEXTAREA#sapa-input ');
    await visible(thread(page).locator('.msg.mine', { hasText: statement }));
    await visible(thread(page).locator('.msg.system', { hasText: ref }));

    // After a reload the view asks Sapa again: the same complaint, no form.
    await page.reload();
    await openWidget(page);
    await complaintButton(page).click();
    await expect.poll(() => text(page, '.filed h3'), within).toBe(`Complaint ${ref}`);
    expect(await what(page).count()).toBe(0);

    // A supervisor answers: the customer reads the outcome and the answer, and may complain about the answer.
    expect((await admin.post(`/api/v1/complaints/${team.id}/answer`, { answer: 'We have returned the 200,000 to your balance and apologise.', outcome: 'upheld' })).status).toBe(200);
    await view(page).getByRole('button', { name: /Back to the conversation/ }).click();
    await complaintButton(page).click();
    await expect.poll(() => view(page).locator('.filed dl').innerText().catch(() => ''), within).toContain('Upheld: we agree with your complaint');
    const answered = await view(page).locator('.filed dl').innerText();
    expect(answered).toContain('Answered');
    expect(answered).toContain('We have returned the 200,000 to your balance and apologise.');
    await visible(view(page).getByText('Not satisfied with our answer? You can make a new formal complaint about it.'));
    await visible(what(page));
    expect(await accessibilityProblems(page)).toEqual([]);

    // In the customer's language.
    await page.evaluate(`window.Sapa('locale', 'id-ID')`);
    await visible(tools(page).getByRole('button', { name: 'Pengaduan resmi' }));
    await expect.poll(() => text(page, 'h2'), within).toBe('Pengaduan resmi');
    await page.evaluate(`window.Sapa('locale', 'zh-CN')`);
    await expect.poll(() => text(page, 'h2'), within).toBe('正式投诉');
    await expect.poll(() => text(page, '.filed h3'), within).toBe(`投诉 ${ref}`);
  });

  it('an anonymous visitor is not offered it', async () => {
    const page = await hostPage();
    await openWidget(page);
    await openCase(page, 'Hello, my QR payment failed');
    // The case is there (its transcript button shows), the complaint button is not.
    await visible(tools(page).getByRole('button', { name: 'Download transcript' }));
    expect(await complaintButton(page).count()).toBe(0);
  });

  it('keeps the draft through failed submissions and a reload; the retry files it once with the same key; double submits send once', { timeout: LONG }, async () => {
    const page = await hostPage(await identityToken(`wallet-user-${Date.now()}-b`, 'Budi Santoso'));
    await openWidget(page);
    const caseId = await openCase(page, 'My account was blocked after I changed phones');
    await complaintButton(page).click();
    const statement = 'My account has been blocked for a week; I sent my ID twice and nobody unblocked it.';
    await what(page).fill(statement);
    await want(page).fill('Unblock my account');
    const posts = complaintPosts(page);
    const complaintUrl = `${node.url}/api/v1/cases/${caseId}/complaint**`;

    // Offline: said so, nothing lost.
    await page.context().setOffline(true);
    await submit(page).click();
    await expect.poll(() => text(page, '.err[role=alert]'), within).toBe(
      'You are offline, so your complaint was not sent. What you wrote is kept here: submit it again when you are back online.',
    );
    expect(await what(page).inputValue()).toBe(statement);
    await page.context().setOffline(false);

    // Sapa answers 503: said in our words, nothing lost; the key chosen for this complaint is kept with the draft.
    await page.route(complaintUrl, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Service Unavailable' } }) })
        : route.continue(),
    );
    await submit(page).click();
    await expect.poll(() => text(page, '.err[role=alert]'), within).toBe(
      'Support cannot be reached right now, so your complaint was not sent. What you wrote is kept here: please try again in a moment.',
    );
    const draft = await draftOf(page, caseId);
    expect(draft).toMatchObject({ summary: statement, desired: 'Unblock my account', key: expect.stringMatching(/^cmp\w+$/) });
    await page.unroute(complaintUrl);

    // A reload loses nothing.
    await page.reload();
    await openWidget(page);
    await complaintButton(page).click();
    await expect.poll(() => what(page).inputValue().catch(() => ''), within).toBe(statement);
    expect(await want(page).inputValue()).toBe('Unblock my account');

    // The worst case: Sapa files it, but the answer is lost on the way back.
    await page.route(complaintUrl, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await submit(page).click();
    await expect.poll(() => text(page, '.err[role=alert]'), within).toMatch(/^Support cannot be reached right now, so your complaint was not sent\./);
    expect(await what(page).inputValue()).toBe(statement);
    const filed = (await teamView(caseId))!;
    expect(filed).toMatchObject({ filedBy: 'customer', summary: statement });
    await page.unroute(complaintUrl);

    // Retry, pressed twice while Sapa is slow: one request, the same key, the same complaint (200), nothing doubled.
    await page.route(complaintUrl, async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 1500));
      return route.continue();
    });
    const before = posts.length;
    await submit(page).focus();
    await page.keyboard.press('Enter');
    // Busy: the button keeps the keyboard (aria-disabled, not disabled), and pressing it again does nothing.
    await expect.poll(() => view(page).locator('button[type=submit]').getAttribute('aria-disabled'), within).toBe('true');
    expect(await active(page)).toBe('BUTTON.btn Sending…');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '.filed h3'), within).toBe(`Complaint ${filed.reference}`);
    await page.unroute(complaintUrl);
    expect(posts.length - before).toBe(1);
    expect(new Set(posts.map((r) => r.headers()['idempotency-key']))).toEqual(new Set([draft!.key]));
    expect((await posts[posts.length - 1].response())?.status()).toBe(200);
    expect(await draftOf(page, caseId)).toBeNull();
    const mine = (await admin.get<{ items: { body: string; author: { kind: string } }[] }>(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items.filter((m) =>
      m.body.startsWith(statement),
    );
    expect(mine).toHaveLength(1);
  });

  it('says so when the case got a complaint meanwhile (409), and shows that one', async () => {
    const page = await hostPage(await identityToken(`wallet-user-${Date.now()}-c`, 'Wulan Sari'));
    await openWidget(page);
    const caseId = await openCase(page, 'I was charged twice for one top-up');
    await complaintButton(page).click();
    await what(page).fill('Charged twice for one top-up on Monday.');
    // Meanwhile an agent registers one from the console.
    const registered = await admin.post<TeamView>(`/api/v1/cases/${caseId}/complaint`, { summary: 'Customer charged twice for one top-up.' });
    expect(registered.status).toBe(201);
    await submit(page).click();
    await expect.poll(() => text(page, '.err[role=alert]'), within).toBe('This case already has a formal complaint waiting for its answer.');
    await expect.poll(() => text(page, '.filed h3'), within).toBe(`Complaint ${registered.body.reference}`);
    expect(await what(page).count()).toBe(0);
    await expect.poll(() => active(page), within).toMatch(/^DIV\.filed /);
    // Registered by an agent: no words of the customer's to show.
    expect(await view(page).locator('.filed dl').innerText()).not.toContain('What you told us');
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
