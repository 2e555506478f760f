import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_PASSWORD, DEMO_CUSTOMER_PASSWORD } from '../server/src/demo.js';
import { startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser } from './browser.js';

// The community forum in Chromium without JavaScript: a demo customer signs in and posts, a scam post is held,
// an agent pins, locks and hides; and the pages pass axe-core.

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

const noJs = (locale: string): Promise<BrowserContext> => browser.newContext({ javaScriptEnabled: false, locale, viewport: { width: 1280, height: 900 } });

async function signIn(page: Page, locale: string, login: string, password: string, labels: { login: string; password: string; button: string }) {
  await page.getByLabel(labels.login).fill(login);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.button, exact: true }).click();
  expect(page.url()).not.toContain(`/community/${locale}/signin`);
}

const id = { login: 'Email atau nomor HP', password: 'Kata sandi', button: 'Masuk' };
const en = { login: 'Email or phone number', password: 'Password', button: 'Sign in' };

describe('community forum', () => {
  let topicUrl = '';
  let scamUrl = '';
  const title = `Top up BCA belum masuk ${uid()}`;
  const scamTitle = `CS resmi lewat WhatsApp ${uid()}`;

  it('lets a demo customer sign in with a plain form and post a topic; a scam post is held with a warning', async () => {
    const context = await noJs('id-ID');
    const page = await context.newPage();
    await page.goto(`${node.url}/community/id-ID`);
    expect(await page.textContent('.safety')).toContain('tidak akan pernah meminta PIN atau OTP');
    await page.getByRole('link', { name: 'Buat topik baru' }).click();
    expect(page.url()).toContain('/community/id-ID/signin');
    await signIn(page, 'id-ID', 'budi@demo.sapa.test', DEMO_CUSTOMER_PASSWORD, id);
    expect(page.url()).toBe(`${node.url}/community/id-ID/new`);

    await page.getByLabel('Judul').fill(title);
    await page.getByLabel('Rincian').fill('Saya top up Rp200.000 lewat VA BCA dua jam lalu, saldo belum bertambah. Ada yang pernah mengalami?');
    await page.getByLabel('Tag (opsional, pisahkan dengan koma)').fill('top-up, bca');
    await page.getByRole('button', { name: 'Kirim topik' }).click();
    expect(await page.textContent('[role="status"]')).toContain('Tulisan Anda sudah terbit.');
    expect(await page.textContent('h1')).toBe(title);
    topicUrl = page.url().split('?')[0];

    await page.goto(`${node.url}/community/id-ID/new`);
    await page.getByLabel('Judul').fill(scamTitle);
    await page.getByLabel('Rincian').fill('Refund cepat: hubungi CS resmi di WhatsApp 0812-9999-8888 atau buka https://gopay-refund.xyz lalu kirim kode OTP kamu.');
    await page.getByRole('button', { name: 'Kirim topik' }).click();
    scamUrl = page.url().split('?')[0];
    const note = await page.textContent('.notice.bad');
    expect(note).toContain('menunggu peninjauan');
    expect(note).toContain('nomor telepon yang bukan saluran resmi');
    // The scam link is shown as text for review, never as a link.
    expect(await page.locator('article.post a[href*="gopay-refund"]').count()).toBe(0);
    await context.close();

    const anonymous = await noJs('id-ID');
    const reader = await anonymous.newPage();
    const held = await reader.goto(scamUrl);
    expect(held?.status()).toBe(404);
    await reader.goto(`${node.url}/community/id-ID`);
    expect(await reader.textContent('main')).toContain(title);
    expect(await reader.textContent('main')).not.toContain(scamTitle);
    await anonymous.close();
  });

  it('lets an agent see the held post in the queue, pin and lock the topic, and hide the scam', async () => {
    const context = await noJs('en-US');
    const page = await context.newPage();
    await page.goto(`${node.url}/community/en/signin?next=/community/en/moderation`);
    await signIn(page, 'en', 'rina@demo.sapa.test', DEMO_AGENT_PASSWORD, en);
    expect(page.url()).toBe(`${node.url}/community/en/moderation`);
    expect(await page.textContent('main')).toContain(scamTitle);

    await page.goto(topicUrl.replace('/id-ID/', '/en/'));
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    expect(await page.textContent('[role="status"]')).toContain('Done.');
    expect(await page.textContent('article.post')).toContain('Pinned');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    expect(await page.textContent('article.post')).toContain('Locked');
    expect(await page.textContent('main')).toContain('This topic is locked');
    // Staff can still answer a locked topic, with a help-center article attached.
    await page.getByLabel('Reply', { exact: true }).fill('Virtual-account top-ups can take up to an hour. Please follow these steps.');
    await page.getByLabel('Link help-center articles (optional)').selectOption(['top-up-failed']);
    await page.getByRole('button', { name: 'Post reply' }).click();
    const staffReply = page.locator('article.post').filter({ hasText: 'Virtual-account top-ups' });
    expect(await staffReply.textContent()).toContain('Staff');
    expect(await staffReply.locator('a[href="/help/id-ID/articles/top-up-failed"]').count()).toBe(1);

    await page.goto(scamUrl.replace('/id-ID/', '/en/'));
    expect(await page.textContent('.notice.bad')).toContain('a phone number that is not an official channel');
    await page.getByRole('button', { name: 'Hide', exact: true }).first().click();
    expect(await page.textContent('article.post')).toContain('Hidden');
    await page.goto(`${node.url}/community/en/moderation`);
    expect(await page.textContent('main')).not.toContain(scamTitle);
    await context.close();

    // The author sees the topic locked: no reply form, and the pin on the list.
    const customer = await noJs('id-ID');
    const budi = await customer.newPage();
    await budi.goto(`${node.url}/community/id-ID/signin?next=/community/id-ID`);
    await signIn(budi, 'id-ID', 'budi@demo.sapa.test', DEMO_CUSTOMER_PASSWORD, id);
    expect(await budi.locator('ul.topics li').first().textContent()).toContain('Disematkan');
    await budi.goto(topicUrl);
    expect(await budi.locator('#reply-body').count()).toBe(0);
    expect(await budi.textContent('main')).toContain('Topik ini dikunci');
    await customer.close();
  });

  it('has no serious or critical accessibility problems on the topic list, a topic, the sign-in and new-topic pages', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/community/en', '/community/zh-CN/top', topicUrl.replace(node.url, ''), '/community/en/signin']) {
      await page.goto(node.url + path);
      expect({ path, problems: await accessibilityProblems(page) }).toEqual({ path, problems: [] });
    }
    await page.goto(`${node.url}/community/en/signin?next=/community/en/new`);
    await signIn(page, 'en', 'alice@demo.sapa.test', DEMO_CUSTOMER_PASSWORD, en);
    expect(page.url()).toBe(`${node.url}/community/en/new`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(topicUrl);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
    // axe-core takes a few seconds a page, far more on a busy machine.
  }, 300_000);
});
