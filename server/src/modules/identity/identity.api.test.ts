import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, startNode, uid, type TestNode } from '../../testing.js';

const SECRET = 'wallet-backend-shared-secret-for-tests';
let node: TestNode;
let keyed: TestNode;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  node = await startNode({ SAPA_WIDGET_JWT_SECRET: SECRET, SAPA_LOGIN_MAX_FAILURES: '3' });
  keyed = await startNode({ SAPA_WIDGET_JWT_PUBLIC_KEY: await exportSPKI(pair.publicKey) });
});
afterAll(async () => {
  await node?.stop();
  await keyed?.stop();
});

const password = 'Quiet-Harbor-Lamp-58!';

describe('registration and sign-in', () => {
  it('registers by email or phone and refuses a weak password with a translated message', async () => {
    const c = new ApiClient(node.url);
    const byEmail = await c.post('/api/v1/auth/register', { email: `e-${uid()}@sapa.test`, password, name: 'Ayu' });
    expect(byEmail.status).toBe(201);
    expect(byEmail.body).toMatchObject({ kind: 'customer', role: 'customer', name: 'Ayu' });
    const byPhone = await c.post('/api/v1/auth/register', { phone: `0812${Math.floor(Math.random() * 1e8)}`, password, name: 'Dewi' });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body.phone).toMatch(/^\+628/);
    const weak = await c.post('/api/v1/auth/register', { email: `w-${uid()}@sapa.test`, password: 'gopay12345', name: 'w' }, { 'accept-language': 'id-ID' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.message).toMatch(/kata sandi/i);
    const neither = await c.post('/api/v1/auth/register', { password, name: 'x' });
    expect(neither.status).toBe(400);
  });

  it('refuses a duplicate account with 409', async () => {
    const c = new ApiClient(node.url);
    const email = `d-${uid()}@sapa.test`;
    expect((await c.post('/api/v1/auth/register', { email, password, name: 'a' })).status).toBe(201);
    const again = await c.post('/api/v1/auth/register', { email: email.toUpperCase(), password, name: 'b' });
    expect(again.status).toBe(409);
  });

  it('answers the same 401 for an unknown login and a wrong password', async () => {
    const c = new ApiClient(node.url);
    const email = `u-${uid()}@sapa.test`;
    await c.post('/api/v1/auth/register', { email, password, name: 'u' });
    const unknown = await c.post('/api/v1/auth/login', { login: `nobody-${uid()}@sapa.test`, password });
    const wrong = await c.post('/api/v1/auth/login', { login: email, password: `${password}x` });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('sets an HttpOnly SameSite=Lax session cookie and requires the CSRF token for cookie writes', async () => {
    const c = new ApiClient(node.url);
    const email = `s-${uid()}@sapa.test`;
    await c.post('/api/v1/auth/register', { email, password, name: 's' });
    const res = await fetch(`${node.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: email, password }) });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('sapa_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    await c.login(email, password);
    const me = await c.get('/api/v1/me');
    expect(me.body).toMatchObject({ kind: 'customer', email });
    const csrf = c.csrf;
    c.csrf = undefined;
    const blocked = await c.post('/api/v1/cases', { message: { body: 'hi', clientMessageId: uid() } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('csrf_failed');
    c.csrf = csrf;
    expect((await c.post('/api/v1/cases', { message: { body: 'hi', clientMessageId: uid() } })).status).toBe(201);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('throttles repeated failures per account and address with 429 and Retry-After, without locking out other addresses', async () => {
    const c = new ApiClient(node.url);
    const email = `t-${uid()}@sapa.test`;
    await c.post('/api/v1/auth/register', { email, password, name: 't' });
    for (let i = 0; i < 3; i++) expect((await c.post('/api/v1/auth/login', { login: email, password: 'wrong-wrong-wrong' })).status).toBe(401);
    const limited = await c.post('/api/v1/auth/login', { login: email, password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('too_many_attempts');
    // The victim on another address (a proxy header is not trusted, so simulate with a second node config) is
    // covered by the unit test of the throttle keys; here: the same account from the same address stays limited
    // while a different account from this address still signs in.
    const other = new ApiClient(node.url);
    await other.asNewCustomer();
    expect(other.csrf).toBeTruthy();
  });

  it('refuses a wrong current password with 403 in the owner’s language, keeps them signed in, and limits guesses like sign-ins', async () => {
    const c = new ApiClient(node.url);
    const email = `p-${uid()}@sapa.test`;
    await c.post('/api/v1/auth/register', { email, password, name: 'p', locale: 'id-ID' });
    await c.login(email, password);
    const next = 'Amber-Falcon-Orchard-91!';
    const wrong = await c.post('/api/v1/me/password', { currentPassword: 'not-the-password', newPassword: next }, { 'accept-language': 'id-ID' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_credentials', message: 'Login atau kata sandi salah.' });
    // A wrong password is the form's answer, not the end of the session.
    expect((await c.get('/api/v1/me')).status).toBe(200);
    // A stolen session is no oracle for the password behind it: past the sign-in limit even the right one waits.
    for (let i = 0; i < 2; i++) expect((await c.post('/api/v1/me/password', { currentPassword: `guess-${i}`, newPassword: next })).status).toBe(403);
    const limited = await c.post('/api/v1/me/password', { currentPassword: password, newPassword: next });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signing in is counted per login, not per signed-in account: the owner can still sign in elsewhere.
    expect((await new ApiClient(node.url).login(email, password)).status).toBe(200);
  });

  it('lets the admin manage agents and refuses agents and customers', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const email = `agent-${uid()}@sapa.test`;
    const created = await admin.post('/api/v1/agents', { email, name: 'Rina', role: 'agent', password });
    expect(created.status).toBe(201);
    const agent = new ApiClient(node.url);
    expect((await agent.login(email, password)).status).toBe(200);
    expect((await agent.post('/api/v1/agents', { email: `x-${uid()}@sapa.test`, name: 'x', role: 'admin', password })).status).toBe(403);
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.get('/api/v1/agents')).status).toBe(403);
    // A new role or language holds from the agent's next request, although their session was just read (and cached).
    expect((await admin.patch(`/api/v1/agents/${created.body.id}`, { role: 'supervisor', locale: 'zh-CN' })).status).toBe(200);
    expect((await agent.get('/api/v1/me')).body).toMatchObject({ role: 'supervisor', locale: 'zh-CN' });
    expect((await agent.post('/api/v1/agents', { email: `y-${uid()}@sapa.test`, name: 'y', role: 'admin', password })).body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const off = await admin.patch(`/api/v1/agents/${created.body.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await new ApiClient(node.url).login(email, password)).status).toBe(401);
    const token = await admin.post('/api/v1/agents/me/tokens', { name: 'ci' });
    expect(token.status).toBe(201);
    const bearer = new ApiClient(node.url);
    bearer.bearer = token.body.token;
    expect((await bearer.get('/api/v1/me')).body).toMatchObject({ kind: 'agent', email: ADMIN.email, role: 'admin' });
    // Bearer writes need no CSRF token.
    expect((await bearer.post('/api/v1/cases', { message: { body: 'from a script', clientMessageId: uid() } })).status).toBe(201);
  });
});

describe('widget sessions', () => {
  it('creates anonymous visitors who see only their own cases, and resumes a visitor by id', async () => {
    const v = new ApiClient(node.url);
    const s = await v.asVisitor({ device: { os: 'iOS 17', appVersion: '5.1.0' } });
    const mine = await v.post('/api/v1/cases', { message: { body: 'halo, saldo saya belum masuk', clientMessageId: uid() } });
    expect(mine.status).toBe(201);
    const other = new ApiClient(node.url);
    await other.asVisitor();
    expect((await other.get(`/api/v1/cases/${mine.body.id}`)).status).toBe(404);
    expect((await other.get('/api/v1/cases')).body.items).toHaveLength(0);
    const again = new ApiClient(node.url);
    const resumed = await again.asVisitor({ visitorId: s.visitorId });
    expect(resumed.visitorId).toBe(s.visitorId);
    expect((await again.get('/api/v1/cases')).body.items.map((c: { id: string }) => c.id)).toContain(mine.body.id);
  });

  it('links a visitor to the customer named by a valid HS256 identity token, across devices', async () => {
    const sub = `W-${uid()}`;
    const token = await new SignJWT({ name: 'Budi', email: `${sub.toLowerCase()}@wallet.test` })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    const phone = new ApiClient(node.url);
    const s1 = await phone.post('/api/v1/widget/sessions', { identityToken: token });
    expect(s1.status).toBe(201);
    expect(s1.body.contact).toMatchObject({ kind: 'customer', name: 'Budi' });
    phone.bearer = s1.body.token;
    const c = await phone.post('/api/v1/cases', { message: { body: 'history test', clientMessageId: uid() } });
    const laptop = new ApiClient(node.url);
    const s2 = await laptop.post('/api/v1/widget/sessions', { identityToken: token });
    laptop.bearer = s2.body.token;
    expect(s2.body.contact.id).toBe(s1.body.contact.id);
    expect((await laptop.get(`/api/v1/cases/${c.body.id}`)).status).toBe(200);
  });

  it('refuses forged, expired and wrongly signed identity tokens and links nothing', async () => {
    const v = new ApiClient(node.url);
    expect((await v.post('/api/v1/widget/sessions', { identityToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' })).status).toBe(401);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('W-x').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
    expect((await v.post('/api/v1/widget/sessions', { identityToken: expired })).status).toBe(401);
    const wrongKey = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('W-x').setExpirationTime('5m').sign(new TextEncoder().encode('not-the-secret'));
    expect((await v.post('/api/v1/widget/sessions', { identityToken: wrongKey })).status).toBe(401);
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('W-x').sign(new TextEncoder().encode(SECRET));
    expect((await v.post('/api/v1/widget/sessions', { identityToken: noExp })).status).toBe(401);
  });

  it('accepts EdDSA tokens verified with a configured public key', async () => {
    const token = await new SignJWT({ name: 'Alice' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject(`W-${uid()}`).setExpirationTime('5m').sign(privateKey);
    const v = new ApiClient(keyed.url);
    const s = await v.post('/api/v1/widget/sessions', { identityToken: token });
    expect(s.status).toBe(201);
    expect(s.body.contact.kind).toBe('customer');
  });
});
