// The one layout of Sapa's public, server-rendered pages (help center and community): they work without JavaScript,
// CSS inline (one small block, so a slow phone renders on the first round trip), landmarks, a skip link and a language
// switch. Help-center pages also load the chat widget, as on any wallet site (nothing on the page depends on it).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Desk } from '../../kernel/desk.js';
import { locales, t, type Locale } from '../../kernel/i18n.js';
import { h, jsonLd, trusted, type Html } from './html.js';
import type { LiveNotices } from './live.js';
import './messages.js';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'id-ID': 'Bahasa Indonesia', 'zh-CN': '简体中文' };
/** BCP 47 tags for hreflang and lang attributes. */
export const LANG_TAG: Record<Locale, string> = { en: 'en', 'id-ID': 'id', 'zh-CN': 'zh-Hans' };

// Colours chosen for contrast of at least 4.5:1 on their backgrounds (WCAG AA); the system font stack includes the
// Chinese fonts phones and desktops already have, so no web font is ever downloaded.
const CSS = `
:root{--ink:#1c2730;--muted:#4d5b66;--line:#d5dee4;--bg:#f5f7f8;--card:#fff;--brand:#0b5563;--brand-soft:#e6f0f2;--link:#0b57a4;--warn-bg:#fff3df;--warn-ink:#5c3600;--warn-line:#e9b86a;--ok-bg:#e9f5ec;--ok-ink:#1b5e34;--bad-bg:#fdeaea;--bad-ink:#8a1f1f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #c77700;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:.5rem;background:#fff;color:var(--link);padding:.5rem 1rem;border-radius:6px;z-index:10}
.skip:focus{left:.5rem}
.site{background:var(--brand);color:#fff}
.site a{color:#fff}
.bar{max-width:64rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.1rem}
.site nav{font-size:.95rem}
.site [aria-current]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.site form{display:inline;margin:0}
.site button.linkish{background:none;border:0;color:#fff;text-decoration:underline;padding:0;font-weight:400;font-size:inherit}
.banner{background:var(--warn-bg);color:var(--warn-ink);border-bottom:2px solid var(--warn-line)}
.banner .bar{display:block}
.banner.critical,.banner.major{background:var(--bad-bg);color:var(--bad-ink);border-color:#e6a3a3}
.banner.critical a,.banner.major a{color:var(--bad-ink)}
.banner strong{display:block}
.banner a{color:var(--warn-ink);font-weight:600}
.wrap{max-width:64rem;margin:0 auto;padding:1.25rem 1rem 2rem}
h1{font-size:1.75rem;line-height:1.25;margin:.2rem 0 .8rem}
h2{font-size:1.3rem;line-height:1.3;margin:1.6rem 0 .6rem}
h3,.h3{font-size:1.08rem;margin:1.2rem 0 .4rem}
ul.plain .h3{margin:.1rem 0 .2rem}
p{margin:.5rem 0 .9rem}
.lead{font-size:1.08rem;color:var(--muted);margin-top:0}
.muted{color:var(--muted)}
.small{font-size:.9rem}
.hero{background:var(--brand-soft);border-bottom:1px solid var(--line)}
.hero .wrap{padding-top:1.6rem;padding-bottom:1.6rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:0 0 1rem}
.card h2,.card h3{margin-top:.2rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr))}
.grid .card{margin:0}
.cols{display:grid;gap:1.5rem}
@media (min-width:52rem){.cols{grid-template-columns:minmax(0,1fr) 19rem}}
ul.links{padding-left:1.1rem;margin:.3rem 0 .6rem}
ul.links li{margin:.25rem 0}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain>li{padding:.75rem 0;border-top:1px solid var(--line)}
ul.plain>li:first-child{border-top:0}
label{font-weight:600;display:block;margin:.2rem 0 .35rem}
input,textarea,select{font:inherit;color:var(--ink);background:#fff;border:2px solid #6b7a85;border-radius:8px;padding:.55rem .7rem;max-width:100%}
textarea{width:100%;min-height:9rem}
input[type=search],input[type=text],input[type=email],input[type=password]{width:100%}
.search{display:flex;gap:.5rem;align-items:stretch}
.search input{flex:1;min-width:0}
button,.button{font:inherit;font-weight:600;display:inline-block;padding:.55rem 1rem;border-radius:8px;border:2px solid var(--brand);background:var(--brand);color:#fff;cursor:pointer;text-decoration:none;line-height:1.4}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}
button.danger{background:var(--bad-ink);border-color:var(--bad-ink)}
.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.6rem 0}
.notice{border-radius:8px;padding:.7rem 1rem;margin:0 0 1rem;border:1px solid var(--line);background:#fff}
.notice.warn{background:var(--warn-bg);color:var(--warn-ink);border-color:var(--warn-line)}
.notice.ok{background:var(--ok-bg);color:var(--ok-ink);border-color:#9fcfae}
.notice.bad{background:var(--bad-bg);color:var(--bad-ink);border-color:#e6a3a3}
.safety{background:var(--ok-bg);color:var(--ok-ink);border-left:4px solid var(--ok-ink);border-radius:6px;padding:.6rem .9rem;margin:0 0 1rem}
.reach{border-left:4px solid var(--brand)}
.article{max-width:46rem}
.article img{max-width:100%;height:auto}
.article table{border-collapse:collapse;width:100%;margin:.8rem 0}
.article th,.article td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
.article blockquote{margin:.8rem 0;padding:.2rem 1rem;border-left:4px solid var(--line);color:var(--muted)}
pre{overflow:auto;background:#eef2f4;padding:.7rem;border-radius:6px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
mark{background:#fff0a6;color:inherit;padding:0 .1em}
.crumbs ol{list-style:none;padding:0;margin:0 0 .6rem;display:flex;flex-wrap:wrap;gap:.3rem;font-size:.92rem}
.crumbs li+li::before{content:"›";margin-right:.3rem;color:var(--muted)}
.badge{display:inline-block;white-space:nowrap;font-size:.78rem;font-weight:700;padding:.05rem .45rem;border-radius:999px;border:1px solid currentColor;vertical-align:middle;margin-left:.3rem}
.badge.staff{color:var(--brand)}
.badge.official{color:#6a3d00;background:#fff3df}
.badge.held{color:var(--bad-ink);background:var(--bad-bg)}
.badge.ok{color:var(--ok-ink);background:var(--ok-bg)}
.channel{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.2rem .5rem}
.contact li{padding:.5rem 0}
.meta{font-size:.9rem;color:var(--muted)}
.tags a{display:inline-block;margin:0 .35rem .3rem 0;padding:.05rem .55rem;border-radius:999px;background:var(--brand-soft);text-decoration:none;font-size:.88rem}
.tabs{list-style:none;padding:0;margin:.4rem 0 1rem;display:flex;flex-wrap:wrap;gap:.4rem}
.tabs a{display:inline-block;padding:.3rem .8rem;border-radius:999px;border:1px solid var(--line);background:#fff;text-decoration:none}
.tabs a[aria-current]{background:var(--brand);border-color:var(--brand);color:#fff}
.post{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:0 0 1rem}
.post.accepted{border:2px solid var(--ok-ink)}
.post.held{border:2px dashed var(--bad-ink)}
.post.hidden{opacity:.75;border-style:dashed}
.score{font-weight:700}
.link-text{font-family:ui-monospace,monospace;background:var(--bad-bg);color:var(--bad-ink);padding:0 .2rem;border-radius:4px;word-break:break-all}
.pager{display:flex;gap:1rem;justify-content:space-between;margin:1rem 0}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer.site-footer{border-top:1px solid var(--line);background:#fff;font-size:.92rem}
footer.site-footer ul{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
`
  .replace(/\n/g, '')
  .trim();

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');
/** No scripts at all; the one inline stylesheet is allowed by its hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self' data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
/**
 * Help-center pages: also Sapa's own scripts (the widget's loader and chunks, the page's chat opener), the widget's
 * requests and live connection ('self' covers ws: and wss: to this host), its frame where a browser lacks shadow DOM,
 * and its previews of images being sent (blob:). Still no inline script and no inline style.
 */
export const WIDGET_PAGE_CSP = `default-src 'none'; script-src 'self'; connect-src 'self'; frame-src 'self'; style-src 'sha256-${STYLE_HASH}'; img-src 'self' data: blob: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
/** The help center's script that opens the chat widget for `#chat` links (helpcenter/chat-script.ts). */
export const CHAT_SCRIPT_PATH = '/help/assets/chat.js';
/** Sapa's icon, inline (no request, nothing for a browser to ask /favicon.ico for): every public page links it. */
export const SITE_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0b5563"/><path d="M9 12a7 5 0 0 1 14 0v3a7 5 0 0 1-7 5h-2l-4 3v-4a7 5 0 0 1-1-4z" fill="#fff"/></svg>')}`;

/** The address other sites and search engines should use: SAPA_PUBLIC_URL, else what the request came to. */
export function publicOrigin(desk: Desk, req: FastifyRequest): string {
  if (desk.config.SAPA_PUBLIC_URL) return desk.config.SAPA_PUBLIC_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

export interface Viewer {
  name: string;
  kind: 'customer' | 'agent' | 'visitor';
}

export interface PageInput {
  locale: Locale;
  section: 'help' | 'community';
  title: string;
  description?: string;
  /** Paths; made absolute with the public origin. */
  canonical?: string;
  /** The same page in each language it exists in (hreflang). */
  alternates?: Partial<Record<Locale, string>>;
  xDefault?: string;
  /** Where the language switch leads, when it differs from the alternates (e.g. a topic only exists in one language). */
  switchTo?: Partial<Record<Locale, string>>;
  jsonLd?: unknown[];
  noindex?: boolean;
  live: LiveNotices;
  origin: string;
  body: Html;
  /** Extra items in the header (sign-in state on community pages). */
  headerExtra?: Html;
}

/** Whether a page embeds the chat widget (then sent with `widget: true`, for its CSP): the help center's pages. */
export const embedsWidget = (section: PageInput['section']) => section === 'help';

const home = (section: PageInput['section'], l: Locale) => (section === 'help' ? `/help/${l}` : `/community/${l}`);

export function renderPage(p: PageInput): string {
  const L = p.locale;
  const abs = (path: string) => (/^https?:/.test(path) ? path : p.origin + path);
  const alternates = Object.entries(p.alternates ?? {}) as [Locale, string][];
  const switchTo = (l: Locale) => p.switchTo?.[l] ?? p.alternates?.[l] ?? home(p.section, l);
  const fullTitle = p.title === t(L, 'hc.brand') ? p.title : `${p.title} · ${p.section === 'help' ? t(L, 'hc.brand') : t(L, 'forum.brand')}`;
  const banner = p.live.banner;
  const doc = h`<!doctype html>
<html lang="${LANG_TAG[L]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${p.description ? h`<meta name="description" content="${p.description}">` : ''}
${p.noindex ? h`<meta name="robots" content="noindex, follow">` : ''}
${p.canonical ? h`<link rel="canonical" href="${abs(p.canonical)}">` : ''}
${alternates.map(([l, path]) => h`<link rel="alternate" hreflang="${LANG_TAG[l]}" href="${abs(path)}">`)}
${p.xDefault ? h`<link rel="alternate" hreflang="x-default" href="${abs(p.xDefault)}">` : ''}
<meta property="og:title" content="${p.title}">
${p.description ? h`<meta property="og:description" content="${p.description}">` : ''}
${p.canonical ? h`<meta property="og:url" content="${abs(p.canonical)}">` : ''}
<meta property="og:type" content="website">
<meta name="theme-color" content="#0b5563">
<link rel="icon" href="${SITE_ICON}">
<style>${trusted(CSS)}</style>
${(p.jsonLd ?? []).map((d) => jsonLd(d))}
</head>
<body>
<a class="skip" href="#main">${t(L, 'hc.skip')}</a>
<header class="site">
<div class="bar">
<a class="brand" href="${home('help', L)}">${t(L, 'hc.brand')}</a>
<nav aria-label="${t(L, 'hc.nav.label')}"><ul>
<li><a href="/help/${L}"${p.section === 'help' ? trusted(' aria-current="page"') : ''}>${t(L, 'hc.nav.help')}</a></li>
<li><a href="/community/${L}"${p.section === 'community' ? trusted(' aria-current="page"') : ''}>${t(L, 'hc.nav.community')}</a></li>
<li><a href="/status?lang=${L}">${t(L, 'hc.nav.status')}</a></li>
${p.headerExtra ?? ''}
</ul></nav>
<nav aria-label="${t(L, 'hc.lang.label')}"><ul>
${locales.map((l) => h`<li><a href="${switchTo(l)}" hreflang="${LANG_TAG[l]}" lang="${LANG_TAG[l]}"${l === L ? trusted(' aria-current="true"') : ''}>${LOCALE_NAMES[l]}</a></li>`)}
</ul></nav>
</div>
</header>
${
  banner
    ? h`<section class="banner ${banner.severity}" aria-label="${t(L, 'hc.banner.label')}"><div class="bar"><strong>${banner.title}</strong> ${banner.message} <a href="${banner.url}">${t(L, 'hc.banner.more')}</a></div></section>`
    : ''
}
<main id="main" tabindex="-1">
${p.body}
</main>
<footer class="site-footer"><div class="wrap">
<p>${t(L, 'hc.footer.text')}</p>
<ul>
<li><a href="/help/${L}">${t(L, 'hc.nav.help')}</a></li>
<li><a href="/community/${L}">${t(L, 'hc.nav.community')}</a></li>
<li><a href="/status?lang=${L}">${t(L, 'hc.nav.status')}</a></li>
<li><a href="/help/${L}/troubleshoot">${t(L, 'hc.unreachable.title')}</a></li>
<li><a href="/sitemap.xml">${t(L, 'hc.footer.sitemap')}</a></li>
</ul>
</div></footer>
${
  embedsWidget(p.section)
    ? h`<script src="${CHAT_SCRIPT_PATH}" defer></script>
<script src="/widget.js" data-locale="${L}" async></script>`
    : ''
}
</body>
</html>`;
  return doc.value.replace(/\n{2,}/g, '\n');
}

export interface SendOptions {
  status?: number;
  /** Pages that differ by who is signed in are private; the rest may be cached by browsers and proxies briefly. */
  personal: boolean;
  /** Seconds shared caches may keep a public page (status banners must not go stale for long). */
  maxAge?: number;
  /** Seconds a cache may serve it stale while it fetches a fresh copy (0 for pages moderators may take down). */
  staleWhileRevalidate?: number;
  /** The page embeds the chat widget (`embedsWidget`): its CSP allows Sapa's own scripts. */
  widget?: boolean;
}

export const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * Text compressed for the client when it says it can take it: a 30 kB page becomes about 6 kB on the wire, which
 * matters more than anything else on a slow mobile connection. (No proxy in front is assumed to do it.)
 */
export function sendText(req: FastifyRequest, reply: FastifyReply, body: string, status: number): FastifyReply {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  reply.header('vary', [reply.getHeader('vary'), 'Accept-Encoding'].filter(Boolean).join(', '));
  if (body.length < 1024 || req.method === 'HEAD') return reply.status(status).send(body);
  if (/\bbr\b/.test(accepts)) {
    return reply.status(status).header('content-encoding', 'br').send(brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }));
  }
  if (/\bgzip\b/.test(accepts)) return reply.status(status).header('content-encoding', 'gzip').send(gzipSync(body, { level: 6 }));
  return reply.status(status).send(body);
}

/** Sends a page with a validator: a repeat visit on a slow network gets a 304 and no body. */
export function sendHtml(req: FastifyRequest, reply: FastifyReply, html: string, options: SendOptions): FastifyReply {
  const etag = etagOf(html);
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', options.widget ? WIDGET_PAGE_CSP : PAGE_CSP)
    .header(
      'cache-control',
      options.personal
        ? 'private, no-cache'
        : `public, max-age=${options.maxAge ?? 60}${options.staleWhileRevalidate === 0 ? '' : `, stale-while-revalidate=${options.staleWhileRevalidate ?? 300}`}`,
    )
    .header('vary', 'Cookie, Accept-Language')
    .header('etag', etag);
  const status = options.status ?? 200;
  if (status === 200 && req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.status(304).send();
  return sendText(req, reply, html, status);
}
