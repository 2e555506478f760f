import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/src/kernel/db/index.js';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser } from './browser.js';

// The status page and the "can't reach support?" troubleshooter in Chromium, against a real node (with its
// realtime endpoint), with and without JavaScript.

let node: TestNode;
let browser: Browser;

beforeAll(async () => {
  node = await startNode({ SAPA_MONITOR_INTERVAL_S: '0' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

async function runTroubleshooter(blockWebSocket: boolean) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // A network that drops WebSocket upgrades: the page's socket is closed before it ever reaches the server.
  if (blockWebSocket) await page.routeWebSocket(/\/realtime\//, (ws) => ws.close());
  await page.goto(`${node.url}/help/en/troubleshoot`);
  const status = page.locator('#ts-status');
  await expect.poll(() => status.getAttribute('data-report-id'), { timeout: 45_000 }).toBeTruthy();
  const reportId = (await status.getAttribute('data-report-id'))!;
  const websocketLine = (await page.locator('#ts-results li[data-code="websocket"]').textContent()) ?? '';
  const serverCodes = await page.locator('#ts-server li[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  const [stored] = await rows<{ websocket: string | null; long_polling: string | null }>(
    node.app.desk.db,
    sql`select report->'network'->>'websocket' as websocket, report->'network'->>'longPolling' as long_polling from diagnostic_reports where id = ${reportId}`,
  );
  await context.close();
  return { websocketLine, serverCodes, stored };
}

describe('troubleshooter', () => {
  it('reports a network that blocks WebSocket, and chat’s slower mode', async () => {
    const blocked = await runTroubleshooter(true);
    expect(blocked.websocketLine).toMatch(/blocks live connections \(WebSocket\); chat still works in a slower mode/);
    expect(blocked.serverCodes).toContain('websocket_blocked');
    expect(blocked.stored).toEqual({ websocket: 'false', long_polling: 'true' });

    const open = await runTroubleshooter(false);
    expect(open.websocketLine).toMatch(/Live connections \(WebSocket\) work/);
    expect(open.serverCodes).not.toContain('websocket_blocked');
    expect(open.stored.websocket).toBe('true');
  });
});

describe('live chat down', () => {
  it('shows the banner and the working alternatives on the troubleshooter and the status page, with and without JavaScript', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const title = 'Live chat is not connecting';
    const incident = await admin.post('/api/v1/status/incidents', {
      title,
      titles: { 'zh-CN': '在线客服无法连接' },
      impact: 'major',
      message: 'Messages are not delivered; please use email or WhatsApp.',
      messages: { 'zh-CN': '消息无法送达，请改用电子邮件或 WhatsApp。' },
      components: [{ id: 'live_chat', status: 'major_outage' }],
    });
    expect(incident.status).toBe(201);
    try {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      for (const path of ['/help/en/troubleshoot', '/status?lang=en']) {
        await page.goto(`${node.url}${path}`);
        await expect.poll(() => page.locator('.banner[role="alert"]').textContent()).toContain(title);
        const channels = page.locator('#channels ul.channels > li');
        expect(await channels.first().getAttribute('data-available')).toBe('true');
        expect(await page.locator('#channels li[data-channel="live_chat"]').getAttribute('data-available')).toBe('false');
        expect(await page.locator('#channels li[data-channel="community_forum"]').getAttribute('data-available')).toBe('true');
        // Not configured on this node (no SMTP at all): listed, not offered.
        expect(await page.locator('#channels li[data-channel="email"]').getAttribute('data-available')).toBe('false');
        expect(await page.locator('#channels li[data-channel="live_chat"]').textContent()).toMatch(/outage/);
        if (path.startsWith('/help')) await expect.poll(() => page.locator('#ts-status').getAttribute('data-report-id'), { timeout: 45_000 }).toBeTruthy();
        expect(await accessibilityProblems(page)).toEqual([]);
      }
      await page.goto(`${node.url}/status/incidents/${incident.body.id}?lang=en`);
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();

      const noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
      const plain = await noScript.newPage();
      await plain.goto(`${node.url}/help/zh-CN/troubleshoot`);
      expect(await plain.locator('.banner').textContent()).toContain('在线客服无法连接');
      expect(await plain.locator('#ts-known li[data-code="live_chat_unavailable"]').count()).toBe(1);
      expect(await plain.locator('#channels li[data-channel="live_chat"]').getAttribute('data-available')).toBe('false');
      await plain.goto(`${node.url}/status`);
      expect(await plain.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await plain.locator('.banner').textContent()).toContain('消息无法送达');
      await noScript.close();
    } finally {
      await admin.post(`/api/v1/status/incidents/${incident.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
    }
    const context = await browser.newContext({ locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${node.url}/status`);
    expect(await page.locator('.banner').count()).toBe(0);
    expect(await page.locator('.overall').textContent()).toBe('Semua sistem berjalan normal');
    await context.close();
  }, 300_000);
});
