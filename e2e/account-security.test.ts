import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodes } from '../server/src/modules/identity/schema.js';
import { ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, hidden, launchBrowser, soon, visible } from './browser.js';

// My account → Security in the agent console: an agent turns on two-factor sign-in with the screen's QR code and key,
// saves the recovery codes, signs in again with a recovery code, sees the activity and the devices, signs another
// browser out, creates new recovery codes and turns two-factor sign-in off, and changes the password, with the server's
// refusals said where they were typed. An admin requires two-factor sign-in of every agent: a new agent is sent to the
// Security screen to set it up, and reaches the inbox once it is on.

const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PASSWORD = 'Juniper-Anchor-Saffron-42!';

let node: TestNode;
let browser: Browser;
let agent: { id: string; email: string };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  node = await startNode();
  browser = await launchBrowser();
  const admin = new ApiClient(node.url);
  await admin.asAdmin();
  const email = `ayu-${uid()}@sapa.test`;
  const created = await admin.post('/api/v1/agents', { email, name: 'Ayu Lestari', role: 'agent', password: PASSWORD });
  expect(created.status).toBe(201);
  agent = { id: created.body.id, email };
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

/** A fresh browser profile (optionally another browser's User-Agent), with page errors collected. */
async function newPage(userAgent?: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 }, ...(userAgent ? { userAgent } : {}) });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/** The login form, filled and sent; resolves once the console is up, or the code is asked for. */
async function submitLogin(page: Page, email = agent.email, password = PASSWORD) {
  await page.locator('input[type=email][name=login]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('input[type=password]').press('Enter');
}
const signedIn = async (page: Page) => {
  await visible(page.getByRole('link', { name: 'Security', exact: true }));
  await visible(page.locator('.conn[data-state=live]'));
};

/** A code of the app for the next 30-second step: each code is accepted once, and the current one may be spent. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function openSecurity(page: Page) {
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await visible(page.getByRole('heading', { name: 'Security', level: 1 }));
  expect(page.url()).toBe(`${node.url}/agent/account/security`);
}

const state = (page: Page) => page.locator('.security-state').getAttribute('data-state');
const eventTexts = (page: Page) => page.getByRole('region', { name: 'Recent activity' }).locator('tbody tr td:first-child').allTextContents();

/** Ticks "I have saved these codes" and closes with Done, after checking that the dialog holds on until then. */
async function acknowledgeCodes(dialog: Locator): Promise<string[]> {
  const list = dialog.getByRole('list', { name: 'Recovery codes' });
  await visible(list);
  const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  const done = dialog.getByRole('button', { name: 'Done' });
  expect(await done.isDisabled()).toBe(true);
  // Closing before the codes are saved is held back, and says why.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await visible(dialog.getByText('Save the codes first, then tick “I have saved these codes”.'));
  expect(await dialog.isVisible()).toBe(true);
  await dialog.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await done.click();
  await hidden(dialog);
  return codes;
}

describe('account security in the agent console', { timeout: 150_000 }, () => {
  it('turns on two-factor sign-in, signs in with a recovery code, signs another device out and turns it off', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${node.url}/agent`);
    await submitLogin(page);
    await signedIn(page);
    await openSecurity(page);
    await expect.poll(() => state(page), { timeout: soon }).toBe('off');
    await visible(page.getByRole('region', { name: 'Signed-in devices' }).getByText('This device'));
    expect(await accessibilityProblems(page)).toEqual([]);

    // Turn on: the QR code as an image, the key to type grouped in fours, a code from the app.
    await page.getByRole('button', { name: 'Turn on…' }).click();
    const setup = page.getByRole('dialog', { name: 'Turn on two-factor sign-in' });
    const qr = setup.getByRole('img', { name: 'QR code to add your Sapa account to an authenticator app' });
    await visible(qr);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: soon }).toBe(true);
    const shown = (await setup.locator('.security-secret').textContent()) ?? '';
    expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shown.replace(/\s/g, '');
    expect(await accessibilityProblems(page)).toEqual([]);

    const code = setup.getByRole('textbox', { name: '2. Enter the 6-digit code the app shows' });
    await code.fill('000000');
    await code.press('Enter');
    await visible(setup.getByRole('alert').getByText('That code is not right or has expired.'));
    await code.fill(await generate({ secret }));
    await setup.getByRole('button', { name: 'Turn on', exact: true }).click();

    // The recovery codes, once: downloaded as a .txt, then acknowledged.
    await visible(setup.getByRole('heading', { name: 'Save your recovery codes' }));
    const downloading = page.waitForEvent('download');
    await setup.getByRole('button', { name: 'Download as .txt' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('sapa-recovery-codes.txt');
    const file = readFileSync(await download.path(), 'utf8');
    const codes = await acknowledgeCodes(setup);
    expect(file).toContain(`Sapa recovery codes for ${agent.email}`);
    for (const c of codes) expect(file).toContain(`\n${c}\n`);
    await expect.poll(() => state(page), { timeout: soon }).toBe('on');
    await visible(page.getByText('Recovery codes left: 10 of 10'));

    // Signed out, signing in asks for the code; a recovery code does instead, through the toggle.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await visible(page.locator('input[type=email][name=login]'));
    await submitLogin(page);
    const otp = page.getByRole('textbox', { name: 'Authentication code' });
    await visible(otp);
    expect(await otp.getAttribute('inputmode')).toBe('numeric');
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const recovery = page.getByRole('textbox', { name: 'Recovery code' });
    await visible(recovery);
    expect(await recovery.evaluate((el: HTMLInputElement) => ({ pattern: el.getAttribute('pattern'), inputMode: el.inputMode, autocomplete: el.autocomplete, maxLength: el.maxLength, focused: document.activeElement === el }))).toEqual({
      pattern: null,
      inputMode: 'text',
      autocomplete: 'off',
      maxLength: 20,
      focused: true,
    });
    await visible(page.getByText('One of the recovery codes you saved when you turned on two-factor sign-in, like abcde-fghjk. Each works once.'));
    await recovery.fill(codes[0].toUpperCase());
    await recovery.press('Enter');
    await signedIn(page);
    await openSecurity(page);
    await visible(page.getByText('Recovery codes left: 9 of 10'));
    await expect.poll(() => eventTexts(page), { timeout: soon }).toEqual(expect.arrayContaining(['Turned on two-factor sign-in', 'Signed in with a recovery code']));

    // Another browser (a phone) signs in with the app's code; this one sees both and signs the phone out.
    const phone = await newPage(SAFARI_IPHONE);
    await phone.page.goto(`${node.url}/agent`);
    await submitLogin(phone.page);
    const phoneCode = phone.page.locator('input[name=otp]');
    await visible(phoneCode);
    await phoneCode.fill(await nextCode(secret));
    await phoneCode.press('Enter');
    await signedIn(phone.page);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const devices = page.getByRole('region', { name: 'Signed-in devices' });
    await expect.poll(() => devices.locator('tbody tr').count(), { timeout: soon }).toBe(2);
    expect(await devices.locator('tr[data-current]').textContent()).toContain('This device');
    const phoneRow = devices.locator('tbody tr', { hasText: 'Safari 17 · iOS 17' });
    await visible(phoneRow);
    await expect.poll(() => eventTexts(page), { timeout: soon }).toContain('Signed in from a new device');
    await phoneRow.getByRole('button', { name: /^Sign out Safari 17 · iOS 17/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign out this device?' });
    await visible(confirm.getByText(/^Safari 17 · iOS 17 \(.+\), signed in .+, is signed out at once/));
    await confirm.getByRole('button', { name: 'Sign out', exact: true }).click();
    await hidden(confirm);
    await expect.poll(() => devices.locator('tbody tr').count(), { timeout: soon }).toBe(1);
    await phone.page.reload();
    await visible(phone.page.locator('input[type=email][name=login]'));

    // Few recovery codes left (as if seven more were used elsewhere): a warning, and new codes replace them all.
    const kept = [codes[1], codes[2]].map((c) => createHash('sha256').update(c.replace('-', '')).digest('hex'));
    await node.app.desk.db
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.principalId, agent.id), isNull(recoveryCodes.usedAt), notInArray(recoveryCodes.codeHash, kept)));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await visible(page.getByText('Recovery codes left: 2 of 10'));
    await visible(page.getByText('Few recovery codes left. Create new ones, so you are not locked out if you lose your phone.'));
    await page.getByRole('button', { name: 'New recovery codes…' }).click();
    const renew = page.getByRole('dialog', { name: 'New recovery codes' });
    await renew.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await renew.getByRole('textbox', { name: 'Authentication code or recovery code' }).fill(codes[0]);
    await renew.getByRole('button', { name: 'Create new codes' }).click();
    // The one used to sign in is spent: refused in the dialog, and the console stays signed in.
    await visible(renew.getByRole('alert').getByText('That code is not right or has expired.'));
    await renew.getByRole('textbox', { name: 'Authentication code or recovery code' }).fill(codes[1]);
    await renew.getByRole('button', { name: 'Create new codes' }).click();
    const fresh = await acknowledgeCodes(renew);
    expect(fresh).not.toContain(codes[2]);
    expect((await new ApiClient(node.url).post('/api/v1/auth/login', { login: agent.email, password: PASSWORD, otp: codes[2] })).body.error.code).toBe('invalid_otp');
    await visible(page.getByText('Recovery codes left: 10 of 10'));

    // Turning off: a wrong password and a missing code are said in the dialog; a recovery code does it.
    await page.getByRole('button', { name: 'Turn off…' }).click();
    const off = page.getByRole('dialog', { name: 'Turn off two-factor sign-in' });
    await off.getByLabel('Password', { exact: true }).fill('not-my-password');
    await off.getByRole('textbox', { name: 'Authentication code or recovery code' }).fill(fresh[0]);
    await off.getByRole('button', { name: 'Turn off', exact: true }).click();
    await visible(off.getByRole('alert').getByText('The login or password is not right.'));
    await off.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await off.getByRole('textbox', { name: 'Authentication code or recovery code' }).fill('');
    await off.getByRole('button', { name: 'Turn off', exact: true }).click();
    await visible(off.getByRole('alert').getByText('Enter the 6-digit code from your authenticator app.'));
    await off.getByRole('textbox', { name: 'Authentication code or recovery code' }).fill(fresh[0]);
    await off.getByRole('button', { name: 'Turn off', exact: true }).click();
    await hidden(off);
    await expect.poll(() => state(page), { timeout: soon }).toBe('off');
    await expect.poll(() => eventTexts(page), { timeout: soon }).toEqual(
      expect.arrayContaining(['Turned off two-factor sign-in', 'Created new recovery codes', 'Turned on two-factor sign-in', 'Signed in with a recovery code']),
    );

    // The password: a wrong current one, two that differ and a weak one are said in the form; then it changes.
    const password = page.getByRole('region', { name: 'Password' });
    const change = password.getByRole('button', { name: 'Change password' });
    await password.getByLabel('Current password').fill('not-my-password');
    await password.getByLabel('New password', { exact: true }).fill('Marigold-Quarry-Tempest-85!');
    await password.getByLabel('Repeat the new password').fill('Marigold-Quarry-Tempest-58!');
    await change.click();
    await visible(password.getByRole('alert').getByText('The two new passwords are not the same.'));
    await password.getByLabel('Repeat the new password').fill('Marigold-Quarry-Tempest-85!');
    await change.click();
    await visible(password.getByRole('alert').getByText('The login or password is not right.'));
    await password.getByLabel('Current password').fill(PASSWORD);
    await password.getByLabel('New password', { exact: true }).fill('password123');
    await password.getByLabel('Repeat the new password').fill('password123');
    await change.click();
    await visible(password.getByRole('alert').getByText(/^This password is too easy to guess/));
    await password.getByLabel('New password', { exact: true }).fill('Marigold-Quarry-Tempest-85!');
    await password.getByLabel('Repeat the new password').fill('Marigold-Quarry-Tempest-85!');
    await change.click();
    await visible(page.getByText('Password changed'));
    expect(await password.getByLabel('Current password').inputValue()).toBe('');
    await expect.poll(() => eventTexts(page), { timeout: soon }).toContain('Changed the password');
    expect((await new ApiClient(node.url).login(agent.email, 'Marigold-Quarry-Tempest-85!')).status).toBe(200);

    expect(await page.getByRole('heading', { name: 'Security', level: 1 }).isVisible()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });

  it('lets an admin require two-factor sign-in: a new agent is sent to set it up, then reaches the inbox', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const lead = new ApiClient(node.url);
    const leadAccount = await lead.asNewAgent(admin, 'admin', 'Dewi Anggraini');
    const { page, errors } = await newPage();
    await page.goto(`${node.url}/agent`);
    await submitLogin(page, leadAccount.email, 'Quartz-Harbor-Violet-61!');
    await signedIn(page);
    await openSecurity(page);
    const policy = page.getByRole('region', { name: 'Desk policy' });
    const required = policy.getByRole('switch', { name: 'Require two-factor sign-in for every agent' });
    await visible(required);
    expect(await required.isChecked()).toBe(false);

    // Not while the admin's own is off: the server's refusal in the card, and the switch back off.
    await required.click();
    await visible(policy.getByRole('alert').getByText('Turn on two-factor sign-in for your own account first, then require it of everyone.'));
    await expect.poll(() => required.isChecked(), { timeout: soon }).toBe(false);
    await expect.poll(() => required.isEnabled(), { timeout: soon }).toBe(true);

    // The admin's own two-factor sign-in, through the API; then the switch does it.
    const own = (await lead.post('/api/v1/me/two-factor')).body as { secret: string };
    expect((await lead.post('/api/v1/me/two-factor/confirm', { code: await generate({ secret: own.secret }) })).status).toBe(200);
    try {
      await required.click();
      await visible(page.getByText('Two-factor sign-in is now required of every agent'));
      expect(await required.isChecked()).toBe(true);
      await hidden(policy.getByRole('alert'));
      expect((await lead.get('/api/v1/security/settings')).body).toEqual({ requireAgentTwoFactor: true });

      // A new agent signs in: straight to the Security screen with the banner, nothing else offered, no error toasts.
      const email = `sari-${uid()}@sapa.test`;
      expect((await admin.post('/api/v1/agents', { email, name: 'Sari Wulandari', role: 'agent', password: PASSWORD })).status).toBe(201);
      const sari = await newPage();
      const realtime: string[] = [];
      sari.page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/realtime')) realtime.push(r.url());
      });
      await sari.page.goto(`${node.url}/agent`);
      await submitLogin(sari.page, email);
      const banner = sari.page.getByRole('alert').filter({ hasText: 'Your desk requires two-factor sign-in. Turn it on to continue.' });
      await visible(banner);
      await expect.poll(() => sari.page.url(), { timeout: soon }).toBe(`${node.url}/agent/account/security`);
      await visible(sari.page.getByRole('heading', { name: 'Security', level: 1 }));
      await visible(sari.page.locator('.conn[data-state=paused]'));
      expect(await sari.page.getByRole('link', { name: 'Complaints' }).count()).toBe(0);
      expect(await sari.page.getByRole('region', { name: 'Desk policy' }).count()).toBe(0);
      // The live connection is refused and not tried again; the console stays signed in, without a toast.
      await sari.page.waitForTimeout(500);
      const tried = realtime.length;
      await sari.page.waitForTimeout(3000);
      expect(realtime.length).toBe(tried);
      expect(await sari.page.locator('.toast').count()).toBe(0);
      expect(await sari.page.locator('input[type=email][name=login]').count()).toBe(0);
      expect(await accessibilityProblems(sari.page)).toEqual([]);

      // Set up on the screen; once the recovery codes are saved the console starts again, at the inbox, live.
      await sari.page.getByRole('button', { name: 'Turn on…' }).click();
      const setup = sari.page.getByRole('dialog', { name: 'Turn on two-factor sign-in' });
      const key = setup.locator('.security-secret');
      await visible(key);
      const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
      await setup.getByRole('textbox', { name: '2. Enter the 6-digit code the app shows' }).fill(await generate({ secret }));
      await setup.getByRole('button', { name: 'Turn on', exact: true }).click();
      await acknowledgeCodes(setup);
      await expect.poll(() => sari.page.url(), { timeout: soon }).toBe(`${node.url}/agent`);
      await visible(sari.page.locator('#inbox-title'));
      await visible(sari.page.locator('.conn[data-state=live]'));
      await visible(sari.page.getByRole('link', { name: 'Complaints' }));
      await hidden(banner);
      expect(await sari.page.locator('.toast.error').count()).toBe(0);
      expect(sari.errors).toEqual([]);
    } finally {
      expect((await lead.put('/api/v1/security/settings', { requireAgentTwoFactor: false })).status).toBe(200);
    }
    expect(errors).toEqual([]);
  });
});
