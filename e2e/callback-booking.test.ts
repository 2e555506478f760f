import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, launchBrowser } from './browser.js';

// The help center's callback booking page in Chromium without JavaScript: a customer on a phone picks a time and gets
// a case reference, after the page has named a mistyped number and kept what they wrote.

let node: TestNode;
let browser: Browser;

beforeAll(async () => {
  node = await startNode({ SAPA_MONITOR_INTERVAL_S: '0', SAPA_TIMEZONE: 'Asia/Jakarta' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('booking a phone callback without JavaScript', () => {
  it('corrects a mistyped number, books a free time and shows the case reference', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${node.url}/help/id-ID/callback`);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.textContent('h1')).toBe('Pesan telepon balik');

    const time = page.getByLabel('Waktu panggilan (Asia/Jakarta)');
    const options = await time.locator('option').evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? '' })));
    expect(options.length).toBeGreaterThan(1);
    await page.getByLabel('Nomor telepon yang dihubungi').fill('0812-34');
    await page.getByLabel('Nama Anda (opsional)').fill('Rina');
    await page.getByLabel('Tentang apa?').fill('Saldo terpotong tapi top up gagal');
    await time.selectOption(options[1].value);
    await page.getByRole('button', { name: 'Pesan telepon balik' }).click();

    expect(await page.getByRole('alert').textContent()).toContain('Isi nomor yang harus kami telepon');
    expect(await page.getByLabel('Tentang apa?').inputValue()).toBe('Saldo terpotong tapi top up gagal');
    expect(await page.getByLabel('Nama Anda (opsional)').inputValue()).toBe('Rina');
    expect(await time.inputValue()).toBe(options[1].value);
    await page.getByLabel('Nomor telepon yang dihubungi').fill('0812-3456-7099');
    await page.getByRole('button', { name: 'Pesan telepon balik' }).click();

    const done = page.getByRole('status');
    expect(await done.textContent()).toContain('Telepon balik Anda sudah dijadwalkan');
    expect(await done.textContent()).toContain('Kami akan menelepon +6281234567099 pada');
    const reference = /Nomor kasus Anda: (SP-[\w-]+)/.exec((await done.textContent()) ?? '')?.[1];
    expect(reference).toBeTruthy();
    await context.close();

    // axe runs as a script: a context with JavaScript (and the page's CSP bypassed) checks the form page.
    const checking = await browser.newContext({ locale: 'id-ID', bypassCSP: true });
    const form = await checking.newPage();
    await form.goto(`${node.url}/help/id-ID/callback`);
    expect(await accessibilityProblems(form)).toEqual([]);
    await checking.close();

    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const [booked] = (await admin.get('/api/v1/callbacks?phone=%2B6281234567099')).body.items;
    expect(booked).toMatchObject({ reference, slot: options[1].value, topic: 'Saldo terpotong tapi top up gagal', locale: 'id-ID', status: 'scheduled' });
  }, 120_000);
});
