import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_PASSWORD, DEMO_CUSTOMER_PASSWORD } from '../server/src/demo.js';
import { assistantExamples } from '../server/src/modules/assistant/schema.js';
import { satisfactionSurveys } from '../server/src/modules/csat/schema.js';
import { ADMIN, ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, hidden, launchBrowser, soon, visible } from './browser.js';
import { png } from './images.js';

// Journeys through the agent console at /agent in Chromium, against a real node with the demo data.

let node: TestNode;
let appBackend: Server;
let browser: Browser;
let admin: ApiClient;
let adminId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The wallet app's backend, taking agent replies: with it the app channel works on this node, while WhatsApp,
  // Telegram and email have no settings and cannot (what the admin screens must tell apart).
  appBackend = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => appBackend.listen(0, '127.0.0.1', resolve));
  const appWebhook = `http://127.0.0.1:${(appBackend.address() as AddressInfo).port}/sapa`;
  node = await startNode({ SAPA_DEMO: '1', SAPA_APP_WEBHOOK_URL: appWebhook, SAPA_APP_WEBHOOK_SECRET: 'console-journeys' });
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  adminId = (await admin.get('/api/v1/me')).body.id;
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
  await new Promise((resolve) => (appBackend ? appBackend.close(resolve) : resolve(undefined)));
});

/** A fresh browser profile (no storage shared between journeys), with page errors collected. */
async function newPage(): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, context, errors };
}

async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password, navigate = true) {
  if (navigate) await page.goto(`${node.url}/agent`);
  await page.locator('input[type=email][name=login]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('input[type=password]').press('Enter');
  await visible(page.getByRole('heading', { name: 'All open' }));
  // The live connection is up (Socket.IO with the session cookie).
  await visible(page.locator('.conn[data-state=live]'));
}

/**
 * A page already signed in as the admin: the session cookie and CSRF token of an API sign-in, as a tab that signed
 * in through the form would hold them (the form itself is exercised by the first journey).
 */
async function signedInPage(prepare?: (context: BrowserContext) => Promise<void>, state = 'live'): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const opened = await newPage();
  await prepare?.(opened.context);
  await opened.context.addCookies([{ name: 'sapa_session', value: admin.cookies.get('sapa_session')!, url: node.url }]);
  await opened.context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), admin.csrf!);
  await opened.page.goto(`${node.url}/agent`);
  await visible(opened.page.getByRole('heading', { name: 'All open' }));
  await visible(opened.page.locator(`.conn[data-state=${state}]`));
  return opened;
}

async function openCase(page: Page, text: string) {
  const row = page.locator('.case-row', { hasText: text });
  await visible(row);
  await row.first().click();
  await visible(page.locator('.case-title', { hasText: text }));
}

describe('agent console', { timeout: 180_000 }, () => {
  it('signs in through the form (Enter submits), keeps the session on reload, and passes axe', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${node.url}/agent`);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The login page speaks the three languages.
    await page.locator('.login-language select').selectOption('zh-CN');
    await visible(page.getByText('工作邮箱'));
    await page.locator('.login-language select').selectOption('en');

    await page.locator('input[type=email][name=login]').fill(ADMIN.email);
    await page.locator('input[type=password]').fill('not the password');
    await page.locator('input[type=password]').press('Enter');
    await visible(page.getByRole('alert'));

    await signIn(page, ADMIN.email, ADMIN.password, false);
    await visible(page.getByText('Top up BCA belum masuk'));
    await visible(page.getByText('账户被冻结'));
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.reload();
    await visible(page.getByRole('heading', { name: 'All open' }));
    expect(errors).toEqual([]);
  });

  it('asks for the authenticator code when the API answers otp_required', async () => {
    const { page } = await newPage();
    await page.route('**/api/v1/auth/login', (route) => {
      const body = route.request().postDataJSON() as { otp?: string };
      return route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: body.otp ? { code: 'invalid_otp', message: 'That code is not right or has expired.' } : { code: 'otp_required', message: 'Enter the 6-digit code.' } }),
      });
    });
    await page.goto(`${node.url}/agent`);
    await page.locator('input[type=email]').fill('someone@sapa.test');
    await page.locator('input[type=password]').fill('whatever-password');
    await page.locator('input[type=password]').press('Enter');
    const code = page.locator('input[name=otp]');
    await visible(code);
    await code.fill('123456');
    await code.press('Enter');
    await visible(page.getByText('That code is not right or has expired.'));
  });

  it('shows a case created through the API within seconds, without a reload', async () => {
    const { page, errors } = await signedInPage();
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const subject = `Saldo hilang ${uid()}`;
    const created = await visitor.post('/api/v1/cases', { subject, message: { body: 'saldo saya hilang setelah transfer', clientMessageId: uid() } });
    expect(created.status).toBe(201);
    const started = Date.now();
    await visible(page.locator('.case-row', { hasText: subject }), 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    await visible(page.locator('.case-row', { hasText: created.body.reference }));
    expect(errors).toEqual([]);
  });

  it('sends a reply that reaches the customer’s socket', async () => {
    const visitor = new ApiClient(node.url);
    const session = await visitor.asVisitor();
    const subject = `Transfer ke BRI gagal ${uid()}`;
    const c = await visitor.post('/api/v1/cases', { subject, message: { body: 'transfer saya gagal', clientMessageId: uid() } });
    const socket: Socket = io(node.url, { path: '/realtime', auth: { token: session.token }, transports: ['websocket'], forceNew: true });
    const received: { caseId: string; body: string; author: { kind: string } }[] = [];
    socket.on('message', (m) => received.push(m));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      await socket.timeout(5000).emitWithAck('subscribe', { caseId: c.body.id, afterSeq: 0 });

      const { page, errors } = await signedInPage();
      await openCase(page, subject);
      const reply = `Halo Kak, kami cek transfernya sekarang ${uid()}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
      await page.getByRole('button', { name: 'Send reply' }).click();
      await expect.poll(() => received.some((m) => m.caseId === c.body.id && m.body === reply && m.author.kind === 'agent'), { timeout: 10_000 }).toBe(true);
      await visible(page.locator('.message.out .message-body', { hasText: reply }));

      // An internal note stays with the agents.
      const note = `Checked with the BRI desk ${uid()}`;
      await page.getByRole('radio', { name: 'Internal note' }).click();
      await page.getByRole('textbox', { name: 'Internal note' }).fill(note);
      await page.getByRole('button', { name: 'Add note' }).click();
      await visible(page.locator('.message.note:not(.pending) .message-body', { hasText: note }));
      const seen = await visitor.get(`/api/v1/cases/${c.body.id}/messages`);
      expect(seen.body.items.map((m: { body: string }) => m.body)).toContain(reply);
      expect(seen.body.items.map((m: { body: string }) => m.body)).not.toContain(note);
      expect(received.some((m) => m.body === note)).toBe(false);
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('inserts a saved reply with its variables filled in, in the case’s language', async () => {
    const { page, errors } = await signedInPage();
    await openCase(page, 'Top up BCA belum masuk');
    const reference = (await page.locator('.case-ref-big').textContent())!.trim();
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.click();
    await box.pressSequentially('/hi');
    await visible(page.getByRole('option', { name: /\/hi/ }));
    await box.press('Enter');
    const text = await box.inputValue();
    // The demo case is in Indonesian: the id-ID text, with the customer's name, the reference and my name.
    expect(text).toContain('Halo Kak Budi Santoso');
    expect(text).toContain(reference);
    expect(text).toContain('Administrator');
    expect(text).not.toContain('{{');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await visible(page.locator('.message.out .message-body', { hasText: `kasus ${reference}` }));
    const caseId = page.url().split('/').pop()!;
    const messages = await admin.get(`/api/v1/cases/${caseId}/messages`);
    expect(messages.body.items.at(-1).body).toBe(text);
    expect(errors).toEqual([]);
  });

  it('assigns to me and resolves with the keyboard, and the change shows in the timeline', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Siti Rahma', 'id-ID');
    const subject = `Akun terkunci ${uid()}`;
    const c = await customer.post('/api/v1/cases', { subject, message: { body: 'akun saya terkunci', clientMessageId: uid() } });
    const { page, errors } = await signedInPage();
    await openCase(page, subject);
    await page.locator('.case-row', { hasText: subject }).focus();
    await page.keyboard.press('?');
    await visible(page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await hidden(page.getByRole('dialog', { name: 'Keyboard shortcuts' }));

    // Transfer to a team: recorded in the timeline as an internal system line.
    await page.getByLabel('Team').selectOption({ label: 'Payments' });
    await visible(page.getByText('Transferred to team Payments by Administrator'));
    await page.locator('.case-row', { hasText: subject }).focus();

    await page.keyboard.press('a');
    await expect.poll(async () => (await admin.get(`/api/v1/cases/${c.body.id}`)).body.assigneeId, { timeout: soon }).toBe(adminId);
    await page.keyboard.press('e');
    await expect.poll(async () => (await admin.get(`/api/v1/cases/${c.body.id}`)).body.status, { timeout: soon }).toBe('resolved');
    await visible(page.getByText('you changed the status from Open to Resolved'));
    await visible(page.getByText('you assigned the case to Administrator'));
    await visible(page.locator('.case-head .pill', { hasText: 'Resolved' }));
    expect(errors).toEqual([]);
  });

  it('shows the customer panel with the wallet transaction the case references', async () => {
    const { page, errors } = await signedInPage();
    await openCase(page, 'Top up BCA belum masuk');
    const referenced = page.locator('.tx.referenced');
    await visible(referenced);
    expect(await referenced.textContent()).toContain('TX-TOPUP-1001');
    expect(await referenced.textContent()).toContain('Pending');
    expect(await referenced.textContent()).toContain('Referenced in this case');
    await visible(page.locator('.tx', { hasText: 'TX-TRF-1003' }).getByText('Failed'));
    await visible(page.getByText('Budi Santoso').first());
    await visible(page.getByText('Writes in Indonesian'));
    await visible(page.getByText('Samsung Galaxy A54'));
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows what the assistant understood and lets the agent correct it into a training example', async () => {
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const text = `QR payment at a shop went through but the shop says unpaid ${uid()}`;
    const turn = await visitor.post('/api/v1/assistant/messages', { text, locale: 'en' });
    expect(turn.status).toBe(200);
    const wrong = turn.body.intent === 'topup_failed' ? 'transfer_failed' : 'topup_failed';
    const { page, errors } = await signedInPage();
    // A conversation the assistant answers alone is not in the queue, but under "With the assistant".
    await hidden(page.locator('.case-row', { hasText: turn.body.reference }));
    await page.getByRole('link', { name: /With the assistant/ }).click();
    await visible(page.getByRole('heading', { name: 'With the assistant' }));
    await visible(page.locator('.case-row', { hasText: turn.body.reference }));
    await page.goto(`${node.url}/agent/cases/${turn.body.caseId}`);
    const line = page.locator('.message.assistant .intent-line').first();
    await visible(line);
    expect(await line.textContent()).toMatch(/Understood as .+ · \d+%/);
    await line.getByRole('button', { name: 'Correct' }).click();
    const choice = line.getByRole('combobox', { name: 'What the customer meant' });
    await choice.selectOption(wrong);
    await line.getByRole('button', { name: 'Save' }).click();
    const label = wrong === 'topup_failed' ? 'Top-up failed' : 'Transfer failed';
    await visible(page.locator('.intent-line', { hasText: `Corrected to ${label}: saved as a training example` }));
    const examples = await admin.get('/api/v1/assistant/examples');
    expect(examples.body.items.find((e: { text: string }) => e.text === text)).toMatchObject({ intent: wrong, previousIntent: turn.body.intent });
    expect((await admin.get(`/api/v1/cases/${turn.body.caseId}`)).body.category).toBe(wrong);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('previews an image the customer attached', async () => {
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(png())]), 'bukti-transfer.png');
    const up = await visitor.post('/api/v1/attachments', fd);
    expect(up.status).toBe(201);
    const subject = `Bukti transfer ${uid()}`;
    await visitor.post('/api/v1/cases', { subject, message: { body: 'ini buktinya', clientMessageId: uid(), attachmentIds: [up.body.id] } });
    const { page, errors } = await signedInPage();
    await openCase(page, subject);
    const img = page.locator('img[alt="bukti-transfer.png"]');
    await visible(img);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(8);
    expect(errors).toEqual([]);
  });

  it('says when it is offline, marks the list as possibly out of date, and catches up by itself', async () => {
    const { page, context, errors } = await signedInPage();
    await hidden(page.getByText('May be out of date'));
    await context.setOffline(true);
    await visible(page.locator('.conn[data-state=offline]'));
    await visible(page.getByText('May be out of date'));
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const subject = `Dibuat saat offline ${uid()}`;
    await visitor.post('/api/v1/cases', { subject, message: { body: 'halo', clientMessageId: uid() } });
    await context.setOffline(false);
    await visible(page.locator('.conn[data-state=live]'), 20_000);
    await visible(page.locator('.case-row', { hasText: subject }), 20_000);
    await hidden(page.getByText('May be out of date'));
    expect(errors).toEqual([]);
  });

  it('keeps working when the realtime connection is blocked: says so, polls, and replies over HTTP', async () => {
    // A proxy that lets the API through but not Socket.IO (neither long-polling nor WebSocket).
    const { page, errors } = await signedInPage(async (context) => {
      await context.route('**/realtime/**', (route) => route.abort());
      await context.routeWebSocket(/\/realtime\//, (ws) => ws.close());
    }, 'polling');
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const subject = `Tanpa realtime ${uid()}`;
    const c = await visitor.post('/api/v1/cases', { subject, message: { body: 'halo', clientMessageId: uid() } });
    await visible(page.locator('.case-row', { hasText: subject }), 15_000);
    await hidden(page.getByText('May be out of date'));
    await openCase(page, subject);
    const reply = `Dibalas lewat HTTP ${uid()}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await visible(page.locator('.message.out:not(.pending) .message-body', { hasText: reply }));
    const seen = await visitor.get(`/api/v1/cases/${c.body.id}/messages`);
    expect(seen.body.items.map((m: { body: string }) => m.body)).toContain(reply);
    // The customer's next message arrives by polling too.
    await visitor.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'terima kasih', clientMessageId: uid() });
    await visible(page.locator('.message.in .message-body', { hasText: 'terima kasih' }), 15_000);
    expect(errors).toEqual([]);
  });

  it('gives supervisors the queue overview: open cases by channel, category and age, agents and their load', async () => {
    const { page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Queue overview' }).click();
    await visible(page.getByRole('heading', { name: 'Queue overview' }));
    await visible(page.getByRole('heading', { name: 'Open cases by channel' }));
    await visible(page.locator('.table', { hasText: 'Administrator' }).getByText('Online'));
    expect(await accessibilityProblems(page)).toEqual([]);

    expect(errors).toEqual([]);
  });

  it('lets admins invite and deactivate agents, and manage teams and saved replies', async () => {
    const { page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Agents' }).click();
    await visible(page.getByRole('heading', { name: 'Agents' }));
    await page.getByRole('button', { name: 'Invite agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite agent' });
    const email = `dewi-${uid()}@console.sapa.test`;
    await dialog.getByLabel('Name').fill('Dewi Lestari');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Initial password').fill('Quiet-Harbor-Lantern-2026!');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    const row = page.locator('tr', { hasText: email });
    await visible(row);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await visible(row.getByText('Deactivated'));
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Teams' }).click();
    await visible(page.getByRole('heading', { name: 'Payments' }));
    await page.getByRole('link', { name: 'Saved replies' }).click();
    await visible(page.getByText('/topup'));
    await page.getByRole('button', { name: 'New saved reply' }).click();
    const canned = page.getByRole('dialog', { name: 'New saved reply' });
    const shortcut = `thanks-${uid()}`;
    await canned.getByLabel('Title').fill('Thanks');
    await canned.getByLabel('Shortcut').fill(shortcut);
    await canned.getByLabel('English').fill('Thanks {{customer.name}}!');
    await canned.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText(`/${shortcut}`));
    expect(errors).toEqual([]);
  });

  it('shows admins the channels this Sapa cannot work on and what to set, in their language', async () => {
    const { page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Channels' }).click();
    await visible(page.getByRole('heading', { name: 'Channels' }));
    // WhatsApp has no settings on this node: on, yet customers are told it is unavailable.
    const whatsapp = page.getByRole('row', { name: /WhatsApp/ });
    await visible(whatsapp.getByText(/Not working: WhatsApp messages cannot come in: set SAPA_WHATSAPP_APP_SECRET/));
    await visible(whatsapp.getByText(/SAPA_WHATSAPP_TOKEN and SAPA_WHATSAPP_PHONE_NUMBER_ID/));
    await visible(page.locator('.channels-broken', { hasText: /WhatsApp/ }));
    // Live chat needs nothing beyond Sapa itself.
    const chat = page.getByRole('row', { name: /Live chat/ });
    await visible(chat.getByText('Ready'));
    expect(await chat.getByText(/Not working/).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // The reason is written by the server, in the admin's language like the rest of the screen.
    await admin.put('/api/v1/console/preferences', { locale: 'zh-CN' });
    try {
      await page.reload();
      await visible(page.getByRole('heading', { name: '渠道' }));
      await visible(page.getByRole('row', { name: /WhatsApp/ }).getByText(/无法使用：\s*WhatsApp 消息无法接收：请设置 SAPA_WHATSAPP_APP_SECRET/));
      await visible(page.getByRole('row', { name: /在线客服/ }).getByText('就绪'));
    } finally {
      await admin.put('/api/v1/console/preferences', { locale: 'en' });
    }
    expect(errors).toEqual([]);
  });

  it('lets admins change a channel’s contact, expected response and hours, refuses hours that close before they open, and resets it', async () => {
    const { page, errors } = await signedInPage();
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('link', { name: 'Channels' }).click();
    await visible(page.getByRole('heading', { name: 'Channels' }));
    const row = page.getByRole('row', { name: /Phone callback/ });
    // The defaults, as customers are told them.
    await visible(row.getByText('Mon–Sat 09:00–18:00'));
    await visible(row.getByText('2 hours'));
    const phone = () => new ApiClient(node.url).get('/api/v1/support/channels').then((r) => (r.body.items as { id: string; hours: string; expectedResponseMinutes: number; contact?: string }[]).find((i) => i.id === 'phone_callback')!);
    try {
      await row.getByRole('button', { name: 'Edit Phone callback' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit Phone callback' });
      await visible(dialog);
      await dialog.getByLabel('Phone number').fill('+62 21 5000 777');
      await dialog.getByLabel('Expected response (minutes)').fill('45');
      const weekdays = dialog.getByRole('group', { name: 'Opening hours 1' });
      await weekdays.getByRole('checkbox', { name: 'Saturday' }).uncheck();
      await weekdays.getByLabel('Opens').fill('08:00');
      await weekdays.getByLabel('Closes').fill('20:00');
      await dialog.getByRole('button', { name: 'Add opening hours' }).click();
      const saturday = dialog.getByRole('group', { name: 'Opening hours 2' });
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await saturday.getByRole('checkbox', { name: day }).uncheck();
      await saturday.getByRole('checkbox', { name: 'Saturday' }).check();
      await saturday.getByLabel('Opens').fill('10:00');
      await saturday.getByLabel('Closes').fill('09:00');
      const zone = dialog.getByLabel('Time zone');
      expect(await zone.inputValue()).toBe('Asia/Jakarta');
      await zone.fill('Mars/Olympus');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      // Refused field by field, in the console's words rather than the validator's.
      await visible(dialog.getByRole('alert').getByText(/Some fields are invalid\.\s*Time zone: not a time zone this server knows/));
      expect(await zone.getAttribute('aria-invalid')).toBe('true');
      await zone.fill('Asia/Jakarta');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      // The server refuses it, says which window and why, and the form keeps everything typed.
      await visible(dialog.getByRole('alert').getByText('Opening hours, window 2: the closing time must be later than the opening time.'));
      expect(await saturday.getByLabel('Closes').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel('Phone number').inputValue()).toBe('+62 21 5000 777');
      expect(await dialog.getByLabel('Expected response (minutes)').inputValue()).toBe('45');
      expect(await saturday.getByLabel('Closes').inputValue()).toBe('09:00');
      expect((await phone()).expectedResponseMinutes).toBe(120);
      expect(await accessibilityProblems(page)).toEqual([]);

      await saturday.getByLabel('Closes').fill('14:00');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(page.getByRole('status').filter({ hasText: /^Saved$/ }));
      await hidden(dialog);
      await visible(row.getByText('Mon–Fri 08:00–20:00; Sat 10:00–14:00'));
      await page.reload();
      await visible(row.getByText('Mon–Fri 08:00–20:00; Sat 10:00–14:00'));
      await visible(row.getByText('45 minutes'));
      await visible(row.getByText('+62 21 5000 777'));
      // What customers are told (GET /support/channels, no sign-in).
      expect(await phone()).toMatchObject({ expectedResponseMinutes: 45, contact: '+62 21 5000 777', hours: expect.stringMatching(/^Mon–Fri 08:00–20:00; Sat 10:00–14:00 \(/) });
      // The settings not on screen stay as they were: still offered, still following the desk's time zone.
      const saved = ((await admin.get('/api/v1/support/settings')).body.items as { id: string; enabled: boolean; hours: { timezone?: string } }[]).find((c) => c.id === 'phone_callback')!;
      expect(saved).toMatchObject({ enabled: true, hours: { windows: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }, { days: [6], open: '10:00', close: '14:00' }] } });
      expect(saved.hours.timezone).toBeUndefined();

      // Back to the defaults, after a confirmation (accepted above).
      await row.getByRole('button', { name: 'Edit Phone callback' }).click();
      await dialog.getByRole('button', { name: 'Reset to default' }).click();
      await visible(page.getByText('Phone callback is back to its default settings'));
      await visible(row.getByText('Mon–Sat 09:00–18:00'));
      await visible(row.getByText('2 hours'));
      expect(await phone()).toMatchObject({ expectedResponseMinutes: 120, hours: expect.stringMatching(/^Mon–Sat 09:00–18:00 /) });
      expect((await phone()).contact).toBeUndefined();
    } finally {
      await admin.delete('/api/v1/support/settings/channels/phone_callback');
    }
    expect(errors).toEqual([]);
  });

  it('lets supervisors and admins keep the official numbers and sites, and shows supervisors the channels read-only', async () => {
    const before = (await admin.get('/api/v1/forum/settings')).body as { domains: string[]; phones: string[] };
    const { page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Channels' }).click();
    const official = page.getByRole('region', { name: 'Official numbers and sites' });
    await visible(official.getByText(/“is this number yours\?” the assistant confirms them/));
    const phones = official.getByRole('textbox', { name: 'Official phone numbers' });
    await expect.poll(() => phones.inputValue(), { timeout: soon }).toBe(before.phones.join('\n'));
    try {
      // A line the server refuses is named, and the list stays as typed.
      const typed = [...before.phones, '+62 21 5000 9999', 'ab'].join('\n');
      await phones.fill(typed);
      await official.getByRole('button', { name: 'Save list' }).click();
      await visible(official.getByRole('alert').getByText(/Official phone numbers: “ab”/));
      expect(await phones.inputValue()).toBe(typed);
      await phones.fill([...before.phones, '+62 21 5000 9999'].join('\n'));
      await official.getByRole('textbox', { name: 'Official sites' }).fill([...before.domains, 'https://www.Dompet-Resmi.example/bantuan'].join('\n'));
      await official.getByRole('button', { name: 'Save list' }).click();
      await visible(page.getByRole('status').filter({ hasText: /^Saved$/ }));
      const saved = (await admin.get('/api/v1/forum/settings')).body as { domains: string[]; phones: string[] };
      expect(saved.phones).toContain('+62 21 5000 9999');
      expect(saved.domains).toContain('dompet-resmi.example');
      // The box shows the list as the server keeps it.
      await expect.poll(() => official.getByRole('textbox', { name: 'Official sites' }).inputValue(), { timeout: soon }).toContain('dompet-resmi.example');

      // A supervisor reads the channels (the API lets only admins change them) but keeps the official list too.
      const supervisor = new ApiClient(node.url);
      expect((await supervisor.login('liwei@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
      expect((await supervisor.put('/api/v1/support/settings/channels/phone_callback', { expectedResponseMinutes: 1 })).status).toBe(403);
      const opened = await newPage();
      await opened.context.addCookies([{ name: 'sapa_session', value: supervisor.cookies.get('sapa_session')!, url: node.url }]);
      await opened.context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), supervisor.csrf!);
      await opened.page.goto(`${node.url}/agent/admin/channels`);
      await visible(opened.page.getByRole('heading', { name: '渠道' }));
      await visible(opened.page.getByRole('row', { name: /电话回拨/ }).getByText('周一–周六 09:00–18:00'));
      await visible(opened.page.getByText('只有管理员可以修改渠道设置。'));
      expect(await opened.page.getByRole('button', { name: /编辑/ }).count()).toBe(0);
      const supervisorPhones = opened.page.getByRole('textbox', { name: '官方电话号码' });
      await expect.poll(() => supervisorPhones.inputValue(), { timeout: soon }).toContain('+62 21 5000 9999');
      await supervisorPhones.fill(before.phones.join('\n'));
      await opened.page.getByRole('button', { name: '保存列表' }).click();
      await expect.poll(async () => ((await admin.get('/api/v1/forum/settings')).body as { phones: string[] }).phones, { timeout: soon }).toEqual(before.phones);
      expect(opened.errors).toEqual([]);
    } finally {
      await admin.put('/api/v1/forum/settings', before);
    }
    expect(errors).toEqual([]);
  });

  it('lets admins keep the desk’s holidays, refuses a date given twice keeping the rows as typed, and shows supervisors them read-only', async () => {
    const before = (await admin.get('/api/v1/support/settings')).body.holidays as { date: string; name: string }[];
    // From no holidays, whatever the journeys before left.
    expect((await admin.put('/api/v1/support/settings/holidays', { items: [] })).status).toBe(200);
    const saved = async () => (await admin.get('/api/v1/support/settings')).body.holidays as { date: string; name: string }[];
    try {
      const { page, errors } = await signedInPage();
      await page.getByRole('link', { name: 'Channels' }).click();
      const holidays = page.getByRole('region', { name: 'Holidays' });
      await visible(holidays.getByText(/On these days every channel with business hours is closed all day .*the assistant still answers, and working-day clocks/));
      await visible(holidays.getByText('No holidays: channels keep their usual hours every day.'));
      const date = (n: number) => holidays.getByLabel(`Date of holiday ${n}`, { exact: true });
      const name = (n: number) => holidays.getByLabel(`Name of holiday ${n}`, { exact: true });

      // Two rows, one long gone; each date reads with its weekday, in the console's language, as it is typed.
      await holidays.getByRole('button', { name: 'Add holiday' }).click();
      await date(1).fill('2099-08-17');
      await name(1).fill('Independence Day');
      await visible(holidays.getByText('Monday, August 17, 2099'));
      await holidays.getByRole('button', { name: 'Add holiday' }).click();
      await date(2).fill('2020-08-17');
      await name(2).fill('  Old day ');
      await holidays.getByRole('button', { name: 'Save holidays' }).click();
      await visible(page.getByRole('status').filter({ hasText: /^Saved$/ }));
      // The server keeps them by date, names trimmed.
      expect(await saved()).toEqual([
        { date: '2020-08-17', name: 'Old day' },
        { date: '2099-08-17', name: 'Independence Day' },
      ]);

      await page.reload();
      await expect.poll(() => date(1).inputValue(), { timeout: soon }).toBe('2020-08-17');
      expect(await name(1).inputValue()).toBe('Old day');
      expect(await date(2).inputValue()).toBe('2099-08-17');
      expect(await name(2).inputValue()).toBe('Independence Day');
      const past = holidays.locator('tr', { hasText: 'Monday, August 17, 2020' });
      await visible(past.getByText('Past', { exact: true }));
      expect(await past.getAttribute('class')).toBe('past');
      expect(await holidays.locator('tr', { hasText: 'Monday, August 17, 2099' }).getByText('Past', { exact: true }).count()).toBe(0);

      // The same date twice: the server's message, the row it names marked, and every row kept as typed.
      await holidays.getByRole('button', { name: 'Add holiday' }).click();
      await date(3).fill('2099-08-17');
      await name(3).fill('Copy of it');
      await name(2).fill('Hari Kemerdekaan');
      await holidays.getByRole('button', { name: 'Save holidays' }).click();
      await visible(holidays.getByRole('alert').getByText('Holidays: 2099-08-17 is listed twice.'));
      expect(await date(3).getAttribute('aria-invalid')).toBe('true');
      expect(await date(2).getAttribute('aria-invalid')).toBeNull();
      expect(await holidays.locator('tbody tr').count()).toBe(3);
      expect(await date(3).inputValue()).toBe('2099-08-17');
      expect(await name(3).inputValue()).toBe('Copy of it');
      expect(await name(2).inputValue()).toBe('Hari Kemerdekaan');
      expect((await saved()).map((h) => h.name)).toEqual(['Old day', 'Independence Day']);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Without the copy, the list saves with the name changed.
      await holidays.getByRole('button', { name: 'Remove holiday 3' }).click();
      expect(await holidays.locator('tbody tr').count()).toBe(2);
      await holidays.getByRole('button', { name: 'Save holidays' }).click();
      await visible(page.getByRole('status').filter({ hasText: /^Saved$/ }));
      await hidden(holidays.getByRole('alert'));
      expect(await saved()).toEqual([
        { date: '2020-08-17', name: 'Old day' },
        { date: '2099-08-17', name: 'Hari Kemerdekaan' },
      ]);
      expect(errors).toEqual([]);

      // A supervisor (who reads Chinese) sees them, and cannot change them: the API refuses, the screen has no inputs.
      const supervisor = new ApiClient(node.url);
      expect((await supervisor.login('liwei@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
      expect((await supervisor.put('/api/v1/support/settings/holidays', { items: [] })).status).toBe(403);
      const opened = await newPage();
      await opened.context.addCookies([{ name: 'sapa_session', value: supervisor.cookies.get('sapa_session')!, url: node.url }]);
      await opened.context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), supervisor.csrf!);
      await opened.page.goto(`${node.url}/agent/admin/channels`);
      const readOnly = opened.page.getByRole('region', { name: '节假日' });
      await visible(readOnly.getByText('只有管理员可以修改节假日。'));
      const upcoming = readOnly.locator('tr', { hasText: '2099年8月17日星期一' });
      await visible(upcoming.getByText('Hari Kemerdekaan'));
      expect(await upcoming.getByText('已过').count()).toBe(0);
      await visible(readOnly.locator('tr', { hasText: '2020年8月17日星期一' }).getByText('已过'));
      expect(await readOnly.locator('input').count()).toBe(0);
      expect(await readOnly.getByRole('button').count()).toBe(0);
      expect(await accessibilityProblems(opened.page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await admin.put('/api/v1/support/settings/holidays', { items: before });
    }
  });

  it('lets admins choose the chat channels where the assistant answers first', async () => {
    const { page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Assistant', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Assistant on chat channels' }));
    // The demo data turns it on for every chat channel.
    const whatsapp = page.getByRole('checkbox', { name: /WhatsApp/ });
    await expect.poll(() => whatsapp.isChecked(), { timeout: soon }).toBe(true);
    await expect.poll(() => page.getByRole('checkbox', { name: /Wallet app chat/ }).isChecked(), { timeout: soon }).toBe(true);
    // WhatsApp has no settings on this node: the assistant is on there but no answer reaches the customer, and the
    // box says so; the app channel works and says nothing.
    const whatsappProblem = page.locator(`#${await whatsapp.getAttribute('aria-describedby')}`);
    await visible(whatsappProblem);
    expect(await whatsappProblem.textContent()).toMatch(/Not working: WhatsApp messages cannot come in: set SAPA_WHATSAPP_APP_SECRET.*no answer reaches the customer/);
    expect(await page.getByRole('checkbox', { name: /Wallet app chat/ }).getAttribute('aria-describedby')).toBeNull();
    expect(await accessibilityProblems(page)).toEqual([]);
    await whatsapp.uncheck();
    await visible(page.getByRole('status').filter({ hasText: /^Saved$/ }));
    expect((await admin.get('/api/v1/support/settings/assistant')).body.answersFirst).toEqual({ whatsapp: false, telegram: true, app: true });
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Assistant on chat channels' }));
    await expect.poll(() => page.getByRole('checkbox', { name: /Telegram/ }).isChecked(), { timeout: soon }).toBe(true);
    expect(await page.getByRole('checkbox', { name: /WhatsApp/ }).isChecked()).toBe(false);
    // The wallet's name, by which the assistant tells other companies' wallets apart.
    const name = page.getByRole('textbox', { name: 'Your wallet’s name' });
    await expect.poll(() => name.inputValue(), { timeout: soon }).toBe('SapaPay');
    await name.fill('Dompet Nusantara');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(async () => (await admin.get('/api/v1/support/settings/assistant')).body.walletName, { timeout: soon }).toBe('Dompet Nusantara');
    // Back as the demo had it, for the journeys after this one.
    await admin.put('/api/v1/support/settings/assistant', { answersFirst: { whatsapp: true }, walletName: 'SapaPay' });
    expect(errors).toEqual([]);
  });

  it('lets admins retrain the assistant’s intent model with agents’ corrections and go back to the shipped one, shows the server’s refusal, and shows supervisors it read-only', { timeout: 240_000 }, async () => {
    // From no corrections and the shipped model, whatever the journeys before left (their corrections are put back).
    const db = node.app.desk.db;
    const kept = await db.select().from(assistantExamples);
    await db.delete(assistantExamples);
    expect((await admin.delete('/api/v1/assistant/model')).status).toBe(200);
    const adminName = ((await admin.get('/api/v1/me')).body.name as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    try {
      const { page, errors } = await signedInPage();
      await page.getByRole('link', { name: 'Assistant', exact: true }).click();
      const model = page.getByRole('region', { name: 'Intent model' });
      await visible(model.getByText('In force: the model shipped with Sapa.', { exact: true }));
      await visible(model.getByText(/^No corrections yet: when the assistant misreads a message, correct it on the case/));
      // Nothing to train on: the button says so and cannot be pressed (the server would refuse: 422 no_corrections).
      const retrain = model.getByRole('button', { name: /^Retrain with/ });
      await visible(retrain);
      expect(await retrain.textContent()).toBe('Retrain with 0 new corrections');
      expect(await retrain.isDisabled()).toBe(true);
      expect((await admin.post('/api/v1/assistant/model/retrain', {})).status).toBe(422);
      expect(await model.getByRole('button', { name: 'Use the shipped model' }).count()).toBe(0);
      expect(await model.getByRole('link', { name: 'Download corrections (CSV)' }).count()).toBe(0);

      // An agent corrects a message the assistant misread: face verification failing at sign-in is a login problem.
      const visitor = new ApiClient(node.url);
      await visitor.asVisitor();
      const turn = await visitor.post('/api/v1/assistant/messages', { text: '人脸识别一直失败' });
      expect(turn.status).toBe(200);
      expect(turn.body.intent).not.toBe('login_problem');
      expect((await admin.post('/api/v1/assistant/corrections', { caseId: turn.body.caseId, intent: 'login_problem' })).status).toBe(201);
      await page.reload();
      await visible(model.getByText('1 correction not yet trained on.', { exact: true }));
      const row = model.locator('tbody tr', { hasText: '人脸识别一直失败' });
      await visible(row.getByText('Login problem', { exact: true }));
      await visible(row.getByText('Not trained yet', { exact: true }));
      expect(await model.locator('tbody tr').count()).toBe(1);
      // The corrections download as the CSV the nlu command line trains on.
      const csv = model.getByRole('link', { name: 'Download corrections (CSV)' });
      await visible(csv);
      const href = (await csv.getAttribute('href'))!;
      expect(await page.evaluate(async (url) => (await fetch(url)).text(), href)).toBe('text,category\n"人脸识别一直失败",login_problem\n');
      expect(await accessibilityProblems(page)).toEqual([]);

      // Retraining: busy while it runs, then the model in force is the new one, with its held-out accuracy.
      expect(await retrain.textContent()).toBe('Retrain with 1 new correction');
      await retrain.click();
      await visible(model.getByRole('status').getByText('Training… this takes about 10 seconds.', { exact: true }), 5_000);
      expect(await model.getByRole('button', { name: 'Training…', exact: true }).isDisabled()).toBe(true);
      await visible(model.getByText(/^Held-out accuracy 92\.4% → \d{2}\.\d%$/), 60_000);
      await visible(page.getByRole('status').filter({ hasText: /^The retrained model is in force$/ }));
      const info = (await admin.get('/api/v1/assistant/model')).body;
      expect(info).toMatchObject({ source: 'retrained', trainedBy: adminId, corrections: 1, newCorrections: 0 });
      const accuracy = `${(info.heldOutAccuracy * 100).toFixed(1)}%`;
      expect(await model.getByText(/^Held-out accuracy .+ → /).textContent()).toBe(`Held-out accuracy 92.4% → ${accuracy}`);
      await visible(model.getByText(new RegExp(`^In force: retrained on .+ by ${adminName} with 1 correction\\.$`)));
      await visible(model.getByText(`Held-out accuracy ${accuracy}.`, { exact: true }));
      await visible(model.getByText('The model in force knows every correction.', { exact: true }));
      expect(await row.getByText('Not trained yet').count()).toBe(0);
      expect(await retrain.textContent()).toBe('Retrain with 0 new corrections');
      expect(await retrain.isDisabled()).toBe(true);
      // The assistant reads the corrected words as corrected.
      expect((await new ApiClient(node.url).post('/api/v1/assistant/classify', { text: '人脸识别一直失败' })).body.intent).toBe('login_problem');
      expect(await accessibilityProblems(page)).toEqual([]);

      // A supervisor (who reads Chinese) sees the model in force and the corrections, and cannot retrain.
      const supervisor = new ApiClient(node.url);
      expect((await supervisor.login('liwei@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
      expect((await supervisor.post('/api/v1/assistant/model/retrain', {})).status).toBe(403);
      expect((await supervisor.delete('/api/v1/assistant/model')).status).toBe(403);
      const opened = await newPage();
      await opened.context.addCookies([{ name: 'sapa_session', value: supervisor.cookies.get('sapa_session')!, url: node.url }]);
      await opened.context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), supervisor.csrf!);
      await opened.page.goto(`${node.url}/agent/admin/assistant`);
      const readOnly = opened.page.getByRole('region', { name: '意图模型' });
      await visible(readOnly.getByText('只有管理员可以重新训练模型。', { exact: true }));
      await visible(readOnly.getByText(new RegExp(`^当前使用：${adminName} 于 .+ 用 1 条纠正重新训练的模型。$`)));
      await visible(readOnly.getByText('当前模型已学过所有纠正。', { exact: true }));
      await visible(readOnly.locator('tbody tr', { hasText: '人脸识别一直失败' }).getByText('登录问题', { exact: true }));
      await visible(readOnly.getByRole('link', { name: '下载纠正记录（CSV）' }));
      expect(await readOnly.getByRole('button').count()).toBe(0);
      expect(await accessibilityProblems(opened.page)).toEqual([]);
      expect(opened.errors).toEqual([]);

      // Back to the shipped model, after a confirmation (declined first: nothing changes).
      const useShipped = model.getByRole('button', { name: 'Use the shipped model' });
      page.once('dialog', (d) => void d.dismiss());
      await useShipped.click();
      await visible(useShipped);
      expect((await admin.get('/api/v1/assistant/model')).body.source).toBe('retrained');
      page.once('dialog', (d) => void d.accept());
      await useShipped.click();
      await visible(page.getByRole('status').filter({ hasText: /^The shipped model is in force$/ }));
      await visible(model.getByText('In force: the model shipped with Sapa.', { exact: true }));
      await visible(model.getByText('1 correction not yet trained on.', { exact: true }));
      await hidden(useShipped);
      expect((await admin.get('/api/v1/assistant/model')).body).toMatchObject({ source: 'shipped', newCorrections: 1 });
      expect(await retrain.isDisabled()).toBe(false);

      // While another retraining runs, the server refuses a second one: its message is shown and nothing changes.
      const running = admin.post('/api/v1/assistant/model/retrain', {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      await retrain.click();
      await visible(model.getByRole('alert').getByText('The assistant is already being retrained; try again when that is done.', { exact: true }));
      await visible(model.getByText('In force: the model shipped with Sapa.', { exact: true }));
      expect(await model.getByText(/^Held-out accuracy .+ → /).count()).toBe(0);
      expect((await running).status).toBe(200);
      expect(errors).toEqual([]);
    } finally {
      // The shipped model and the corrections the journeys before left, for the journeys after this one.
      await admin.delete('/api/v1/assistant/model');
      await db.delete(assistantExamples);
      if (kept.length) await db.insert(assistantExamples).values(kept);
    }
  });

  it('shows supervisors customer satisfaction (figures, ratings, agents, channels, comments linking to their cases), the rating in the case’s side panel, and lets admins turn surveys off', async () => {
    // From no surveys, whatever the demo and the journeys before left (put back after). Turned off and on again, so the
    // server's sweep does not make up surveys for the cases resolved before now (only for those resolved while on).
    const db = node.app.desk.db;
    expect((await admin.put('/api/v1/csat/settings', { enabled: false })).status).toBe(200);
    const kept = await db.select().from(satisfactionSurveys);
    await db.delete(satisfactionSurveys);
    expect((await admin.put('/api/v1/csat/settings', { enabled: true })).status).toBe(200);
    try {
      const { page, errors } = await signedInPage();
      await page.getByRole('link', { name: 'Satisfaction', exact: true }).click();
      await visible(page.getByRole('heading', { name: 'Customer satisfaction' }));
      await visible(page.getByText('No surveys were sent in the last 30 days'));
      await visible(page.getByText(/^A survey goes out when a person resolves a case they answered/));
      expect(await accessibilityProblems(page)).toEqual([]);

      // Three web chats a person answered and resolved: the customers are asked; two answer (5 with a comment, 2 without).
      const surveyed = async (subject: string) => {
        const visitor = new ApiClient(node.url);
        await visitor.asVisitor({ locale: 'id-ID' });
        const c = await visitor.post('/api/v1/cases', { subject, message: { body: 'top up saya belum masuk', clientMessageId: uid() } });
        expect(c.status).toBe(201);
        expect((await admin.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'Sudah kami cek, saldonya sudah masuk ya Kak.', clientMessageId: uid() })).status).toBe(201);
        expect((await admin.patch(`/api/v1/cases/${c.body.id}`, { status: 'resolved' })).status).toBe(200);
        // The question is a system message on the case; its link's token is in the message's metadata (agents see it).
        let token: string | undefined;
        await expect
          .poll(async () => {
            const items = (await admin.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0&limit=500`)).body.items as { metadata: { survey?: { token: string } } | null }[];
            token = items.find((m) => m.metadata?.survey)?.metadata?.survey?.token;
            return token;
          }, { timeout: soon })
          .toBeTruthy();
        return { id: c.body.id as string, reference: c.body.reference as string, token: token! };
      };
      const answer = async (token: string, score: number, comment?: string) => expect((await new ApiClient(node.url).post(`/api/v1/surveys/${token}`, { score, comment })).status).toBe(200);
      const happy = await surveyed(`Top up BCA ${uid()}`);
      const unhappy = await surveyed(`Transfer gagal ${uid()}`);
      const silent = await surveyed(`Saldo hilang ${uid()}`);
      const comment = `Cepat dan ramah, terima kasih! ${uid()}`;
      await answer(happy.token, 5, comment);
      await answer(unhappy.token, 2);

      await page.getByRole('button', { name: 'Refresh' }).click();
      const stat = (label: string) => page.locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('strong');
      await expect.poll(() => stat('Surveys sent').textContent(), { timeout: soon }).toBe('3');
      expect(await stat('Answered').textContent()).toBe('2');
      expect(await stat('CSAT').textContent()).toBe('50%');
      expect(await stat('Average rating').textContent()).toBe('3.5 / 5');
      expect(await stat('Response rate').textContent()).toBe('66.7%');
      await visible(page.getByText('2 of 3 answered'));
      // The ratings as a table a screen reader reads row by row: 5 and 2, one each.
      const ratings = page.getByRole('region', { name: 'Ratings' });
      const rating = async (name: string) => (await ratings.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').allTextContents()).filter(Boolean);
      expect(await rating('5 · Very happy')).toEqual(['1', '50%']);
      expect(await rating('4 · Happy')).toEqual(['0', '0%']);
      expect(await rating('2 · Unhappy')).toEqual(['1', '50%']);
      const byAgent = page.getByRole('region', { name: 'By agent' });
      expect(await byAgent.getByRole('row', { name: /Administrator/ }).getByRole('cell').allTextContents()).toEqual([expect.stringContaining('Administrator'), '2', '50%', '3.5 / 5']);
      const byChannel = page.getByRole('region', { name: 'By channel' });
      expect(await byChannel.getByRole('row', { name: /Web/ }).getByRole('cell').allTextContents()).toEqual([expect.stringContaining('Web'), '3', '2', '50%']);
      // The latest comments and low scores, each with its case: the 5 with its comment, the 2 without.
      const recent = page.getByRole('region', { name: 'Latest comments and low scores' });
      const happyRow = recent.getByRole('row', { name: new RegExp(happy.reference) });
      await visible(happyRow.getByText(comment));
      await visible(happyRow.getByText('5/5 · Very happy'));
      const unhappyRow = recent.getByRole('row', { name: new RegExp(unhappy.reference) });
      await visible(unhappyRow.getByText('2/5 · Unhappy'));
      await visible(unhappyRow.getByText('No comment'));
      expect(await recent.getByRole('row', { name: new RegExp(silent.reference) }).count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Another period asks the server again, from that many days back.
      const asked = page.waitForRequest((r) => r.url().includes('/api/v1/csat/report'));
      await page.getByRole('radio', { name: 'Last 7 days' }).check();
      const from = Date.parse(new URL((await asked).url()).searchParams.get('from')!);
      expect(Math.abs(Date.now() - 7 * 86_400_000 - from)).toBeLessThan(60_000);
      await expect.poll(() => stat('Surveys sent').textContent(), { timeout: soon }).toBe('3');

      // A comment leads to its case, whose side panel shows the rating.
      await happyRow.getByRole('link', { name: happy.reference }).click();
      await expect.poll(() => page.url()).toBe(`${node.url}/agent/cases/${happy.id}`);
      const panel = page.getByRole('region', { name: 'Satisfaction' });
      await visible(panel.getByText('5/5 · Very happy'));
      await visible(panel.getByText(comment));
      // Sent and not answered, then answered while the agent looks at it: the panel follows without a reload.
      await page.goto(`${node.url}/agent/cases/${silent.id}`);
      await visible(panel.getByText('Survey sent, not answered yet'));
      await visible(panel.getByText(/^Sent .+ · Can be answered until /));
      await answer(silent.token, 4, 'Oke');
      await visible(panel.getByText('4/5 · Happy'));
      await visible(panel.getByText('Oke', { exact: true }));
      await hidden(panel.getByText('Survey sent, not answered yet'));
      // A case with no survey has no such section.
      await openCase(page, 'Top up BCA belum masuk');
      await visible(page.getByRole('region', { name: 'Details' }));
      expect(await panel.count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      // The server's refusal is shown and the switch goes back; then the admin turns surveys off, and it holds.
      const supervisor = new ApiClient(node.url);
      expect((await supervisor.login('liwei@demo.sapa.test', DEMO_AGENT_PASSWORD)).status).toBe(200);
      const refused = await supervisor.put('/api/v1/csat/settings', { enabled: false });
      expect(refused.status).toBe(403);
      await page.getByRole('link', { name: 'Satisfaction', exact: true }).click();
      await expect.poll(() => stat('Response rate').textContent(), { timeout: soon }).toBe('100%');
      const offer = page.getByRole('switch', { name: 'Offer a survey when a person resolves a case' });
      await expect.poll(() => offer.isChecked(), { timeout: soon }).toBe(true);
      await page.route('**/api/v1/csat/settings', (route) =>
        route.request().method() === 'PUT' ? route.fulfill({ status: 403, contentType: 'application/json', body: refused.text }) : route.continue(),
      );
      await offer.click();
      const message = (refused.body as { error: { message: string } }).error.message;
      await visible(page.getByRole('region', { name: 'Surveys' }).getByRole('alert').getByText(message, { exact: true }));
      await expect.poll(() => offer.isChecked()).toBe(true);
      expect((await admin.get('/api/v1/csat/settings')).body).toEqual({ enabled: true });
      await page.unroute('**/api/v1/csat/settings');
      await offer.click();
      await visible(page.getByRole('status').filter({ hasText: /^Surveys turned off$/ }));
      await hidden(page.getByRole('region', { name: 'Surveys' }).getByRole('alert'));
      expect((await admin.get('/api/v1/csat/settings')).body).toEqual({ enabled: false });
      await page.reload();
      await visible(page.getByRole('heading', { name: 'Customer satisfaction' }));
      await expect.poll(() => offer.isChecked(), { timeout: soon }).toBe(false);
      expect(await offer.isDisabled()).toBe(false);
      expect(errors).toEqual([]);

      // A supervisor (who reads Chinese) sees the figures and the switch, and cannot change it.
      const opened = await newPage();
      await opened.context.addCookies([{ name: 'sapa_session', value: supervisor.cookies.get('sapa_session')!, url: node.url }]);
      await opened.context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), supervisor.csrf!);
      await opened.page.goto(`${node.url}/agent/satisfaction`);
      await visible(opened.page.getByRole('heading', { name: '客户满意度' }));
      await visible(opened.page.getByRole('link', { name: '满意度', exact: true }));
      await visible(opened.page.getByRole('region', { name: '最新留言和低分' }).getByText(comment));
      await visible(opened.page.getByText('5/5 · 非常满意').first());
      const readOnly = opened.page.getByRole('switch', { name: '人工客服解决工单时发送满意度调查' });
      await expect.poll(() => readOnly.isChecked(), { timeout: soon }).toBe(false);
      expect(await readOnly.isDisabled()).toBe(true);
      await visible(opened.page.getByText(/只有管理员可以开启或关闭调查。/));
      expect(await accessibilityProblems(opened.page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await admin.put('/api/v1/csat/settings', { enabled: true });
      await db.delete(satisfactionSurveys);
      if (kept.length) await db.insert(satisfactionSurveys).values(kept);
    }
  });

  it('merges a customer’s duplicate case into another from the case view, shows the server’s refusal, and links the closed duplicate to where it continues', async () => {
    // A demo customer writes twice about one top-up; someone else has a case too.
    const alice = new ApiClient(node.url);
    expect((await alice.login('alice@demo.sapa.test', DEMO_CUSTOMER_PASSWORD)).status).toBe(200);
    const open = async (who: ApiClient, subject: string) => {
      const r = await who.post('/api/v1/cases', { subject, message: { body: `${subject}: my top-up has not arrived`, clientMessageId: uid() } });
      expect(r.status).toBe(201);
      return r.body as { id: string; reference: string };
    };
    const dup = await open(alice, `Top-up missing ${uid()}`);
    const keep = await open(alice, `Top-up still missing ${uid()}`);
    const stranger = new ApiClient(node.url);
    await stranger.asNewCustomer('Someone Else');
    const theirs = await open(stranger, `Another customer ${uid()}`);

    const { page, errors } = await signedInPage();
    await page.goto(`${node.url}/agent/cases/${dup.id}`);
    await visible(page.locator('.case-ref-big', { hasText: dup.reference }));
    // Keyboard: the action opens the dialog, which lists the customer's other cases (not this one).
    const action = page.getByRole('button', { name: 'Merge into another case…' });
    await action.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Merge ${dup.reference} into another case` });
    await visible(dialog);
    const sameCustomer = dialog.getByRole('region', { name: 'This customer’s other cases' });
    const keepChoice = sameCustomer.getByRole('button', { name: new RegExp(keep.reference) });
    await visible(keepChoice);
    await visible(keepChoice.getByText('Open', { exact: true }));
    await visible(keepChoice.getByText('Web', { exact: true }));
    await visible(keepChoice.getByText(/^last activity /));
    expect(await sameCustomer.getByRole('button', { name: new RegExp(dup.reference) }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Another customer's case, typed by its reference: the server refuses, and says why in the dialog.
    const box = dialog.getByRole('searchbox', { name: 'Case reference' });
    await box.fill(theirs.reference.toLowerCase());
    await box.press('Enter');
    const found = dialog.getByRole('list', { name: 'Cases found' }).getByRole('button', { name: new RegExp(theirs.reference) });
    await visible(found);
    await found.focus();
    await page.keyboard.press('Enter');
    await visible(dialog.getByRole('heading', { name: `Merge ${dup.reference} into ${theirs.reference}?` }));
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await visible(dialog.getByRole('alert').getByText('Only cases of the same customer can be merged. This one belongs to someone else.', { exact: true }));
    expect((await admin.get(`/api/v1/cases/${dup.id}`)).body.status).toBe('open');
    expect((await admin.get(`/api/v1/cases/${theirs.id}`)).body.status).toBe('open');

    // Back to the list; the customer's other case, with what merging does said plainly.
    await dialog.getByRole('button', { name: 'Choose another case' }).click();
    await keepChoice.click();
    await visible(dialog.getByRole('heading', { name: `Merge ${dup.reference} into ${keep.reference}?` }));
    await visible(dialog.getByText(`${dup.reference} is closed.`, { exact: true }));
    await visible(dialog.getByText(`The customer is told on Web, in their language, that the conversation continues in ${keep.reference}.`));
    await visible(dialog.getByText(`The messages of ${dup.reference} stay on its own record; nothing is moved or deleted.`));
    await visible(dialog.getByText(`An internal note on ${keep.reference} links it to ${dup.reference}, and both histories record the merge.`));
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();

    // The surviving case opens, with the note linking the two; the duplicate is closed.
    await expect.poll(() => page.url(), { timeout: soon }).toBe(`${node.url}/agent/cases/${keep.id}`);
    await hidden(dialog);
    await visible(page.getByRole('status').filter({ hasText: `Merged ${dup.reference} into ${keep.reference}` }));
    await visible(page.locator('.case-ref-big', { hasText: keep.reference }));
    await visible(page.locator('.event-line.system', { hasText: `Merged from ${dup.reference} (web, opened ` }));
    await visible(page.getByText(`you merged ${dup.reference} into this case`));
    expect((await admin.get(`/api/v1/cases/${dup.id}`)).body.status).toBe('closed');

    // The duplicate says where it continues, links there, and offers no merge of its own.
    await page.goto(`${node.url}/agent/cases/${dup.id}`);
    const notice = page.getByRole('note', { name: 'Merged case' });
    await visible(notice.getByText(`Merged into ${keep.reference}`));
    await visible(page.getByText(`you merged this case into ${keep.reference}`));
    expect(await page.getByRole('button', { name: 'Merge into another case…' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await notice.getByRole('link', { name: keep.reference }).click();
    await expect.poll(() => page.url(), { timeout: soon }).toBe(`${node.url}/agent/cases/${keep.id}`);
    await visible(page.locator('.case-ref-big', { hasText: keep.reference }));
    expect(errors).toEqual([]);
  });
});
