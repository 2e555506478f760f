import type { Locale, Store, SupportChannel, SupportInfo, StatusReport } from '../types.js';
import { isNetworkError, request } from './net.js';

const CHANNELS = 'channels';
const STATUS = 'status';

interface Cached<T> {
  at: number;
  value: T;
}

/**
 * Built in for the very first load, when nothing was ever fetched: the help center and the status page are
 * static pages that usually survive when the chat does not, and live chat itself.
 */
export function defaultChannels(base: string): SupportChannel[] {
  return [
    { id: 'chat', available: true },
    { id: 'help_center', available: true, url: base },
    { id: 'status_page', available: true, url: `${base}status` },
  ];
}

export function cachedSupport(store: Store, base: string): SupportInfo {
  const channels = store.get<Cached<SupportChannel[]>>(CHANNELS);
  const status = store.get<Cached<StatusReport>>(STATUS);
  return {
    channels: Array.isArray(channels?.value) && channels.value.length ? channels.value : defaultChannels(base),
    status: status?.value && typeof status.value === 'object' ? status.value : null,
    fetchedAt: Math.max(channels?.at ?? 0, status?.at ?? 0),
  };
}

/**
 * Fetches GET /support/channels and GET /status and caches whatever answered, so the next page view can still
 * show them when Sapa cannot be reached. A 404 means the endpoint is not deployed yet: keep what we have.
 */
export async function refreshSupport(store: Store, base: string, locale: Locale): Promise<SupportInfo> {
  const fetchOne = async <T>(path: string, key: string, accept: (data: unknown) => T | undefined) => {
    try {
      const reply = await request<unknown>(base, locale, path, { timeoutMs: 8000 });
      const value = reply.ok ? accept(reply.data) : undefined;
      if (value !== undefined) store.set(key, { at: Date.now(), value } satisfies Cached<T>);
    } catch (error) {
      if (!isNetworkError(error)) throw error;
    }
  };
  await Promise.all([
    fetchOne<SupportChannel[]>('/support/channels', CHANNELS, (data) => {
      const items = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
      return Array.isArray(items) ? items.filter((c): c is SupportChannel => !!c && typeof c === 'object' && typeof (c as SupportChannel).id === 'string') : undefined;
    }),
    fetchOne<StatusReport>('/status', STATUS, (data) =>
      data && typeof data === 'object' && typeof (data as StatusReport).overall === 'string' ? (data as StatusReport) : undefined,
    ),
  ]);
  return cachedSupport(store, base);
}

/**
 * The channels to offer when the chat cannot be used: live chat and the assistant are left out (both live inside
 * this widget, so they fail with it), unless asked for; the available ones first.
 */
export function alternativeChannels(channels: SupportChannel[], includeChat = false): SupportChannel[] {
  return channels.filter((c) => includeChat || !/chat|assistant/i.test(c.id)).sort((a, b) => Number(b.available) - Number(a.available));
}

/** The live-chat entry of /support/channels, whatever its exact id ("chat", "live_chat", "web_chat"). */
export const chatChannel = (info: SupportInfo) => info.channels.find((c) => /chat/i.test(c.id));

/** Renders a loosely specified field (a string, a number of minutes, or an object with a label) as text. */
export function describe(value: unknown, locale: Locale): string | undefined {
  if (value == null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return minutes(value, locale);
  if (Array.isArray(value)) return value.map((v) => describe(v, locale)).filter(Boolean).join(', ') || undefined;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of [locale, locale.slice(0, 2), 'text', 'label', 'summary', 'description', 'en']) {
      if (typeof o[key] === 'string' && o[key]) return o[key] as string;
    }
    if (typeof o.minutes === 'number') return minutes(o.minutes, locale);
    if (typeof o.seconds === 'number') return minutes(Math.round(o.seconds / 60), locale);
    if (typeof o.open === 'string' && typeof o.close === 'string') return `${o.open}–${o.close}${typeof o.timezone === 'string' ? ` (${o.timezone})` : ''}`;
  }
  return undefined;
}

function minutes(n: number, locale: Locale): string {
  const unit = n >= 120 ? { v: Math.round(n / 60), u: { en: 'hours', 'id-ID': 'jam', 'zh-CN': '小时' } } : { v: n, u: { en: 'min', 'id-ID': 'menit', 'zh-CN': '分钟' } };
  return locale === 'zh-CN' ? `${unit.v} ${unit.u[locale]}内` : `${locale === 'id-ID' ? '±' : '~'}${unit.v} ${unit.u[locale]}`;
}
