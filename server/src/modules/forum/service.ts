// The community forum: customers help each other, staff answer, moderators keep scammers out. Reading is open to
// everyone; writing needs an account. Other modules use only the functions exported here.
import type { Principal } from '../../kernel/auth.js';
import { isAgent } from '../../kernel/auth.js';
import { moduleState, type Desk } from '../../kernel/desk.js';
import { AppError, conflict, forbidden, notFound, tooMany, unprocessable } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n.js';
import { createCase } from '../cases/service.js';
import { getAgent, getCustomer } from '../identity/service.js';
import { renderMarkdown } from '../kb/markdown.js';
import { articleLinks } from '../kb/service.js';
import { stripMarkdown } from '../kb/search-text.js';
import { hasAnyLink, inspectText, sameText, type GuardFlag, type OfficialChannels } from './guard.js';
import type { PostState } from './schema.js';
import * as store from './store.js';

export const POST_LIMIT = { count: 5, windowMs: 10 * 60_000 };
export const NEW_ACCOUNT_MS = 24 * 3600_000;
/** Distinct open reports that take a post out of public view until a moderator looks. */
export const REPORTS_TO_HOLD = 3;

export const topicPath = (locale: string, id: string) => `/community/${locale}/topics/${id}`;

export type Flag = GuardFlag | 'reported';

export interface PostAuthor {
  kind: 'customer' | 'agent';
  name: string;
  staff: boolean;
  /** The post is the reader's own. */
  you: boolean;
}

export interface TopicSummary {
  id: string;
  locale: string;
  title: string;
  excerpt: string;
  tags: string[];
  author: PostAuthor;
  official: boolean;
  state: PostState;
  flags: string[];
  pinned: boolean;
  locked: boolean;
  answered: boolean;
  score: number;
  replyCount: number;
  hasCase: boolean;
  url: string;
  createdAt: string;
  lastActivityAt: string;
}

export interface TopicView extends TopicSummary {
  body: string;
  html: string;
  acceptedReplyId: string | null;
  /** Shown to agents and to the topic's author. */
  caseReference: string | null;
  caseId: string | null;
  myVote: number;
  canEdit: boolean;
  canAccept: boolean;
}

export interface ReplyView {
  id: string;
  topicId: string;
  body: string;
  html: string;
  author: PostAuthor;
  official: boolean;
  accepted: boolean;
  state: PostState;
  flags: string[];
  score: number;
  articles: { slug: string; title: string; url: string }[];
  myVote: number;
  createdAt: string;
}

// ------------------------------------------------------------------------------------------ who is reading/writing

function readerOf(p: Principal | undefined): store.Reader {
  if (p?.kind === 'agent') return { agent: true, agentId: p.agentId };
  if (p?.kind === 'customer') return { agent: false, customerId: p.customerId };
  return { agent: false };
}

const voterKeyOf = (p: Principal) => (p.kind === 'agent' ? `agent:${p.agentId}` : p.kind === 'customer' ? `customer:${p.customerId}` : `visitor:${p.visitorId}`);

/** The public name: first name and initial ("Budi S."), or the first character of a Chinese name ("王*"). */
export function publicName(full: string): string {
  const name = full.trim();
  if (!name) return '—';
  const parts = name.split(/\s+/);
  if (parts.length > 1) return `${parts[0]} ${[...parts[parts.length - 1]][0]}.`;
  const chars = [...name];
  if (/\p{Script=Han}/u.test(name) && chars.length > 1) return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
  return name;
}

interface Writer {
  kind: 'customer' | 'agent';
  customerId: string | null;
  agentId: string | null;
  name: string;
  createdAt: Date | null;
}

async function writerOf(desk: Desk, p: Principal | undefined): Promise<Writer> {
  if (p?.kind === 'agent') {
    const agent = await getAgent(desk, p.agentId);
    if (!agent) throw forbidden();
    return { kind: 'agent', customerId: null, agentId: agent.id, name: publicName(agent.name), createdAt: null };
  }
  if (p?.kind === 'customer') {
    const customer = await getCustomer(desk, p.customerId);
    if (!customer) throw forbidden();
    return { kind: 'customer', customerId: customer.id, agentId: null, name: publicName(customer.name), createdAt: customer.createdAt };
  }
  // Anonymous readers and widget visitors read; posting needs an account.
  throw new AppError(p ? 403 : 401, 'sign_in_to_post');
}

// ------------------------------------------------------------------------------------------ guards

const OFFICIAL = Symbol('forum.official');
const officialCache = (desk: Desk) => moduleState(desk, OFFICIAL, () => ({ value: undefined as OfficialChannels | undefined, until: 0 }));

function ownHost(desk: Desk): string[] {
  try {
    return desk.config.SAPA_PUBLIC_URL ? [new URL(desk.config.SAPA_PUBLIC_URL).hostname.toLowerCase()] : [];
  } catch {
    return [];
  }
}

/** Official domains and phone numbers (settings, plus this site's own host); cached briefly per node. */
export async function officialChannels(desk: Desk): Promise<OfficialChannels> {
  const cache = officialCache(desk);
  if (cache.value && cache.until > Date.now()) return cache.value;
  const saved = (await store.readOfficialChannels(desk.db)) ?? { domains: [], phones: [] };
  cache.value = { domains: [...new Set([...ownHost(desk), ...saved.domains])], phones: saved.phones };
  cache.until = Date.now() + 30_000;
  return cache.value;
}

export async function setOfficialChannels(desk: Desk, value: { domains: string[]; phones: string[] }): Promise<OfficialChannels> {
  const clean = {
    domains: [...new Set(value.domains.map((d) => d.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '')).filter(Boolean))],
    phones: [...new Set(value.phones.map((p) => p.trim()).filter(Boolean))],
  };
  await store.writeOfficialChannels(desk.db, clean);
  officialCache(desk).until = 0;
  return officialChannels(desk);
}

/**
 * Checks a post before it is stored: rate limit and repeated text refuse it; risky content holds it for review.
 * Staff posts are trusted. `requestHost` is the host the post came through (its links are ours too).
 */
async function screen(desk: Desk, w: Writer, post: { title?: string; body: string }, requestHost?: string): Promise<Flag[]> {
  if (w.kind === 'agent' || !w.customerId) return [];
  const now = Date.now();
  const recent = await store.recentPostsBy(desk.db, w.customerId, new Date(now - NEW_ACCOUNT_MS));
  const inWindow = recent.filter((r) => r.createdAt.getTime() > now - POST_LIMIT.windowMs);
  if (inWindow.length >= POST_LIMIT.count) {
    const oldest = inWindow[POST_LIMIT.count - 1]!;
    throw tooMany((oldest.createdAt.getTime() + POST_LIMIT.windowMs - now) / 1000, 'posting_too_fast');
  }
  if (recent.some((r) => sameText(r.body, post.body))) throw conflict('duplicate_post');
  const text = post.title ? `${post.title}\n${post.body}` : post.body;
  const flags = new Set<Flag>(inspectText(text, await officialFor(desk, requestHost)).flags);
  const young = w.createdAt && now - w.createdAt.getTime() < NEW_ACCOUNT_MS;
  if (young && hasAnyLink(text) && !flags.has('unofficial_link')) flags.add('new_account_link');
  // Short replies ("thanks, that worked") are often identical; only longer pasted texts count as spam.
  if (post.body.trim().length >= 40 && (await store.othersWithSameBody(desk.db, w.customerId, post.body, new Date(now - NEW_ACCOUNT_MS))) > 0) {
    flags.add('repeated_content');
  }
  return [...flags];
}

/** Official channels plus the host the request came through (links to this very site are ours). */
async function officialFor(desk: Desk, requestHost?: string): Promise<OfficialChannels> {
  const official = await officialChannels(desk);
  return requestHost ? { ...official, domains: [...official.domains, requestHost.toLowerCase().replace(/:\d+$/, '')] } : official;
}

// ------------------------------------------------------------------------------------------ presenting

function excerpt(body: string, size = 180): string {
  const text = stripMarkdown(body);
  return text.length > size ? `${text.slice(0, size).trimEnd()}…` : text;
}

function authorView(row: { authorKind: 'customer' | 'agent'; authorName: string; customerId: string | null; agentId: string | null }, reader: store.Reader): PostAuthor {
  const you = (row.customerId !== null && row.customerId === reader.customerId) || (row.agentId !== null && row.agentId === reader.agentId);
  return { kind: row.authorKind, name: row.authorName, staff: row.authorKind === 'agent', you };
}

function summary(t: store.TopicRow, reader: store.Reader): TopicSummary {
  return {
    id: t.id,
    locale: t.locale,
    title: t.title,
    excerpt: t.state === 'published' || reader.agent ? excerpt(t.body) : '',
    tags: t.tags,
    author: authorView(t, reader),
    official: t.official,
    state: t.state,
    flags: reader.agent || t.customerId === reader.customerId ? t.flags : [],
    pinned: t.pinned,
    locked: t.locked,
    answered: t.acceptedReplyId !== null,
    score: t.score,
    replyCount: t.replyCount,
    hasCase: t.caseId !== null,
    url: topicPath(t.locale, t.id),
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
  };
}

const render = (desk: Desk, body: string, locale: string, state: PostState) =>
  renderMarkdown(body, { articleBase: `/help/${locale}/articles/`, ugc: true, linksAsText: state !== 'published', ownHosts: ownHost(desk) });

// ------------------------------------------------------------------------------------------ topics

export interface TopicInput {
  locale: Locale;
  title: string;
  body: string;
  tags?: string[];
  /** Agents: an official announcement. */
  official?: boolean;
}

const cleanTags = (tags: string[] | undefined) =>
  [...new Set((tags ?? []).map((x) => x.trim().toLowerCase().replace(/^#/, '').replace(/\s+/g, '-')).filter((x) => x && x.length <= 30))].slice(0, 5);

export async function createTopic(
  desk: Desk,
  p: Principal | undefined,
  input: TopicInput,
  options: { idempotencyKey?: string; requestHost?: string } = {},
): Promise<{ created: boolean; topic: TopicView }> {
  const w = await writerOf(desk, p);
  const key = options.idempotencyKey ? `${w.kind}:${w.customerId ?? w.agentId}:${options.idempotencyKey}` : null;
  if (key) {
    const existing = await store.topicByCreationKey(desk.db, key);
    if (existing) return { created: false, topic: await getTopic(desk, p, existing.id) };
  }
  const flags = await screen(desk, w, { title: input.title, body: input.body }, options.requestHost);
  const row = await store.insertTopic(desk.db, {
    locale: input.locale,
    title: input.title.trim(),
    body: input.body.trim(),
    tags: cleanTags(input.tags),
    authorKind: w.kind,
    customerId: w.customerId,
    agentId: w.agentId,
    authorName: w.name,
    official: w.kind === 'agent' && Boolean(input.official),
    state: flags.length ? 'held' : 'published',
    flags,
    creationKey: key,
  });
  const id = row?.id ?? (key ? (await store.topicByCreationKey(desk.db, key))?.id : undefined);
  if (!id) throw new Error('topic was not stored');
  return { created: Boolean(row), topic: await getTopic(desk, p, id) };
}

export async function getTopic(desk: Desk, p: Principal | undefined, id: string): Promise<TopicView> {
  const reader = readerOf(p);
  const t = await store.getTopic(desk.db, id, reader);
  if (!t) throw notFound();
  const mine = t.customerId !== null && t.customerId === reader.customerId;
  const votes = p && p.kind !== 'visitor' ? await store.votesBy(desk.db, voterKeyOf(p), [{ kind: 'topic', ids: [t.id] }]) : new Map<string, number>();
  return {
    ...summary(t, reader),
    body: t.body,
    html: render(desk, t.body, t.locale, t.state),
    acceptedReplyId: t.acceptedReplyId,
    caseReference: reader.agent || mine ? t.caseReference : null,
    caseId: reader.agent ? t.caseId : null,
    myVote: votes.get(`topic:${t.id}`) ?? 0,
    canEdit: reader.agent || (mine && !t.locked),
    canAccept: reader.agent || mine,
  };
}

export async function getReplies(desk: Desk, p: Principal | undefined, topic: TopicView): Promise<ReplyView[]> {
  return presentReplies(desk, p, topic, await store.listReplies(desk.db, topic.id, readerOf(p)));
}

async function presentReplies(desk: Desk, p: Principal | undefined, topic: TopicView, rows: store.ReplyRow[]): Promise<ReplyView[]> {
  const reader = readerOf(p);
  const votes = p && p.kind !== 'visitor' ? await store.votesBy(desk.db, voterKeyOf(p), [{ kind: 'reply', ids: rows.map((r) => r.id) }]) : new Map<string, number>();
  const links = await articleLinks(desk, [...new Set(rows.flatMap((r) => r.articles))], topic.locale as Locale);
  const bySlug = new Map(links.map((l) => [l.slug, l]));
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topicId,
    body: r.body,
    html: render(desk, r.body, topic.locale, r.state),
    author: authorView(r, reader),
    official: r.official,
    accepted: topic.acceptedReplyId === r.id,
    state: r.state,
    flags: reader.agent || r.customerId === reader.customerId ? r.flags : [],
    score: r.score,
    articles: r.articles.flatMap((slug) => {
      const l = bySlug.get(slug);
      return l ? [{ slug, title: l.title, url: l.url }] : [];
    }),
    myVote: votes.get(`reply:${r.id}`) ?? 0,
    createdAt: r.createdAt.toISOString(),
  }));
}

export interface ListInput {
  locale?: Locale;
  sort?: 'latest' | 'top' | 'unanswered';
  tag?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listTopics(desk: Desk, p: Principal | undefined, input: ListInput): Promise<{ items: TopicSummary[]; more: boolean }> {
  const reader = readerOf(p);
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const rows = await store.listTopics(desk.db, reader, {
    locale: input.locale,
    sort: input.sort ?? 'latest',
    tag: input.tag?.toLowerCase(),
    q: input.q?.trim().slice(0, 200),
    limit: limit + 1,
    offset: Math.max(0, input.offset ?? 0),
  });
  return { items: rows.slice(0, limit).map((t) => summary(t, reader)), more: rows.length > limit };
}

/** Community answers for the help center's search page. */
export async function searchTopics(desk: Desk, q: string, locale: Locale, limit = 5): Promise<{ title: string; url: string; snippet: string }[]> {
  const { items } = await listTopics(desk, undefined, { locale, q, sort: 'top', limit });
  return items.map((t) => ({ title: t.title, url: t.url, snippet: t.excerpt }));
}

export const popularTags = (desk: Desk, locale: Locale, limit = 12) => store.popularTags(desk.db, locale, limit);

export async function sitemapTopics(desk: Desk): Promise<{ path: string; lastmod: string }[]> {
  return (await store.publishedTopicsForSitemap(desk.db)).map((t) => ({ path: topicPath(t.locale, t.id), lastmod: t.lastActivityAt.toISOString() }));
}

export interface TopicPatch {
  title?: string;
  body?: string;
  tags?: string[];
}

/** The author (while the topic is not locked) or staff edit a topic; the author's edit is screened again. */
export async function editTopic(desk: Desk, p: Principal | undefined, id: string, patch: TopicPatch, requestHost?: string): Promise<TopicView> {
  const reader = readerOf(p);
  const t = await store.getTopic(desk.db, id, reader);
  if (!t) throw notFound();
  const mine = t.customerId !== null && t.customerId === reader.customerId;
  if (!reader.agent && !mine) throw forbidden();
  if (!reader.agent && t.locked) throw conflict('topic_locked');
  const values: Partial<store.TopicRow> = {};
  if (patch.title !== undefined) values.title = patch.title.trim();
  if (patch.body !== undefined) values.body = patch.body.trim();
  if (patch.tags !== undefined) values.tags = cleanTags(patch.tags);
  if (!reader.agent && (values.title !== undefined || values.body !== undefined)) {
    const flags = inspectText(`${values.title ?? t.title}\n${values.body ?? t.body}`, await officialFor(desk, requestHost)).flags;
    // A clean topic edited into a risky one goes back to review; a hidden one stays hidden.
    if (flags.length && t.state === 'published') Object.assign(values, { state: 'held', flags });
  }
  await store.updateTopic(desk.db, id, values);
  return getTopic(desk, p, id);
}

// ------------------------------------------------------------------------------------------ replies

export interface ReplyInput {
  body: string;
  /** Agents: knowledge-base article slugs shown under the reply. */
  articles?: string[];
  official?: boolean;
}

export async function createReply(
  desk: Desk,
  p: Principal | undefined,
  topicId: string,
  input: ReplyInput,
  options: { idempotencyKey?: string; requestHost?: string } = {},
): Promise<{ created: boolean; reply: ReplyView; topic: TopicView }> {
  const w = await writerOf(desk, p);
  const topic = await getTopic(desk, p, topicId);
  const key = options.idempotencyKey ? `${w.kind}:${w.customerId ?? w.agentId}:${options.idempotencyKey}` : null;
  if (key) {
    const existing = await store.replyByCreationKey(desk.db, key);
    if (existing) return { created: false, reply: await replyView(desk, p, existing.id), topic };
  }
  if (w.kind !== 'agent' && (topic.locked || topic.state !== 'published')) throw conflict('topic_locked');
  let articles: string[] = [];
  if (w.kind === 'agent' && input.articles?.length) {
    const found = await articleLinks(desk, input.articles, topic.locale as Locale);
    const missing = input.articles.filter((s) => !found.some((f) => f.slug === s));
    if (missing.length) throw unprocessable('unknown_related_article', { field: 'body.articles', slug: missing.join(', ') });
    articles = found.map((f) => f.slug);
  }
  const flags = await screen(desk, w, { body: input.body }, options.requestHost);
  const row = await store.insertReply(desk.db, {
    topicId,
    body: input.body.trim(),
    authorKind: w.kind,
    customerId: w.customerId,
    agentId: w.agentId,
    authorName: w.name,
    official: w.kind === 'agent' && Boolean(input.official),
    articles,
    state: flags.length ? 'held' : 'published',
    flags,
    creationKey: key,
  });
  const id = row?.id ?? (key ? (await store.replyByCreationKey(desk.db, key))?.id : undefined);
  if (!id) throw new Error('reply was not stored');
  await store.refreshReplyStats(desk.db, topicId);
  return { created: Boolean(row), reply: await replyView(desk, p, id), topic: await getTopic(desk, p, topicId) };
}

async function replyView(desk: Desk, p: Principal | undefined, id: string): Promise<ReplyView> {
  const row = await store.getReply(desk.db, id, readerOf(p));
  if (!row) throw notFound();
  const [view] = await presentReplies(desk, p, await getTopic(desk, p, row.topicId), [row]);
  return view;
}

export async function editReply(desk: Desk, p: Principal | undefined, id: string, body: string, requestHost?: string): Promise<ReplyView> {
  const reader = readerOf(p);
  const r = await store.getReply(desk.db, id, reader);
  if (!r) throw notFound();
  const mine = r.customerId !== null && r.customerId === reader.customerId;
  if (!reader.agent && !mine) throw forbidden();
  const topic = await store.getTopic(desk.db, r.topicId);
  if (!reader.agent && topic?.locked) throw conflict('topic_locked');
  const values: Partial<store.ReplyRow> = { body: body.trim() };
  if (!reader.agent) {
    const flags = inspectText(body, await officialFor(desk, requestHost)).flags;
    if (flags.length && r.state === 'published') Object.assign(values, { state: 'held', flags });
  }
  await store.updateReply(desk.db, id, values);
  await store.refreshReplyStats(desk.db, r.topicId);
  return replyView(desk, p, id);
}

/** Authors remove their own posts (kept hidden as a record, never deleted); agents use moderation. */
export async function removePost(desk: Desk, p: Principal | undefined, target: store.Target, id: string): Promise<void> {
  const reader = readerOf(p);
  const row = target === 'topic' ? await store.getTopic(desk.db, id, reader) : await store.getReply(desk.db, id, reader);
  if (!row) throw notFound();
  const mine = row.customerId !== null && row.customerId === reader.customerId;
  if (!reader.agent && !mine) throw forbidden();
  await moderateRaw(desk, target, id, 'hide', reader.agent ? `agent:${reader.agentId}` : `customer:${reader.customerId}`, mine ? 'removed by author' : null);
}

// ------------------------------------------------------------------------------------------ votes, answers, reports

export async function vote(desk: Desk, p: Principal | undefined, target: store.Target, id: string, value: -1 | 0 | 1): Promise<{ score: number; myVote: number }> {
  if (!p || p.kind === 'visitor') throw new AppError(p ? 403 : 401, 'sign_in_to_post');
  const reader = readerOf(p);
  const row = target === 'topic' ? await store.getTopic(desk.db, id, reader) : await store.getReply(desk.db, id, reader);
  if (!row || row.state !== 'published') throw notFound();
  const score = await store.setVote(desk.db, target, id, voterKeyOf(p), value);
  return { score, myVote: value };
}

/** The topic's author or staff mark the reply that solved it (null: none). */
export async function acceptAnswer(desk: Desk, p: Principal | undefined, topicId: string, replyId: string | null): Promise<TopicView> {
  const topic = await getTopic(desk, p, topicId);
  if (!topic.canAccept) throw forbidden();
  if (replyId) {
    const reply = await store.getReply(desk.db, replyId, readerOf(p));
    if (!reply || reply.topicId !== topicId || reply.state !== 'published') throw unprocessable('reply_not_in_topic');
  }
  await store.updateTopic(desk.db, topicId, { acceptedReplyId: replyId });
  return getTopic(desk, p, topicId);
}

export type ReportReason = store.ReportRow['reason'];

export async function report(
  desk: Desk,
  p: Principal | undefined,
  target: store.Target,
  id: string,
  reason: ReportReason,
  note?: string,
): Promise<{ held: boolean }> {
  if (!p || p.kind === 'visitor') throw new AppError(p ? 403 : 401, 'sign_in_to_post');
  const reader = readerOf(p);
  const row = target === 'topic' ? await store.getTopic(desk.db, id, reader) : await store.getReply(desk.db, id, reader);
  if (!row) throw notFound();
  const topicId = target === 'topic' ? id : (row as store.ReplyRow).topicId;
  const open = await store.addReport(desk.db, { targetKind: target, targetId: id, topicId, reporterKey: voterKeyOf(p), reason, note: note?.trim() || null });
  // Reports from several people (or one from staff) take a post out of view until a moderator decides.
  if (row.state === 'published' && (open >= REPORTS_TO_HOLD || reader.agent)) {
    const flags = [...new Set([...row.flags, 'reported'])];
    if (target === 'topic') await store.updateTopic(desk.db, id, { state: 'held', flags });
    else {
      await store.updateReply(desk.db, id, { state: 'held', flags });
      await store.refreshReplyStats(desk.db, topicId);
    }
    await store.logModeration(desk.db, target, id, 'held_by_reports', 'system', `${open} open reports`);
    return { held: true };
  }
  return { held: row.state !== 'published' };
}

// ------------------------------------------------------------------------------------------ moderation

export const topicActions = ['pin', 'unpin', 'lock', 'unlock', 'hide', 'unhide', 'approve'] as const;
export const replyActions = ['hide', 'unhide', 'approve'] as const;
export type ModerationAction = (typeof topicActions)[number];

async function moderateRaw(desk: Desk, target: store.Target, id: string, action: ModerationAction, actor: string, note: string | null): Promise<void> {
  const values: Record<string, unknown> = {};
  if (action === 'pin') values.pinned = true;
  if (action === 'unpin') values.pinned = false;
  if (action === 'lock') values.locked = true;
  if (action === 'unlock') values.locked = false;
  if (action === 'hide') values.state = 'hidden';
  if (action === 'unhide' || action === 'approve') values.state = 'published';
  if (target === 'topic') await store.updateTopic(desk.db, id, values as Partial<store.TopicRow>);
  else {
    const row = await store.updateReply(desk.db, id, values as Partial<store.ReplyRow>);
    if (row) {
      await store.refreshReplyStats(desk.db, row.topicId);
      // A hidden answer cannot stay the accepted one.
      const topic = await store.getTopic(desk.db, row.topicId);
      if (action === 'hide' && topic?.acceptedReplyId === id) await store.updateTopic(desk.db, row.topicId, { acceptedReplyId: null });
    }
  }
  if (action === 'hide' || action === 'approve' || action === 'unhide') await store.resolveReports(desk.db, target, id, actor);
  await store.logModeration(desk.db, target, id, action, actor, note);
}

export async function moderate(desk: Desk, p: Principal | undefined, target: store.Target, id: string, action: ModerationAction, note?: string): Promise<void> {
  if (!isAgent(p)) throw forbidden();
  if (target === 'reply' && !(replyActions as readonly string[]).includes(action)) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.action', message: 'replies can be hidden, unhidden or approved' }]);
  const row = target === 'topic' ? await store.getTopic(desk.db, id) : await store.getReply(desk.db, id);
  if (!row) throw notFound();
  await moderateRaw(desk, target, id, action, `agent:${p.agentId}`, note?.trim() || null);
}

export interface QueueItem {
  kind: store.Target;
  id: string;
  topicId: string;
  locale: string;
  title: string;
  excerpt: string;
  state: PostState;
  flags: string[];
  author: string;
  reports: { reason: string; note: string | null; createdAt: string }[];
  url: string;
  createdAt: string;
}

/** Held posts and posts with open reports, oldest first: what moderators look at. */
export async function moderationQueue(desk: Desk, p: Principal | undefined): Promise<QueueItem[]> {
  if (!isAgent(p)) throw forbidden();
  const [held, reports] = await Promise.all([store.heldPosts(desk.db, 200), store.openReports(desk.db, 500)]);
  const items = new Map<string, QueueItem>();
  const topicsById = new Map<string, store.TopicRow>();
  const topicOf = async (id: string) => {
    if (!topicsById.has(id)) {
      const t = await store.getTopic(desk.db, id);
      if (t) topicsById.set(id, t);
    }
    return topicsById.get(id);
  };
  const add = async (kind: store.Target, row: store.TopicRow | store.ReplyRow) => {
    const topic = kind === 'topic' ? (row as store.TopicRow) : await topicOf((row as store.ReplyRow).topicId);
    if (!topic) return;
    items.set(`${kind}:${row.id}`, {
      kind,
      id: row.id,
      topicId: topic.id,
      locale: topic.locale,
      title: topic.title,
      excerpt: excerpt(row.body, 300),
      state: row.state,
      flags: row.flags,
      author: row.authorName,
      reports: [],
      url: `${topicPath(topic.locale, topic.id)}${kind === 'reply' ? `#reply-${row.id}` : ''}`,
      createdAt: row.createdAt.toISOString(),
    });
  };
  for (const t of held.topics) await add('topic', t);
  for (const r of held.replies) await add('reply', r);
  for (const r of reports) {
    const key = `${r.targetKind}:${r.targetId}`;
    if (!items.has(key)) {
      const row = r.targetKind === 'topic' ? await store.getTopic(desk.db, r.targetId) : await store.getReply(desk.db, r.targetId);
      if (row) await add(r.targetKind, row);
    }
    items.get(key)?.reports.push({ reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString() });
  }
  return [...items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

// ------------------------------------------------------------------------------------------ topic → case

/**
 * Opens a support case for the topic's author, on channel "forum", with the topic's text and address; the topic
 * remembers the case (and shows that one was opened), the case's first message carries the topic URL. Once per topic.
 */
export async function openCaseFromTopic(desk: Desk, p: Principal | undefined, topicId: string, origin: string): Promise<{ created: boolean; caseId: string; reference: string; topic: TopicView }> {
  if (!isAgent(p)) throw forbidden();
  const t = await store.getTopic(desk.db, topicId);
  if (!t) throw notFound();
  if (t.caseId && t.caseReference) return { created: false, caseId: t.caseId, reference: t.caseReference, topic: await getTopic(desk, p, topicId) };
  if (!t.customerId) throw unprocessable('topic_has_no_customer');
  const url = `${origin}${topicPath(t.locale, t.id)}`;
  const customer: Principal = { kind: 'customer', customerId: t.customerId, locale: t.locale as Locale, sessionId: 'forum' };
  const result = await createCase(desk, customer, {
    subject: t.title.slice(0, 200),
    channel: 'forum',
    viaChannel: true,
    locale: t.locale,
    tags: ['forum'],
    idempotencyKey: `forum-topic:${t.id}`,
    message: { body: `${t.title}\n\n${t.body}\n\n${url}`, clientMessageId: `forum-topic-${t.id}` },
    messageMetadata: { source: 'forum', forumTopicId: t.id, forumTopicUrl: url, openedBy: p.agentId },
  });
  const linked = await store.linkCase(desk.db, t.id, result.case.id, result.case.reference);
  if (linked) await store.logModeration(desk.db, 'topic', t.id, 'case_opened', `agent:${p.agentId}`, result.case.reference);
  const fresh = await store.getTopic(desk.db, t.id);
  return { created: linked, caseId: fresh!.caseId!, reference: fresh!.caseReference!, topic: await getTopic(desk, p, topicId) };
}
