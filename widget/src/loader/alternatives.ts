import type { Locale, SupportChannel, SupportInfo, StatusReport } from '../types.js';
import { el } from './dom.js';
import { loaderText, type LoaderKey } from './strings.js';
import { alternativeChannels, describe } from './support.js';

const kinds: [RegExp, LoaderKey][] = [
  [/chat/i, 'ch_chat'],
  [/mail/i, 'ch_email'],
  [/call.?back/i, 'ch_callback'],
  [/phone|tel|call/i, 'ch_phone'],
  [/whats/i, 'ch_whatsapp'],
  [/telegram/i, 'ch_telegram'],
  [/help|faq|kb|knowledge/i, 'ch_help'],
  [/forum|community/i, 'ch_forum'],
  [/status/i, 'ch_status'],
  [/social|twitter|instagram|facebook|x_com/i, 'ch_social'],
];

export function channelName(c: SupportChannel, locale: Locale): string {
  for (const key of ['name', 'label', 'title'] as const) {
    const named = describe(c[key], locale);
    if (named) return named;
  }
  const kind = kinds.find(([re]) => re.test(c.id));
  return kind ? loaderText(locale, kind[1]) : c.id;
}

/** Where to go for a channel: its URL (a path is on Sapa), else a mailto:/tel: link from the address it lists. */
export function channelHref(c: SupportChannel, base: string): string | undefined {
  const safe = (u: unknown) =>
    typeof u === 'string' && /^(https?:|mailto:|tel:)/i.test(u) ? u : typeof u === 'string' && /^\/(?!\/)/.test(u) ? new URL(u, base).href : undefined;
  const url = safe(c.url) ?? safe(c.href) ?? safe(c.link);
  if (url) return url;
  const email = [c.email, c.address, c.contact].find((v): v is string => typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v));
  if (email) return `mailto:${email}`;
  const phone = [c.phone, c.number, c.address, c.contact].find((v): v is string => typeof v === 'string' && /^\+?[\d\s().-]{5,}$/.test(v));
  return phone ? `tel:${phone.replace(/[^\d+]/g, '')}` : undefined;
}

/** The contact detail worth printing next to the name (an address or number), if any. */
function channelDetail(c: SupportChannel): string | undefined {
  return [c.address, c.email, c.phone, c.contact, c.handle].find((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 120);
}

/** A one-line status message when something is not operational, else undefined. */
export function statusMessage(status: StatusReport | null, locale: Locale): string | undefined {
  if (!status || !status.overall || status.overall === 'operational') return undefined;
  const over = new Set(['resolved', 'completed', 'cancelled', 'scheduled']);
  const active = [...(status.incidents ?? []), ...(status.maintenances ?? [])].find((i) => i && !over.has(String(i.status)));
  const base = describe(status.summary, locale) ?? loaderText(locale, status.overall === 'maintenance' ? 'statusMaintenance' : 'statusIssue');
  const title = active ? describe(active.title, locale) : undefined;
  return title ? `${base}: ${title}` : base;
}

/**
 * The last known ways to reach support and the status message: what the customer sees when Sapa itself cannot be
 * reached. Live chat and the assistant are left out (they are what failed); unavailable channels stay listed with
 * their reason.
 */
export function alternativesView(info: SupportInfo, locale: Locale, options: { base: string; heading?: boolean; includeChat?: boolean }): HTMLElement {
  const status = statusMessage(info.status, locale);
  const items = alternativeChannels(info.channels, options.includeChat).map((c) => {
    const href = channelHref(c, options.base);
    const name = channelName(c, locale);
    const reason = describe(c.reason, locale);
    const hours = describe(c.hours, locale);
    const expected = describe(c.expectedResponse, locale);
    const detail = channelDetail(c);
    return el(
      'li',
      { class: c.available ? 'alt' : 'alt off' },
      href && c.available ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, name) : el('strong', {}, name),
      detail && !href?.includes(detail) ? el('span', { class: 'muted' }, ` ${detail}`) : null,
      el('span', { class: c.available ? 'pill ok' : 'pill bad' }, loaderText(locale, c.available ? 'available' : 'unavailable')),
      !c.available && reason ? el('div', { class: 'muted' }, reason) : null,
      c.available && describe(c.notice, locale) ? el('div', { class: 'muted' }, describe(c.notice, locale)!) : null,
      hours ? el('div', { class: 'muted' }, loaderText(locale, 'hours', { hours })) : null,
      expected ? el('div', { class: 'muted' }, loaderText(locale, 'expected', { expected })) : null,
    );
  });
  const when = info.fetchedAt
    ? loaderText(locale, 'updated', { time: new Date(info.fetchedAt).toLocaleString(locale) })
    : loaderText(locale, 'builtIn');
  return el(
    'section',
    { class: 'alts', 'aria-label': loaderText(locale, 'alternatives') },
    status ? el('p', { class: 'status-msg', role: 'status' }, status) : null,
    options.heading === false ? null : el('h3', {}, loaderText(locale, 'alternatives')),
    el('ul', {}, ...items),
    el('p', { class: 'muted small' }, when),
  );
}
