import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser } from './browser.js';

// The help center in Chromium with JavaScript switched off, as on a locked-down or very slow phone, and the
// accessibility of its pages (axe-core, in a second context that may run axe's script).

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
