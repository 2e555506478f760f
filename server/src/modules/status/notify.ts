import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { unprocessable } from '../../kernel/errors.js';
import { escapeHtml } from './html.js';
import { negotiateLocale, t, type Locale } from '../../kernel/i18n.js';
import { enqueue, PermanentJobError, type Job } from '../../kernel/jobs.js';
import { emailConfigured, sendNotice } from '../../kernel/mail.js';
import { statusIncidentComponents, statusMaintenances, statusSubscriptions } from './schema.js';
import { formatTime, getIncident, getMaintenance, QUEUE_NOTIFY, type IncidentView, type MaintenanceView, type Notice } from './service.js';

// Outbound notifications of the status page: email (double opt-in, one-click unsubscribe) and signed webhooks.
// Kept self-contained (its own small mailer) so it does not wait on the email-channel module.

export const QUEUE_EMAIL = 'status.email';
export const QUEUE_WEBHOOK = 'status.webhook';

export type SubscriptionRow = typeof statusSubscriptions.$inferSelect;

// ------------------------------------------------------------------------------------------ where we live

const ORIGIN = Symbol('status.origin');
interface OriginState {
  server?: { address(): AddressInfo | string | null };
}

/** The status module remembers its HTTP server so links in mail work even without SAPA_PUBLIC_URL. */
export function rememberServer(desk: Desk, server: { address(): AddressInfo | string | null }): void {
  moduleState<OriginState>(desk, ORIGIN, () => ({})).server = server;
}

/** The absolute base of links that leave the request (mail, webhooks): SAPA_PUBLIC_URL, else our own listener. */
export function publicBase(desk: Desk): string {
  if (desk.config.SAPA_PUBLIC_URL) return desk.config.SAPA_PUBLIC_URL.replace(/\/+$/, '');
  const address = moduleState<OriginState>(desk, ORIGIN, () => ({})).server?.address();
  if (address && typeof address === 'object') {
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }
  return `http://${desk.config.HOST}:${desk.config.PORT}`;
}

// ------------------------------------------------------------------------------------------ mail

interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl?: string;
}

const sendMail = (desk: Desk, mail: Mail) =>
  sendNotice(desk, {
    ...mail,
    from: { name: 'Sapa Status', mailbox: 'status' },
    headers: mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
  });

// ------------------------------------------------------------------------------------------ subscriptions

export interface SubscribeInput {
  email?: string;
  webhookUrl?: string;
  secret?: string;
  components?: string[];
  locale?: string;
}

export interface SubscribeResult {
  id: string;
  kind: 'email' | 'webhook';
  status: 'pending' | 'active';
  /** The webhook's signing secret, returned once. */
  secret?: string;
}

const PRIVATE_V4 = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xe0000000, 4],
] as const;

/** Loopback, private, link-local and similar addresses that a stranger's webhook must not reach. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    return PRIVATE_V4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb');
}

async function assertPublicTarget(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length || addresses.some(isPrivateAddress)) throw unprocessable('webhook_url_not_allowed');
}

/**
 * An email subscription waits for its owner to click the confirmation link (double opt-in); the answer is the
 * same whether or not the address was already subscribed, so it reveals nothing. A webhook is active at once;
 * only supervisors may point one inside the network.
 */
export async function subscribe(desk: Desk, input: SubscribeInput, byStaff: boolean): Promise<SubscribeResult> {
  const locale = negotiateLocale(input.locale);
  const components = input.components?.length ? [...new Set(input.components)] : null;
  if (input.email) {
    if (!emailConfigured(desk)) throw unprocessable('email_not_configured');
    const email = input.email.trim().toLowerCase();
    const [existing] = await desk.db
      .select()
      .from(statusSubscriptions)
      .where(and(eq(statusSubscriptions.kind, 'email'), eq(statusSubscriptions.email, email), isNull(statusSubscriptions.unsubscribedAt)));
    if (existing?.confirmedAt) return { id: existing.id, kind: 'email', status: 'pending' };
    const row = existing ?? { id: randomUUID(), token: randomBytes(24).toString('base64url') };
    await desk.db.transaction(async (tx) => {
      if (!existing) await tx.insert(statusSubscriptions).values({ id: row.id, kind: 'email', email, components, locale, token: row.token });
      else await tx.update(statusSubscriptions).set({ components, locale }).where(eq(statusSubscriptions.id, row.id));
      // At most one confirmation mail per address per hour, however often the form is sent.
      const hour = Math.floor(Date.now() / 3600_000);
      await enqueue(tx, QUEUE_EMAIL, { subscriptionId: row.id, kind: 'confirm' }, { uniqueKey: `status.confirm:${row.id}:${hour}` });
    });
    desk.jobs.wake();
    return { id: row.id, kind: 'email', status: 'pending' };
  }
  const url = input.webhookUrl!;
  if (!byStaff) await assertPublicTarget(url);
  const secret = input.secret ?? randomBytes(24).toString('base64url');
  const id = randomUUID();
  await desk.db.insert(statusSubscriptions).values({
    id,
    kind: 'webhook',
    webhookUrl: url,
    secret,
    components,
    locale,
    token: randomBytes(24).toString('base64url'),
    allowPrivate: byStaff,
    confirmedAt: new Date(),
  });
  return { id, kind: 'webhook', status: 'active', secret: input.secret ? undefined : secret };
}

export async function confirmSubscription(desk: Desk, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await desk.db
    .update(statusSubscriptions)
    .set({ confirmedAt: new Date() })
    .where(and(eq(statusSubscriptions.token, token), isNull(statusSubscriptions.unsubscribedAt)))
    .returning();
  return row;
}

export async function unsubscribe(desk: Desk, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await desk.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.token, token));
  if (!row) return undefined;
  if (!row.unsubscribedAt) await desk.db.update(statusSubscriptions).set({ unsubscribedAt: new Date() }).where(eq(statusSubscriptions.id, row.id));
  return row;
}

export async function listSubscriptions(desk: Desk) {
  const found = await desk.db.select().from(statusSubscriptions).orderBy(statusSubscriptions.createdAt);
  return found.map((s) => ({
    id: s.id,
    kind: s.kind,
    target: s.kind === 'email' ? s.email! : s.webhookUrl!,
    components: s.components,
    locale: s.locale,
    status: s.unsubscribedAt ? ('unsubscribed' as const) : s.confirmedAt ? ('active' as const) : ('pending' as const),
    createdAt: s.createdAt.toISOString(),
  }));
}

export async function removeSubscription(desk: Desk, id: string): Promise<boolean> {
  const found = await desk.db.update(statusSubscriptions).set({ unsubscribedAt: new Date() }).where(eq(statusSubscriptions.id, id)).returning();
  return found.length > 0;
}

// ------------------------------------------------------------------------------------------ fan-out

const noticeKey = (n: Notice) => n.updateId ?? `${n.maintenanceId}:${n.event}`;

async function affectedComponents(desk: Desk, notice: Notice): Promise<string[]> {
  if (notice.incidentId) {
    return (await desk.db.select({ id: statusIncidentComponents.componentId }).from(statusIncidentComponents).where(eq(statusIncidentComponents.incidentId, notice.incidentId))).map((r) => r.id);
  }
  const [m] = await desk.db.select({ components: statusMaintenances.components }).from(statusMaintenances).where(eq(statusMaintenances.id, notice.maintenanceId!));
  return m?.components ?? [];
}

/** One job per subscriber (unique per notice), so a retry of the fan-out never mails anyone twice. */
async function fanOut(desk: Desk, job: Job<Notice>): Promise<void> {
  const notice = job.payload;
  const components = new Set(await affectedComponents(desk, notice));
  const subscribers = await desk.db
    .select()
    .from(statusSubscriptions)
    .where(and(isNotNull(statusSubscriptions.confirmedAt), isNull(statusSubscriptions.unsubscribedAt)));
  for (const s of subscribers) {
    if (s.components && !s.components.some((c) => components.has(c))) continue;
    await enqueue(desk.db, s.kind === 'email' ? QUEUE_EMAIL : QUEUE_WEBHOOK, { subscriptionId: s.id, notice }, { uniqueKey: `status.deliver:${noticeKey(notice)}:${s.id}`, maxAttempts: 10 });
  }
  desk.jobs.wake();
}

// ------------------------------------------------------------------------------------------ rendering

interface Rendered {
  subject: string;
  lines: string[];
  url: string;
  incident?: IncidentView;
  maintenance?: MaintenanceView;
}

async function render(desk: Desk, notice: Notice, locale: Locale): Promise<Rendered> {
  const base = publicBase(desk);
  const tz = desk.config.SAPA_TIMEZONE;
  if (notice.incidentId) {
    const incident = await getIncident(desk, notice.incidentId, locale);
    const update = incident.updates.find((u) => u.id === notice.updateId) ?? incident.updates[0];
    const lines = [
      `${t(locale, `status.phase.${update?.status ?? incident.status}`)} · ${formatTime(locale, update?.createdAt ?? incident.updatedAt, tz)}`,
      update?.message ?? '',
      '',
      `${t(locale, 'status.mail.affected')}: ${incident.components.map((c) => `${c.name} (${t(locale, `status.state.${c.status}`)})`).join(', ') || '—'}`,
    ];
    if (incident.automatic) lines.push(t(locale, 'status.automatic_note'));
    return { subject: `[${t(locale, `status.phase.${update?.status ?? incident.status}`)}] ${incident.title}`, lines, url: `${base}${incident.url}`, incident };
  }
  const m = await getMaintenance(desk, notice.maintenanceId!, locale);
  const lines = [
    t(locale, `status.notice.${notice.event}`),
    `${formatTime(locale, m.startsAt, tz)} – ${formatTime(locale, m.endsAt, tz)}`,
    m.message,
    '',
    `${t(locale, 'status.mail.affected')}: ${m.components.map((c) => c.name).join(', ')}`,
  ];
  return { subject: `[${t(locale, `status.notice.${notice.event}`)}] ${m.title}`, lines, url: `${base}/status#maintenance-${m.id}`, maintenance: m };
}

function mailHtml(locale: Locale, paragraphs: string[], link: { href: string; text: string }, footer?: { href: string; text: string }): string {
  return `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${paragraphs
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>${
    footer ? `<hr><p style="font-size:smaller"><a href="${escapeHtml(footer.href)}">${escapeHtml(footer.text)}</a></p>` : ''
  }</body></html>`;
}

// ------------------------------------------------------------------------------------------ delivery

interface DeliveryPayload {
  subscriptionId: string;
  kind?: 'confirm';
  notice?: Notice;
}

async function activeSubscription(desk: Desk, id: string): Promise<SubscriptionRow | undefined> {
  const [s] = await desk.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.id, id));
  return s && !s.unsubscribedAt ? s : undefined;
}

async function deliverEmail(desk: Desk, job: Job<DeliveryPayload>): Promise<void> {
  const s = await activeSubscription(desk, job.payload.subscriptionId);
  if (!s || !s.email) return;
  const locale = negotiateLocale(s.locale);
  const base = publicBase(desk);
  const unsubscribeUrl = `${base}/status/subscriptions/unsubscribe?token=${s.token}`;
  if (job.payload.kind === 'confirm') {
    if (s.confirmedAt) return;
    const confirmUrl = `${base}/status/subscriptions/confirm?token=${s.token}`;
    const text = [t(locale, 'status.mail.confirm_body'), '', confirmUrl, '', t(locale, 'status.mail.confirm_ignore')];
    await sendMail(desk, {
      to: s.email,
      subject: t(locale, 'status.mail.confirm_subject'),
      text: text.join('\n'),
      html: mailHtml(locale, [t(locale, 'status.mail.confirm_body'), t(locale, 'status.mail.confirm_ignore')], { href: confirmUrl, text: t(locale, 'status.mail.confirm_link') }),
    });
    return;
  }
  if (!s.confirmedAt || !job.payload.notice) return;
  const r = await render(desk, job.payload.notice, locale);
  await sendMail(desk, {
    to: s.email,
    subject: r.subject,
    text: [...r.lines, '', r.url, '', `${t(locale, 'status.mail.unsubscribe')}: ${unsubscribeUrl}`].join('\n'),
    html: mailHtml(locale, r.lines, { href: r.url, text: t(locale, 'status.mail.details') }, { href: unsubscribeUrl, text: t(locale, 'status.mail.unsubscribe') }),
    unsubscribeUrl,
  });
}

/** `sha256=<hex>` HMAC of the exact bytes sent; the body carries `sentAt`, equal to the X-Sapa-Timestamp header. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function deliverWebhook(desk: Desk, job: Job<DeliveryPayload>): Promise<void> {
  const s = await activeSubscription(desk, job.payload.subscriptionId);
  const notice = job.payload.notice;
  if (!s || !s.webhookUrl || !s.secret || !notice) return;
  if (!s.allowPrivate) await assertPublicTarget(s.webhookUrl).catch(() => {
    throw new PermanentJobError(`webhook target ${s.webhookUrl} is not a public address`);
  });
  const r = await render(desk, notice, negotiateLocale(s.locale));
  const sentAt = new Date();
  const deliveryId = createHash('sha256').update(`${noticeKey(notice)}:${s.id}`).digest('hex').slice(0, 32);
  const body = JSON.stringify({
    id: deliveryId,
    type: notice.event,
    sentAt: sentAt.toISOString(),
    url: r.url,
    ...(r.incident ? { incident: r.incident } : {}),
    ...(r.maintenance ? { maintenance: r.maintenance } : {}),
  });
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  let res: Response;
  try {
    res = await fetch(s.webhookUrl, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Sapa-Status/1',
        'x-sapa-event': notice.event,
        'x-sapa-delivery': deliveryId,
        'x-sapa-timestamp': timestamp,
        'x-sapa-signature': signature(s.secret, body),
      },
      body,
    });
    await res.arrayBuffer().catch(() => undefined);
  } catch (error) {
    throw new Error(`webhook ${s.webhookUrl} unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // 410 Gone is the receiver saying "stop": the subscription ends instead of retrying forever.
  if (res.status === 410) {
    await desk.db.update(statusSubscriptions).set({ unsubscribedAt: new Date() }).where(eq(statusSubscriptions.id, s.id));
    return;
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook ${s.webhookUrl} answered ${res.status}`);
}

export function registerNotificationJobs(desk: Desk): void {
  desk.jobs.handle<Notice>(QUEUE_NOTIFY, (job) => fanOut(desk, job));
  desk.jobs.handle<DeliveryPayload>(QUEUE_EMAIL, (job) => deliverEmail(desk, job));
  desk.jobs.handle<DeliveryPayload>(QUEUE_WEBHOOK, (job) => deliverWebhook(desk, job));
}
