import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

/** Debian's Chromium, never a downloaded browser; the flags keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SAPA_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serious and critical accessibility violations on the page (axe-core), as short strings for an assertion. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

// playwright-core has no web-first assertions: poll the locator instead.
export const soon = 15_000;
export const visible = (l: Locator, timeout = soon) => expect.poll(() => l.first().isVisible(), { timeout }).toBe(true);
export const hidden = (l: Locator, timeout = soon) => expect.poll(() => l.first().isVisible(), { timeout }).toBe(false);

/**
 * A fresh browser profile of the console at `base + at`, signed in with an API session (as a tab that signed in through
 * the form would be), once its live connection is up; page errors are collected in `errors`.
 */
export async function consoleAs(browser: Browser, base: string, session: { cookie: string; csrf: string }, at = '/agent'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await context.addCookies([{ name: 'sapa_session', value: session.cookie, url: base }]);
  await context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), session.csrf);
  await page.goto(`${base}${at}`);
  await visible(page.locator('.conn[data-state=live]'));
  return { context, page, errors };
}
