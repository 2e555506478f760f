import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeSmtpSink } from '../email/fake-smtp-sink.js';
import { connect } from '../realtime/testkit.js';

// Account security over HTTP on a real node: two-factor sign-in with an authenticator app and recovery codes, the
// account's activity and devices, and the emails its owner gets (through a local SMTP server).

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const password = 'Lantern-Copper-Meadow-27!';

let node: TestNode;
let smtp: FakeSmtpSink;
beforeAll(async () => {
  smtp = await new FakeSmtpSink().start();
  node = await startNode({ SAPA_SMTP_URL: smtp.url, SAPA_EMAIL_DOMAIN: 'sapa.test' });
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await smtp?.stop();
});

/** A registered customer, and a client signed in as them from `userAgent`. */
async function customer(locale = 'en') {
  const email = `sec-${uid()}@sapa.test`;
  const signup = new ApiClient(node.url);
  expect((await signup.post('/api/v1/auth/register', { email, password, name: 'Dewi', locale })).status).toBe(201);
  return { email };
}
async function signIn(email: string, userAgent: string, otp?: string) {
  const client = new ApiClient(node.url);
  const r = await client.request('POST', '/api/v1/auth/login', { login: email, password, ...(otp ? { otp } : {}) }, { 'user-agent': userAgent });
  if (r.status === 200) client.csrf = (r.body as { csrfToken: string }).csrfToken;
  return { client, status: r.status, body: r.body as { error?: { code: string } } };
}
const mailsTo = (email: string) => smtp.received.filter((m) => m.envelope.to.includes(email));

describe('account security', () => {
  it('turns on two-factor sign-in with an authenticator app, then asks for its code or a recovery code', async () => {
    const { email } = await customer();
    const { client } = await signIn(email, CHROME_WINDOWS);
    const setup = await client.post('/api/v1/me/two-factor');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(new RegExp(`^otpauth://totp/Sapa:${encodeURIComponent(email)}\\?secret=${setup.body.secret}`));
    expect(setup.body.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);

    // A wrong code is refused (403), not a signed-out session (401).
    const wrong = await client.post('/api/v1/me/two-factor/confirm', { code: '000000' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invalid_otp');
    expect((await client.get('/api/v1/me')).body.twoFactor).toBe(false);

    const confirmed = await client.post('/api/v1/me/two-factor/confirm', { code: await generate({ secret: setup.body.secret }) });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}$/);
    expect((await client.get('/api/v1/me')).body.twoFactor).toBe(true);
    expect((await client.post('/api/v1/me/two-factor')).body.error.code).toBe('two_factor_already_on');

    // Signing in now needs the second factor.
    expect((await signIn(email, CHROME_WINDOWS)).body.error?.code).toBe('otp_required');
    expect((await signIn(email, CHROME_WINDOWS, '123456')).body.error?.code).toBe('invalid_otp');
    // A code is good once: the one that confirmed the app is spent; the next step's code (a phone clock a little ahead) works.
    expect((await signIn(email, CHROME_WINDOWS, await generate({ secret: setup.body.secret }))).body.error?.code).toBe('invalid_otp');
    const nextStep = await generate({ secret: setup.body.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await signIn(email, CHROME_WINDOWS, nextStep)).status).toBe(200);
    expect((await signIn(email, CHROME_WINDOWS, nextStep)).body.error?.code).toBe('invalid_otp');
    // A recovery code works once, typed any way.
    expect((await signIn(email, CHROME_WINDOWS, ` ${codes[0].toUpperCase()} `)).status).toBe(200);
    expect((await signIn(email, CHROME_WINDOWS, codes[0])).body.error?.code).toBe('invalid_otp');
    const overview = (await client.get('/api/v1/me/security')).body;
    expect(overview).toMatchObject({ twoFactor: true, recoveryCodesLeft: 9 });
    expect(overview.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['two_factor_enabled', 'recovery_code_used', 'sign_in']));

    // New codes replace the old ones (a recovery code proves it too); turning it off needs the password and a code.
    const renewed = await client.post('/api/v1/me/two-factor/recovery-codes', { password, code: codes[2] });
    expect(renewed.status).toBe(200);
    expect((await signIn(email, CHROME_WINDOWS, codes[1])).body.error?.code).toBe('invalid_otp');
    const disable = async (body: object) => {
      const r = await client.post('/api/v1/me/two-factor/disable', body);
      return `${r.status} ${r.body?.error?.code ?? ''}`.trim();
    };
    expect(await disable({ password: 'wrong-password' })).toBe('403 invalid_credentials');
    expect(await disable({ password })).toBe('403 otp_required');
    expect(await disable({ password, code: '000000' })).toBe('403 invalid_otp');
    expect(await disable({ password, code: renewed.body.recoveryCodes[0] })).toBe('204');
    expect((await signIn(email, CHROME_WINDOWS)).status).toBe(200);
    expect((await client.get('/api/v1/me/security')).body).toMatchObject({ twoFactor: false, recoveryCodesLeft: 0 });

    // The owner was told of each change by email.
    const subjects = await settle(node, async () => {
      const s = mailsTo(email).map((m) => m.parsed.subject);
      return s.includes('Two-factor sign-in was turned off') ? s : undefined;
    });
    expect(subjects).toEqual(expect.arrayContaining(['Two-factor sign-in is on', 'A recovery code was used to sign in', 'Two-factor sign-in was turned off']));
    expect(mailsTo(email)[0].parsed.from?.value[0]).toMatchObject({ name: 'Sapa Security', address: 'security@sapa.test' });
  });

  it('lists the signed-in devices, signs one out, and emails the owner about a new device', async () => {
    const { email } = await customer('id-ID');
    const laptop = await signIn(email, CHROME_WINDOWS);
    // The very first sign-in of an account is not "new"; the same browser again is not either.
    await signIn(email, CHROME_WINDOWS);
    const phone = await signIn(email, SAFARI_IPHONE);
    const alert = await settle(node, async () => mailsTo(email).find((m) => m.parsed.subject === 'Ada login baru ke akun Sapa Anda'));
    expect(alert.parsed.text).toContain('Perangkat: Safari 17 · iOS 17');
    expect(mailsTo(email).filter((m) => m.parsed.subject === 'Ada login baru ke akun Sapa Anda')).toHaveLength(1);

    const overview = (await laptop.client.get('/api/v1/me/security')).body;
    expect(overview.sessions).toHaveLength(3);
    expect(overview.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(overview.sessions.find((s: { current: boolean }) => s.current).device).toBe('Chrome 131 · Windows 10');
    const phoneSession = overview.sessions.find((s: { device: string }) => s.device.startsWith('Safari'));
    expect(overview.events.map((e: { type: string }) => e.type)).toContain('sign_in_new_device');

    expect((await phone.client.get('/api/v1/me')).status).toBe(200);
    expect((await laptop.client.delete(`/api/v1/me/sessions/${phoneSession.id}`)).status).toBe(204);
    // Ended at once on this node (the session cache forgets it too).
    expect((await phone.client.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.client.delete(`/api/v1/me/sessions/${phoneSession.id}`)).status).toBe(404);
    const current = overview.sessions.find((s: { current: boolean }) => s.current);
    expect((await laptop.client.delete(`/api/v1/me/sessions/${current.id}`)).status).toBe(404);
    // Another account's session is not found either.
    const other = await signIn((await customer()).email, CHROME_WINDOWS);
    const theirs = (await other.client.get('/api/v1/me/security')).body.sessions[0].id;
    expect((await laptop.client.delete(`/api/v1/me/sessions/${theirs}`)).status).toBe(404);
    expect((await other.client.get('/api/v1/me')).status).toBe(200);
  });

  it('lets admins require two-factor sign-in of agents, who can then only set it up until they have', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const lead = new ApiClient(node.url);
    await lead.asNewAgent(admin, 'admin', 'Lead');
    // An admin without it cannot require it (they would lock themselves out of everything else).
    const refused = await lead.put('/api/v1/security/settings', { requireAgentTwoFactor: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('two_factor_needed_first');
    const setup = (await lead.post('/api/v1/me/two-factor')).body;
    expect((await lead.post('/api/v1/me/two-factor/confirm', { code: await generate({ secret: setup.secret }) })).status).toBe(200);
    expect((await lead.put('/api/v1/security/settings', { requireAgentTwoFactor: true })).body).toEqual({ requireAgentTwoFactor: true });

    try {
      const agent = new ApiClient(node.url);
      await agent.asNewAgent(admin, 'agent', 'Sari');
      const blocked = await agent.get('/api/v1/cases');
      expect(blocked.status).toBe(403);
      expect(blocked.body.error).toMatchObject({ code: 'two_factor_required', message: 'This desk requires two-factor sign-in. Turn it on under My account → Security to continue.' });
      // Live conversations are closed to them too.
      const cookie = `sapa_session=${agent.cookies.get('sapa_session')}`;
      await expect(connect(node.url, { extraHeaders: { cookie, origin: node.url } })).rejects.toThrow('two_factor_required');
      // What they need to set it up works; once it is on, everything does, at once.
      expect((await agent.get('/api/v1/me')).status).toBe(200);
      expect((await agent.get('/api/v1/me/security')).status).toBe(200);
      const own = (await agent.post('/api/v1/me/two-factor')).body;
      expect((await agent.post('/api/v1/me/two-factor/confirm', { code: await generate({ secret: own.secret }) })).status).toBe(200);
      expect((await agent.get('/api/v1/cases')).status).toBe(200);
      // Customers are not agents: the policy does not touch them.
      const { email } = await customer();
      expect((await (await signIn(email, CHROME_WINDOWS)).client.get('/api/v1/cases')).status).toBe(200);
      expect((await agent.put('/api/v1/security/settings', { requireAgentTwoFactor: false })).status).toBe(403);
    } finally {
      expect((await lead.put('/api/v1/security/settings', { requireAgentTwoFactor: false })).status).toBe(200);
    }
  });

  it('emails the owner when the password changes, signs out their other devices, and keeps visitors out', async () => {
    const { email } = await customer('zh-CN');
    const { client } = await signIn(email, CHROME_WINDOWS);
    const elsewhere = await signIn(email, SAFARI_IPHONE);
    expect((await client.post('/api/v1/me/password', { currentPassword: password, newPassword: 'Orchid-Glacier-Tundra-58!' })).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await elsewhere.client.get('/api/v1/me')).status).toBe(401);
    expect((await client.get('/api/v1/me/security')).body.sessions).toHaveLength(1);
    const mail = await settle(node, async () => mailsTo(email).find((m) => m.parsed.subject === '您的 Sapa 密码已更改'));
    expect(mail.parsed.text).toContain('如果不是您本人操作，请立即修改密码');
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    expect((await visitor.get('/api/v1/me/security')).status).toBe(403);
    expect((await visitor.post('/api/v1/me/two-factor')).status).toBe(403);
    expect((await new ApiClient(node.url).get('/api/v1/me/security')).status).toBe(401);
  });
});
