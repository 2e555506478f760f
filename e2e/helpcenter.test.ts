import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser, visible } from './browser.js';

// The help center in Chromium with JavaScript switched off, as on a locked-down or very slow phone, and the
// accessibility of its pages (axe-core, in a second context that may run axe's script); with JavaScript on, its chat
// links open the widget it embeds.

let node: TestNode;
let browser: Browser;

beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1', SAPA_MONITOR_INTERVAL_S: '0' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

const noJs = (locale = 'id-ID', mobile = true): Promise<BrowserContext> =>
  browser.newContext({ javaScriptEnabled: false, locale, viewport: mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 } });

describe('help center without JavaScript', () => {
  it('goes from the home page through search to an article, votes, and switches language', async () => {
    const context = await noJs('id-ID');
    const page = await context.newPage();
    await page.goto(`${node.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.textContent('h1')).toBe('Ada yang bisa kami bantu?');
    await expect.poll(() => page.locator('a[href="/help/id-ID/troubleshoot"]').count()).toBeGreaterThan(0);
    // Chat needs JavaScript: its link leads to the help center's ways to reach us, which say so.
    await page.locator('#chat a', { hasText: 'Live chat dengan agen' }).click();
    expect(page.url()).toBe(`${node.url}/help/id-ID#chat`);
    expect(await page.locator('#chat').isVisible()).toBe(true);
    const note = page.locator('#chat noscript p');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/^Chat memerlukan JavaScript/);

    await page.getByLabel('Cari di pusat bantuan').first().fill('saldo top up belum masuk');
    await page.getByRole('button', { name: 'Cari' }).first().click();
    expect(page.url()).toContain('/help/id-ID/search?q=');
    const firstResult = page.locator('ol.results li a').first();
    expect(await firstResult.getAttribute('href')).toBe('/help/id-ID/articles/top-up-failed');
    await firstResult.click();
    expect(page.url()).toBe(`${node.url}/help/id-ID/articles/top-up-failed`);
    const title = await page.textContent('h1');
    expect(title).toBeTruthy();

    await page.getByRole('button', { name: 'Ya', exact: true }).click();
    expect(page.url()).toContain('feedback=thanks');
    expect(await page.textContent('#feedback')).toContain('Terima kasih atas masukan Anda.');

    await page.click('a[hreflang="zh-Hans"]');
    expect(page.url()).toBe(`${node.url}/help/zh-CN/articles/top-up-failed`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    // Nothing is wider than a phone's screen.
    const [scrollWidth, width] = await Promise.all([page.evaluate(() => document.documentElement.scrollWidth), page.evaluate(() => window.innerWidth)]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
    await context.close();
  });

  it('has no serious or critical accessibility problems on home, article, category and search pages', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/help/en', '/help/zh-CN', '/help/id-ID/articles/support-unreachable', '/help/en/categories/account-and-security', '/help/en/search?q=otp', '/help/en/search?q=zzqxv']) {
      await page.goto(node.url + path);
      expect({ path, problems: await accessibilityProblems(page) }).toEqual({ path, problems: [] });
    }
    await context.close();
    // axe-core takes a few seconds a page, far more on a busy machine.
  }, 300_000);
});

describe('help center with JavaScript: the chat widget', () => {
  /** A browser with JavaScript on; the page's Content-Security-Policy refusals are collected in `refused`. */
  async function withJs() {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(`page error: ${e.message}`));
    return { context, page, refused };
  }
  const panel = (page: Page) => page.locator('sapa-widget #sapa-panel');

  it('opens the panel from “Live chat with an agent” in the help center, in place, and again after it is closed', async () => {
    const { context, page, refused } = await withJs();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const article = `${node.url}/help/en/articles/top-up-failed`;
    await page.goto(article);
    await page.locator('sapa-widget .launcher').waitFor({ state: 'visible' });
    expect(await panel(page).isVisible()).toBe(false);
    const chatLink = page.locator('#chat a', { hasText: 'Live chat with an agent' });
    expect(await chatLink.getAttribute('href')).toBe('/help/en#chat');
    expect(await page.locator('#chat noscript p').isVisible()).toBe(false);
    await chatLink.click();
    await visible(panel(page));
    // The chat itself loads (its chunk, the API, the live connection), allowed by the page's policy.
    await page.locator('sapa-widget #sapa-input').waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('sapa-widget #sapa-input').fill('Hello from the help center');
    await page.locator('sapa-widget #sapa-input').press('Enter');
    await expect.poll(() => sockets.some((u) => u.startsWith(node.url.replace(/^http/, 'ws'))), { timeout: 20_000 }).toBe(true);
    // Opened where the customer is: the article stays.
    expect(page.url()).toBe(article);
    await page.locator('sapa-widget #sapa-panel .x').click();
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    await page.locator('#chat a', { hasText: 'Sapa Assistant (24/7)' }).click();
    await visible(panel(page));
    // The widget's scripts and connections are Sapa's own: the page's policy refuses none of them.
    await page.waitForTimeout(1000);
    expect(refused).toEqual([]);
    await context.close();
  });

  it('opens it on arrival from a page without the widget (the troubleshooter) in the visitor’s language', async () => {
    const { context, page, refused } = await withJs();
    await page.goto(`${node.url}/help/zh-CN/troubleshoot`);
    await page.locator('[data-channel="live_chat"] a').click();
    await page.waitForURL(`${node.url}/help/zh-CN`);
    await visible(panel(page));
    expect(await panel(page).getAttribute('lang')).toBe('zh-CN');
    // The fragment is spent: the same link opens the panel again once it is closed.
    expect(new URL(page.url()).hash).toBe('');
    expect(refused).toEqual([]);
    await context.close();
  });
});
