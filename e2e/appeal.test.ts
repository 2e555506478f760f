import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, launchBrowser, visible } from './browser.js';

// The account appeal on the "can't reach support?" page, in Chromium without JavaScript, by someone who cannot sign
// in: the form asks how to reach them, refuses a date of birth that cannot be one while keeping what was typed, opens
// one case for a double click, and adds a second appeal to the first.

let node: TestNode;
let browser: Browser;
let desk: ApiClient;
/** The appeal the first journey files, which the agent then verifies. */
let filed: string;

beforeAll(async () => {
  node = await startNode({ SAPA_MONITOR_INTERVAL_S: '0' });
  browser = await launchBrowser();
  desk = new ApiClient(node.url);
  await desk.asAdmin();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

/** Submits the form without JavaScript: waits for the server's answer and the page it renders. */
async function send(page: Page, how: 'click' | 'dblclick' = 'click') {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/troubleshoot'));
  await page[how]('#appeal button[type=submit]');
  await answered;
  await page.waitForLoadState('domcontentloaded');
}

/** Every customer text of every appeal in the agents' queue. */
async function appeals(): Promise<{ reference: string; bodies: string[] }[]> {
  const list = await desk.get('/api/v1/cases?category=account_locked&limit=100');
  return Promise.all(
    (list.body.items as { id: string; reference: string }[]).map(async (c) => ({
      reference: c.reference,
      bodies: ((await desk.get(`/api/v1/cases/${c.id}/messages?limit=100`)).body.items as { body: string; author: { kind: string } }[]).filter((m) => m.author.kind === 'visitor' || m.author.kind === 'customer').map((m) => m.body),
    })),
  );
}

describe('account appeal without signing in', () => {
  it('works without JavaScript: contact, a refused date kept as typed, one case for a double click, a second appeal added', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${node.url}/help/zh-CN/troubleshoot#appeal`);
    const form = page.locator('#appeal form');
    expect(await form.count()).toBe(1);
    const first = '换了手机以后账户被冻结，登录不了，也收不到验证码';
    await page.fill('#appeal-contact', 'li.na@example.test');
    await page.fill('#appeal-name', '李娜');
    await page.fill('#appeal-dob', '2099-01-01');
    await page.fill('#appeal-msg', first);
    await send(page);
    expect(await page.locator('#appeal [role=alert]').textContent()).toContain('出生日期：请填写真实的日期');
    expect(await page.inputValue('#appeal-dob')).toBe('2099-01-01');
    expect(await page.inputValue('#appeal-contact')).toBe('li.na@example.test');
    expect(await page.inputValue('#appeal-name')).toBe('李娜');
    expect(await page.inputValue('#appeal-msg')).toBe(first);
    expect(await page.locator('#appeal-dob').getAttribute('aria-invalid')).toBe('true');

    await page.fill('#appeal-dob', '1990-05-17');
    await send(page, 'dblclick');
    await expect.poll(async () => page.locator('#appeal [role=status]').textContent()).toMatch(/您的申诉 SP-[\w-]+ 已受理/);
    const reference = /SP-[\w-]+/.exec((await page.locator('#appeal [role=status]').textContent())!)![0];
    // What was sent is not offered again: the next form is empty, and a new appeal.
    expect(await page.inputValue('#appeal-msg')).toBe('');

    const second = '补充：证件号码后四位 4321，之前用的手机号是 0812 3456 7890';
    await page.fill('#appeal-contact', 'li.na@example.test');
    await page.fill('#appeal-id', '4321');
    await page.fill('#appeal-msg', second);
    await send(page);
    expect(await page.locator('#appeal [role=status]').textContent()).toContain(`已补充到您仍在处理中的申诉 ${reference}`);
    await context.close();

    const found = await appeals();
    expect(found.filter((a) => a.bodies.some((b) => b.includes(first)))).toHaveLength(1);
    const appeal = found.find((a) => a.reference === reference)!;
    expect(appeal.bodies.filter((b) => b.includes(first))).toHaveLength(1);
    expect(appeal.bodies.filter((b) => b.includes(second))).toHaveLength(1);
    expect(appeal.bodies[0]).toContain('回复方式：li.na@example.test');
    filed = reference;
  });

  it('shows the form and its refusals accessibly', async () => {
    // axe runs in the page: this context has JavaScript (the troubleshooter's checks run alongside).
    const context = await browser.newContext({ locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${node.url}/help/id-ID/troubleshoot`);
    expect(await page.locator('#appeal-contact').count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.fill('#appeal-contact', 'bukan kontak');
    await page.fill('#appeal-dob', '2099-01-01');
    await page.fill('#appeal-msg', 'Akun saya terkunci');
    await send(page);
    expect(await page.locator('#appeal [role=alert]').textContent()).toContain('Tanggal lahir: masukkan tanggal yang benar');
    expect(await page.inputValue('#appeal-contact')).toBe('bukan kontak');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows the agent the identity details to verify, under each appeal message', async () => {
    const found = (await desk.get(`/api/v1/cases?q=${filed}`)).body.items as { id: string; reference: string }[];
    const kase = found.find((c) => c.reference === filed)!;
    const { context, page, errors } = await consoleAs(browser, node.url, { cookie: desk.cookies.get('sapa_session')!, csrf: desk.csrf! }, `/agent/cases/${kase.id}`);
    const details = page.getByRole('region', { name: 'Identity details to verify (seen by agents only)' });
    await visible(details);
    expect(await details.count()).toBe(2);
    expect(await details.first().innerText()).toMatch(/Name\s+李娜[\s\S]*Reach them at\s+li\.na@example\.test[\s\S]*Date of birth\s+1990-05-17/);
    expect(await details.nth(1).innerText()).toMatch(/ID number, last 4\s+4321/);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
