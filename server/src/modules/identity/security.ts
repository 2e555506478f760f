import { hash, randomInt, randomUUID } from 'node:crypto';
import Bowser from 'bowser';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { settings } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound, tooMany, unprocessable } from '../../kernel/errors.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { enqueue, PermanentJobError, type Job } from '../../kernel/jobs.js';
import { emailConfigured, sendNotice } from '../../kernel/mail.js';
import { verifyPassword } from './password.js';
import { agents, customers, recoveryCodes, securityEvents, sessions } from './schema.js';
import { clearLoginFailures, limitsFor, loginWaitSeconds, recordLoginFailure } from './throttle.js';

// Account security for people who sign in (agents and customers): two-factor sign-in with an authenticator app and
// one-time recovery codes, the account's own activity and signed-in devices, and an email when something happens
// that the owner should know about (a sign-in from a new device, a changed password, two-factor turned off).

const sha256 = (s: string) => hash('sha256', s, 'hex');
const ISSUER = 'Sapa';
/** Codes from one step before or after: a phone clock a little off still works. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODES = 10;
/** A sign-in from a browser and system not seen in this long counts as a new device. */
const KNOWN_DEVICE_DAYS = 90;
export const QUEUE_ALERT = 'identity.alert';

type Person = Extract<Principal, { kind: 'agent' | 'customer' }>;
type Kind = Person['kind'];

export function person(p: Principal): Person {
  if (p.kind === 'visitor') throw new AppError(403, 'forbidden');
  return p;
}
const idOf = (p: Person) => (p.kind === 'agent' ? p.agentId : p.customerId);
const tableOf = (kind: Kind) => (kind === 'agent' ? agents : customers);

interface AccountSecrets {
  email: string | null;
  name: string;
  locale: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
}

async function secretsOf(desk: Desk, kind: Kind, id: string): Promise<AccountSecrets> {
  const table = tableOf(kind);
  const [row] = await desk.db
    .select({ email: table.email, name: table.name, locale: table.locale, passwordHash: table.passwordHash, totpSecret: table.totpSecret, totpEnabled: table.totpEnabled })
    .from(table)
    .where(eq(table.id, id));
  if (!row) throw notFound();
  return row;
}

export async function recordSecurityEvent(desk: Desk, kind: string, principalId: string, type: string, ip?: string, userAgent?: string): Promise<void> {
  await desk.db.insert(securityEvents).values({ id: randomUUID(), principalKind: kind, principalId, type, ip, userAgent: userAgent?.slice(0, 400) });
}

// ------------------------------------------------------------------------------------------ two-factor sign-in

/**
 * Starts turning on two-factor sign-in: a new secret, kept unconfirmed until a code from the app proves it was
 * scanned (`confirmTwoFactor`). While two-factor is on, starting again is refused: turn it off first.
 */
export async function beginTwoFactor(desk: Desk, p: Principal): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const who = person(p);
  const account = await secretsOf(desk, who.kind, idOf(who));
  if (account.totpEnabled) throw conflict('two_factor_already_on');
  const secret = generateSecret();
  const table = tableOf(who.kind);
  await desk.db.update(table).set({ totpSecret: secret, totpLastStep: null }).where(eq(table.id, idOf(who)));
  const otpauthUrl = generateURI({ issuer: ISSUER, label: account.email ?? account.name, secret });
  return { secret, otpauthUrl, qrSvg: await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

/** The time step of a current code of the app with `secret`, or null when it is not one. */
async function codeStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  // A TOTP result carries its RFC 6238 time step (the shared type also covers HOTP's, which has none).
  return result.valid && 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
}

/** Accepts an app code once: the account's last accepted step moves forward, so a code seen over a shoulder is spent. */
async function spendCode(desk: Desk, kind: Kind, id: string, secret: string, code: string): Promise<boolean> {
  const step = await codeStep(secret, code);
  if (step == null) return false;
  const table = tableOf(kind);
  const [moved] = await desk.db
    .update(table)
    .set({ totpLastStep: step })
    .where(and(eq(table.id, id), or(isNull(table.totpLastStep), lt(table.totpLastStep, step))))
    .returning({ id: table.id });
  return Boolean(moved);
}
const cleanCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

/** Confirms the app with one of its codes and turns two-factor on; returns the recovery codes, shown this once. */
export async function confirmTwoFactor(desk: Desk, p: Principal, code: string, ip?: string, userAgent?: string): Promise<{ recoveryCodes: string[] }> {
  const who = person(p);
  const account = await secretsOf(desk, who.kind, idOf(who));
  if (account.totpEnabled) throw conflict('two_factor_already_on');
  if (!account.totpSecret) throw conflict('two_factor_not_started');
  // 403, not 401: the session is fine, the code typed is not (a 401 would tell the client it was signed out).
  if (!(await spendCode(desk, who.kind, idOf(who), account.totpSecret, cleanCode(code)))) throw forbidden('invalid_otp');
  const table = tableOf(who.kind);
  const codes = await desk.db.transaction(async (tx) => {
    await tx.update(table).set({ totpEnabled: true }).where(eq(table.id, idOf(who)));
    return replaceRecoveryCodes(tx, who.kind, idOf(who));
  });
  await recordAndAlert(desk, who.kind, idOf(who), 'two_factor_enabled', ip, userAgent);
  return { recoveryCodes: codes };
}

type Tx = Parameters<Parameters<Desk['db']['transaction']>[0]>[0];

async function replaceRecoveryCodes(tx: Tx, kind: Kind, id: string): Promise<string[]> {
  // Ten groups of 5+5 characters without 0/o, 1/l/i: about 48 bits each, typed from paper without confusion.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const s = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
  await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.principalKind, kind), eq(recoveryCodes.principalId, id)));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ id: randomUUID(), principalKind: kind, principalId: id, codeHash: sha256(cleanCode(c)) })));
  return codes;
}

/**
 * Whether `code` is the second factor of an account with two-factor on: a current code of its app, or one of its
 * unused recovery codes (used up by this check: the update that marks it is the check, so two sign-ins race for it).
 */
export async function passesSecondFactor(desk: Desk, kind: Kind, id: string, secret: string, code: string): Promise<'app' | 'recovery' | null> {
  const clean = cleanCode(code);
  if (await spendCode(desk, kind, id, secret, clean)) return 'app';
  if (!/^[a-z0-9]{10}$/.test(clean)) return null;
  const [used] = await desk.db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.principalKind, kind), eq(recoveryCodes.principalId, id), eq(recoveryCodes.codeHash, sha256(clean)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used ? 'recovery' : null;
}

/**
 * Proves it is the owner: the password, and the second factor when two-factor is on (unless `passwordOnly`). A proof
 * that does not hold is refused with 403, not 401: the session is fine, what was typed is not. Failures count like
 * failed sign-ins of the account (the same limits, 429 past them), so a stolen session cannot be used to guess the
 * password behind it.
 */
export async function proveOwner(desk: Desk, who: Person, proof: { password: string; code?: string; ip?: string; passwordOnly?: boolean }): Promise<AccountSecrets> {
  const key = `account:${who.kind}:${idOf(who)}`;
  const ip = proof.ip ?? '';
  const wait = await loginWaitSeconds(desk.db, limitsFor(desk.config.SAPA_LOGIN_MAX_FAILURES), key, ip);
  if (wait > 0) throw tooMany(wait, 'too_many_attempts');
  const account = await secretsOf(desk, who.kind, idOf(who));
  const refuse = async (code: string) => {
    await recordLoginFailure(desk.db, key, ip);
    return forbidden(code);
  };
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, proof.password))) throw await refuse('invalid_credentials');
  if (account.totpEnabled && account.totpSecret && !proof.passwordOnly) {
    if (!proof.code) throw forbidden('otp_required');
    if (!(await passesSecondFactor(desk, who.kind, idOf(who), account.totpSecret, proof.code))) throw await refuse('invalid_otp');
  }
  await clearLoginFailures(desk.db, key, ip);
  return account;
}

/** Turns two-factor off (password and a code or recovery code); the recovery codes go with it. */
export async function disableTwoFactor(desk: Desk, p: Principal, password: string, code: string | undefined, ip?: string, userAgent?: string): Promise<void> {
  const who = person(p);
  const account = await proveOwner(desk, who, { password, code, ip });
  if (!account.totpEnabled) return;
  const table = tableOf(who.kind);
  await desk.db.transaction(async (tx) => {
    await tx.update(table).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(table.id, idOf(who)));
    await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.principalKind, who.kind), eq(recoveryCodes.principalId, idOf(who))));
  });
  await recordAndAlert(desk, who.kind, idOf(who), 'two_factor_disabled', ip, userAgent);
}

/** New recovery codes in place of the old ones (password and a code), e.g. when most are used or the paper is lost. */
export async function renewRecoveryCodes(desk: Desk, p: Principal, password: string, code: string, ip?: string, userAgent?: string): Promise<{ recoveryCodes: string[] }> {
  const who = person(p);
  const account = await proveOwner(desk, who, { password, code, ip });
  if (!account.totpEnabled) throw conflict('two_factor_off');
  const codes = await desk.db.transaction((tx) => replaceRecoveryCodes(tx, who.kind, idOf(who)));
  await recordSecurityEvent(desk, who.kind, idOf(who), 'recovery_codes_renewed', ip, userAgent);
  return { recoveryCodes: codes };
}

// ------------------------------------------------------------------------------------------ the desk's policy

const POLICY_KEY = 'identity.security';

export interface SecurityPolicy {
  /** Agents without two-factor sign-in may only set it up (and sign out) until they have it. */
  requireAgentTwoFactor: boolean;
}

const POLICY_CACHE = Symbol('identity.securityPolicy');
/** As long as a cached session: a change reaches every node's sessions within it. */
const POLICY_CACHE_MS = 5000;

/** The policy, read at most every few seconds per node: every session lookup that misses its cache asks for it. */
export async function securityPolicy(desk: Desk): Promise<SecurityPolicy> {
  const cache = moduleState<{ value?: SecurityPolicy; until: number }>(desk, POLICY_CACHE, () => ({ until: 0 }));
  if (cache.value && cache.until > Date.now()) return cache.value;
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, POLICY_KEY));
  cache.value = { requireAgentTwoFactor: (row?.value as Partial<SecurityPolicy> | undefined)?.requireAgentTwoFactor === true };
  cache.until = Date.now() + POLICY_CACHE_MS;
  return cache.value;
}

/**
 * Sets the policy (admins). Requiring two-factor of agents is refused (422) while the admin has none: they would lock
 * themselves into setting it up.
 */
export async function saveSecurityPolicy(desk: Desk, p: Principal, value: SecurityPolicy): Promise<SecurityPolicy> {
  const who = person(p);
  if (value.requireAgentTwoFactor && !(await secretsOf(desk, who.kind, idOf(who))).totpEnabled) throw unprocessable('two_factor_needed_first', { field: 'body.requireAgentTwoFactor' });
  await desk.db.insert(settings).values({ key: POLICY_KEY, value, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  moduleState<{ until: number }>(desk, POLICY_CACHE, () => ({ until: 0 })).until = 0;
  return securityPolicy(desk);
}

// ------------------------------------------------------------------------------------------ activity and devices

/** "Chrome 131 on Windows 10" from a User-Agent header; null when there is none. */
export function deviceOf(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const ua = Bowser.parse(userAgent);
  const browser = [ua.browser.name, ua.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [ua.os.name, ua.os.versionName ?? ua.os.version?.split('.')[0]].filter(Boolean).join(' ');
  return [browser, system].filter(Boolean).join(' · ') || userAgent.slice(0, 80);
}

export interface SecurityOverview {
  twoFactor: boolean;
  recoveryCodesLeft: number;
  events: { type: string; at: string; ip: string | null; device: string | null }[];
  sessions: { id: string; current: boolean; createdAt: string; ip: string | null; device: string | null }[];
}

/** Shown id of a session: a prefix of its stored digest, enough to name it, useless to sign in with. */
const shownId = (sessionId: string) => sessionId.slice(0, 16);

export async function securityOverview(desk: Desk, p: Principal): Promise<SecurityOverview> {
  const who = person(p);
  const id = idOf(who);
  const account = await secretsOf(desk, who.kind, id);
  const owner = who.kind === 'agent' ? eq(sessions.agentId, id) : eq(sessions.customerId, id);
  const [left, events, open] = await Promise.all([
    desk.db
      .select({ n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.principalKind, who.kind), eq(recoveryCodes.principalId, id), isNull(recoveryCodes.usedAt))),
    desk.db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.principalKind, who.kind), eq(securityEvents.principalId, id)))
      .orderBy(desc(securityEvents.createdAt))
      .limit(30),
    desk.db
      .select()
      .from(sessions)
      .where(and(owner, eq(sessions.kind, 'cookie'), isNull(sessions.revokedAt), or(isNull(sessions.expiresAt), gt(sessions.expiresAt, new Date()))))
      .orderBy(desc(sessions.createdAt))
      .limit(50),
  ]);
  return {
    twoFactor: account.totpEnabled,
    recoveryCodesLeft: account.totpEnabled ? Number(left[0]?.n ?? 0) : 0,
    events: events.map((e) => ({ type: e.type, at: e.createdAt.toISOString(), ip: e.ip, device: deviceOf(e.userAgent) })),
    sessions: open.map((s) => ({ id: shownId(s.id), current: s.id === who.sessionId, createdAt: s.createdAt.toISOString(), ip: s.ip, device: deviceOf(s.userAgent) })),
  };
}

/** Signs out one of the account's other devices (404 for an unknown id; the current one signs out with /auth/logout). */
export async function endSession(desk: Desk, p: Principal, shown: string, onEnded: (sessionId: string) => void): Promise<void> {
  const who = person(p);
  const owner = who.kind === 'agent' ? eq(sessions.agentId, idOf(who)) : eq(sessions.customerId, idOf(who));
  if (!/^[0-9a-f]{16}$/.test(shown)) throw notFound();
  const ended = await desk.db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(owner, eq(sessions.kind, 'cookie'), isNull(sessions.revokedAt), sql`left(${sessions.id}, 16) = ${shown}`, ne(sessions.id, who.sessionId)))
    .returning({ id: sessions.id });
  if (!ended.length) throw notFound();
  for (const s of ended) onEnded(s.id);
}

// ------------------------------------------------------------------------------------------ alerts

/** Events the owner is emailed about. */
const ALERTED = new Set(['sign_in_new_device', 'password_changed', 'two_factor_enabled', 'two_factor_disabled', 'recovery_code_used']);

interface AlertPayload {
  kind: Kind;
  id: string;
  type: string;
  at: string;
  ip: string | null;
  device: string | null;
}

/** Records the event and, for those the owner must hear of, queues an email in the same transaction (when mail is set up). */
export async function recordAndAlert(desk: Desk, kind: Kind, id: string, type: string, ip?: string, userAgent?: string): Promise<void> {
  const at = new Date();
  await desk.db.transaction(async (tx) => {
    await tx.insert(securityEvents).values({ id: randomUUID(), principalKind: kind, principalId: id, type, ip, userAgent: userAgent?.slice(0, 400), createdAt: at });
    // Without SAPA_SMTP_URL there is no way to tell them: the activity list (GET /me/security) is where they see it.
    if (ALERTED.has(type) && emailConfigured(desk)) {
      const payload: AlertPayload = { kind, id, type, at: at.toISOString(), ip: ip ?? null, device: deviceOf(userAgent) };
      await enqueue(tx, QUEUE_ALERT, payload, { maxAttempts: 8 });
    }
  });
}

/**
 * Records a sign-in; one from a browser and system this account has not signed in from for 90 days (and not its very
 * first) is a new device, and the owner is told.
 */
export async function noteSignIn(desk: Desk, kind: Kind, id: string, ip: string, userAgent: string | undefined): Promise<void> {
  const since = new Date(Date.now() - KNOWN_DEVICE_DAYS * 86400_000);
  const device = deviceOf(userAgent);
  const earlier = await desk.db
    .select({ userAgent: securityEvents.userAgent })
    .from(securityEvents)
    .where(and(eq(securityEvents.principalKind, kind), eq(securityEvents.principalId, id), eq(securityEvents.type, 'sign_in'), gt(securityEvents.createdAt, since)))
    .limit(200);
  const known = earlier.some((e) => deviceOf(e.userAgent) === device);
  await recordSecurityEvent(desk, kind, id, 'sign_in', ip, userAgent);
  if (earlier.length && !known) await recordAndAlert(desk, kind, id, 'sign_in_new_device', ip, userAgent);
}

async function sendAlert(desk: Desk, job: Job<AlertPayload>): Promise<void> {
  const { kind, id, type, at, ip, device } = job.payload;
  const account = await secretsOf(desk, kind, id).catch(() => undefined);
  if (!account) throw new PermanentJobError('the account no longer exists');
  if (!account.email) return; // a customer known by phone only: the activity list is where they see it
  const locale = negotiateLocale(account.locale);
  const when = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: desk.config.SAPA_TIMEZONE, timeZoneName: 'short' }).format(new Date(at));
  const vars = { name: account.name, when, device: device ?? t(locale, 'security.alert.unknown_device'), ip: ip ?? '—' };
  const subject = t(locale, `security.alert.${type}.subject`);
  const lines = [t(locale, 'security.alert.greeting', vars), t(locale, `security.alert.${type}.body`, vars), t(locale, 'security.alert.details', vars), t(locale, kind === 'agent' ? 'security.alert.not_you.agent' : 'security.alert.not_you.customer')];
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  await sendNotice(desk, {
    to: account.email,
    subject,
    text: lines.join('\n\n'),
    html: lines.map((l) => `<p>${escape(l)}</p>`).join(''),
    from: { name: 'Sapa Security', mailbox: 'security' },
  });
}

export function setupSecurityAlerts(desk: Desk): void {
  desk.jobs.handle<AlertPayload>(QUEUE_ALERT, (job) => sendAlert(desk, job));
}
