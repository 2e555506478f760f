import { hash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { importSPKI, jwtVerify, type JWTPayload } from 'jose';
import type { AgentRole, Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { AppError, conflict, notFound, tooMany, unauthorized } from '../../kernel/errors.js';
import { negotiateLocale, type Locale } from '../../kernel/i18n.js';
import { hashPassword, judgePassword, verifyDecoy, verifyPassword } from './password.js';
import { agents, customers, sessions, visitors } from './schema.js';
import { noteSignIn, passesSecondFactor, person, proveOwner, recordAndAlert, securityPolicy } from './security.js';
import { clearLoginFailures, limitsFor, loginWaitSeconds, recordLoginFailure } from './throttle.js';

// The one-shot digest: every authenticated request hashes its token, and a Hash object costs several times more.
const sha256 = (s: string) => hash('sha256', s, 'hex');
const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;
export const newId = () => randomUUID();

export type DeviceInfo = Record<string, string | number | boolean | null>;

export interface UserView {
  id: string;
  kind: 'customer' | 'agent';
  role: AgentRole | 'customer';
  name: string;
  email: string | null;
  phone?: string | null;
  locale: Locale;
  twoFactor: boolean;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();
/** Phones are compared in one canonical form: digits with a leading +, Indonesian 08… turned into +628…. */
export function normalisePhone(phone: string): string {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (digits.startsWith('0')) digits = `+62${digits.slice(1)}`;
  if (!digits.startsWith('+')) digits = `+${digits}`;
  return digits;
}
const isEmail = (login: string) => login.includes('@');

function weakPassword(reasons: string[]): AppError {
  return new AppError(400, 'weak_password', undefined, { field: 'password', reasons });
}

// ---------------------------------------------------------------------------------------------- customers

export interface RegisterInput {
  email?: string;
  phone?: string;
  password: string;
  name: string;
  locale?: string;
}

export async function registerCustomer(desk: Desk, input: RegisterInput): Promise<UserView> {
  if (!input.email && !input.phone) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.email', message: 'email or phone is required' }]);
  const email = input.email ? normaliseEmail(input.email) : null;
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const verdict = await judgePassword(input.password, [email ?? '', phone ?? '', input.name]);
  if (!verdict.ok) throw weakPassword(verdict.reasons);
  const id = newId();
  const locale = negotiateLocale(input.locale);
  try {
    await desk.db.insert(customers).values({ id, email, phone, name: input.name.trim(), locale, passwordHash: await hashPassword(input.password) });
  } catch (error) {
    if (/unique|duplicate/i.test(String((error as { cause?: Error }).cause?.message ?? error))) throw conflict('account_exists');
    throw error;
  }
  return { id, kind: 'customer', role: 'customer', name: input.name.trim(), email, phone, locale, twoFactor: false };
}

// ---------------------------------------------------------------------------------------------- agents

export interface AgentInput {
  email: string;
  name: string;
  role: AgentRole;
  password: string;
  locale?: string;
}

export async function createAgent(desk: Desk, input: AgentInput): Promise<UserView> {
  const email = normaliseEmail(input.email);
  const verdict = await judgePassword(input.password, [email, input.name]);
  if (!verdict.ok) throw weakPassword(verdict.reasons);
  const existing = await desk.db.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (existing.length) throw conflict('agent_exists');
  const id = newId();
  const locale = negotiateLocale(input.locale);
  await desk.db.insert(agents).values({ id, email, name: input.name, role: input.role, locale, passwordHash: await hashPassword(input.password) });
  return { id, kind: 'agent', role: input.role, name: input.name, email, locale, twoFactor: false };
}

/** Creates the bootstrap admin, or resets its password and role when it exists (SAPA_ADMIN_EMAIL/PASSWORD). */
export async function ensureAdmin(desk: Desk, emailInput: string, password: string, name = 'Administrator'): Promise<void> {
  const email = normaliseEmail(emailInput);
  const passwordHash = await hashPassword(password);
  const [existing] = await desk.db.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (existing) {
    await desk.db.update(agents).set({ passwordHash, role: 'admin', active: true }).where(eq(agents.id, existing.id));
  } else {
    await desk.db.insert(agents).values({ id: newId(), email, name, role: 'admin', passwordHash });
  }
}

export interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  locale: string;
  active: boolean;
  createdAt: Date;
}

export async function listAgents(desk: Desk): Promise<AgentRow[]> {
  return desk.db
    .select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role, locale: agents.locale, active: agents.active, createdAt: agents.createdAt })
    .from(agents)
    .orderBy(agents.name);
}

export async function getAgent(desk: Desk, id: string): Promise<AgentRow | undefined> {
  const [row] = await desk.db
    .select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role, locale: agents.locale, active: agents.active, createdAt: agents.createdAt })
    .from(agents)
    .where(eq(agents.id, id));
  return row;
}

export async function updateAgent(desk: Desk, id: string, patch: { name?: string; role?: AgentRole; active?: boolean; locale?: string }): Promise<AgentRow> {
  const values: Partial<typeof agents.$inferInsert> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.active !== undefined) values.active = patch.active;
  if (patch.locale !== undefined) values.locale = negotiateLocale(patch.locale);
  if (Object.keys(values).length) await desk.db.update(agents).set(values).where(eq(agents.id, id));
  if (patch.active === false) await desk.db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.agentId, id), isNull(sessions.revokedAt)));
  // Their sessions' cached principal carries role and language: read again at the next request on this node.
  if (Object.keys(values).length) {
    const cache = sessionCache(desk);
    for (const [sessionId, cached] of cache) if (cached.principal.kind === 'agent' && cached.principal.agentId === id) cache.delete(sessionId);
  }
  const row = await getAgent(desk, id);
  if (!row) throw notFound('agent');
  return row;
}

// ---------------------------------------------------------------------------------------------- sign-in

export interface LoginInput {
  login: string;
  password: string;
  otp?: string;
  ip: string;
  userAgent?: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: UserView;
}

interface Account {
  kind: 'agent' | 'customer';
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: AgentRole | 'customer';
  locale: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  active: boolean;
}

async function findAccount(desk: Desk, login: string): Promise<Account | undefined> {
  if (isEmail(login)) {
    const email = normaliseEmail(login);
    const [agent] = await desk.db.select().from(agents).where(eq(agents.email, email));
    if (agent) return { kind: 'agent', ...agent, phone: null };
    const [customer] = await desk.db.select().from(customers).where(eq(customers.email, email));
    if (customer) return { kind: 'customer', ...customer, role: 'customer', active: true };
    return undefined;
  }
  const [customer] = await desk.db.select().from(customers).where(eq(customers.phone, normalisePhone(login)));
  return customer ? { kind: 'customer', ...customer, role: 'customer', active: true } : undefined;
}

export async function login(desk: Desk, input: LoginInput): Promise<LoginResult> {
  const limits = limitsFor(desk.config.SAPA_LOGIN_MAX_FAILURES);
  const key = input.login.trim();
  const wait = await loginWaitSeconds(desk.db, limits, key, input.ip);
  if (wait > 0) throw tooMany(wait, 'too_many_attempts');

  const account = await findAccount(desk, key);
  const ok = account?.passwordHash && account.active ? await verifyPassword(account.passwordHash, input.password) : await verifyDecoy(input.password);
  if (!account || !ok) {
    await recordLoginFailure(desk.db, key, input.ip);
    throw unauthorized('invalid_credentials');
  }
  let factor: 'app' | 'recovery' | null = null;
  if (account.totpEnabled && account.totpSecret) {
    if (!input.otp) throw unauthorized('otp_required');
    factor = await passesSecondFactor(desk, account.kind, account.id, account.totpSecret, input.otp);
    if (!factor) {
      await recordLoginFailure(desk.db, key, input.ip);
      throw unauthorized('invalid_otp');
    }
  }
  await clearLoginFailures(desk.db, key, input.ip);
  const token = newToken('sps');
  const csrfToken = randomBytes(24).toString('base64url');
  await desk.db.insert(sessions).values({
    id: sha256(token),
    kind: 'cookie',
    principalKind: account.kind,
    agentId: account.kind === 'agent' ? account.id : null,
    customerId: account.kind === 'customer' ? account.id : null,
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400),
    expiresAt: new Date(Date.now() + desk.config.SAPA_SESSION_DAYS * 86400_000),
  });
  await noteSignIn(desk, account.kind, account.id, input.ip, input.userAgent);
  if (factor === 'recovery') await recordAndAlert(desk, account.kind, account.id, 'recovery_code_used', input.ip, input.userAgent);
  return {
    token,
    csrfToken,
    user: {
      id: account.id,
      kind: account.kind,
      role: account.role,
      name: account.name,
      email: account.email,
      phone: account.phone,
      locale: negotiateLocale(account.locale),
      twoFactor: account.totpEnabled,
    },
  };
}

export async function logout(desk: Desk, sessionId: string): Promise<void> {
  await desk.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
  sessionCache(desk).delete(sessionId);
}

/** Drops a revoked session from this node's cache at once (other nodes within CACHE_MS). */
export function forgetSession(desk: Desk, sessionId: string): void {
  sessionCache(desk).delete(sessionId);
}

/** Issues a named, long-lived bearer token for an agent (integrations, scripts). The secret is shown once. */
export async function createApiToken(desk: Desk, agentId: string, name: string): Promise<{ id: string; token: string; name: string }> {
  const token = newToken('spa');
  const id = sha256(token);
  await desk.db.insert(sessions).values({ id, kind: 'api_token', principalKind: 'agent', agentId, name });
  return { id: id.slice(0, 16), token, name };
}

// ---------------------------------------------------------------------------------------------- sessions

interface CachedPrincipal extends ResolvedSession {
  until: number;
}
const CACHE_KEY = Symbol('identity.sessionCache');
// Sessions are looked up on every request; a short cache keeps that off the database on hot paths. Revocation, and an
// agent's new role or language, take effect at once on the node that made the change and on others within CACHE_MS.
const CACHE_MS = 5000;
const sessionCache = (desk: Desk) => moduleState(desk, CACHE_KEY, () => new Map<string, CachedPrincipal>());

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string | null;
  kind: 'cookie' | 'widget' | 'api_token';
  /** An agent the desk requires two-factor sign-in of, who has none yet: they may only set it up. */
  twoFactorPending: boolean;
}

export async function resolveToken(desk: Desk, token: string): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 200) return undefined;
  const id = sha256(token);
  const cache = sessionCache(desk);
  const hit = cache.get(id);
  if (hit && hit.until > Date.now()) return hit;
  const [row] = await desk.db
    .select({
      kind: sessions.kind,
      principalKind: sessions.principalKind,
      agentId: sessions.agentId,
      customerId: sessions.customerId,
      visitorId: sessions.visitorId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      agentRole: agents.role,
      agentActive: agents.active,
      agentLocale: agents.locale,
      agentTwoFactor: agents.totpEnabled,
      customerLocale: customers.locale,
    })
    .from(sessions)
    .leftJoin(agents, eq(agents.id, sessions.agentId))
    .leftJoin(customers, eq(customers.id, sessions.customerId))
    .where(eq(sessions.id, id));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() < Date.now())) {
    cache.delete(id);
    return undefined;
  }
  let principal: Principal;
  if (row.principalKind === 'agent' && row.agentId && row.agentRole) {
    if (!row.agentActive) return undefined;
    principal = { kind: 'agent', agentId: row.agentId, role: row.agentRole, locale: negotiateLocale(row.agentLocale), sessionId: id };
  } else if (row.principalKind === 'customer' && row.customerId) {
    principal = { kind: 'customer', customerId: row.customerId, visitorId: row.visitorId ?? undefined, locale: negotiateLocale(row.customerLocale), sessionId: id };
  } else if (row.principalKind === 'visitor' && row.visitorId) {
    principal = { kind: 'visitor', visitorId: row.visitorId, locale: 'en', sessionId: id };
  } else return undefined;
  const twoFactorPending = principal.kind === 'agent' && !row.agentTwoFactor && (await securityPolicy(desk)).requireAgentTwoFactor;
  const resolved = { principal, csrfToken: row.csrfToken, kind: row.kind, twoFactorPending };
  if (cache.size > 50_000) cache.clear();
  cache.set(id, { ...resolved, until: Date.now() + CACHE_MS });
  return resolved;
}

// ---------------------------------------------------------------------------------------------- widget

export interface WidgetSessionInput {
  visitorId?: string;
  identityToken?: string;
  device?: DeviceInfo;
  locale?: string;
}

export interface WidgetContact {
  kind: 'visitor' | 'customer';
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

interface IdentityClaims extends JWTPayload {
  sub: string;
  name?: string;
  email?: string;
  phone?: string;
  locale?: string;
}

async function verifyIdentityToken(desk: Desk, token: string): Promise<IdentityClaims> {
  const { SAPA_WIDGET_JWT_SECRET: secret, SAPA_WIDGET_JWT_PUBLIC_KEY: publicKey } = desk.config;
  if (!secret && !publicKey) throw unauthorized('identity_not_configured');
  const candidates: Promise<{ payload: JWTPayload }>[] = [];
  if (secret) candidates.push(jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] }));
  if (publicKey) {
    for (const alg of ['EdDSA', 'RS256', 'ES256']) {
      candidates.push(importSPKI(publicKey.replace(/\\n/g, '\n'), alg).then((key) => jwtVerify(token, key, { algorithms: [alg], requiredClaims: ['sub', 'exp'] })));
    }
  }
  const results = await Promise.allSettled(candidates);
  const ok = results.find((r): r is PromiseFulfilledResult<{ payload: JWTPayload }> => r.status === 'fulfilled');
  if (!ok || typeof ok.value.payload.sub !== 'string' || !ok.value.payload.sub) throw unauthorized('invalid_identity_token');
  return ok.value.payload as IdentityClaims;
}

/** Finds or creates the customer that the wallet's backend vouched for, keeping their profile in step. */
async function customerForClaims(desk: Desk, claims: IdentityClaims) {
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
  const phone = typeof claims.phone === 'string' ? normalisePhone(claims.phone) : null;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  const [existing] = await desk.db.select().from(customers).where(eq(customers.walletRef, claims.sub));
  if (existing) {
    if (name && name !== existing.name) await desk.db.update(customers).set({ name }).where(eq(customers.id, existing.id));
    return { ...existing, name: name ?? existing.name };
  }
  // A customer who registered with the same email or phone is the same person: link rather than duplicate.
  const matches = email || phone
    ? await desk.db.select().from(customers).where(and(isNull(customers.walletRef), or(email ? eq(customers.email, email) : sql`false`, phone ? eq(customers.phone, phone) : sql`false`)))
    : [];
  if (matches[0]) {
    await desk.db.update(customers).set({ walletRef: claims.sub }).where(eq(customers.id, matches[0].id));
    return matches[0];
  }
  const id = newId();
  const row = { id, email, phone, name: name ?? claims.sub, walletRef: claims.sub, locale: negotiateLocale(claims.locale) };
  await desk.db.insert(customers).values(row).onConflictDoNothing();
  const [created] = await desk.db.select().from(customers).where(eq(customers.walletRef, claims.sub));
  return created;
}

export async function createWidgetSession(desk: Desk, input: WidgetSessionInput, ip: string, userAgent?: string) {
  const claims = input.identityToken ? await verifyIdentityToken(desk, input.identityToken) : undefined;
  const customer = claims ? await customerForClaims(desk, claims) : undefined;
  let visitorId: string | undefined;
  if (input.visitorId) {
    const [v] = await desk.db.select().from(visitors).where(eq(visitors.id, input.visitorId));
    // An identified visitor is only resumed with a token for the same customer.
    if (v && (!v.customerId || v.customerId === customer?.id)) visitorId = v.id;
  }
  if (visitorId) {
    await desk.db
      .update(visitors)
      .set({ lastSeenAt: new Date(), ...(input.device ? { device: input.device } : {}), ...(customer ? { customerId: customer.id } : {}) })
      .where(eq(visitors.id, visitorId));
  } else {
    visitorId = newId();
    await desk.db.insert(visitors).values({ id: visitorId, customerId: customer?.id ?? null, device: input.device ?? null });
  }
  const token = newToken('spw');
  await desk.db.insert(sessions).values({
    id: sha256(token),
    kind: 'widget',
    principalKind: customer ? 'customer' : 'visitor',
    customerId: customer?.id ?? null,
    visitorId,
    ip,
    userAgent: userAgent?.slice(0, 400),
    expiresAt: new Date(Date.now() + 30 * 86400_000),
  });
  const contact: WidgetContact = customer
    ? { kind: 'customer', id: customer.id, name: customer.name, email: customer.email, phone: customer.phone }
    : { kind: 'visitor', id: visitorId, name: null, email: null, phone: null };
  return { token, visitorId, contact };
}

// ---------------------------------------------------------------------------------------------- profile

export async function currentUser(desk: Desk, principal: Principal): Promise<UserView & { visitorId?: string }> {
  if (principal.kind === 'agent') {
    const [a] = await desk.db.select().from(agents).where(eq(agents.id, principal.agentId));
    if (!a) throw unauthorized();
    return { id: a.id, kind: 'agent', role: a.role, name: a.name, email: a.email, locale: negotiateLocale(a.locale), twoFactor: a.totpEnabled };
  }
  if (principal.kind === 'customer') {
    const [c] = await desk.db.select().from(customers).where(eq(customers.id, principal.customerId));
    if (!c) throw unauthorized();
    return { id: c.id, kind: 'customer', role: 'customer', name: c.name, email: c.email, phone: c.phone, locale: negotiateLocale(c.locale), twoFactor: c.totpEnabled, visitorId: principal.visitorId };
  }
  return { id: principal.visitorId, kind: 'customer', role: 'customer', name: '', email: null, locale: principal.locale, twoFactor: false, visitorId: principal.visitorId };
}

export interface CustomerProfile {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string;
  walletRef: string | null;
  createdAt: Date;
}

export async function getCustomer(desk: Desk, id: string): Promise<CustomerProfile | undefined> {
  const [c] = await desk.db
    .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, locale: customers.locale, walletRef: customers.walletRef, createdAt: customers.createdAt })
    .from(customers)
    .where(eq(customers.id, id));
  return c;
}

/**
 * A visitor for someone who reached a channel with no session at all (a callback booked without signing in): it owns
 * their case, so the case belongs to no customer. The same id (from a retry's idempotency key) finds the same visitor.
 */
export async function ensureVisitor(desk: Desk, id: string = newId(), device: DeviceInfo | null = null): Promise<string> {
  await desk.db.insert(visitors).values({ id, customerId: null, device }).onConflictDoNothing();
  return id;
}

export async function visitorCustomerId(desk: Desk, visitorId: string): Promise<string | null> {
  const [v] = await desk.db.select({ customerId: visitors.customerId }).from(visitors).where(eq(visitors.id, visitorId));
  return v?.customerId ?? null;
}

export async function getVisitorDevice(desk: Desk, visitorId: string): Promise<DeviceInfo | null> {
  const [v] = await desk.db.select({ device: visitors.device }).from(visitors).where(eq(visitors.id, visitorId));
  return (v?.device as DeviceInfo | null) ?? null;
}

/** Seeds a customer with a known password (demo data); idempotent by email. */
export async function ensureCustomer(desk: Desk, c: { email: string; phone?: string; name: string; locale: Locale; password: string; walletRef?: string }): Promise<string> {
  const email = normaliseEmail(c.email);
  const [existing] = await desk.db.select({ id: customers.id }).from(customers).where(eq(customers.email, email));
  if (existing) return existing.id;
  const id = newId();
  await desk.db.insert(customers).values({
    id,
    email,
    phone: c.phone ? normalisePhone(c.phone) : null,
    name: c.name,
    locale: c.locale,
    walletRef: c.walletRef ?? null,
    passwordHash: await hashPassword(c.password),
  });
  return id;
}

// ------------------------------------------------------------------------------------------ channel contacts
// Someone who writes from an inbox or a phone is a customer without a password; the channels module finds and
// creates them through these.

/** What the channels and the console know of a customer as a contact. */
export interface CustomerContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  walletRef: string | null;
  locale: string;
}

const contactColumns = { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, walletRef: customers.walletRef, locale: customers.locale };

/** The customer with this id, wallet, email or phone, preferring the strongest key in that order. */
export async function findCustomerContact(desk: Desk, by: { id?: string; email?: string | null; phone?: string | null; walletRef?: string | null }): Promise<CustomerContact | undefined> {
  const conditions = [
    by.id ? eq(customers.id, by.id) : undefined,
    by.walletRef ? eq(customers.walletRef, by.walletRef) : undefined,
    by.email ? eq(customers.email, by.email) : undefined,
    by.phone ? eq(customers.phone, by.phone) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return undefined;
  const found = await desk.db.select(contactColumns).from(customers).where(or(...conditions));
  return (
    found.find((c) => by.id && c.id === by.id) ??
    found.find((c) => by.walletRef && c.walletRef === by.walletRef) ??
    found.find((c) => by.email && c.email === by.email) ??
    found.find((c) => by.phone && c.phone === by.phone)
  );
}

/** Creates a passwordless customer; does nothing when the id, email, phone or wallet already belongs to someone. */
export async function createContactCustomer(desk: Desk, c: CustomerContact): Promise<void> {
  await desk.db.insert(customers).values(c).onConflictDoNothing();
}

export async function ensureAgent(desk: Desk, a: { email: string; name: string; role: AgentRole; locale: Locale; password: string }): Promise<string> {
  const email = normaliseEmail(a.email);
  const [existing] = await desk.db.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (existing) return existing.id;
  const id = newId();
  await desk.db.insert(agents).values({ id, email, name: a.name, role: a.role, locale: a.locale, passwordHash: await hashPassword(a.password) });
  return id;
}

export async function setPassword(desk: Desk, principal: Principal, current: string, next: string, ip: string, userAgent?: string): Promise<void> {
  const owner = person(principal);
  const table = owner.kind === 'agent' ? agents : customers;
  const id = owner.kind === 'agent' ? owner.agentId : owner.customerId;
  const row = await proveOwner(desk, owner, { password: current, ip, passwordOnly: true });
  const verdict = await judgePassword(next, [row.email ?? '', row.name]);
  if (!verdict.ok) throw weakPassword(verdict.reasons);
  await desk.db.update(table).set({ passwordHash: await hashPassword(next) }).where(eq(table.id, id));
  // Whoever knew the old password may be signed in elsewhere: every other browser session of the account ends.
  const mine = owner.kind === 'agent' ? eq(sessions.agentId, id) : eq(sessions.customerId, id);
  const ended = await desk.db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(mine, eq(sessions.kind, 'cookie'), isNull(sessions.revokedAt), sql`${sessions.id} <> ${owner.sessionId}`))
    .returning({ id: sessions.id });
  for (const s of ended) sessionCache(desk).delete(s.id);
  await recordAndAlert(desk, owner.kind, id, 'password_changed', ip, userAgent);
}
