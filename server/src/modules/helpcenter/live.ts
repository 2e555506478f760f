// What every public page shows about reaching support right now: the incident banner and the channels open now.
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { t, type Locale } from '../../kernel/i18n.js';
import { activeBanner } from '../status/service.js';
import { supportChannels, type ChannelItem } from '../support/service.js';

export interface Banner {
  title: string;
  message: string;
  url: string;
  severity: string;
}

export interface ContactChannel {
  id: string;
  name: string;
  description: string;
  url?: string;
  available: boolean;
  detail?: string;
}

export interface LiveNotices {
  banner?: Banner;
  channels: ContactChannel[];
}

/**
 * The self-help channels this module serves itself. They need nothing but this server, so they are listed even
 * when every other channel (and the status module's own tables) is down.
 */
export function selfHelpChannels(locale: Locale): ContactChannel[] {
  return [
    { id: 'help_center', name: t(locale, 'hc.contact.help'), description: t(locale, 'hc.contact.helpText'), url: `/help/${locale}`, available: true },
    { id: 'community_forum', name: t(locale, 'hc.contact.community'), description: t(locale, 'hc.contact.communityText'), url: `/community/${locale}`, available: true },
    { id: 'status_page', name: t(locale, 'hc.contact.status'), description: t(locale, 'hc.contact.statusText'), url: `/status?lang=${locale}`, available: true },
    { id: 'troubleshoot', name: t(locale, 'hc.contact.troubleshoot'), description: t(locale, 'hc.contact.troubleshootText'), url: `/help/${locale}/troubleshoot`, available: true },
  ];
}

function contactUrl(contact: string | undefined): string | undefined {
  if (!contact) return undefined;
  if (/^[^@\s]+@[^@\s]+$/.test(contact)) return `mailto:${contact}`;
  if (/^\+?[\d\s().-]{6,20}$/.test(contact)) return `tel:${contact.replace(/[^\d+]/g, '')}`;
  if (/^https?:\/\//.test(contact)) return contact;
  return undefined;
}

function fromSupport(item: ChannelItem, locale: Locale): ContactChannel {
  const own = selfHelpChannels(locale).find((c) => c.id === item.id);
  const description = item.available
    ? (item.notice ?? `${item.hours} · ${t(locale, 'hc.contact.expected', { time: item.expectedResponse })}`)
    : (item.reason ?? t(locale, 'hc.contact.unavailable'));
  return {
    id: item.id,
    name: item.name,
    description,
    url: own?.url ?? item.url ?? contactUrl(item.contact),
    available: item.available,
    detail: item.contact,
  };
}

/**
 * The banner of the worst open incident (status module) and the live channel list (support module), in the reader's
 * language. Either failing must not take the help center down with it: the page then shows the self-help channels.
 */
export async function liveNotices(desk: Desk, locale: Locale, principal?: Principal): Promise<LiveNotices> {
  const [banner, support] = await Promise.all([
    activeBanner(desk, locale).catch((error: unknown) => {
      desk.log.warn({ err: error }, 'status banner unavailable for help pages');
      return null;
    }),
    supportChannels(desk, locale, principal).catch((error: unknown) => {
      desk.log.warn({ err: error }, 'support channels unavailable for help pages');
      return undefined;
    }),
  ]);
  const own = selfHelpChannels(locale);
  const channels = support ? support.items.map((item) => fromSupport(item, locale)) : own.filter((c) => c.id === 'help_center' || c.id === 'community_forum');
  for (const c of own) if (!channels.some((x) => x.id === c.id)) channels.push(c);
  return { banner: banner ? { title: banner.title, message: banner.message, url: banner.url, severity: banner.severity } : undefined, channels };
}
