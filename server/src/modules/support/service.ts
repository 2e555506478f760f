import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth.js';
import { settings } from '../../kernel/db/schema.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { t, type Locale } from '../../kernel/i18n.js';
import { createCase, listCases, postMessage } from '../cases/service.js';
import type { CaseView } from '../cases/views.js';
import { channelUnavailable, type OutboundChannel } from '../channels/service.js';
import { getCustomer, visitorCustomerId } from '../identity/service.js';
import { componentStatuses, formatTime } from '../status/service.js';
import type { ComponentStatus } from '../status/schema.js';
import { onlineAgents } from '../realtime/service.js';
import { wallet } from '../wallet/service.js';
import type { WalletAccount } from '../wallet/adapter.js';
import { identityFieldNames, identityFields } from './appeals.js';
import { describeHours, holidayOn, isOpen, localDate, nextOpening, type BusinessHours, type Holiday } from './hours.js';

// Which way to reach support works right now: every channel's live availability from its status component, its
// business hours, whether this process is configured for it (a channel whose messages cannot come in or whose replies
// cannot go out is listed, unavailable) and (for live chat) whether agents are online, in the caller's language,
// working ones first.

export const channelIds = ['live_chat', 'assistant', 'email', 'phone_callback', 'security_line', 'whatsapp', 'telegram', 'community_forum', 'help_center'] as const;
export type ChannelId = (typeof channelIds)[number];

interface ChannelDefinition {
  id: ChannelId;
  /** The status component whose state gates it (null: depends on nothing beyond Sapa itself answering). */
  component: string | null;
  /** The channel module it needs, configured in this process (in and out); none: Sapa's own pages and chat. */
  transport?: OutboundChannel;
  kind: 'live' | 'async' | 'self_service';
  hours: BusinessHours;
  expectedResponseMinutes: number;
  /**
   * Answered by agents, but never closed: outside hours or with nobody online it stays available with a notice
   * (the assistant answers at once, the case waits for an agent). Unstaffed channels with hours close.
   */
  staffed: boolean;
}

// Hours without a time zone are in SAPA_TIMEZONE (Asia/Jakarta by default).
const everyDay = [0, 1, 2, 3, 4, 5, 6];

export const defaultChannels: ChannelDefinition[] = [
  { id: 'live_chat', component: 'live_chat', kind: 'live', hours: { windows: [{ days: everyDay, open: '08:00', close: '22:00' }] }, expectedResponseMinutes: 5, staffed: true },
  { id: 'assistant', component: null, kind: 'live', hours: { alwaysOpen: true }, expectedResponseMinutes: 0, staffed: false },
  { id: 'email', component: 'email', transport: 'email', kind: 'async', hours: { alwaysOpen: true }, expectedResponseMinutes: 24 * 60, staffed: false },
  { id: 'phone_callback', component: 'phone_callback', kind: 'live', hours: { windows: [{ days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00' }] }, expectedResponseMinutes: 120, staffed: false },
  // The wallet's own 24-hour phone line for a lost phone or money taken (it can freeze an account at once): outside
  // Sapa, so it exists only once an admin gives its number.
  { id: 'security_line', component: null, kind: 'live', hours: { alwaysOpen: true }, expectedResponseMinutes: 0, staffed: false },
  { id: 'whatsapp', component: 'whatsapp', transport: 'whatsapp', kind: 'async', hours: { alwaysOpen: true }, expectedResponseMinutes: 60, staffed: false },
  { id: 'telegram', component: 'telegram', transport: 'telegram', kind: 'async', hours: { alwaysOpen: true }, expectedResponseMinutes: 60, staffed: false },
  { id: 'community_forum', component: 'community_forum', kind: 'async', hours: { alwaysOpen: true }, expectedResponseMinutes: 24 * 60, staffed: false },
  { id: 'help_center', component: 'help_center', kind: 'self_service', hours: { alwaysOpen: true }, expectedResponseMinutes: 0, staffed: false },
];

/** What an admin may change per channel (stored in `settings` as `support.channel.<id>`). */
export interface ChannelSettings {
  enabled?: boolean;
  hours?: BusinessHours;
  expectedResponseMinutes?: number;
  contact?: string;
  url?: string;
}

const settingKey = (id: string) => `support.channel.${id}`;

export async function channelSettings(desk: Desk): Promise<Record<string, ChannelSettings>> {
  const found = await desk.db.select().from(settings).where(like(settings.key, 'support.channel.%'));
  return Object.fromEntries(found.map((r) => [r.key.slice('support.channel.'.length), r.value as ChannelSettings]));
}

export async function saveChannelSettings(desk: Desk, id: ChannelId, value: ChannelSettings | null): Promise<void> {
  if (value === null) {
    await desk.db.delete(settings).where(like(settings.key, settingKey(id)));
    return;
  }
  await desk.db
    .insert(settings)
    .values({ key: settingKey(id), value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/**
 * Why a channel cannot work in this process whatever an admin sets (its messages cannot come in or its replies cannot
 * go out: not configured), for admins, in their language (English unless given); null when it can.
 */
export const channelConfigProblem = (desk: Desk, c: Pick<ChannelDefinition, 'transport'>, locale: Locale = 'en'): string | null =>
  c.transport ? channelUnavailable(desk, c.transport, locale) : null;

/** The effective configuration of every channel: defaults with an admin's settings on top (`unavailable` in `locale`). */
export async function effectiveChannels(desk: Desk, locale: Locale = 'en'): Promise<(ChannelDefinition & { enabled: boolean; contact?: string; url?: string; unavailable: string | null })[]> {
  const saved = await channelSettings(desk);
  return defaultChannels.map((d) => {
    const s = saved[d.id] ?? {};
    return {
      ...d,
      unavailable: channelConfigProblem(desk, d, locale),
      enabled: s.enabled ?? (d.id !== 'security_line' || Boolean(s.contact)),
      hours: s.hours ?? d.hours,
      expectedResponseMinutes: s.expectedResponseMinutes ?? d.expectedResponseMinutes,
      contact: s.contact ?? (d.id === 'email' && desk.config.SAPA_EMAIL_DOMAIN ? `support@${desk.config.SAPA_EMAIL_DOMAIN}` : undefined),
      url: s.url,
    };
  });
}

/** The number of the wallet's 24-hour security line, when an admin has given one and it is on (it has no hours). */
export async function securityLine(desk: Desk): Promise<string | undefined> {
  const line = (await effectiveChannels(desk)).find((c) => c.id === 'security_line');
  return line?.enabled ? line.contact : undefined;
}

const HOLIDAYS_KEY = 'support.holidays';

/** The desk's holidays (stored in `settings` as `support.holidays`), by date. */
export async function holidays(desk: Desk): Promise<Holiday[]> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, HOLIDAYS_KEY));
  return Array.isArray(row?.value) ? (row.value as Holiday[]) : [];
}

/** Replaces the desk's holidays (dates checked by the caller: hours.ts `isCalendarDate`); returns them by date. */
export async function saveHolidays(desk: Desk, items: Holiday[]): Promise<Holiday[]> {
  const value = items.map((h) => ({ date: h.date, name: h.name.trim() })).sort((a, b) => a.date.localeCompare(b.date));
  await desk.db
    .insert(settings)
    .values({ key: HOLIDAYS_KEY, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return value;
}

/** Of `all`, the holidays from today (in the desk's zone) to `days` days ahead, by date. */
export function upcoming(all: readonly Holiday[], now: Date, deskZone: string, days = 60): Holiday[] {
  const from = localDate(now, deskZone);
  const to = localDate(new Date(now.getTime() + days * 86400_000), deskZone);
  return all.filter((h) => h.date >= from && h.date <= to);
}

/**
 * The hours agents work: live chat's hours and the desk's holidays, also while an admin has switched the chat itself
 * off; `zone` is the desk's, which hours without their own and holidays are in.
 */
export async function staffedHours(desk: Desk): Promise<{ hours: BusinessHours; holidays: Holiday[]; zone: string }> {
  const [channels, daysOff] = await Promise.all([effectiveChannels(desk), holidays(desk)]);
  const chat = channels.find((c) => c.id === 'live_chat');
  return { hours: chat?.hours ?? { alwaysOpen: true }, holidays: daysOff, zone: desk.config.SAPA_TIMEZONE };
}

/** When agents work (`staffedHours`): open now, and else when next. */
export async function agentHours(desk: Desk, now = new Date()): Promise<{ openNow: boolean; nextOpenAt: string | null; holiday?: string }> {
  const { hours, holidays: daysOff, zone: tz } = await staffedHours(desk);
  const openNow = isOpen(hours, now, tz, daysOff);
  const next = nextOpening(hours, now, tz, daysOff);
  // Closed all day for a holiday (its name), as /support/channels says it.
  const holiday = openNow ? undefined : holidayOn(daysOff, now, tz)?.name;
  return { openNow, nextOpenAt: next ? next.toISOString() : null, ...(holiday ? { holiday } : {}) };
}

/** The chat channels on which the assistant can answer first (the web/app widget always asks it). */
export const assistantChannels = ['whatsapp', 'telegram', 'app'] as const;
export type AssistantChannel = (typeof assistantChannels)[number];
export type AssistantFirst = Record<AssistantChannel, boolean>;
const ASSISTANT_FIRST_KEY = 'support.assistant_first';

/**
 * On which chat channels the assistant answers a customer's messages before a person does (stored in `settings` as
 * `support.assistant_first`). Off for every channel until an admin turns it on.
 */
export async function assistantFirst(desk: Desk): Promise<AssistantFirst> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, ASSISTANT_FIRST_KEY));
  const saved = (row?.value ?? {}) as Partial<AssistantFirst>;
  return Object.fromEntries(assistantChannels.map((c) => [c, saved[c] === true])) as AssistantFirst;
}

/**
 * Why each of those chat channels cannot work in this process, or null where it can. Where it cannot, answering first
 * there may still be on (the setting is kept, for when the channel is configured), but no answer reaches the
 * customer: each reply fails and the case goes to a person (assistant/channel-turns.ts). Said for admins, in `locale`.
 */
export function assistantChannelProblems(desk: Desk, locale: Locale = 'en'): Record<AssistantChannel, string | null> {
  return Object.fromEntries(assistantChannels.map((c) => [c, channelUnavailable(desk, c, locale)])) as Record<AssistantChannel, string | null>;
}

/** Whether an admin has ever saved the setting (demo data turns it on only when nobody has). */
export async function assistantFirstSaved(desk: Desk): Promise<boolean> {
  const [row] = await desk.db.select({ key: settings.key }).from(settings).where(eq(settings.key, ASSISTANT_FIRST_KEY));
  return Boolean(row);
}

/** Changes the channels given and keeps the others; returns the setting in force. */
export async function saveAssistantFirst(desk: Desk, change: Partial<AssistantFirst>): Promise<AssistantFirst> {
  const value = { ...(await assistantFirst(desk)), ...Object.fromEntries(Object.entries(change).filter(([, v]) => typeof v === 'boolean')) } as AssistantFirst;
  await desk.db
    .insert(settings)
    .values({ key: ASSISTANT_FIRST_KEY, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return value;
}

const WALLET_NAME_KEY = 'support.wallet_name';

/**
 * What the wallet this desk supports is called ("GoPay", "SapaPay"), as an admin set it (`support.wallet_name`), or
 * null. The assistant needs it to tell the customer's wallet from other companies' ("cara top up OVO").
 */
export async function walletName(desk: Desk): Promise<string | null> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, WALLET_NAME_KEY));
  return typeof row?.value === 'string' && row.value.trim() ? row.value : null;
}

/** Sets the wallet's name (null clears it); returns the name in force. */
export async function saveWalletName(desk: Desk, name: string | null): Promise<string | null> {
  const value = name?.trim() || null;
  if (value === null) await desk.db.delete(settings).where(eq(settings.key, WALLET_NAME_KEY));
  else await desk.db.insert(settings).values({ key: WALLET_NAME_KEY, value, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return value;
}

// ------------------------------------------------------------------------------------------ presence

/** Agents available for chat now (status online, on any node), or null when presence cannot be read. */
async function agentsOnline(desk: Desk): Promise<number | null> {
  try {
    return (await onlineAgents(desk)).filter((a) => a.status === 'online').length;
  } catch (error) {
    desk.log.warn({ err: error }, 'agent presence unknown');
    return null;
  }
}

// ------------------------------------------------------------------------------------------ account

export interface AccountNotice {
  state: 'restricted' | 'locked' | 'closed';
  reason: string | null;
  message: string;
  appeal: { method: 'POST'; url: string; page: string };
}

/** The wallet account behind a customer (or a visitor linked to one), if the wallet answers. */
export async function walletAccountOf(desk: Desk, principal: Principal | undefined): Promise<WalletAccount | undefined> {
  if (!principal || principal.kind === 'agent') return undefined;
  const customerId = principal.kind === 'customer' ? principal.customerId : await visitorCustomerId(desk, principal.visitorId);
  if (!customerId) return undefined;
  const customer = await getCustomer(desk, customerId);
  if (!customer?.walletRef) return undefined;
  try {
    return await wallet(desk).getAccount(customer.walletRef);
  } catch (error) {
    // A wallet outage must not hide the ways to reach support.
    desk.log.warn({ err: error }, 'wallet account state unavailable for /support/channels');
    return undefined;
  }
}

export function accountNotice(account: WalletAccount | undefined, locale: Locale): AccountNotice | null {
  if (!account || account.state === 'active') return null;
  return {
    state: account.state,
    reason: account.stateReason,
    message: t(locale, `support.account.${account.state}`),
    appeal: { method: 'POST', url: '/api/v1/support/appeals', page: `/help/${locale}/troubleshoot#appeal` },
  };
}

// ------------------------------------------------------------------------------------------ channels

export interface ChannelItem {
  id: string;
  name: string;
  kind: 'live' | 'async' | 'self_service';
  available: boolean;
  reason?: string;
  reasonCode?: 'outage' | 'maintenance' | 'closed' | 'not_configured';
  /** Staffed channels: agents online now (null when presence is unknown on this node). */
  agentsOnline?: number | null;
  /** Works, with a caveat (a degraded component). */
  notice?: string;
  status: ComponentStatus | null;
  hours: string;
  openNow: boolean;
  nextOpenAt: string | null;
  expectedResponse: string;
  expectedResponseMinutes: number;
  contact?: string;
  url?: string;
  /** Closed today for this holiday of the desk's (its name). */
  holiday?: string;
}

export interface SupportChannels {
  items: ChannelItem[];
  account: AccountNotice | null;
  /** `holidays`: the desk's days off from today to 60 days ahead, when channels with hours are closed. */
  meta: { serverTime: string; minAppVersion: string | null; statusUrl: string; holidays: Holiday[] };
}

export function expectedResponseText(minutes: number, locale: Locale): string {
  if (minutes <= 0) return t(locale, 'support.response.instant');
  if (minutes < 60) return t(locale, 'support.response.minutes', { n: minutes });
  if (minutes < 48 * 60) return t(locale, 'support.response.hours', { n: Math.round(minutes / 60) });
  return t(locale, 'support.response.days', { n: Math.round(minutes / 1440) });
}

/**
 * Where Sapa's own channels are: the help center, whose pages embed the chat widget and open it for `#chat` (live chat
 * and the assistant share the widget: the assistant answers first and hands over). Without JavaScript `#chat` is the
 * help center's list of ways to reach us.
 */
export const chatUrl = (locale: Locale) => `/help/${locale}#chat`;
/** Where a channel is used when its settings name no address: Sapa's own pages (the booking page books the next free call). */
const defaultUrl = (id: ChannelId, locale: Locale): string | undefined =>
  id === 'assistant' || id === 'live_chat'
    ? chatUrl(locale)
    : id === 'help_center'
      ? `/help/${locale}`
      : id === 'community_forum'
        ? `/community/${locale}`
        : id === 'phone_callback'
          ? `/help/${locale}/callback`
          : undefined;

/**
 * Every contact channel, live: available first (so when live chat is down the list leads with what works), in the
 * caller's language. A customer whose wallet account is locked or restricted also gets the appeal path first.
 */
export async function supportChannels(desk: Desk, locale: Locale, principal?: Principal, now = new Date()): Promise<SupportChannels> {
  const [channels, states, online, account, daysOff] = await Promise.all([effectiveChannels(desk), componentStatuses(desk), agentsOnline(desk), walletAccountOf(desk, principal), holidays(desk)]);
  const tz = desk.config.SAPA_TIMEZONE;
  const today = holidayOn(daysOff, now, tz);
  const items: ChannelItem[] = [];
  for (const c of channels) {
    if (!c.enabled) continue;
    const status = c.component ? (states.get(c.component) ?? 'operational') : null;
    const openNow = isOpen(c.hours, now, tz, daysOff);
    const next = nextOpening(c.hours, now, tz, daysOff);
    // A channel with hours is closed all of a holiday: said with the holiday's name, and when it opens again.
    const holiday = today && !openNow ? today : undefined;
    const item: ChannelItem = {
      id: c.id,
      name: t(locale, `support.channel.${c.id}`),
      kind: c.kind,
      available: true,
      status,
      hours: describeHours(c.hours, locale, tz),
      openNow,
      nextOpenAt: next ? next.toISOString() : null,
      expectedResponse: expectedResponseText(c.expectedResponseMinutes, locale),
      expectedResponseMinutes: c.expectedResponseMinutes,
      contact: c.contact,
      url: c.url ?? defaultUrl(c.id, locale),
      ...(holiday ? { holiday: holiday.name } : {}),
    };
    // A declared outage or maintenance is named as such (as on the status page); short of one, a channel this process
    // cannot receive or answer on is not offered: a customer writing there would never get an answer.
    if (status === 'major_outage') Object.assign(item, { available: false, reasonCode: 'outage', reason: t(locale, 'support.reason.outage') });
    else if (status === 'maintenance') Object.assign(item, { available: false, reasonCode: 'maintenance', reason: t(locale, 'support.reason.maintenance') });
    else if (c.unavailable) Object.assign(item, { available: false, reasonCode: 'not_configured', reason: t(locale, 'support.reason.not_configured') });
    else if (!openNow && c.staffed) {
      // Chat never closes its door: outside hours the assistant answers at once and the case waits for an agent.
      const time = next ? formatTime(locale, next, tz) : '';
      item.notice = holiday ? t(locale, 'support.notice.holiday_until', { holiday: holiday.name, time }) : next ? t(locale, 'support.notice.after_hours_until', { time }) : t(locale, 'support.notice.after_hours');
      item.expectedResponse = next ? t(locale, 'support.response.from', { time }) : item.expectedResponse;
    } else if (!openNow) {
      const time = next ? formatTime(locale, next, tz) : '';
      const reason = holiday ? t(locale, 'support.reason.holiday_until', { holiday: holiday.name, time }) : next ? t(locale, 'support.reason.closed_until', { time }) : t(locale, 'support.reason.closed');
      Object.assign(item, { available: false, reasonCode: 'closed', reason });
    } else if (c.staffed && online === 0) {
      item.notice = t(locale, 'support.notice.no_agents');
    }
    if (c.staffed) item.agentsOnline = online;
    if (item.available && (status === 'degraded' || status === 'partial_outage')) item.notice = t(locale, `support.notice.${status}`);
    items.push(item);
  }
  const notice = accountNotice(account, locale);
  if (notice) {
    items.unshift({
      id: 'account_appeal',
      name: t(locale, 'support.channel.account_appeal'),
      kind: 'async',
      available: true,
      status: null,
      hours: t(locale, 'support.hours.always'),
      openNow: true,
      nextOpenAt: null,
      expectedResponse: expectedResponseText(24 * 60, locale),
      expectedResponseMinutes: 24 * 60,
      url: notice.appeal.page,
    });
  }
  // Stable sort: working channels first, each group in the desk's preferred order.
  items.sort((a, b) => Number(b.available) - Number(a.available));
  return { items, account: notice, meta: { serverTime: now.toISOString(), minAppVersion: desk.config.SAPA_MIN_APP_VERSION ?? null, statusUrl: `/status?lang=${locale}`, holidays: upcoming(daysOff, now, tz) } };
}

// ------------------------------------------------------------------------------------------ appeals

export interface AppealInput {
  message: string;
  name?: string;
  contact?: string;
  dateOfBirth?: string;
  idNumberLast4?: string;
  locale?: string;
  clientMessageId?: string;
}

/**
 * The limited path that stays open to a locked or restricted account: a case in `account_locked` with the identity
 * details the customer gave, for an agent to verify. It never depends on the wallet allowing anything. A second appeal
 * while the first is still open or pending joins that case as a new message (`added`), as a help desk adds a follow-up
 * to the ticket it answers: one verification, with everything the customer sent, instead of two racing.
 */
export async function openAppeal(desk: Desk, principal: Principal, input: AppealInput, locale: Locale): Promise<{ case: CaseView; account: AccountNotice | null; added: boolean }> {
  if (principal.kind === 'agent') throw new AppError(403, 'forbidden');
  const account = accountNotice(await walletAccountOf(desk, principal), locale);
  const identity = {
    name: input.name?.trim() || null,
    contact: input.contact?.trim() || null,
    dateOfBirth: input.dateOfBirth || null,
    idNumberLast4: input.idNumberLast4 || null,
  };
  const lines = [input.message.trim(), '', t(locale, 'support.appeal.identity_given', { fields: identityFieldNames(locale, identityFields.filter((f) => identity[f])) })];
  // Someone who cannot sign in is answered at the contact they gave: the agent reads it with the appeal.
  if (identity.contact) lines.push(t(locale, 'support.appeal.contact', { contact: identity.contact }));
  const body = lines.join('\n');
  const clientMessageId = input.clientMessageId ?? `appeal-${randomUUID()}`;
  const messageMetadata = { appeal: { identity, walletState: account?.state ?? null } };
  const { items } = await listCases(desk, principal, { status: ['open', 'pending'], category: ['account_locked'], limit: 20 });
  const earlier = items.find((c) => c.tags.includes('appeal'));
  if (earlier) {
    const posted = await postMessage(desk, principal, earlier.id, { body, clientMessageId, metadata: messageMetadata });
    // A resubmitted first appeal replays its case's first message: that is the appeal opened, not an addition to it.
    return { case: posted.case, account, added: posted.created || posted.message.seq > 1 };
  }
  const created = await createCase(desk, principal, {
    subject: t(locale, 'support.appeal.subject'),
    category: 'account_locked',
    channel: 'web',
    locale,
    tags: ['appeal', 'identity_verification'],
    message: { body, clientMessageId },
    messageMetadata,
  });
  return { case: created.case, account, added: false };
}
