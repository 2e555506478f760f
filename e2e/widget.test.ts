import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { io } from 'socket.io-client';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionSurveys } from '../server/src/modules/csat/schema.js';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser } from './browser.js';
import { png } from './images.js';

// Journeys through the embeddable widget on a host page served from another origin than Sapa, in Chromium.

const root = path.resolve(import.meta.dirname, '..');
const JWT_SECRET = 'widget-e2e-identity-secret-0123456789';

// Playwright's web-first assertions live in @playwright/test; with playwright-core, poll the locator instead.
const soon = { timeout: 15_000 };
// The machine is shared: the longest journeys get room beyond the project's 90 s.
const LONG = 240_000;
const toBeVisible = (l: Locator, timeout = soon.timeout) => expect.poll(() => l.first().isVisible(), { timeout }).toBe(true);
const toHaveCount = (l: Locator, n: number, timeout = soon.timeout) => expect.poll(() => l.count(), { timeout }).toBe(n);
const toContainText = (l: Locator, text: string | RegExp, timeout = soon.timeout) =>
  expect.poll(async () => (await l.first().textContent().catch(() => '')) ?? '', { timeout }).toMatch(text);
const toHaveAttribute = (l: Locator, name: string, value: string) => expect.poll(() => l.getAttribute(name), soon).toBe(value);

interface HostOptions {
  locale?: string;
  settings?: Record<string, unknown>;
  lang?: string;
  /** A strict Content-Security-Policy: scripts and connections to Sapa only, no inline script or style, Trusted Types. */
  csp?: boolean;
  /** The page's own script throws before the widget's script tag. */
  broken?: boolean;
  /** The page inside a sandboxed iframe (an opaque origin: storage, Web Locks and cookies all refuse). */
  sandboxed?: boolean;
}

let node: TestNode;
let hostServer: Server;
let hostOrigin: string;
let browser: Browser;
const admin = () => {
  const c = new ApiClient(node.url);
  return c.asAdmin().then(() => c);
};

/** The host page on its own origin (localhost vs Sapa's 127.0.0.1, another port): the snippet and nothing else. */
function hostUrl(options: HostOptions = {}) {
  const q = new URLSearchParams();
  if (options.locale) q.set('locale', options.locale);
  if (options.settings) q.set('settings', JSON.stringify(options.settings));
  if (options.lang) q.set('lang', options.lang);
  if (options.csp) q.set('csp', '1');
  if (options.broken) q.set('broken', '1');
  if (options.sandboxed) q.set('sandboxed', '1');
  return `${hostOrigin}/?${q}`;
}

async function openHost(context: BrowserContext, options: HostOptions = {}, before?: (page: Page) => unknown): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await before?.(page);
  await page.goto(hostUrl(options));
  await page.locator('sapa-widget').waitFor({ state: 'attached' });
  return page;
}

const launcher = (page: Page) => page.locator('sapa-widget .launcher');
const thread = (page: Page) => page.locator('sapa-widget .thread');
const input = (page: Page) => page.locator('sapa-widget #sapa-input');

async function openWidget(page: Page) {
  await launcher(page).click();
  await input(page).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Whether the element is inside the thread's visible area (not scrolled out of view). */
async function inThreadView(page: Page, item: Locator): Promise<boolean> {
  const [box, view] = await Promise.all([item.boundingBox(), thread(page).boundingBox()]);
  return !!box && !!view && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1;
}
const transcriptButton = (page: Page) => page.locator('sapa-widget .chat-tools .linkish').nth(1);

async function send(page: Page, text: string) {
  await input(page).fill(text);
  await input(page).press('Enter');
}

/** The case the widget's visitor opened, as an agent sees it. */
async function widgetCase(page: Page) {
  const caseId = await page.evaluate(() => (JSON.parse(localStorage.getItem('sapa:conversation') ?? '{}') as { caseId?: string }).caseId);
  expect(caseId, 'the widget remembers its case').toBeTruthy();
  return caseId!;
}

type CaseMessage = { seq: number; body: string; author: { kind: string }; clientMessageId: string; attachments: { id: string; sha256: string; mime: string }[] };
const fromCustomer = (items: CaseMessage[]) => items.filter((m) => m.author.kind === 'visitor' || m.author.kind === 'customer');

async function caseMessages(caseId: string) {
  const a = await admin();
  const r = await a.get<{ items: CaseMessage[] }>(
    `/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`,
  );
  expect(r.status).toBe(200);
  return { admin: a, items: r.body.items };
}

beforeAll(async () => {
  node = await startNode({ SAPA_WIDGET_JWT_SECRET: JWT_SECRET });
  const template = readFileSync(path.join(root, 'e2e/fixtures/host.html'), 'utf8');
  hostServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const locale = url.searchParams.get('locale');
    const html = template
      .replace('{{LANG}}', url.searchParams.get('lang') ?? 'en')
      .replace('{{SAPA}}', node.url)
      .replace('{{ATTRS}}', locale ? `data-locale="${locale.replace(/[^\w-]/g, '')}"` : '')
      .replace('{{SETTINGS}}', (url.searchParams.get('settings') ?? '{}').replace(/</g, '\\u003c'))
      .replace('{{BROKEN}}', url.searchParams.has('broken') ? '<script>window.hostApp.init();</script>' : '');
    const csp = url.searchParams.has('csp') ? { 'content-security-policy': `default-src 'none'; script-src ${node.url}; connect-src ${node.url}; img-src ${node.url} blob: data:; require-trusted-types-for 'script'; trusted-types 'none'` } : {};
    const page = url.searchParams.has('sandboxed')
      ? `<!doctype html><title>A wallet app's sandboxed frame</title><iframe title="wallet" sandbox="allow-scripts" style="width:100%;height:700px;border:0" srcdoc="${html.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`
      : html;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...csp }).end(page);
  });
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(hostServer.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => hostServer?.close(resolve));
  await node?.stop();
});

describe('embeddable widget', () => {
  it('serves the loader and hashed chunks with the right cache headers and CORS', async () => {
    const loader = await fetch(`${node.url}/widget.js`, { headers: { origin: hostOrigin } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(loader.headers.get('cache-control')).toMatch(/max-age=300/);
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const etag = loader.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${node.url}/widget.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const chunk = /chat\.[\w-]{12}\.js/.exec(await loader.text())![0];
    const chat = await fetch(`${node.url}/widget/${chunk}`);
    expect(chat.status).toBe(200);
    expect(chat.headers.get('cache-control')).toMatch(/immutable/);
    expect(chat.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${node.url}/widget/..%2F..%2Fpackage.json`)).status).toBe(404);
    // The API answers the widget's preflight from another origin.
    const preflight = await fetch(`${node.url}/api/v1/cases`, {
      method: 'OPTIONS',
      headers: { origin: hostOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('chats with an agent, sends diagnostics, keeps the host page untouched and is accessible', { timeout: LONG }, async () => {
    // A customer in Shanghai: the transcript they download shows their own time, not the server's or UTC.
    const context = await browser.newContext({ timezoneId: 'Asia/Shanghai' });
    const frames: string[] = [];
    const page = await openHost(context, {}, (p) =>
      p.on('websocket', (ws) => {
        if (ws.url().includes('/realtime/')) ws.on('framereceived', (f) => frames.push(String(f.payload)));
      }),
    );
    // Browser-side expressions as strings: this file is type-checked without the DOM library.
    const pageFacts = `({ globals: Object.keys(window), font: getComputedStyle(document.getElementById('host-text')).fontFamily, head: document.head.children.length })`;
    const before = await page.evaluate<{ globals: string[]; font: string; head: number }>(pageFacts);
    await openWidget(page);
    await expect.poll(() => page.evaluate<string[]>(`Object.keys(window).filter((k) => k.toLowerCase().includes('sapa'))`), soon).toEqual(['SapaSettings', 'Sapa']);
    const after = await page.evaluate<{ globals: string[]; font: string; head: number }>(pageFacts);
    expect(after.globals.filter((k) => !before.globals.includes(k))).toEqual([]);
    expect(after.font).toBe(before.font);
    expect(after.head).toBe(before.head);

    await send(page, 'Saldo saya terpotong dua kali untuk satu pembayaran');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);
    // The assistant answers first, on the same case.
    await toBeVisible(page.locator('sapa-widget .msg.assistant'));
    const { admin: a, items } = await caseMessages(caseId);
    expect(fromCustomer(items).map((m) => m.body)).toEqual(['Saldo saya terpotong dua kali untuk satu pembayaran']);
    expect(items.some((m) => m.author.kind === 'assistant')).toBe(true);
    // "Talk to a person" goes through the assistant, which hands over (unless it already did).
    const handoff = page.locator('sapa-widget .handoff');
    if (await handoff.isVisible()) {
      await handoff.click();
      await expect.poll(async () => fromCustomer((await caseMessages(caseId)).items).length, soon).toBe(2);
      await toHaveCount(handoff, 0);
    }
    const view = await a.get<{ device: Record<string, unknown>; channel: string }>(`/api/v1/cases/${caseId}`);
    expect(view.body.channel).toBe('web');
    expect(view.body.device).toMatchObject({ os: 'Linux', device: 'desktop', locale: 'en' });
    for (const key of ['browser', 'timeZone', 'clientTime', 'screen', 'connection']) expect(view.body.device[key], key).toBeTruthy();

    const reply = await a.post(`/api/v1/cases/${caseId}/messages`, { body: 'Kami cek dulu ya, mohon tunggu.', clientMessageId: `agent-${Date.now()}` });
    expect(reply.status).toBe(201);
    await toBeVisible(thread(page).getByText('Kami cek dulu ya, mohon tunggu.'));
    // It came live over the WebSocket (Socket.IO upgraded from polling), not from a poll.
    expect(frames.some((f) => f.includes('Kami cek dulu ya'))).toBe(true);

    expect(await accessibilityProblems(page)).toEqual([]);

    // The customer keeps the record: the transcript downloads as an HTML file with the conversation in it.
    const [download, asked] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForRequest((r) => r.url().includes('/transcript?')),
      page.locator('sapa-widget .tools .linkish', { hasText: 'Download transcript' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sapa-.+\.html$/);
    // The widget asks for the browser's own zone (not left to the case's device record).
    expect(new URL(asked.url()).searchParams.get('tz')).toBe('Asia/Shanghai');
    const transcript = readFileSync((await download.path())!, 'utf8');
    expect(transcript).toContain('Saldo saya terpotong dua kali untuk satu pembayaran');
    expect(transcript).toContain('Kami cek dulu ya, mohon tunggu.');
    expect(transcript).toContain('Times are shown in the Asia/Shanghai time zone.');
    expect(transcript).toMatch(/<time datetime="[^"]+Z">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+08:00<\/time>/);

    // The page drives it too: window.Sapa('close' | 'open').
    await page.evaluate(`window.Sapa('close')`);
    await expect.poll(() => page.locator('sapa-widget .panel').isHidden(), soon).toBe(true);
    await page.evaluate(`window.Sapa('open')`);
    await toBeVisible(input(page));

    // A reply while the panel is closed: a badge on the launcher, and its label says so.
    await page.evaluate(`window.Sapa('close')`);
    await a.post(`/api/v1/cases/${caseId}/messages`, { body: 'Sudah kami kembalikan dananya.', clientMessageId: `agent-${Date.now()}-2` });
    await expect.poll(() => page.locator('sapa-widget .badge').textContent(), soon).toBe('1');
    await expect.poll(() => launcher(page).getAttribute('aria-label'), soon).toMatch(/1 new/);
    await page.evaluate(`window.Sapa('open')`);
    await toBeVisible(thread(page).getByText('Sudah kami kembalikan dananya.'));
    await expect.poll(() => page.locator('sapa-widget .badge').isHidden(), soon).toBe(true);

    // Keyboard: Esc closes and gives focus back to the launcher, which reopens with Enter.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('sapa-widget .panel').isHidden(), soon).toBe(true);
    await expect.poll(() => page.evaluate<string | undefined>(`document.querySelector('sapa-widget').shadowRoot.activeElement?.className`), soon).toBe('launcher');
    await page.keyboard.press('Enter');
    await input(page).waitFor({ state: 'visible' });

    // Keyboard: choosing a conversation, or starting a new one, puts focus in the message box (the list's button
    // that was pressed is gone).
    const focused = () => page.evaluate<string | undefined>(`document.querySelector('sapa-widget').shadowRoot.activeElement?.id`);
    const conversations = page.locator('sapa-widget .chat-tools .linkish').first();
    await conversations.click();
    await page.locator('sapa-widget .list .btn', { hasText: 'New conversation' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused, soon).toBe('sapa-input');
    await toBeVisible(thread(page).getByText('How can we help', { exact: false }));
    await conversations.click();
    await page.locator('sapa-widget .list .case').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused, soon).toBe('sapa-input');
    await toBeVisible(thread(page).getByText('Sudah kami kembalikan dananya.'));
    await context.close();
  });

  it('shows the agent typing and reading, live over Socket.IO', async () => {
    const context = await browser.newContext();
    const page = await openHost(context);
    await openWidget(page);
    await send(page, 'Is anyone there?');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);
    const { admin: a, items } = await caseMessages(caseId);
    const token = await a.post<{ token: string }>('/api/v1/agents/me/tokens', { name: 'widget e2e' });
    expect(token.status).toBe(201);
    const agent = io(node.url, { path: '/realtime', auth: { token: token.body.token }, transports: ['websocket'] });
    try {
      await new Promise<void>((resolve, reject) => {
        agent.once('connect', () => resolve());
        agent.once('connect_error', reject);
      });
      expect(await agent.timeout(10_000).emitWithAck('subscribe', { caseId, afterSeq: 0 })).toMatchObject({ ok: true });
      agent.emit('typing', { caseId, typing: true });
      await toBeVisible(page.locator('sapa-widget .typing'));
      const last = Math.max(...items.map((m) => m.seq));
      expect(await agent.timeout(10_000).emitWithAck('receipt', { caseId, seq: last, kind: 'read' })).toMatchObject({ ok: true });
      await toContainText(page.locator('sapa-widget .msg.mine .state').first(), 'Read');
    } finally {
      agent.close();
    }
    await context.close();
  });

  it('keeps messages typed offline, across a reload, and sends each exactly once in order', async () => {
    const context = await browser.newContext();
    const page = await openHost(context);
    await openWidget(page);
    await send(page, 'first: before going offline');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);

    await context.setOffline(true);
    const texts = ['offline one', 'offline two', 'offline three'];
    for (const text of texts) await send(page, text);
    await toHaveCount(page.locator('sapa-widget .msg.pending'), 3);
    await toContainText(page.locator('sapa-widget .msg.pending').first(), /waiting for connection/i);

    // The network comes back for the page but Sapa is still unreachable; the customer reloads.
    await page.route(`${node.url}/api/**`, (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await openWidget(page);
    await toHaveCount(page.locator('sapa-widget .msg.pending'), 3);
    expect(fromCustomer((await caseMessages(caseId)).items)).toHaveLength(1);
    // The chat was drawn while the panel was still closed (to send the outbox): opening shows the newest, not the top.
    await expect.poll(() => inThreadView(page, page.locator('sapa-widget .msg.pending').last()), soon).toBe(true);

    // Sapa is reachable again, and the browser says it is online.
    await page.unroute(`${node.url}/api/**`);
    await context.setOffline(true);
    await context.setOffline(false);
    await toHaveCount(page.locator('sapa-widget .msg.pending'), 0, 40_000);
    // The start that failed offline is done again: the case is known, so its transcript can be downloaded.
    await toContainText(transcriptButton(page), 'Download transcript');
    const mine = fromCustomer((await caseMessages(caseId)).items);
    expect(mine.map((m) => m.body)).toEqual(['first: before going offline', ...texts]);
    expect(mine.map((m) => m.seq)).toEqual([...mine.map((m) => m.seq)].sort((x, y) => x - y));
    expect(new Set(mine.map((m) => m.clientMessageId)).size).toBe(4);
    await context.close();
  });

  it('works over long-polling when WebSocket is blocked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let upgrades = 0;
    await page.routeWebSocket(/\/realtime\//, (ws) => {
      upgrades++;
      void ws.close();
    });
    const polls: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/realtime/') && r.url().includes('transport=polling')) polls.push(r.status());
    });
    await page.goto(hostUrl());
    await openWidget(page);
    await send(page, 'WebSocket is blocked here');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);
    const a = await admin();
    await a.post(`/api/v1/cases/${caseId}/messages`, { body: 'Reply that arrives without WebSocket', clientMessageId: `agent-${Date.now()}` });
    await toBeVisible(thread(page).getByText('Reply that arrives without WebSocket'));
    await send(page, 'and a second one');
    await expect.poll(async () => fromCustomer((await caseMessages(caseId)).items).map((m) => m.body), soon).toEqual(['WebSocket is blocked here', 'and a second one']);
    console.log(`long-polling: ${polls.length} polling responses (${[...new Set(polls)].join(',') || 'none'}), ${upgrades} WebSocket attempts refused`);
    await context.close();
  });

  it('shows a refused message with the reason in words, in view, and sends it once on Retry', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    // No Socket.IO at all: messages go over HTTP, where the refusal is staged.
    await page.routeWebSocket(/\/realtime\//, (ws) => void ws.close());
    await page.route(/\/realtime\//, (route) => route.abort());
    await page.goto(hostUrl());
    await openWidget(page);
    await send(page, 'first message, accepted');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);
    // Past the assistant (it takes its messages on its own route): what follows goes to the case.
    await toBeVisible(page.locator('sapa-widget .msg.assistant'));
    const handoff = page.locator('sapa-widget .handoff');
    if (await handoff.isVisible()) {
      await handoff.click();
      await toHaveCount(handoff, 0);
    }
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    // A proxy in between refuses the next one with a bare 403 page: no words from Sapa to show.
    const messages = /\/api\/v1\/cases\/[^/]+\/messages/;
    await page.route(messages, (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 403, contentType: 'text/html', body: '<h1>Forbidden</h1>' }) : route.continue()));
    await send(page, 'refused by a proxy');
    const failed = page.locator('sapa-widget .msg.failed');
    await toContainText(failed, 'Support did not accept it (error 403).');
    expect(await failed.textContent()).not.toContain('HTTP 403');
    const retry = failed.getByRole('button', { name: 'Retry' });
    await expect.poll(() => inThreadView(page, retry), soon).toBe(true);
    await page.unroute(messages);
    await retry.click();
    await toHaveCount(failed, 0);
    await expect.poll(async () => fromCustomer((await caseMessages(caseId)).items).filter((m) => m.body === 'refused by a proxy').length, soon).toBe(1);
    await context.close();
  });

  it('uploads a screenshot with progress; the agent downloads the same bytes', async () => {
    const context = await browser.newContext();
    const page = await openHost(context);
    await openWidget(page);
    const image = png(16);
    await page.locator('sapa-widget input[type=file]').setInputFiles({ name: 'bukti-transfer.png', mimeType: 'image/png', buffer: image });
    await toHaveCount(page.locator('sapa-widget .staged li'), 1);
    await expect.poll(() => page.locator('sapa-widget .staged progress').count(), soon).toBe(0);
    await send(page, 'Ini bukti transfernya');
    await toHaveCount(page.locator('sapa-widget .thread img.thumb'), 1);
    await expect.poll(() => page.locator('sapa-widget .thread img.thumb').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), soon).toBe(16);
    const caseId = await widgetCase(page);
    const { admin: a, items } = await caseMessages(caseId);
    const withFile = fromCustomer(items).filter((m) => m.attachments.length);
    expect(withFile.map((m) => m.body)).toEqual(['Ini bukti transfernya']);
    const attachment = withFile[0].attachments[0];
    expect(attachment.mime).toBe('image/png');
    const res = await fetch(`${node.url}/api/v1/attachments/${attachment.id}`, { headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(digest).toBe(createHash('sha256').update(image).digest('hex'));
    expect(attachment.sha256).toBe(digest);

    // Paste a screenshot and drop a file: both become attachments of the next message.
    await page.evaluate(`(() => {
      const root = document.querySelector('sapa-widget').shadowRoot;
      const png = Uint8Array.from(atob(${JSON.stringify(png(4).toString('base64'))}), (c) => c.charCodeAt(0));
      const pasted = new DataTransfer();
      pasted.items.add(new File([png], 'pasted.png', { type: 'image/png' }));
      root.querySelector('textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
      const dropped = new DataTransfer();
      dropped.items.add(new File(['Transaksi 12345, Rp 150.000'], 'catatan.txt', { type: 'text/plain' }));
      root.querySelector('.conv').dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    })()`);
    await toHaveCount(page.locator('sapa-widget .staged li'), 2);
    await expect.poll(() => page.locator('sapa-widget .staged progress').count(), soon).toBe(0);
    await send(page, 'dua lagi');
    await expect.poll(async () => fromCustomer((await caseMessages(caseId)).items).find((m) => m.body === 'dua lagi')?.attachments.map((x) => x.mime).sort(), soon).toEqual(['image/png', 'text/plain']);

    // A file type Sapa refuses: its own words, in the widget's language, and nothing is sent.
    await page.locator('sapa-widget select').selectOption('id-ID');
    await page.locator('sapa-widget input[type=file]').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]) });
    await toContainText(page.locator('sapa-widget .staged .err'), /tidak bisa dilampirkan/i);
    // Sending the same file again cannot help: only "remove" is offered.
    await toHaveCount(page.locator('sapa-widget .staged li.bad button'), 1);
    await context.close();
  });

  it('identifies a customer with a signed token and shows their history on another device; a bad token falls back to guest', { timeout: LONG }, async () => {
    const sub = `wallet-user-${Date.now()}`;
    const token = await new SignJWT({ name: 'Siti Rahma', email: `${sub}@example.test` })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const phone = await browser.newContext();
    const first = await openHost(phone, { settings: { identityToken: token, appVersion: '5.12.0' }, locale: 'id-ID' });
    await openWidget(first);
    await send(first, 'Top up saya belum masuk');
    await expect.poll(() => first.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(first);
    const a = await admin();
    const view = await a.get<{ customerId: string | null; channel: string; device: Record<string, unknown> }>(`/api/v1/cases/${caseId}`);
    expect(view.body.customerId).toBeTruthy();
    expect(view.body.channel).toBe('app');
    expect(view.body.device.appVersion).toBe('5.12.0');
    await phone.close();

    // Another device, where the page signs the customer in after the widget loaded: Sapa('identify', …).
    const laptop = await browser.newContext();
    const second = await openHost(laptop);
    await openWidget(second);
    expect(await thread(second).getByText('Top up saya belum masuk').count()).toBe(0);
    await second.evaluate(`window.Sapa('identify', { identityToken: ${JSON.stringify(token)} })`);
    await toBeVisible(thread(second).getByText('Top up saya belum masuk'));
    await laptop.close();

    const stranger = await browser.newContext();
    const forged = await openHost(stranger, { settings: { identityToken: `${token.slice(0, -4)}AAAA` } });
    await openWidget(forged);
    await toContainText(forged.locator('sapa-widget .note.info'), /guest/i);
    expect(await thread(forged).getByText('Top up saya belum masuk').count()).toBe(0);
    await send(forged, 'Halo, saya tamu');
    await expect.poll(() => forged.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    await stranger.close();
  });

  it('speaks the page language, switches language, and runs the connection check', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, { locale: 'id-ID', settings: { primaryColor: '#ffcc00', position: 'left' } });
    await expect.poll(() => launcher(page).getAttribute('aria-label'), soon).toBe('Chat dengan layanan pelanggan');
    // The host's color and side; text on a light color turns dark so it stays readable.
    expect((await launcher(page).boundingBox())!.x).toBeLessThan(100);
    expect(await launcher(page).evaluate((b) => { const c = getComputedStyle(b as never) as unknown as { backgroundColor: string; color: string }; return [c.backgroundColor, c.color]; })).toEqual(['rgb(255, 204, 0)', 'rgb(17, 17, 17)']);
    await openWidget(page);
    const refreshed = page.waitForResponse((r) => r.url().includes('/support/channels') && r.url().includes('locale=zh-CN'));
    await page.locator('sapa-widget select').selectOption('zh-CN');
    await refreshed;
    await expect.poll(() => launcher(page).getAttribute('aria-label'), soon).toBe('联系客服');
    await toHaveAttribute(input(page), 'placeholder', '输入消息…');
    // Sapa's notice for live chat (nobody online, or outside hours) is fetched again in Chinese and redrawn.
    const channels = (await (await fetch(`${node.url}/api/v1/support/channels?locale=zh-CN`)).json()) as { items: { id: string; notice?: string }[] };
    const notice = channels.items.find((c) => c.id === 'live_chat')?.notice;
    expect(notice, 'no agent is online in this test node, so live chat has a notice').toBeTruthy();
    // At once, not at the chat's next unrelated redraw (which may be 30 s away on a live socket).
    await toContainText(page.locator('sapa-widget .notes'), notice!, 2000);
    await page.locator('sapa-widget .tools .linkish').first().click();
    // The chat's own buttons would act on the hidden chat: they step aside while the check is shown.
    await expect.poll(() => page.locator('sapa-widget .chat-tools').isHidden(), soon).toBe(true);
    await toBeVisible(page.locator('sapa-widget .doctor .checks li').first(), 20_000);
    await toContainText(page.locator('sapa-widget .doctor'), '客服服务可访问');
    // The report went to POST /diagnostics: Sapa's findings and advice come back in Chinese.
    await toContainText(page.locator('sapa-widget .doctor'), '报告已发送给客服团队', 20_000);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone screen (full-screen panel)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await openHost(context, { locale: 'id-ID' });
    await openWidget(page);
    await send(page, 'Akun saya terkunci setelah salah PIN');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const box = await page.locator('sapa-widget .panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
    // Hours and the expected reply time are read in full, not cut off with an ellipsis.
    const sub = page.locator('sapa-widget .head .sub');
    await toContainText(sub, /Jam layanan: .+ · Perkiraan balasan: .+/);
    expect(await sub.evaluate((e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)).toBe(true);
    // The newest message is in view, and a long answer from the assistant is shown from its first line.
    const answer = page.locator('sapa-widget .msg.assistant').last();
    await toBeVisible(answer);
    const [answerBox, threadBox] = await Promise.all([answer.boundingBox(), thread(page).boundingBox()]);
    if (answerBox!.height > threadBox!.height) {
      expect(answerBox!.y).toBeGreaterThanOrEqual(threadBox!.y - 1);
      expect(answerBox!.y).toBeLessThan(threadBox!.y + threadBox!.height / 2);
    } else await expect.poll(() => inThreadView(page, answer), soon).toBe(true);
    // The transcript comes in the customer's language.
    const [download] = await Promise.all([page.waitForEvent('download'), transcriptButton(page).click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Transkrip kasus');
    const shot = path.join(process.env.SAPA_SCREENSHOT_DIR ?? '/tmp', 'sapa-widget-360.png');
    await page.screenshot({ path: shot });
    console.log(`360 px screenshot: ${shot}`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('asks for a rating when a person resolves the case: rated 1–5 from the keyboard with a comment, kept across a reload, changeable, errors in words', { timeout: LONG }, async () => {
    const context = await browser.newContext();
    const frames: string[] = [];
    const page = await openHost(context, {}, (p) =>
      p.on('websocket', (ws) => {
        if (ws.url().includes('/realtime/')) ws.on('framereceived', (f) => frames.push(String(f.payload)));
      }),
    );
    await openWidget(page);
    await send(page, 'My top-up of 50,000 has not arrived');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
    const caseId = await widgetCase(page);
    const a = await admin();
    expect((await a.post(`/api/v1/cases/${caseId}/messages`, { body: 'Found it: your top-up is credited now.', clientMessageId: `agent-${Date.now()}` })).status).toBe(201);
    await toBeVisible(thread(page).getByText('Found it: your top-up is credited now.'));
    expect((await a.patch(`/api/v1/cases/${caseId}`, { status: 'resolved' })).status).toBe(200);

    // Sapa's question arrives as a card: its words without the raw link, and five buttons named for what they mean.
    const card = page.locator('sapa-widget .survey');
    await toBeVisible(card);
    await toContainText(card.locator('.text'), /^Your case SP-[\w-]+ is resolved\. How did we do\? Rate our help from 1 to 5 \(it takes a few seconds\)$/);
    // It came live: the message's survey (its metadata) reaches the customer over the socket.
    expect(frames.some((f) => /"survey":\{[^}]*"token":"[\w-]{20,}"/.test(f))).toBe(true);
    const scores = card.locator('.scores button');
    await toHaveCount(scores, 5);
    expect(await scores.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')))).toEqual(['1 — Very unhappy', '2 — Unhappy', '3 — Neither happy nor unhappy', '4 — Happy', '5 — Very happy']);
    expect(await accessibilityProblems(page)).toEqual([]);

    // By keyboard alone: Space on 4, Tab past 5 to the comment, type, Tab to Send, Enter.
    const active = () => page.evaluate<string>(`(() => { const e = document.querySelector('sapa-widget').shadowRoot.activeElement; return e ? e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || '') : ''; })()`);
    await scores.nth(3).focus();
    await page.keyboard.press('Space');
    await toHaveAttribute(scores.nth(3), 'aria-pressed', 'true');
    const comment = card.locator('textarea');
    await toBeVisible(comment);
    expect(await card.locator('label', { hasText: 'Anything you want to tell us? (optional)' }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(active, soon).toBe('TEXTAREA ');
    await page.keyboard.type('Quick and kind, thank you');
    await page.keyboard.press('Tab');
    await expect.poll(active, soon).toBe('BUTTON Send rating');
    await page.keyboard.press('Enter');
    const done = card.locator('.done');
    await toContainText(done, /^Thanks, you rated 4\/5\.Quick and kind, thank you You can change your answer until .+\.$/);
    // The keyboard stays on the card (the Send button pressed is gone).
    await expect.poll(active, soon).toMatch(/^P Thanks, you rated 4\/5/);

    // Sapa has the answer.
    const answer = async () => (await a.get<{ survey: { score: number | null; comment: string | null } | null }>(`/api/v1/cases/${caseId}/satisfaction`)).body.survey;
    await expect.poll(answer, soon).toMatchObject({ score: 4, comment: 'Quick and kind, thank you' });
    expect(await accessibilityProblems(page)).toEqual([]);

    // After a reload, the card shows the answer Sapa holds, and offers to change it.
    await page.reload();
    await openWidget(page);
    await toContainText(page.locator('sapa-widget .survey .done'), /^Thanks, you rated 4\/5\.Quick and kind, thank you/);
    const change = page.locator('sapa-widget .survey .btn.secondary', { hasText: 'Change my rating' });
    await toBeVisible(change);
    expect(await page.locator('sapa-widget .survey .scores').count()).toBe(0);

    // Changing it: the current answer is chosen; what fails is said in words and what was chosen and written stays.
    await change.focus();
    await page.keyboard.press('Enter');
    await expect.poll(active, soon).toBe('BUTTON 4 — Happy');
    // Changing one's mind about changing it: nothing is sent, the answer stays.
    await page.locator('sapa-widget .survey .btn.secondary', { hasText: 'Keep my rating' }).click();
    await toContainText(page.locator('sapa-widget .survey .done'), /^Thanks, you rated 4\/5\./);
    await change.click();
    await page.locator('sapa-widget .survey .scores button').nth(1).click();
    const box = page.locator('sapa-widget .survey textarea');
    expect(await box.inputValue()).toBe('Quick and kind, thank you');
    await box.fill('Quick, but the money took two days');
    const sendRating = page.locator('sapa-widget .survey .btn', { hasText: 'Send rating' });
    const error = page.locator('sapa-widget .survey .err[role=alert]');
    const kept = async () => {
      await toHaveAttribute(page.locator('sapa-widget .survey .scores button').nth(1), 'aria-pressed', 'true');
      expect(await box.inputValue()).toBe('Quick, but the money took two days');
    };

    await context.setOffline(true);
    await sendRating.click();
    await toContainText(error, 'You are offline, so your rating was not sent. It is kept here');
    await kept();
    await context.setOffline(false);

    await page.route('**/api/v1/surveys/**', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Service Unavailable' } }) })
        : route.continue(),
    );
    await sendRating.click();
    await toContainText(error, 'Support cannot be reached right now, so your rating was not sent. It is kept here');
    await kept();
    await page.unroute('**/api/v1/surveys/**');
    expect(await answer()).toMatchObject({ score: 4 });

    // Seven days later the survey has closed (410): said so, and what was chosen and written is still on screen.
    await node.app.desk.db.update(satisfactionSurveys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(satisfactionSurveys.caseId, caseId));
    await sendRating.click();
    await toContainText(error, 'This survey has closed, so your rating could not be saved.');
    await kept();
    expect(await sendRating.count()).toBe(0);
    expect(await answer()).toMatchObject({ score: 4, comment: 'Quick and kind, thank you' });
    expect(await accessibilityProblems(page)).toEqual([]);

    // And after a reload: the answer Sapa holds, the survey closed, nothing left to change.
    await page.reload();
    await openWidget(page);
    await toContainText(page.locator('sapa-widget .survey .done'), /^Thanks, you rated 4\/5\./);
    await toContainText(page.locator('sapa-widget .survey .closed'), 'This survey has closed.');
    expect(await page.locator('sapa-widget .survey button').count()).toBe(0);
    // In the customer's language.
    await page.evaluate(`window.Sapa('locale', 'zh-CN')`);
    await toContainText(page.locator('sapa-widget .survey .done'), /^谢谢，您的评分是 4\/5。/);
    await toContainText(page.locator('sapa-widget .survey .closed'), '此调查已结束。');
    await page.evaluate(`window.Sapa('locale', 'id-ID')`);
    await toContainText(page.locator('sapa-widget .survey .closed'), 'Survei ini sudah ditutup.');
    await context.close();
  });

  describe('in odd browsers', () => {
    // Each environment, simulated on the host page before any script runs. Strings: they run in the page.
    const blockStorage = `for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`;
    const blockIndexedDb = `Object.defineProperty(window, 'indexedDB', { configurable: true, get() { return { open() { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); } }; } });`;
    const remove = (...names: string[]) => names.map((n) => `try { Object.defineProperty(${n.replace(/\.(\w+)$/, `, '$1'`)}, { configurable: true, value: undefined }); delete ${n}; } catch {}`).join('\n');

    interface Odd {
      page: Page;
      /** Uncaught errors in the page, and what the widget reported quietly (console.warn '[Sapa widget]'). */
      errors: string[];
      reported: string[];
      host: Frame;
      /** An element of the widget: in its shadow root, or in its iframe where there is no shadow DOM. */
      w: (selector: string) => Locator;
    }

    async function oddHost(context: BrowserContext, init: string | undefined, options: HostOptions = {}, inFrame = false): Promise<Odd> {
      const page = await context.newPage();
      const errors: string[] = [];
      const reported: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.text().startsWith('[Sapa widget]')) reported.push(m.text());
      });
      if (init) await page.addInitScript(init);
      await page.goto(hostUrl(options));
      // The page that embeds the widget: the tab itself, or the sandboxed frame in it.
      const host = options.sandboxed ? (await (await page.waitForSelector('iframe[title=wallet]')).contentFrame())! : page.mainFrame();
      await host.locator('sapa-widget').waitFor({ state: 'attached' });
      const w = inFrame ? (s: string) => host.frameLocator('sapa-widget iframe').locator(s) : (s: string) => host.locator(`sapa-widget ${s}`);
      return { page, host, errors, reported, w };
    }

    /**
     * The customer's journey: the launcher shows and opens, a message reaches an agent, the agent's reply reaches the
     * customer, and the page's own button still works. Returns the case id (read from Sapa's answer, not from
     * storage, which some of these browsers do not have).
     */
    async function chatJourney({ page, host, w }: Odd, text: string): Promise<string> {
      await toBeVisible(w('.launcher'));
      expect(await w('.launcher').evaluate((b) => getComputedStyle(b).position), 'the launcher is styled').toBe('fixed');
      await w('.launcher').click();
      await w('textarea').waitFor({ state: 'visible', timeout: 20_000 });
      const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'POST', { timeout: 20_000 });
      await w('textarea').fill(text);
      await w('textarea').press('Enter');
      const caseId = ((await (await created).json()) as { id: string }).id;
      await expect.poll(async () => fromCustomer((await caseMessages(caseId)).items).map((m) => m.body), soon).toEqual([text]);
      const a = await admin();
      const reply = `Agent reply to: ${text}`;
      expect((await a.post(`/api/v1/cases/${caseId}/messages`, { body: reply, clientMessageId: `agent-${Date.now()}` })).status).toBe(201);
      await toBeVisible(w('.thread').getByText(reply), 20_000);
      await host.evaluate(`window.Sapa('close')`);
      await host.locator('#host-button').click();
      return caseId;
    }

    const clean = (odd: Odd) => {
      expect(odd.errors, 'uncaught errors in the page').toEqual([]);
      expect(odd.reported, 'errors the widget caught').toEqual([]);
    };

    it('no WebSocket (old web views, proxies): chats over long-polling, and the connection check says so', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, remove('window.WebSocket'));
      await chatJourney(odd, 'no WebSocket in this web view');
      await odd.page.evaluate(`window.Sapa('open')`);
      await odd.page.locator('sapa-widget .tools .linkish').first().click();
      await toContainText(odd.page.locator('sapa-widget .doctor .checks'), /WebSocket is blocked/, 20_000);
      clean(odd);
      await context.close();
    });

    it('no IndexedDB (Firefox private mode, some web views)', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, blockIndexedDb);
      await chatJourney(odd, 'IndexedDB refuses to open here');
      clean(odd);
      await context.close();
    });

    it('storage forbidden (cookies blocked, private modes): works for the page, says nothing is kept, loses nothing written offline', { timeout: LONG }, async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, `${blockStorage}\n${blockIndexedDb}`);
      const { page } = odd;
      const caseId = await chatJourney(odd, 'storage is blocked in this browser');
      await page.evaluate(`window.Sapa('open')`);
      // Said once, truthfully: this browser keeps nothing after the page closes.
      await toBeVisible(page.locator('sapa-widget .note.info', { hasText: /not kept after you leave/i }));
      // Written offline, kept in memory, sent once and in order when the connection returns.
      await context.setOffline(true);
      for (const text of ['offline without storage one', 'offline without storage two']) await send(page, text);
      await toHaveCount(page.locator('sapa-widget .msg.pending'), 2);
      await context.setOffline(false);
      await toHaveCount(page.locator('sapa-widget .msg.pending'), 0, 40_000);
      const mine = fromCustomer((await caseMessages(caseId)).items).map((m) => m.body);
      expect(mine).toEqual(['storage is blocked in this browser', 'offline without storage one', 'offline without storage two']);
      clean(odd);
      await context.close();
    });

    it('a sandboxed frame in an app (opaque origin: no storage, Web Locks or cookies)', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, undefined, { sandboxed: true });
      await chatJourney(odd, 'inside a sandboxed frame');
      await odd.host.evaluate(`window.Sapa('open')`);
      await toBeVisible(odd.w('.note.info').filter({ hasText: /not kept after you leave/i }));
      // The connection check from an opaque origin: it says storage is blocked, and its report still reaches Sapa.
      await odd.w('.tools .linkish').first().click();
      await toContainText(odd.w('.doctor .checks'), /Storage is blocked/, 20_000);
      await toContainText(odd.w('.doctor'), /report was sent to our team/i, 20_000);
      clean(odd);
      await context.close();
    });

    it('an outdated engine (iOS 12/13 Safari, an old Android web view): no replaceChildren, matchAll, at, hasOwn, …', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(
        context,
        remove(
          'Element.prototype.replaceChildren',
          'Document.prototype.replaceChildren',
          'DocumentFragment.prototype.replaceChildren',
          'String.prototype.matchAll',
          'String.prototype.replaceAll',
          'Array.prototype.at',
          'Array.prototype.findLast',
          'Object.hasOwn',
          'Promise.allSettled',
          'window.structuredClone',
          'AbortSignal.timeout',
          'window.CSSStyleSheet.prototype.replaceSync',
        ),
      );
      // A link in the agent's reply goes through the link finder.
      await chatJourney(odd, 'my phone is old, see https://example.com/receipt');
      await odd.host.evaluate(`window.Sapa('open')`);
      await toBeVisible(odd.w('.thread a[href="https://example.com/receipt"]'));
      // The connection check draws with the same helpers.
      await odd.w('.tools .linkish').first().click();
      await toBeVisible(odd.w('.doctor .checks li'), 20_000);
      clean(odd);
      await context.close();
    });

    it('no Web Locks, no crypto.randomUUID, no Intl.Segmenter / RelativeTimeFormat, no Resize/IntersectionObserver, no requestIdleCallback', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(
        context,
        `Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
        ${remove('Crypto.prototype.randomUUID', 'Intl.Segmenter', 'Intl.RelativeTimeFormat', 'window.ResizeObserver', 'window.IntersectionObserver', 'window.requestIdleCallback')}`,
      );
      await chatJourney(odd, 'an old Safari without the new APIs');
      clean(odd);
      await context.close();
    });

    it('no Web Locks (Safari before 15.4) and two tabs: what was written offline is sent exactly once, in order', { timeout: LONG }, async () => {
      const context = await browser.newContext();
      const noLocks = `Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });`;
      const first = await oddHost(context, noLocks);
      const second = await oddHost(context, noLocks);
      const caseId = await chatJourney(first, 'two tabs, no Web Locks');
      // Both tabs have the chat loaded and share the outbox in localStorage.
      await second.host.evaluate(`window.Sapa('open')`);
      await second.w('textarea').waitFor({ state: 'visible', timeout: 20_000 });
      await first.host.evaluate(`window.Sapa('open')`);
      await context.setOffline(true);
      const texts = ['two tabs offline one', 'two tabs offline two', 'two tabs offline three'];
      for (const text of texts) {
        await first.w('textarea').fill(text);
        await first.w('textarea').press('Enter');
      }
      await toHaveCount(first.w('.msg.pending'), 3);
      await context.setOffline(false);
      await toHaveCount(first.w('.msg.pending'), 0, 40_000);
      await expect.poll(() => second.page.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();
      const mine = fromCustomer((await caseMessages(caseId)).items);
      expect(mine.map((m) => m.body)).toEqual(['two tabs, no Web Locks', ...texts]);
      expect(new Set(mine.map((m) => m.clientMessageId)).size).toBe(4);
      clean(first);
      clean(second);
      await context.close();
    });

    it('no shadow DOM (attachShadow missing): the widget still works, and the page keeps its own styles', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, remove('Element.prototype.attachShadow'), {}, true);
      const { page, w } = odd;
      const font = `getComputedStyle(document.getElementById('host-text')).fontFamily`;
      const before = await page.evaluate<string>(font);
      await chatJourney(odd, 'this browser has no shadow DOM');
      expect(await page.evaluate<string>(font)).toBe(before);
      // The page's hostile `button { background: #ff00ff !important }` does not reach the widget.
      expect(await w('.launcher').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(10, 102, 64)');
      // Closed, the frame covers only the launcher's corner: the rest of the page takes clicks (chatJourney clicked
      // the page's button); open, it is the panel, and Esc closes it and leaves the launcher focused.
      await w('.launcher').click();
      await w('textarea').waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await expect.poll(() => w('.panel').isHidden(), soon).toBe(true);
      await expect.poll(() => w('.launcher').evaluate((b) => b.ownerDocument.activeElement === b), soon).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      clean(odd);
      await context.close();
    });

    it('no shadow DOM behind a strict CSP with Trusted Types: the iframe is drawn without document.write', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, remove('Element.prototype.attachShadow'), { csp: true }, true);
      await chatJourney(odd, 'no shadow DOM and a strict CSP');
      clean(odd);
      await context.close();
    });

    it('a strict Content-Security-Policy (scripts and connections to Sapa only, no inline styles, Trusted Types)', async () => {
      const context = await browser.newContext();
      const violations = `window.sapaTestViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.sapaTestViolations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));`;
      const odd = await oddHost(context, violations, { csp: true });
      await chatJourney(odd, 'behind a strict CSP');
      // The page's own inline script and style are refused (its business); of the widget's doings only the upgrade to
      // WebSocket is (`connect-src http://…` does not cover ws://, README), and the chat went on over long-polling.
      const refused = await odd.page.evaluate<string[]>('window.sapaTestViolations');
      expect(refused.length, 'the policy is in force').toBeGreaterThan(0);
      expect(refused.filter((v) => v.includes(node.url) && !v.startsWith('connect-src ws://'))).toEqual([]);
      clean(odd);
      await context.close();
    });

    it('a host page whose own script throws first: only that error, and the widget works', async () => {
      const context = await browser.newContext();
      const odd = await oddHost(context, undefined, { broken: true });
      await chatJourney(odd, 'the page script is broken');
      expect(odd.errors).toHaveLength(1);
      expect(odd.errors[0]).toMatch(/reading 'init'/);
      expect(odd.reported).toEqual([]);
      await context.close();
    });

    it('forced colors (Windows high contrast): the launcher and the panel keep a visible edge', async () => {
      const context = await browser.newContext({ forcedColors: 'active' });
      const odd = await oddHost(context, undefined);
      await chatJourney(odd, 'high contrast mode');
      await odd.host.evaluate(`window.Sapa('open')`);
      // Shadows and backgrounds are dropped in forced colors: without a border the panel melts into the page.
      for (const part of ['.launcher', '.panel']) expect(await odd.w(part).evaluate((e) => getComputedStyle(e).borderTopWidth), part).toBe('2px');
      clean(odd);
      await context.close();
    });

    it('a 320 px screen (or a page zoomed to 400 %), reduced motion: everything in view, nothing animates', async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 480 }, reducedMotion: 'reduce' });
      const odd = await oddHost(context, undefined);
      const { page } = odd;
      await chatJourney(odd, 'a very small screen');
      await page.evaluate(`window.Sapa('open')`);
      const inViewport = async (l: Locator) => {
        const b = await l.boundingBox();
        return !!b && b.x >= 0 && b.y >= 0 && b.x + b.width <= 320 && b.y + b.height <= 480;
      };
      for (const l of [page.locator('sapa-widget .head .x'), input(page), page.locator('sapa-widget .send'), page.locator('sapa-widget .tools select')]) {
        await expect.poll(() => inViewport(l), soon).toBe(true);
      }
      const animated = await page.evaluate<string[]>(`[...document.querySelector('sapa-widget').shadowRoot.querySelectorAll('*')].filter((e) => { const s = getComputedStyle(e); return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0; }).map((e) => e.className)`);
      expect(animated).toEqual([]);
      clean(odd);
      await context.close();
    });
  });

  // Last: it stops the node.
  it('when Sapa is down, the launcher still opens, shows the last known alternatives and status, and keeps what is written', { timeout: LONG }, async () => {
    const a = await admin();
    const title = `Live chat is not connecting ${Date.now().toString(36)}`;
    const incident = await a.post('/api/v1/status/incidents', { title, impact: 'major', message: 'We are on it.', components: [{ id: 'live_chat', status: 'major_outage' }] });
    expect(incident.status).toBe(201);

    // The loader caches /support/channels and /status when the page is idle: let that happen on both pages.
    const cachedOn = (p: Page) => Promise.all(['/api/v1/status', '/api/v1/support/channels'].map((u) => p.waitForResponse((r) => r.url().includes(u), { timeout: 15_000 }).catch(() => undefined)));
    let cached: Promise<unknown>[] = [];
    const neverOpened = await openHost(await browser.newContext(), {}, (p) => void (cached = [cachedOn(p)]));
    const context = await browser.newContext();
    const chatting = await openHost(context, {}, (p) => void cached.push(cachedOn(p)));
    await Promise.all(cached);
    await openWidget(chatting);
    await toContainText(chatting.locator('sapa-widget .banner'), title);
    await send(chatting, 'hello before the outage');
    await expect.poll(() => chatting.evaluate(() => localStorage.getItem('sapa:outbox')), soon).toBeNull();

    await node.stop();

    // A page whose chat never loaded: the launcher opens on the cached alternatives and the status message.
    await launcher(neverOpened).click();
    const panel = neverOpened.locator('sapa-widget .panel');
    await toContainText(panel, /can’t reach support/i, 30_000);
    await toContainText(neverOpened.locator('sapa-widget .banner'), title);
    const alternatives = panel.locator('.alts li.alt');
    await toBeVisible(alternatives);
    expect(await alternatives.count()).toBeGreaterThan(2);
    expect(await panel.locator('.alts li.alt:not(.off)').count()).toBeGreaterThan(0);
    // The assistant lives in this widget and is down with it: not offered as a way out.
    expect(await panel.locator('.alts').first().textContent()).not.toMatch(/assistant/i);
    expect(await accessibilityProblems(neverOpened)).toEqual([]);

    // The troubleshooter says Sapa is unreachable and offers the saved alternatives instead of its report.
    await neverOpened.locator('sapa-widget .tools .linkish').first().click();
    await toContainText(neverOpened.locator('sapa-widget .doctor .checks'), /not reachable/i, 30_000);
    await toBeVisible(neverOpened.locator('sapa-widget .doctor .alts li.alt'));

    // The open chat: what is written now waits, with the alternatives at hand.
    await send(chatting, 'written during the outage');
    await toContainText(chatting.locator('sapa-widget .msg.pending'), /waiting for connection/i, 30_000);
    await toContainText(chatting.locator('sapa-widget .note.warn'), /cannot be reached|offline/i, 30_000);

    // A new page while Sapa is down: loader and chat come from the browser cache; the waiting message is still there.
    const later = await context.newPage();
    await later.goto(hostUrl());
    await later.locator('sapa-widget').waitFor({ state: 'attached' });
    await openWidget(later);
    await toContainText(later.locator('sapa-widget .msg.pending'), 'written during the outage');
    await context.close();
  });
});
