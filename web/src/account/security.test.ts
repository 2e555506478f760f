import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, onSignedOut } from '../api';
import { loadLocale } from '../i18n';
import { onTwoFactorRequired, repeatsRefusal, resetTwoFactorGate, twoFactorRequired } from './gate';
import { eventText, groupSecret, recoveryCodesText, svgDataUrl } from './security';

beforeAll(async () => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: {}, title: '' });
  await loadLocale('en');
});

const reply = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('account security in the console', () => {
  it('groups the set-up key in fours, for typing it into an app', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEH')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EH');
    expect(groupSecret(' JBSW Y3DP ')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });

  it('says what happened in words, and an event type it does not know as it is', async () => {
    expect(eventText('two_factor_enabled')).toBe('Turned on two-factor sign-in');
    expect(eventText('recovery_code_used')).toBe('Signed in with a recovery code');
    expect(eventText('api_token_created')).toBe('api_token_created');
    await loadLocale('id-ID');
    expect(eventText('sign_in_new_device')).toBe('Masuk dari perangkat baru');
    await loadLocale('zh-CN');
    expect(eventText('password_changed')).toBe('修改了密码');
    await loadLocale('en');
  });

  it('writes the recovery codes file: what they are, for whom, when, one code a line', () => {
    const text = recoveryCodesText(['abcde-fghjk', 'mnpqr-stuvw'], 'ayu@sapa.test', '1/2/2026');
    expect(text.split('\n')).toEqual([
      'Sapa recovery codes for ayu@sapa.test',
      'Created 1/2/2026',
      'Each code signs you in once if you cannot use your authenticator app. Keep this file somewhere safe.',
      '',
      'abcde-fghjk',
      'mnpqr-stuvw',
      '',
    ]);
  });

  it('shows the QR code as an image, its SVG encoded into the URL', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(url).not.toMatch(/[<>"]/);
  });

  describe('a wrong password or code', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('is the form’s answer (403), while a 401 still signs the console out', async () => {
      vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
      const signedOut: string[] = [];
      const off = onSignedOut((e) => signedOut.push(e.code));
      const answers = [
        reply(403, { error: { code: 'invalid_otp', message: 'That code is not right or has expired.' } }),
        reply(403, { error: { code: 'invalid_credentials', message: 'The login or password is not right.' } }),
        reply(401, { error: { code: 'unauthorized', message: 'Sign in first.' } }),
      ];
      vi.stubGlobal('fetch', async () => answers.shift()!);
      await expect(api.post('/me/two-factor/confirm', { code: '000000' })).rejects.toMatchObject({ status: 403, code: 'invalid_otp', message: 'That code is not right or has expired.' });
      await expect(api.post('/me/two-factor/disable', { password: 'nope' })).rejects.toMatchObject({ code: 'invalid_credentials' });
      expect(signedOut).toEqual([]);
      await expect(api.post('/me/password', { currentPassword: 'a', newPassword: 'b' })).rejects.toMatchObject({ code: 'unauthorized' });
      expect(signedOut).toEqual(['unauthorized']);
      off();
    });
  });

  describe('a desk that requires two-factor sign-in', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      resetTwoFactorGate();
    });

    it('sends the agent to set it up on 403 two_factor_required, without signing out, once for many refusals', async () => {
      vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
      const refusal = 'This desk requires two-factor sign-in. Turn it on under My account → Security to continue.';
      const signedOut: string[] = [];
      const offSignedOut = onSignedOut((e) => signedOut.push(e.code));
      let told = 0;
      const offRequired = onTwoFactorRequired(() => told++);
      const answers = [
        reply(403, { error: { code: 'forbidden', message: 'Supervisors only.' } }),
        reply(403, { error: { code: 'two_factor_required', message: refusal } }),
        reply(403, { error: { code: 'two_factor_required', message: refusal } }),
      ];
      vi.stubGlobal('fetch', async () => answers.shift()!);
      // Another 403 is only that request's answer.
      await expect(api.get('/overview')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
      expect(twoFactorRequired()).toBe(false);
      await expect(api.get('/cases')).rejects.toMatchObject({ status: 403, code: 'two_factor_required', message: refusal });
      await expect(api.get('/console/counts')).rejects.toMatchObject({ code: 'two_factor_required' });
      expect(twoFactorRequired()).toBe(true);
      expect(told).toBe(1);
      expect(signedOut).toEqual([]);
      // Screens that toast their failed request would only repeat the banner: those toasts are dropped.
      expect(repeatsRefusal(`Cases could not be loaded: ${refusal}`)).toBe(true);
      expect(repeatsRefusal('That code is not right or has expired.')).toBe(false);
      offSignedOut();
      offRequired();
    });
  });
});
