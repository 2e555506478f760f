import { locales, t, type Locale } from '../../kernel/i18n.js';
import { SITE_ICON } from '../helpcenter/layout.js';
import type { Banner } from './service.js';

// Server-rendered pages of the status module (and the troubleshooter): no JavaScript needed, no third-party
// assets, one small inline stylesheet, colours that pass WCAG AA contrast, state always written out in words.

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1f23;background:#f6f7f9}
a{color:#0b57d0}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header.site{background:#fff;border-bottom:1px solid #d9dce1}header.site .bar{max-width:960px;margin:0 auto;padding:12px 16px;display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between}
header.site .brand{font-weight:700;font-size:1.15rem;color:#1d1f23;text-decoration:none}
nav.lang ul,nav.links ul{list-style:none;margin:0;padding:0;display:flex;gap:12px;flex-wrap:wrap}
main{max-width:960px;margin:0 auto;padding:16px}section{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:16px;margin:0 0 16px}
h1{font-size:1.6rem;margin:.2em 0 .5em}h2{font-size:1.25rem;margin:0 0 .6em}h3{font-size:1.05rem;margin:.8em 0 .3em}
.overall{font-size:1.2rem;font-weight:600;padding:14px 16px;border-radius:8px;margin-bottom:16px}
.s-operational{background:#e6f4ea;color:#135c26}.s-degraded{background:#fff4dc;color:#6b4500}.s-partial_outage{background:#ffe9d9;color:#7d3200}
.s-major_outage{background:#fde8e7;color:#9b1109}.s-maintenance{background:#e2eefb;color:#0a4a85}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.85rem;font-weight:600;white-space:nowrap}
.banner{border-left:6px solid #9b1109;background:#fde8e7;color:#1d1f23;padding:12px 16px;border-radius:6px;margin-bottom:16px}
.banner.maintenance{border-color:#0a4a85;background:#e2eefb}.banner.minor,.banner.info{border-color:#6b4500;background:#fff4dc}
.banner p{margin:.3em 0}
ul.components,ul.channels,ul.plain,ol.updates,ul.findings{list-style:none;margin:0;padding:0}
ul.components>li,ul.channels>li{border-top:1px solid #eceef1;padding:10px 0}ul.components>li:first-child,ul.channels>li:first-child{border-top:0}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;align-items:center}
.muted{color:#545a63;font-size:.92rem}
svg.uptime{display:block;width:100%;height:28px;margin-top:6px}
ol.updates li{border-left:3px solid #d9dce1;padding:4px 0 4px 12px;margin:8px 0}
.ok{color:#135c26}.down{color:#9b1109}
form.inline{display:flex;gap:8px;flex-wrap:wrap;align-items:flex-end}label{display:block;font-weight:600}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #8a9099;border-radius:6px;background:#fff;color:#1d1f23}
button{font:inherit;padding:7px 14px;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
ul.findings li{padding:8px 10px;border-radius:6px;margin:6px 0;background:#f1f3f5}
ul.findings li.error{background:#fde8e7}ul.findings li.warning{background:#fff4dc}ul.findings li.info{background:#e6f4ea}
footer{max-width:960px;margin:0 auto;padding:8px 16px 32px;color:#545a63;font-size:.9rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`;

const languageNames: Record<Locale, string> = { en: 'English', 'id-ID': 'Bahasa Indonesia', 'zh-CN': '简体中文' };

export interface LayoutOptions {
  locale: Locale;
  title: string;
  body: string;
  /** Where the same page lives in another language. */
  hrefFor: (locale: Locale) => string;
  head?: string;
  scripts?: string;
}

export function layout(o: LayoutOptions): string {
  const switcher = locales
    .map((l) => `<li><a href="${escapeHtml(o.hrefFor(l))}" lang="${l}" hreflang="${l}"${l === o.locale ? ' aria-current="true"' : ''}>${languageNames[l]}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="${SITE_ICON}">
<style>${css}</style>
${o.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t(o.locale, 'status.page.skip'))}</a>
<header class="site"><div class="bar">
<a class="brand" href="/status?lang=${o.locale}">${escapeHtml(t(o.locale, 'status.page.brand'))}</a>
<nav class="links" aria-label="${escapeHtml(t(o.locale, 'status.page.nav'))}"><ul>
<li><a href="/status?lang=${o.locale}">${escapeHtml(t(o.locale, 'status.page.title'))}</a></li>
<li><a href="/help/${o.locale}">${escapeHtml(t(o.locale, 'status.page.help_center'))}</a></li>
<li><a href="/help/${o.locale}/troubleshoot">${escapeHtml(t(o.locale, 'status.page.troubleshoot'))}</a></li>
</ul></nav>
<nav class="lang" aria-label="${escapeHtml(t(o.locale, 'status.page.language'))}"><ul>${switcher}</ul></nav>
</div></header>
<main id="main">
${o.body}
</main>
<footer><p>${escapeHtml(t(o.locale, 'status.page.footer'))}</p></footer>
${o.scripts ?? ''}
</body>
</html>`;
}

/** Adds ?lang= to a same-site link, before its #fragment. */
export function withLang(url: string, locale: Locale): string {
  const [path, fragment] = url.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}${fragment ? `#${fragment}` : ''}`;
}

export function bannerHtml(banner: Banner | null, locale: Locale): string {
  if (!banner) return '';
  return `<div class="banner ${banner.severity}" role="alert">
<p><strong>${escapeHtml(banner.title)}</strong></p>
${banner.message ? `<p>${escapeHtml(banner.message)}</p>` : ''}
<p><a href="${escapeHtml(withLang(banner.url, locale))}">${escapeHtml(t(locale, 'status.banner.details'))}</a></p>
</div>`;
}

/** What the troubleshooter and the status page need of a channel (support's ChannelItem satisfies it). */
export interface ChannelLike {
  id: string;
  name: string;
  available: boolean;
  reason?: string;
  notice?: string;
  hours: string;
  expectedResponse: string;
  contact?: string;
  url?: string;
}

export function channelsHtml(items: ChannelLike[], locale: Locale): string {
  const li = items
    .map((c) => {
      const state = c.available
        ? `<span class="badge s-operational">${escapeHtml(t(locale, 'support.available'))}</span>`
        : `<span class="badge s-major_outage">${escapeHtml(t(locale, 'support.unavailable'))}</span>`;
      const name = c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.name)}</a>` : escapeHtml(c.name);
      const contact = c.contact ? ` · ${escapeHtml(c.contact)}` : '';
      const why = c.reason ?? c.notice;
      return `<li data-channel="${escapeHtml(c.id)}" data-available="${c.available}"><div class="row"><strong>${name}</strong>${state}</div>
<div class="muted">${escapeHtml(c.hours)} · ${escapeHtml(c.expectedResponse)}${contact}</div>${why ? `<div>${escapeHtml(why)}</div>` : ''}</li>`;
    })
    .join('\n');
  return `<ul class="channels">${li}</ul>`;
}
