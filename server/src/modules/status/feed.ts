import type { Desk } from '../../kernel/desk.js';
import { t, type Locale } from '../../kernel/i18n.js';
import { escapeHtml } from './html.js';
import { feedItems, formatTime } from './service.js';

const xml = escapeHtml;

/**
 * Atom 1.0 (RFC 4287) of incidents and maintenance windows, newest change first: one entry per incident (its
 * updates as the content) and per maintenance, with stable ids so readers see an update as the same entry.
 */
export async function atomFeed(desk: Desk, locale: Locale, base: string, selfUrl: string): Promise<string> {
  const { incidents, maintenances } = await feedItems(desk, locale);
  const tz = desk.config.SAPA_TIMEZONE;
  const when = (at: string) => formatTime(locale, at, tz);
  const host = new URL(base).host;
  const entries = [
    ...incidents.map((i) => ({
      id: `tag:${host},2026:incident:${i.id}`,
      title: `${i.title} (${i.statusText})`,
      updated: i.updatedAt,
      published: i.createdAt,
      link: `${base}${i.url}?lang=${locale}`,
      html:
        `<p>${xml(t(locale, 'status.mail.affected'))}: ${xml(i.components.map((c) => c.name).join(', ') || '—')}</p>` +
        i.updates.map((u) => `<p><strong>${xml(t(locale, `status.phase.${u.status}`))}</strong> · ${xml(when(u.createdAt))}<br>${xml(u.message)}</p>`).join(''),
    })),
    ...maintenances.map((m) => ({
      id: `tag:${host},2026:maintenance:${m.id}`,
      title: `${t(locale, 'status.feed.maintenance')}: ${m.title} (${m.statusText})`,
      updated: m.updatedAt,
      published: m.createdAt,
      link: `${base}/status?lang=${locale}#maintenance-${m.id}`,
      html:
        `<p>${xml(when(m.startsAt))} – ${xml(when(m.endsAt))}</p><p>${xml(m.message)}</p>` +
        `<p>${xml(t(locale, 'status.mail.affected'))}: ${xml(m.components.map((c) => c.name).join(', '))}</p>`,
    })),
  ].sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(`${base}/status`)}</id>
  <title>${xml(t(locale, 'status.feed.title'))}</title>
  <subtitle>${xml(t(locale, 'status.feed.subtitle'))}</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/status?lang=${locale}`)}"/>
  <author><name>Sapa</name></author>
  <generator>Sapa</generator>
${entries
  .map(
    (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <updated>${e.updated}</updated>
    <published>${e.published}</published>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <content type="html">${xml(e.html)}</content>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
}
