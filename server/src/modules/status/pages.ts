import type { FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { requestLocale } from '../../kernel/http.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { supportChannels } from '../support/service.js';
import { atomFeed } from './feed.js';
import { bannerHtml, channelsHtml, escapeHtml, layout, withLang } from './html.js';
import { emailConfigured } from '../../kernel/mail.js';
import { confirmSubscription, rememberServer, subscribe, unsubscribe } from './notify.js';
import type { ComponentStatus } from './schema.js';
import {
  activeBanner,
  formatTime,
  getIncident,
  listIncidents,
  statusSummary,
  uptimeHistory,
  type ComponentUptime,
  type IncidentView,
  type MaintenanceView,
} from './service.js';

const e = escapeHtml;

/** ?lang= first (the switcher), then the usual negotiation (user, Accept-Language). */
export function pageLocale(req: FastifyRequest): Locale {
  const lang = (req.query as { lang?: unknown } | undefined)?.lang;
  return toLocale(typeof lang === 'string' ? lang : undefined) ?? requestLocale(req);
}

/** The absolute origin of this request, for links that leave the page (feed ids, self links). */
export function requestBase(desk: Desk, req: FastifyRequest): string {
  if (desk.config.SAPA_PUBLIC_URL) return desk.config.SAPA_PUBLIC_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('vary', 'Accept-Language, Cookie')
    .send(html);
}

const badge = (status: ComponentStatus, locale: Locale) => `<span class="badge s-${status}">${e(t(locale, `status.state.${status}`))}</span>`;

const dayColour: Record<ComponentStatus, string> = {
  operational: '#2e8540',
  maintenance: '#2a6fba',
  degraded: '#c48a00',
  partial_outage: '#d4650b',
  major_outage: '#c62828',
};

/**
 * One bar per day, drawn as runs of days in the same state (a quiet component is one rectangle, not 90): small
 * pages and fast accessibility checks. Each run's <title> names its dates and state; the whole has one label.
 */
function uptimeSvg(u: ComponentUptime, locale: Locale, name: string): string {
  const pct = u.uptime === null ? t(locale, 'status.page.no_data') : t(locale, 'status.page.uptime', { pct: (u.uptime * 100).toFixed(2) });
  const runs: { from: number; to: number; status: ComponentStatus | null; worstUptime: number | null }[] = [];
  u.days.forEach((d, i) => {
    const last = runs[runs.length - 1];
    const partial = d.uptime !== null && d.uptime < 1;
    if (last && last.status === d.status && !partial && (last.worstUptime === null || last.worstUptime >= 1)) last.to = i;
    else runs.push({ from: i, to: i, status: d.status, worstUptime: d.uptime });
  });
  const rects = runs
    .map((r) => {
      const state = r.status ? t(locale, `status.state.${r.status}`) : t(locale, 'status.page.no_data');
      const dates = r.from === r.to ? u.days[r.from].date : `${u.days[r.from].date} – ${u.days[r.to].date}`;
      const share = r.worstUptime !== null && r.worstUptime < 1 ? ` (${(r.worstUptime * 100).toFixed(2)}%)` : '';
      return `<rect x="${r.from * 5}" width="${(r.to - r.from) * 5 + 4}" height="28" fill="${r.status ? dayColour[r.status] : '#c9ced6'}"><title>${e(dates)}: ${e(state)}${share}</title></rect>`;
    })
    .join('');
  return `<svg class="uptime" viewBox="0 0 ${u.days.length * 5} 28" preserveAspectRatio="none" role="img" aria-label="${e(`${name}: ${pct}`)}">${rects}</svg>
<div class="row muted"><span>${e(t(locale, 'status.page.days_ago', { n: u.days.length }))}</span><span>${e(pct)}</span><span>${e(t(locale, 'status.page.today'))}</span></div>`;
}

function incidentSummaryHtml(i: IncidentView, locale: Locale, tz: string, heading = 'h3'): string {
  const latest = i.updates[0];
  return `<article>
<${heading}><a href="${e(withLang(i.url, locale))}">${e(i.title)}</a></${heading}>
<p><span class="badge s-${i.status === 'resolved' ? 'operational' : i.impact === 'critical' || i.impact === 'major' ? 'major_outage' : 'degraded'}">${e(i.statusText)}</span>
${i.automatic ? `<span class="muted">${e(t(locale, 'status.page.automatic'))}</span>` : ''}</p>
${latest ? `<p>${e(latest.message)}</p><p class="muted">${e(t(locale, 'status.page.updated'))}: <time datetime="${latest.createdAt}">${e(formatTime(locale, latest.createdAt, tz))}</time></p>` : ''}
${i.components.length ? `<p class="muted">${e(t(locale, 'status.page.affected'))}: ${i.components.map((c) => e(c.name)).join(', ')}</p>` : ''}
</article>`;
}

function maintenanceHtml(m: MaintenanceView, locale: Locale, tz: string): string {
  return `<article id="maintenance-${e(m.id)}">
<h3>${e(m.title)}</h3>
<p><span class="badge s-maintenance">${e(m.statusText)}</span></p>
<p><time datetime="${m.startsAt}">${e(formatTime(locale, m.startsAt, tz))}</time> – <time datetime="${m.endsAt}">${e(formatTime(locale, m.endsAt, tz))}</time></p>
<p>${e(m.message)}</p>
<p class="muted">${e(t(locale, 'status.page.affected'))}: ${m.components.map((c) => e(c.name)).join(', ')}</p>
</article>`;
}

function subscribeHtml(desk: Desk, locale: Locale, message?: string): string {
  const form = emailConfigured(desk)
    ? `<form class="inline" method="post" action="/status/subscribe">
<input type="hidden" name="locale" value="${locale}">
<div><label for="sub-email">${e(t(locale, 'status.page.subscribe_email_label'))}</label>
<input id="sub-email" name="email" type="email" required autocomplete="email" size="28"></div>
<button type="submit">${e(t(locale, 'status.page.subscribe_button'))}</button>
</form>`
    : `<p>${e(t(locale, 'status.page.email_not_configured'))}</p>`;
  return `<section aria-labelledby="subscribe-h"><h2 id="subscribe-h">${e(t(locale, 'status.page.subscribe'))}</h2>
${message ? `<p role="status"><strong>${e(message)}</strong></p>` : ''}
${form}
<p><a href="/status/feed.atom?lang=${locale}" type="application/atom+xml">${e(t(locale, 'status.page.feed'))}</a></p>
</section>`;
}

async function statusPage(desk: Desk, req: FastifyRequest, locale: Locale, message?: string): Promise<string> {
  const tz = desk.config.SAPA_TIMEZONE;
  const [summary, banner, uptime, channels, recent] = await Promise.all([
    statusSummary(desk, locale),
    activeBanner(desk, locale),
    uptimeHistory(desk),
    supportChannels(desk, locale, req.principal),
    listIncidents(desk, locale, { limit: 10, since: new Date(Date.now() - 14 * 86400_000) }),
  ]);
  const groups = [...new Set(summary.components.map((c) => c.group))];
  const componentsHtml = groups
    .map((g) => {
      const inGroup = summary.components.filter((c) => c.group === g);
      return `<h3>${e(inGroup[0].groupName)}</h3><ul class="components">${inGroup
        .map((c) => {
          const u = uptime.find((x) => x.componentId === c.id);
          return `<li id="component-${e(c.id)}"><div class="row"><span>${e(c.name)}</span>${badge(c.status, locale)}</div>${u ? uptimeSvg(u, locale, c.name) : ''}</li>`;
        })
        .join('')}</ul>`;
    })
    .join('');
  const past = recent.items.filter((i) => i.status === 'resolved');
  const body = `<h1>${e(t(locale, 'status.page.title'))}</h1>
<div class="overall s-${summary.overall}" role="status">${e(summary.summary)}</div>
${bannerHtml(banner, locale)}
${
  summary.incidents.length
    ? `<section aria-labelledby="incidents-h"><h2 id="incidents-h">${e(t(locale, 'status.page.active_incidents'))}</h2>${summary.incidents.map((i) => incidentSummaryHtml(i, locale, tz)).join('')}</section>`
    : ''
}
${
  summary.maintenances.length
    ? `<section aria-labelledby="maintenance-h"><h2 id="maintenance-h">${e(t(locale, 'status.page.maintenance'))}</h2>${summary.maintenances.map((m) => maintenanceHtml(m, locale, tz)).join('')}</section>`
    : ''
}
<section aria-labelledby="channels-h" id="channels"><h2 id="channels-h">${e(t(locale, 'status.page.channels'))}</h2>
${channels.account ? `<p><strong>${e(channels.account.message)}</strong></p>` : ''}
${channelsHtml(channels.items, locale)}
<p><a href="/help/${locale}/troubleshoot">${e(t(locale, 'status.page.troubleshoot_link'))}</a> · <a href="/help/${locale}">${e(t(locale, 'status.page.help_center'))}</a></p>
</section>
<section aria-labelledby="components-h"><h2 id="components-h">${e(t(locale, 'status.page.components'))}</h2>
<p class="muted">${e(t(locale, 'status.page.uptime_legend'))}</p>
${componentsHtml}
</section>
<section aria-labelledby="history-h"><h2 id="history-h">${e(t(locale, 'status.page.recent_incidents'))}</h2>
${past.length ? past.map((i) => incidentSummaryHtml(i, locale, tz)).join('') : `<p>${e(t(locale, 'status.page.no_incidents'))}</p>`}
<p><a href="/status/history?lang=${locale}">${e(t(locale, 'status.page.view_all'))}</a></p>
</section>
${subscribeHtml(desk, locale, message)}`;
  return layout({ locale, title: t(locale, 'status.page.title'), body, hrefFor: (l) => `/status?lang=${l}`, head: `<link rel="alternate" type="application/atom+xml" href="/status/feed.atom?lang=${locale}" title="${e(t(locale, 'status.feed.title'))}">` });
}

function incidentPage(i: IncidentView, locale: Locale, tz: string): string {
  const updates = i.updates
    .map(
      (u) => `<li><p><strong>${e(t(locale, `status.phase.${u.status}`))}</strong> · <time datetime="${u.createdAt}">${e(formatTime(locale, u.createdAt, tz))}</time></p><p>${e(u.message)}</p></li>`,
    )
    .join('');
  const body = `<p><a href="/status?lang=${locale}">${e(t(locale, 'status.page.back'))}</a></p>
<h1>${e(i.title)}</h1>
<section aria-labelledby="incident-h"><h2 id="incident-h" class="sr-only">${e(t(locale, 'status.page.incident'))}</h2>
<p><span class="badge s-${i.status === 'resolved' ? 'operational' : 'major_outage'}">${e(i.statusText)}</span> ${i.automatic ? `<span class="muted">${e(t(locale, 'status.page.automatic'))}</span>` : ''}</p>
<p class="muted">${e(t(locale, 'status.page.affected'))}: ${i.components.map((c) => e(c.name)).join(', ') || '—'}</p>
<p class="muted">${e(t(locale, 'status.page.opened'))}: <time datetime="${i.createdAt}">${e(formatTime(locale, i.createdAt, tz))}</time>${i.resolvedAt ? ` · ${e(t(locale, 'status.phase.resolved'))}: <time datetime="${i.resolvedAt}">${e(formatTime(locale, i.resolvedAt, tz))}</time>` : ''}</p>
</section>
<section aria-labelledby="updates-h"><h2 id="updates-h">${e(t(locale, 'status.page.updates'))}</h2><ol class="updates">${updates}</ol></section>`;
  return layout({ locale, title: `${i.title} · ${t(locale, 'status.page.title')}`, body, hrefFor: (l) => `/status/incidents/${i.id}?lang=${l}` });
}

async function historyPage(desk: Desk, locale: Locale, cursor?: string): Promise<string> {
  const tz = desk.config.SAPA_TIMEZONE;
  const page = await listIncidents(desk, locale, { limit: 20, cursor });
  const body = `<p><a href="/status?lang=${locale}">${e(t(locale, 'status.page.back'))}</a></p>
<h1>${e(t(locale, 'status.page.history'))}</h1>
<section aria-label="${e(t(locale, 'status.page.history'))}">
${page.items.length ? page.items.map((i) => incidentSummaryHtml(i, locale, tz, 'h2')).join('') : `<p>${e(t(locale, 'status.page.no_incidents'))}</p>`}
${page.nextCursor ? `<p><a href="/status/history?lang=${locale}&amp;cursor=${e(page.nextCursor)}">${e(t(locale, 'status.page.older'))}</a></p>` : ''}
</section>`;
  return layout({ locale, title: t(locale, 'status.page.history'), body, hrefFor: (l) => `/status/history?lang=${l}` });
}

function notePage(locale: Locale, heading: string, text: string): string {
  return layout({
    locale,
    title: heading,
    body: `<h1>${e(heading)}</h1><section aria-label="${e(heading)}"><p>${e(text)}</p><p><a href="/status?lang=${locale}">${e(t(locale, 'status.page.back'))}</a></p></section>`,
    hrefFor: (l) => `/status?lang=${l}`,
  });
}

const langQuery = z.object({ lang: z.string().max(20).optional(), locale: z.string().max(20).optional() }).passthrough();

export async function statusSite(http: SapaHttp, desk: Desk) {
  rememberServer(desk, http.server);

  http.get('/status', { schema: { hide: true, querystring: langQuery } }, async (req, reply) => {
    const locale = pageLocale(req);
    // API clients that ask for JSON at the page's address get the same summary as /api/v1/status.
    const accept = req.headers.accept ?? '';
    if (/application\/json/.test(accept) && !/text\/html/.test(accept)) return reply.send(await statusSummary(desk, locale));
    return sendPage(reply, await statusPage(desk, req, locale));
  });

  http.get('/status/incidents/:id', { schema: { hide: true, params: z.object({ id: z.string().max(100) }), querystring: langQuery } }, async (req, reply) => {
    const locale = pageLocale(req);
    try {
      return sendPage(reply, incidentPage(await getIncident(desk, req.params.id, locale), locale, desk.config.SAPA_TIMEZONE));
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return sendPage(reply, notePage(locale, t(locale, 'status.page.not_found'), t(locale, 'status.page.not_found_text')), 404);
      throw error;
    }
  });

  http.get('/status/history', { schema: { hide: true, querystring: langQuery.extend({ cursor: z.string().max(300).optional() }) } }, async (req, reply) => {
    return sendPage(reply, await historyPage(desk, pageLocale(req), req.query.cursor));
  });

  http.get('/status/feed.atom', { schema: { hide: true, querystring: langQuery } }, async (req, reply) => {
    const base = requestBase(desk, req);
    const locale = pageLocale(req);
    return reply
      .header('content-type', 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(await atomFeed(desk, locale, base, `${base}/status/feed.atom${req.query.lang ? `?lang=${locale}` : ''}`));
  });

  http.get('/status/subscriptions/confirm', { schema: { hide: true, querystring: langQuery.extend({ token: z.string().max(200).optional() }) } }, async (req, reply) => {
    const row = req.query.token ? await confirmSubscription(desk, req.query.token) : undefined;
    const locale = toLocale(req.query.lang) ?? toLocale(row?.locale) ?? pageLocale(req);
    return row
      ? sendPage(reply, notePage(locale, t(locale, 'status.page.confirmed_title'), t(locale, 'status.page.confirmed')))
      : sendPage(reply, notePage(locale, t(locale, 'status.page.invalid_link_title'), t(locale, 'status.page.invalid_link')), 404);
  });

  // One click (GET from the mail) or RFC 8058 one-click POST from the mail client: both end the subscription.
  const unsubscribeHandler = async (req: FastifyRequest<{ Querystring: { token?: string; lang?: string } }>, reply: FastifyReply) => {
    const row = req.query.token ? await unsubscribe(desk, req.query.token) : undefined;
    const locale = toLocale(req.query.lang) ?? toLocale(row?.locale) ?? pageLocale(req);
    return row
      ? sendPage(reply, notePage(locale, t(locale, 'status.page.unsubscribed_title'), t(locale, 'status.page.unsubscribed')))
      : sendPage(reply, notePage(locale, t(locale, 'status.page.invalid_link_title'), t(locale, 'status.page.invalid_link')), 404);
  };
  const tokenQuery = langQuery.extend({ token: z.string().max(200).optional() });

  // Form posts (no-JS subscribe, RFC 8058 unsubscribe) get their own scope with a urlencoded body parser.
  await http.register(async (scope) => {
    const forms = scope as unknown as SapaHttp;
    if (!forms.hasContentTypeParser('application/x-www-form-urlencoded')) await forms.register(formbody, { bodyLimit: 16 * 1024 });
    forms.get('/status/subscriptions/unsubscribe', { schema: { hide: true, querystring: tokenQuery } }, unsubscribeHandler);
    forms.post('/status/subscriptions/unsubscribe', { schema: { hide: true, querystring: tokenQuery }, config: { csrf: false } }, unsubscribeHandler);
    forms.post(
      '/status/subscribe',
      {
        schema: { hide: true, body: z.object({ email: z.string().max(320).optional(), locale: z.string().max(20).optional() }).passthrough() },
        config: { csrf: false },
      },
      async (req, reply) => {
        const locale = toLocale(req.body.locale) ?? pageLocale(req);
        const email = (req.body.email ?? '').trim();
        if (!emailConfigured(desk)) return sendPage(reply, await statusPage(desk, req, locale, t(locale, 'status.page.email_not_configured')), 422);
        if (!z.email().safeParse(email).success) return sendPage(reply, await statusPage(desk, req, locale, t(locale, 'status.page.subscribe_error')), 400);
        await subscribe(desk, { email, locale }, false);
        return sendPage(reply, notePage(locale, t(locale, 'status.page.check_inbox_title'), t(locale, 'status.page.check_inbox')));
      },
    );
  });
}
