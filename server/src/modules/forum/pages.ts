// The community forum's pages: readable by anyone without JavaScript; posting, voting and moderating through plain
// HTML forms that carry the session's CSRF token in a hidden field.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAgent, sameSecret } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { appErrorBody } from '../../kernel/http.js';
import { t, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { h, trusted, type Html } from '../helpcenter/html.js';
import { LANG_TAG, publicOrigin, renderPage, sendHtml, type PageInput } from '../helpcenter/layout.js';
import { liveNotices, type LiveNotices } from '../helpcenter/live.js';
import { acceptForms, contactBox, dateText, pageErrors, pathLocale, reachCard, visitorLocale } from '../helpcenter/pages.js';
import { clientIp, SESSION_COOKIE } from '../identity/http.js';
import * as identity from '../identity/service.js';
import * as kb from '../kb/service.js';
import './messages.js';
import * as forum from './service.js';

const FORM_COOKIE = 'sapa_form';
const PAGE_SIZE = 20;
const TOPIC_ID = /^[a-z0-9]{4,40}$/;
const FLAGS = ['phone_number', 'unofficial_link', 'asks_for_secret', 'new_account_link', 'repeated_content', 'reported'];

interface Ctx {
  desk: Desk;
  req: FastifyRequest;
  locale: Locale;
  live: LiveNotices;
  origin: string;
  viewer?: { name: string; agent: boolean };
  csrf?: string;
}


async function sessionCsrf(desk: Desk, req: FastifyRequest): Promise<string | undefined> {
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie || req.authVia !== 'cookie') return undefined;
  const session = await identity.resolveToken(desk, cookie);
  return session?.kind === 'cookie' ? (session.csrfToken ?? undefined) : undefined;
}

/** A form post from a signed-in browser must carry the session's CSRF token (hidden field or header). */
async function checkCsrf(desk: Desk, req: FastifyRequest, field: string | undefined): Promise<void> {
  const expected = await sessionCsrf(desk, req);
  const given = field ?? (typeof req.headers['x-csrf-token'] === 'string' ? req.headers['x-csrf-token'] : undefined);
  if (!sameSecret(expected, given)) throw new AppError(403, 'csrf_failed');
}

async function context(desk: Desk, req: FastifyRequest, locale: Locale): Promise<Ctx> {
  const p = req.principal;
  const [live, csrf, viewer] = await Promise.all([
    liveNotices(desk, locale, p),
    sessionCsrf(desk, req),
    p && p.kind !== 'visitor' ? identity.currentUser(desk, p).then((u) => ({ name: u.name, agent: u.kind === 'agent' })).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  return { desk, req, locale, live, origin: publicOrigin(desk, req), viewer, csrf };
}

const csrfField = (c: Ctx): Html => (c.csrf ? h`<input type="hidden" name="_csrf" value="${c.csrf}">` : h``);
const here = (req: FastifyRequest) => req.url.split('#')[0];
const isSigninPage = (url: string) => /^\/community\/[\w-]+\/signin(\?|$)/.test(url);
/** The sign-in page, coming back to `next` after; from the sign-in page itself, to where that one was going. */
const signinUrl = (L: Locale, next: string) => (isSigninPage(next) ? next : `/community/${L}/signin?next=${encodeURIComponent(next)}`);

function headerExtra(c: Ctx): Html {
  const L = c.locale;
  if (!c.viewer) return h`<li><a href="${signinUrl(L, here(c.req))}">${t(L, 'forum.signin.title')}</a></li>`;
  return h`<li>${t(L, 'forum.signin.as', { name: c.viewer.name })}</li>
${c.viewer.agent ? h`<li><a href="/community/${L}/moderation">${t(L, 'forum.mod.queue')}</a></li>` : ''}
<li><form method="post" action="/community/${L}/signout">${csrfField(c)}<button type="submit" class="linkish">${t(L, 'forum.signout')}</button></form></li>`;
}

function page(c: Ctx, input: Omit<PageInput, 'locale' | 'live' | 'origin' | 'section' | 'headerExtra'>): string {
  return renderPage({ ...input, section: 'community', locale: c.locale, live: c.live, origin: c.origin, headerExtra: headerExtra(c) });
}

// A post a moderator hides must leave shared caches quickly: short max-age, never served stale.
const send = (c: Ctx, reply: FastifyReply, html: string, status = 200) =>
  sendHtml(c.req, reply, html, { status, personal: Boolean(c.viewer) || Boolean(c.req.principal), maxAge: 30, staleWhileRevalidate: 0 });

const safetyNote = (L: Locale) => h`<p class="safety" role="note">${t(L, 'forum.safety')}</p>`;

function reasons(L: Locale, flags: string[]): string {
  const known = flags.filter((f) => FLAGS.includes(f)).map((f) => t(L, `forum.flag.${f}`));
  return known.join(L === 'zh-CN' ? '、' : ', ');
}

function errorText(L: Locale, error: unknown): { status: number; text: string; field?: string; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    return { status: error.status, text: appErrorBody(L, error).error.message, field: typeof field === 'string' ? field : undefined, headers: error.headers };
  }
  throw error;
}

/** A post's title and text as the forms take them: a refusal names the field and how long it is. */
function checkLengths(text: { title?: string; body: string }): void {
  const length = (s: string) => [...s].length;
  if (text.title !== undefined && (length(text.title) < 5 || length(text.title) > 150)) throw new AppError(400, 'forum_title_length', undefined, { field: 'title', n: length(text.title) });
  if (length(text.body) < 2 || length(text.body) > 10_000) throw new AppError(400, 'forum_body_length', undefined, { field: 'body', n: length(text.body) });
}

// ------------------------------------------------------------------------------------------ pieces

function authorLine(L: Locale, a: forum.PostAuthor, createdAt: string): Html {
  return h`<p class="meta">${t(L, 'forum.by', { name: a.name })}${a.staff ? h`<span class="badge staff">${t(L, 'forum.staff')}</span>` : ''}${a.you ? h`<span class="badge">${t(L, 'forum.you')}</span>` : ''} · <time datetime="${createdAt}">${dateText(L, createdAt)}</time></p>`;
}

function badges(L: Locale, x: { pinned?: boolean; locked?: boolean; answered?: boolean; official?: boolean; state: string; hasCase?: boolean }): Html {
  return h`${x.pinned ? h`<span class="badge">${t(L, 'forum.pinned')}</span>` : ''}${x.official ? h`<span class="badge official">${t(L, 'forum.official')}</span>` : ''}${x.answered ? h`<span class="badge ok">${t(L, 'forum.answered')}</span>` : ''}${x.locked ? h`<span class="badge">${t(L, 'forum.locked')}</span>` : ''}${x.hasCase ? h`<span class="badge">${t(L, 'forum.caseBadge')}</span>` : ''}${x.state === 'held' ? h`<span class="badge held">${t(L, 'forum.held')}</span>` : ''}${x.state === 'hidden' ? h`<span class="badge held">${t(L, 'forum.hidden')}</span>` : ''}`;
}

function topicItem(L: Locale, x: forum.TopicSummary): Html {
  return h`<li>
<h2 class="h3"><a href="/community/${L}/topics/${x.id}">${x.title}</a> ${badges(L, x)}</h2>
${x.excerpt ? h`<p class="small">${x.excerpt}</p>` : ''}
<p class="meta">${t(L, 'forum.by', { name: x.author.name })}${x.author.staff ? h`<span class="badge staff">${t(L, 'forum.staff')}</span>` : ''} · ${t(L, 'forum.replies', { n: x.replyCount })} · ${t(L, 'forum.score', { n: x.score })} · ${t(L, 'forum.lastActivity', { date: dateText(L, x.lastActivityAt) })}</p>
${x.tags.length ? h`<p class="tags">${x.tags.map((tag) => h`<a href="/community/${L}/tags/${encodeURIComponent(tag)}">#${tag}</a>`)}</p>` : ''}
</li>`;
}

function communitySearch(L: Locale, q = ''): Html {
  return h`<form role="search" action="/community/${L}/search" method="get">
<label for="cq">${t(L, 'forum.search.label')}</label>
<div class="search"><input type="search" id="cq" name="q" value="${q}" maxlength="200"><button type="submit">${t(L, 'forum.search.button')}</button></div>
</form>`;
}

function sidebar(c: Ctx, tags: { tag: string; count: number }[]): Html {
  const L = c.locale;
  return h`<div>
${tags.length ? h`<nav class="card tags" aria-labelledby="tags-title"><h2 id="tags-title">${t(L, 'forum.popularTags')}</h2><p>${tags.map((x) => h`<a href="/community/${L}/tags/${encodeURIComponent(x.tag)}">#${x.tag} (${x.count})</a>`)}</p></nav>` : ''}
${contactBox(L, c.live)}
${reachCard(L)}
</div>`;
}

// ------------------------------------------------------------------------------------------ list pages

type ListKind = { kind: 'latest' | 'top' | 'unanswered' } | { kind: 'tag'; tag: string } | { kind: 'search'; q: string };

async function listPage(c: Ctx, list: ListKind, pageNo: number): Promise<string> {
  const L = c.locale;
  const sort = list.kind === 'top' || list.kind === 'unanswered' ? list.kind : list.kind === 'search' ? 'top' : 'latest';
  const [{ items, more }, tags] = await Promise.all([
    forum.listTopics(c.desk, c.req.principal, {
      locale: L,
      sort,
      tag: list.kind === 'tag' ? list.tag : undefined,
      q: list.kind === 'search' ? list.q : undefined,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    }),
    forum.popularTags(c.desk, L),
  ]);
  const base =
    list.kind === 'latest' ? `/community/${L}` : list.kind === 'tag' ? `/community/${L}/tags/${encodeURIComponent(list.tag)}` : list.kind === 'search' ? `/community/${L}/search` : `/community/${L}/${list.kind}`;
  const pageUrl = (n: number) => {
    const params = new URLSearchParams();
    if (list.kind === 'search') params.set('q', list.q);
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const title =
    list.kind === 'tag' ? t(L, 'forum.tag.title', { tag: list.tag }) : list.kind === 'search' ? t(L, 'forum.search.title', { q: list.q }) : t(L, 'forum.home.title');
  const tab = (kind: 'latest' | 'top' | 'unanswered') =>
    h`<li><a href="${kind === 'latest' ? `/community/${L}` : `/community/${L}/${kind}`}"${list.kind === kind ? trusted(' aria-current="page"') : ''}>${t(L, `forum.tabs.${kind}`)}</a></li>`;
  const body = h`<div class="wrap"><div class="cols"><div>
<h1>${title}</h1>
${list.kind === 'latest' && pageNo === 1 ? h`<p class="lead">${t(L, 'forum.home.lead')}</p>` : ''}
${safetyNote(L)}
<p><a class="button" href="/community/${L}/new">${t(L, 'forum.new')}</a></p>
${communitySearch(L, list.kind === 'search' ? list.q : '')}
<nav aria-label="${t(L, 'forum.tabs.label')}"><ul class="tabs">${tab('latest')}${tab('top')}${tab('unanswered')}</ul></nav>
${items.length ? h`<ul class="plain topics">${items.map((x) => topicItem(L, x))}</ul>` : h`<p class="notice">${t(L, 'forum.empty')}</p>`}
${
  pageNo > 1 || more
    ? h`<nav class="pager" aria-label="${t(L, 'forum.pagination')}">${pageNo > 1 ? h`<a href="${pageUrl(pageNo - 1)}" rel="prev">${t(L, 'forum.page.prev')}</a>` : h`<span></span>`}${more ? h`<a href="${pageUrl(pageNo + 1)}" rel="next">${t(L, 'forum.page.next')}</a>` : ''}</nav>`
    : ''
}
</div>
${sidebar(c, tags)}
</div></div>`;
  const sameEverywhere = list.kind === 'latest' || list.kind === 'top' || list.kind === 'unanswered';
  return page(c, {
    title,
    description: t(L, 'forum.home.meta'),
    canonical: list.kind === 'search' ? undefined : pageUrl(pageNo),
    alternates: sameEverywhere && pageNo === 1 ? { en: base.replace(`/${L}`, '/en'), 'id-ID': base.replace(`/${L}`, '/id-ID'), 'zh-CN': base.replace(`/${L}`, '/zh-CN') } : undefined,
    xDefault: sameEverywhere && pageNo === 1 ? base.replace(`/${L}`, '/en') : undefined,
    noindex: list.kind === 'search',
    body,
  });
}

// ------------------------------------------------------------------------------------------ topic page

interface TopicPageState {
  notice?: string;
  flags?: string[];
  error?: string;
  draft?: string;
}

function voteForms(c: Ctx, topicId: string, target: 'topic' | 'reply', id: string, score: number, myVote: number): Html {
  const L = c.locale;
  const label = `${target}-${id}-score`;
  if (!c.viewer) return h`<p class="meta"><span class="score">${t(L, 'forum.vote.score', { n: score })}</span></p>`;
  const button = (value: number, text: string, secondary: boolean) =>
    h`<form method="post" action="/community/${L}/topics/${topicId}/vote" class="inline">${csrfField(c)}<input type="hidden" name="target" value="${target}"><input type="hidden" name="id" value="${id}"><input type="hidden" name="value" value="${String(value)}"><button type="submit" class="${secondary ? 'secondary' : ''}" aria-describedby="${label}">${text}</button></form>`;
  return h`<div class="actions" role="group" aria-label="${t(L, 'forum.vote.label')}">
<span class="score" id="${label}">${t(L, 'forum.vote.score', { n: score })}</span>
${myVote === 1 ? button(0, `▲ ${t(L, 'forum.vote.clear')}`, false) : button(1, `▲ ${t(L, 'forum.vote.up')}`, true)}
${myVote === -1 ? button(0, `▼ ${t(L, 'forum.vote.clear')}`, false) : button(-1, `▼ ${t(L, 'forum.vote.down')}`, true)}
</div>`;
}

function reportForm(c: Ctx, topicId: string, target: 'topic' | 'reply', id: string): Html {
  const L = c.locale;
  if (!c.viewer) return h``;
  const fid = `report-${target}-${id}`;
  return h`<details><summary>${t(L, 'forum.report.summary')}</summary>
<form method="post" action="/community/${L}/topics/${topicId}/report">${csrfField(c)}
<input type="hidden" name="target" value="${target}"><input type="hidden" name="id" value="${id}">
<label for="${fid}-reason">${t(L, 'forum.report.reason')}</label>
<select id="${fid}-reason" name="reason">${['phishing', 'spam', 'abuse', 'off_topic', 'other'].map((r) => h`<option value="${r}">${t(L, `forum.report.${r}`)}</option>`)}</select>
<label for="${fid}-note">${t(L, 'forum.report.note')}</label>
<textarea id="${fid}-note" name="note" maxlength="500" rows="2"></textarea>
<p><button type="submit" class="secondary">${t(L, 'forum.report.button')}</button></p>
</form></details>`;
}

function moderationForms(c: Ctx, topicId: string, target: 'topic' | 'reply', id: string, actions: string[]): Html {
  const L = c.locale;
  return h`<div class="actions" role="group" aria-label="${t(L, 'forum.mod.title')}">${actions.map(
    (action) =>
      h`<form method="post" action="/community/${L}/topics/${topicId}/moderate" class="inline">${csrfField(c)}<input type="hidden" name="target" value="${target}"><input type="hidden" name="id" value="${id}"><input type="hidden" name="action" value="${action}"><button type="submit" class="${action === 'hide' ? 'danger' : 'secondary'}">${t(L, `forum.mod.${action}`)}</button></form>`,
  )}</div>`;
}

function stateNote(L: Locale, state: string, flags: string[]): Html {
  if (state === 'held') return h`<p class="notice bad" role="note">${t(L, 'forum.topic.heldNote', { reasons: reasons(L, flags) || t(L, 'forum.flag.reported') })}</p>`;
  if (state === 'hidden') return h`<p class="notice bad" role="note">${t(L, 'forum.topic.hiddenNote')}</p>`;
  return h``;
}

async function topicPage(c: Ctx, id: string, s: TopicPageState): Promise<string> {
  const L = c.locale;
  const topic = await forum.getTopic(c.desk, c.req.principal, id);
  const replies = await forum.getReplies(c.desk, c.req.principal, topic);
  const agent = isAgent(c.req.principal);
  const TL = topic.locale as Locale;
  const ordered = [...replies.filter((r) => r.accepted), ...replies.filter((r) => !r.accepted)];
  const articles = agent ? (await kb.catalog(c.desk)).map((e) => kb.linkOf(e, TL)).filter((x): x is kb.ArticleLink => Boolean(x)).sort((a, b) => a.title.localeCompare(b.title)) : [];
  const topicActions = [
    topic.pinned ? 'unpin' : 'pin',
    topic.locked ? 'unlock' : 'lock',
    ...(topic.state === 'held' ? ['approve', 'hide'] : topic.state === 'hidden' ? ['unhide'] : ['hide']),
  ];
  const notice =
    s.notice === 'published'
      ? h`<p class="notice ok" role="status">${t(L, 'forum.posted.published')}</p>`
      : s.notice === 'held' && topic.state !== 'held'
        ? h`<p class="notice warn" role="status">${t(L, 'forum.posted.held', { reasons: reasons(L, s.flags ?? []) || t(L, 'forum.flag.reported') })}</p>`
        : s.notice === 'reported'
          ? h`<p class="notice ok" role="status">${t(L, 'forum.report.thanks')}</p>`
          : s.notice === 'done'
            ? h`<p class="notice ok" role="status">${t(L, 'forum.mod.done')}</p>`
            : '';
  const replyBlock = (r: forum.ReplyView) => h`<article class="post${r.accepted ? ' accepted' : ''}${r.state === 'held' ? ' held' : ''}${r.state === 'hidden' ? ' hidden' : ''}" id="reply-${r.id}" aria-labelledby="reply-${r.id}-by" lang="${LANG_TAG[TL]}">
${r.accepted ? h`<p><span class="badge ok">✓ ${t(L, 'forum.topic.accepted')}</span></p>` : ''}
<h3 class="visually-hidden" id="reply-${r.id}-by">${t(L, 'forum.by', { name: r.author.name })}</h3>
${authorLine(L, r.author, r.createdAt)}
${r.official ? h`<p><span class="badge official">${t(L, 'forum.official')}</span></p>` : ''}
${stateNote(L, r.state, r.flags)}
${trusted(r.html)}
${r.articles.length ? h`<div class="card"><h4>${t(L, 'forum.topic.articles')}</h4><ul class="links">${r.articles.map((a) => h`<li><a href="${a.url}">${a.title}</a></li>`)}</ul></div>` : ''}
${r.state === 'published' ? voteForms(c, topic.id, 'reply', r.id, r.score, r.myVote) : ''}
${
  topic.canAccept && r.state === 'published'
    ? h`<form method="post" action="/community/${L}/topics/${topic.id}/accept" class="actions">${csrfField(c)}<input type="hidden" name="replyId" value="${r.accepted ? '' : r.id}"><button type="submit" class="secondary">${r.accepted ? t(L, 'forum.accept.clear') : `✓ ${t(L, 'forum.accept.button')}`}</button></form>`
    : ''
}
${r.state === 'published' && !r.author.you ? reportForm(c, topic.id, 'reply', r.id) : ''}
${agent ? moderationForms(c, topic.id, 'reply', r.id, r.state === 'held' ? ['approve', 'hide'] : r.state === 'hidden' ? ['unhide'] : ['hide']) : ''}
</article>`;
  const canReply = c.viewer && (agent || (!topic.locked && topic.state === 'published'));
  const body = h`<div class="wrap">
<nav class="crumbs" aria-label="${t(L, 'hc.breadcrumb')}"><ol><li><a href="/community/${L}">${t(L, 'forum.home.title')}</a></li><li><a href="${here(c.req).split('?')[0]}" aria-current="page">${topic.title}</a></li></ol></nav>
<div class="cols"><div>
${notice}
${s.error ? h`<div class="notice bad" role="alert"><strong>${t(L, 'forum.error.title')}</strong><p>${s.error}</p></div>` : ''}
<article class="post" aria-labelledby="topic-title" lang="${LANG_TAG[TL]}">
<h1 id="topic-title">${topic.title}</h1>
<p>${badges(L, topic)}</p>
${authorLine(L, topic.author, topic.createdAt)}
${stateNote(L, topic.state, topic.flags)}
${topic.hasCase ? h`<p class="notice ok" role="note">${t(L, 'forum.topic.caseOpened')}${topic.caseReference ? h` <strong>${t(L, 'forum.topic.caseRef', { ref: topic.caseReference })}</strong>` : ''}</p>` : ''}
${trusted(topic.html)}
${topic.tags.length ? h`<p class="tags">${topic.tags.map((tag) => h`<a href="/community/${TL}/tags/${encodeURIComponent(tag)}">#${tag}</a>`)}</p>` : ''}
${topic.state === 'published' ? voteForms(c, topic.id, 'topic', topic.id, topic.score, topic.myVote) : ''}
${topic.state === 'published' && !topic.author.you ? reportForm(c, topic.id, 'topic', topic.id) : ''}
</article>
${safetyNote(L)}
${
  agent
    ? h`<section class="card" aria-labelledby="mod-title"><h2 id="mod-title">${t(L, 'forum.mod.title')}</h2>
${moderationForms(c, topic.id, 'topic', topic.id, topicActions)}
${topic.author.kind === 'customer' && !topic.hasCase ? h`<form method="post" action="/community/${L}/topics/${topic.id}/case" class="actions">${csrfField(c)}<button type="submit">${t(L, 'forum.mod.case')}</button></form>` : ''}
</section>`
    : ''
}
${topic.locked ? h`<p class="notice" role="note">${t(L, 'forum.topic.lockedNote')}</p>` : ''}
<section aria-labelledby="replies-title">
<h2 id="replies-title">${t(L, 'forum.topic.replies', { n: replies.length })}</h2>
${ordered.length ? ordered.map(replyBlock) : h`<p>${t(L, 'forum.topic.noReplies')}</p>`}
</section>
${
  canReply
    ? h`<section class="card" aria-labelledby="reply-title"><h2 id="reply-title">${t(L, 'forum.reply.title')}</h2>
<form method="post" action="/community/${L}/topics/${topic.id}/reply">${csrfField(c)}
<label for="reply-body">${t(L, 'forum.reply.label')}</label>
<textarea id="reply-body" name="body" required minlength="2" maxlength="10000" aria-describedby="reply-hint">${s.draft ?? ''}</textarea>
<p class="small muted" id="reply-hint">${t(L, 'forum.new.bodyHint')}</p>
${
  agent
    ? h`<label for="reply-articles">${t(L, 'forum.reply.articles')}</label>
<select id="reply-articles" name="articles" multiple size="6" aria-describedby="articles-hint">${articles.map((a) => h`<option value="${a.slug}">${a.title}</option>`)}</select>
<p class="small muted" id="articles-hint">${t(L, 'forum.reply.articlesHint')}</p>
<p><input type="checkbox" id="reply-official" name="official" value="1"> <label for="reply-official" class="inline">${t(L, 'forum.reply.official')}</label></p>`
    : ''
}
<p><button type="submit">${t(L, 'forum.reply.button')}</button></p>
</form></section>`
    : !c.viewer && !topic.locked
      ? h`<p><a class="button" href="${signinUrl(L, here(c.req).split('?')[0])}">${t(L, 'forum.reply.signin')}</a></p>`
      : ''
}
<p><a href="/community/${L}">${t(L, 'forum.back')}</a></p>
</div>
${sidebar(c, [])}
</div></div>`;
  const canonical = forum.topicPath(TL, topic.id);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'DiscussionForumPosting',
    headline: topic.title,
    text: topic.body.slice(0, 2000),
    inLanguage: LANG_TAG[TL],
    url: c.origin + canonical,
    datePublished: topic.createdAt,
    author: { '@type': 'Person', name: topic.author.name },
    interactionStatistic: { '@type': 'InteractionCounter', interactionType: 'https://schema.org/CommentAction', userInteractionCount: topic.replyCount },
    comment: replies
      .filter((r) => r.state === 'published')
      .slice(0, 20)
      .map((r) => ({ '@type': 'Comment', text: r.body.slice(0, 1000), datePublished: r.createdAt, author: { '@type': r.author.staff ? 'Organization' : 'Person', name: r.author.name } })),
  };
  return page(c, {
    title: topic.title,
    description: topic.excerpt || t(L, 'forum.home.meta'),
    canonical,
    alternates: { [TL]: canonical },
    noindex: topic.state !== 'published',
    jsonLd: topic.state === 'published' ? [ld] : [],
    body,
  });
}

// ------------------------------------------------------------------------------------------ forms

interface NewTopicDraft {
  title?: string;
  body?: string;
  tags?: string;
  error?: string;
  /** The field the error is about: marked invalid and described by the error. */
  field?: string;
}

/** The field's hint, and when the form was refused for it, the error too (read out with the field). */
const invalidField = (invalid: boolean, hint: string): Html => (invalid ? h`aria-invalid="true" aria-describedby="topic-error ${hint}"` : h`aria-describedby="${hint}"`);

function newTopicPage(c: Ctx, d: NewTopicDraft): string {
  const L = c.locale;
  const body = h`<div class="wrap"><div class="cols"><div>
<h1>${t(L, 'forum.new.title')}</h1>
${safetyNote(L)}
${d.error ? h`<div class="notice bad" role="alert" id="topic-error"><strong>${t(L, 'forum.error.title')}</strong><p>${d.error}</p></div>` : ''}
<form method="post" action="/community/${L}/new" class="card">${csrfField(c)}
<label for="topic-title-input">${t(L, 'forum.new.titleLabel')}</label>
<input type="text" id="topic-title-input" name="title" value="${d.title ?? ''}" required minlength="5" maxlength="150" ${invalidField(d.field === 'title', 'title-hint')}>
<p class="small muted" id="title-hint">${t(L, 'forum.new.titleHint')}</p>
<label for="topic-body">${t(L, 'forum.new.bodyLabel')}</label>
<textarea id="topic-body" name="body" required minlength="2" maxlength="10000" ${invalidField(d.field === 'body', 'body-hint')}>${d.body ?? ''}</textarea>
<p class="small muted" id="body-hint">${t(L, 'forum.new.bodyHint')}</p>
<label for="topic-tags">${t(L, 'forum.new.tagsLabel')}</label>
<input type="text" id="topic-tags" name="tags" value="${d.tags ?? ''}" maxlength="150">
<p><button type="submit">${t(L, 'forum.new.button')}</button></p>
</form>
</div>${sidebar(c, [])}</div></div>`;
  return page(c, { title: t(L, 'forum.new.title'), noindex: true, body });
}

function signinPage(c: Ctx, next: string, formToken: string, error?: string, login = ''): string {
  const L = c.locale;
  const body = h`<div class="wrap"><div class="cols"><div>
<h1>${t(L, 'forum.signin.title')}</h1>
<p class="lead">${t(L, 'forum.signin.lead')}</p>
${safetyNote(L)}
${error ? h`<p class="notice bad" role="alert">${error}</p>` : ''}
${
  c.viewer
    ? h`<p>${t(L, 'forum.signin.as', { name: c.viewer.name })}</p><p><a href="${next}">${t(L, 'forum.back')}</a></p>`
    : h`<form method="post" action="/community/${L}/signin" class="card">
<input type="hidden" name="_form" value="${formToken}">
<input type="hidden" name="next" value="${next}">
<label for="login">${t(L, 'forum.signin.login')}</label>
<input type="text" id="login" name="login" value="${login}" autocomplete="username" required maxlength="254">
<label for="password">${t(L, 'forum.signin.password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="256">
<label for="otp">${t(L, 'forum.signin.otp')}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="12">
<p><button type="submit">${t(L, 'forum.signin.button')}</button></p>
</form>`
}
</div>${sidebar(c, [])}</div></div>`;
  return page(c, { title: t(L, 'forum.signin.title'), noindex: true, body });
}

function moderationPage(c: Ctx, items: forum.QueueItem[]): string {
  const L = c.locale;
  const body = h`<div class="wrap">
<h1>${t(L, 'forum.mod.queue')}</h1>
${
  items.length
    ? h`<ul class="plain">${items.map(
        (x) => h`<li>
<h2 class="h3"><a href="/community/${L}/topics/${x.topicId}${x.kind === 'reply' ? `#reply-${x.id}` : ''}">${x.title}</a> ${badges(L, { state: x.state })}</h2>
<p class="small" lang="${LANG_TAG[x.locale as Locale] ?? 'en'}">${x.excerpt}</p>
<p class="meta">${t(L, 'forum.by', { name: x.author })} · ${reasons(L, x.flags)}${x.reports.length ? h` · ${t(L, 'forum.mod.reports', { n: x.reports.length })}` : ''}</p>
${moderationForms(c, x.topicId, x.kind, x.id, x.state === 'held' ? ['approve', 'hide'] : x.state === 'hidden' ? ['unhide'] : ['hide', 'approve'])}
</li>`,
      )}</ul>`
    : h`<p class="notice ok">${t(L, 'forum.mod.queueEmpty')}</p>`
}
</div>`;
  return page(c, { title: t(L, 'forum.mod.queue'), noindex: true, body });
}

/**
 * Only local pages of the help center or community: `next` must not send a signed-in user to another site, nor back to
 * a sign-in page (the header's "Sign in" on the sign-in page itself would otherwise nest `next` until the URL is refused).
 */
function safeNext(L: Locale, next: string | undefined): string {
  for (let hop = 0; next && hop < 5 && isSigninPage(next); hop++) next = new URL(next, 'http://x').searchParams.get('next') ?? undefined;
  return next && /^\/(community|help)\/[\w/?=&%.-]*$/.test(next) && !next.startsWith('//') && !isSigninPage(next) ? next : `/community/${L}`;
}

// ------------------------------------------------------------------------------------------ routes

export async function forumPages(http: SapaHttp, desk: Desk): Promise<void> {
  await http.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await acceptForms(scope);
    pageErrors(scope, desk, 'community');
    const localeParam = z.object({ locale: z.string().max(20) });
    const topicParams = localeParam.extend({ id: z.string().regex(TOPIC_ID) });
    const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(500).default(1) });
    const formBase = { _csrf: z.string().max(200).optional() };

    const withLocale = async (req: FastifyRequest, reply: FastifyReply, raw: string) => {
      const locale = pathLocale(req, reply, raw);
      if (!locale) {
        if (!reply.sent) await reply.callNotFound();
        return undefined;
      }
      return context(desk, req, locale);
    };
    /** Form posts need a signed-in account; anonymous browsers are sent to sign in first. */
    const signedIn = (c: Ctx, reply: FastifyReply, back: string) => {
      if (c.viewer) return true;
      void reply.redirect(signinUrl(c.locale, back), 303);
      return false;
    };

    scope.get('/', { schema: { hide: true } }, async (req, reply) => reply.redirect(`/community/${visitorLocale(req)}`, 302).header('vary', 'Accept-Language'));

    for (const kind of ['latest', 'top', 'unanswered'] as const) {
      scope.get(kind === 'latest' ? '/:locale' : `/:locale/${kind}`, { schema: { hide: true, params: localeParam, querystring: pageQuery } }, async (req, reply) => {
        const c = await withLocale(req, reply, req.params.locale);
        if (!c) return reply;
        return send(c, reply, await listPage(c, { kind }, req.query.page));
      });
    }

    scope.get('/:locale/tags/:tag', { schema: { hide: true, params: localeParam.extend({ tag: z.string().min(1).max(30) }), querystring: pageQuery } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      return send(c, reply, await listPage(c, { kind: 'tag', tag: req.params.tag.toLowerCase() }, req.query.page));
    });

    scope.get('/:locale/search', { schema: { hide: true, params: localeParam, querystring: pageQuery.extend({ q: z.string().max(200).default('') }) } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      if (!req.query.q.trim()) return reply.redirect(`/community/${c.locale}`, 303);
      return send(c, reply, await listPage(c, { kind: 'search', q: req.query.q.trim() }, req.query.page));
    });

    scope.get('/:locale/topics/:id', {
      schema: { hide: true, params: topicParams, querystring: z.object({ notice: z.string().max(20).optional(), flags: z.string().max(200).optional() }) },
    }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      const html = await topicPage(c, req.params.id, { notice: req.query.notice, flags: req.query.flags?.split(',').filter((f) => FLAGS.includes(f)) });
      return send(c, reply, html);
    });

    scope.get('/:locale/new', { schema: { hide: true, params: localeParam, querystring: z.object({ title: z.string().max(150).optional() }) } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      if (!signedIn(c, reply, here(req))) return reply;
      return send(c, reply, newTopicPage(c, { title: req.query.title }));
    });

    scope.post('/:locale/new', {
      config: { csrf: false },
      schema: { hide: true, params: localeParam, body: z.object({ ...formBase, title: z.string().max(1000).default(''), body: z.string().max(20_000).default(''), tags: z.string().max(500).default('') }) },
    }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      if (!signedIn(c, reply, `/community/${c.locale}/new`)) return reply;
      const draft = { title: req.body.title, body: req.body.body, tags: req.body.tags };
      try {
        await checkCsrf(desk, req, req.body._csrf);
        const title = req.body.title.trim();
        const text = req.body.body.trim();
        checkLengths({ title, body: text });
        const { topic } = await forum.createTopic(desk, req.principal, { locale: c.locale, title, body: text, tags: req.body.tags.split(/[,，、]/) }, { requestHost: req.host });
        const qs = topic.state === 'held' ? `?notice=held&flags=${topic.flags.join(',')}` : '?notice=published';
        return reply.redirect(`/community/${c.locale}/topics/${topic.id}${qs}`, 303);
      } catch (error) {
        const e = errorText(c.locale, error);
        if (e.headers) reply.headers(e.headers);
        return send(c, reply, newTopicPage(c, { ...draft, error: e.text, field: e.field }), e.status);
      }
    });

    scope.post('/:locale/topics/:id/reply', {
      config: { csrf: false },
      schema: { hide: true, params: topicParams, body: z.object({ ...formBase, body: z.string().max(20_000).default(''), articles: z.union([z.string(), z.array(z.string())]).optional(), official: z.string().optional() }) },
    }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      const back = `/community/${c.locale}/topics/${req.params.id}`;
      if (!signedIn(c, reply, back)) return reply;
      try {
        await checkCsrf(desk, req, req.body._csrf);
        const text = req.body.body.trim();
        checkLengths({ body: text });
        const articles = req.body.articles === undefined ? [] : Array.isArray(req.body.articles) ? req.body.articles : [req.body.articles];
        const { reply: posted } = await forum.createReply(desk, req.principal, req.params.id, { body: text, articles: articles.slice(0, 5), official: req.body.official === '1' }, { requestHost: req.host });
        const qs = posted.state === 'held' ? `?notice=held&flags=${posted.flags.join(',')}` : '?notice=published';
        return reply.redirect(`${back}${qs}#reply-${posted.id}`, 303);
      } catch (error) {
        const e = errorText(c.locale, error);
        if (e.status === 404) throw error;
        if (e.headers) reply.headers(e.headers);
        return send(c, reply, await topicPage(c, req.params.id, { error: e.text, draft: req.body.body }), e.status);
      }
    });

    /** Small actions on a topic page: each redirects back to the topic with a notice, or shows the error there. */
    const action = <B extends Record<string, unknown>>(
      path: string,
      body: z.ZodType<B>,
      run: (c: Ctx, req: FastifyRequest<{ Params: { locale: string; id: string } }>, b: B) => Promise<string | undefined>,
    ) => {
      scope.post(`/:locale/topics/:id/${path}`, { config: { csrf: false }, schema: { hide: true, params: topicParams, body } }, async (req, reply) => {
        const params = req.params as { locale: string; id: string };
        const c = await withLocale(req, reply, params.locale);
        if (!c) return reply;
        const back = `/community/${c.locale}/topics/${params.id}`;
        if (!signedIn(c, reply, back)) return reply;
        try {
          await checkCsrf(desk, req, (req.body as { _csrf?: string })._csrf);
          const notice = await run(c, req as FastifyRequest<{ Params: { locale: string; id: string } }>, req.body as B);
          return reply.redirect(`${back}${notice ? `?notice=${notice}` : ''}`, 303);
        } catch (error) {
          const e = errorText(c.locale, error);
          if (e.status === 404) throw error;
          if (e.headers) reply.headers(e.headers);
          return send(c, reply, await topicPage(c, params.id, { error: e.text }), e.status);
        }
      });
    };
    const target = z.enum(['topic', 'reply']);
    const postId = z.string().min(1).max(60);

    action('vote', z.object({ ...formBase, target, id: postId, value: z.enum(['1', '0', '-1']) }), async (c, _req, b) => {
      await forum.vote(desk, c.req.principal, b.target, b.id, Number(b.value) as -1 | 0 | 1);
      return undefined;
    });
    action('accept', z.object({ ...formBase, replyId: z.string().max(60).default('') }), async (c, req, b) => {
      await forum.acceptAnswer(desk, c.req.principal, req.params.id, b.replyId || null);
      return undefined;
    });
    action('report', z.object({ ...formBase, target, id: postId, reason: z.enum(['spam', 'phishing', 'abuse', 'off_topic', 'other']), note: z.string().max(500).optional() }), async (c, _req, b) => {
      await forum.report(desk, c.req.principal, b.target, b.id, b.reason, b.note);
      return 'reported';
    });
    action('moderate', z.object({ ...formBase, target, id: postId, action: z.enum(forum.topicActions) }), async (c, _req, b) => {
      await forum.moderate(desk, c.req.principal, b.target, b.id, b.action);
      return 'done';
    });
    action('case', z.object({ ...formBase }), async (c, req) => {
      await forum.openCaseFromTopic(desk, c.req.principal, req.params.id, c.origin);
      return 'done';
    });

    scope.get('/:locale/moderation', { schema: { hide: true, params: localeParam } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      if (!isAgent(req.principal)) return reply.callNotFound();
      return send(c, reply, moderationPage(c, await forum.moderationQueue(desk, req.principal)));
    });

    // ---------------------------------------------------------------------------------- sign in / out

    const cookieSecure = (req: FastifyRequest) => desk.config.SAPA_COOKIE_SECURE === 'always' || (desk.config.SAPA_COOKIE_SECURE === 'auto' && req.protocol === 'https');
    // Sign-in has no session yet to carry a CSRF token: a random value in both a cookie and the form (double submit).
    const formToken = (req: FastifyRequest, reply: FastifyReply) => {
      const existing = req.cookies?.[FORM_COOKIE];
      if (existing && /^[\w-]{20,64}$/.test(existing)) return existing;
      const token = randomBytes(18).toString('base64url');
      reply.setCookie(FORM_COOKIE, token, { path: '/community', httpOnly: true, sameSite: 'lax', secure: cookieSecure(req), maxAge: 3600 });
      return token;
    };

    scope.get('/:locale/signin', { schema: { hide: true, params: localeParam, querystring: z.object({ next: z.string().max(500).optional() }) } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      const html = signinPage(c, safeNext(c.locale, req.query.next), formToken(req, reply));
      return sendHtml(req, reply, html, { personal: true });
    });

    scope.post('/:locale/signin', {
      config: { csrf: false },
      schema: {
        hide: true,
        params: localeParam,
        body: z.object({ _form: z.string().max(100).default(''), next: z.string().max(500).optional(), login: z.string().max(254).default(''), password: z.string().max(256).default(''), otp: z.string().max(12).optional() }),
      },
    }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      const next = safeNext(c.locale, req.body.next);
      const cookie = req.cookies?.[FORM_COOKIE];
      const fail = (status: number, text: string) => sendHtml(req, reply, signinPage({ ...c, viewer: undefined }, next, formToken(req, reply), text, req.body.login), { status, personal: true });
      if (!sameSecret(cookie, req.body._form)) return fail(403, t(c.locale, 'error.form_expired'));
      try {
        const result = await identity.login(desk, {
          login: req.body.login.trim(),
          password: req.body.password,
          otp: req.body.otp?.trim() || undefined,
          ip: clientIp(req),
          userAgent: req.headers['user-agent'],
        });
        reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure(req), maxAge: desk.config.SAPA_SESSION_DAYS * 86400 });
        return reply.redirect(next, 303);
      } catch (error) {
        const e = errorText(c.locale, error);
        if (e.headers) reply.headers(e.headers);
        return fail(e.status, e.text);
      }
    });

    scope.post('/:locale/signout', { config: { csrf: false }, schema: { hide: true, params: localeParam, body: z.object({ ...formBase }) } }, async (req, reply) => {
      const c = await withLocale(req, reply, req.params.locale);
      if (!c) return reply;
      if (req.principal && req.authVia === 'cookie') {
        await checkCsrf(desk, req, req.body._csrf);
        await identity.logout(desk, req.principal.sessionId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect(`/community/${c.locale}`, 303);
    });
  }, { prefix: '/community' });
}
