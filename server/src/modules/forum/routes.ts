import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { requestLocale } from '../../kernel/http.js';
import { toLocale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { publicOrigin } from '../helpcenter/layout.js';
import * as forum from './service.js';

const topicId = z.string().min(1).max(40);
const replyId = z.string().min(1).max(60);
const title = z.string().trim().min(5).max(150);
const body = z.string().trim().min(2).max(10_000);
const tags = z.array(z.string().trim().min(1).max(30)).max(5);
const idempotency = z.object({ 'idempotency-key': z.string().max(200).optional() });
const state = z.enum(['published', 'held', 'hidden']);

const author = z.object({ kind: z.enum(['customer', 'agent']), name: z.string(), staff: z.boolean(), you: z.boolean() });
const topicSummary = z.object({
  id: z.string(),
  locale: z.string(),
  title: z.string(),
  excerpt: z.string(),
  tags: z.array(z.string()),
  author,
  official: z.boolean(),
  state: state.describe('held: waiting for a moderator (only the author and agents see it); hidden: removed by staff'),
  flags: z.array(z.string()).describe('why the guard held it: phone_number, unofficial_link, asks_for_secret, new_account_link, repeated_content, reported'),
  pinned: z.boolean(),
  locked: z.boolean(),
  answered: z.boolean(),
  score: z.number().int(),
  replyCount: z.number().int(),
  hasCase: z.boolean(),
  url: z.string(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
const topicView = topicSummary.extend({
  body: z.string(),
  html: z.string(),
  acceptedReplyId: z.string().nullable(),
  caseReference: z.string().nullable(),
  caseId: z.string().nullable(),
  myVote: z.number().int(),
  canEdit: z.boolean(),
  canAccept: z.boolean(),
});
const replyView = z.object({
  id: z.string(),
  topicId: z.string(),
  body: z.string(),
  html: z.string(),
  author,
  official: z.boolean(),
  accepted: z.boolean(),
  state,
  flags: z.array(z.string()),
  score: z.number().int(),
  articles: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string() })),
  myVote: z.number().int(),
  createdAt: z.string(),
});
const voteResult = z.object({ score: z.number().int(), myVote: z.number().int() });
const reportBody = z.strictObject({ reason: z.enum(['spam', 'phishing', 'abuse', 'off_topic', 'other']), note: z.string().trim().max(500).optional() });

const decodeCursor = (cursor: string | undefined) => {
  const n = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

export async function forumRoutes(http: SapaHttp, desk: Desk) {
  const tag = ['community forum'];

  http.get('/forum/topics', {
    schema: {
      tags: tag,
      summary: 'Topics, latest activity first (pinned on top), most voted, or unanswered; by tag or words',
      querystring: z.object({
        locale: z.string().max(20).optional(),
        sort: z.enum(['latest', 'top', 'unanswered']).default('latest'),
        tag: z.string().max(30).optional(),
        q: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().max(40).optional(),
      }),
      response: { 200: z.object({ items: z.array(topicSummary), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const offset = decodeCursor(req.query.cursor);
    const { items, more } = await forum.listTopics(desk, req.principal, { ...req.query, locale: toLocale(req.query.locale), offset });
    return { items, nextCursor: more ? Buffer.from(String(offset + items.length)).toString('base64url') : null };
  });

  http.post('/forum/topics', {
    schema: {
      tags: tag,
      summary: 'Start a topic (signed in). Posts with unofficial phone numbers or links, or asking for codes, are held for review',
      headers: idempotency,
      body: z.strictObject({ locale: z.string().max(20).optional(), title, body, tags: tags.optional(), official: z.boolean().optional() }),
      response: { 200: topicView, 201: topicView },
    },
  }, async (req, reply) => {
    const result = await forum.createTopic(desk, req.principal, { ...req.body, locale: toLocale(req.body.locale) ?? requestLocale(req) }, {
      idempotencyKey: req.headers['idempotency-key'],
      requestHost: req.host,
    });
    return reply.status(result.created ? 201 : 200).send(result.topic);
  });

  http.get('/forum/topics/:id', {
    schema: {
      tags: tag,
      summary: 'A topic with its replies',
      params: z.object({ id: topicId }),
      response: { 200: z.object({ topic: topicView, replies: z.array(replyView) }) },
    },
  }, async (req) => {
    const topic = await forum.getTopic(desk, req.principal, req.params.id);
    return { topic, replies: await forum.getReplies(desk, req.principal, topic) };
  });

  http.patch('/forum/topics/:id', {
    schema: {
      tags: tag,
      summary: 'Edit a topic (its author while unlocked, or an agent)',
      params: z.object({ id: topicId }),
      body: z.strictObject({ title: title.optional(), body: body.optional(), tags: tags.optional() }),
      response: { 200: topicView },
    },
  }, async (req) => forum.editTopic(desk, req.principal, req.params.id, req.body, req.host));

  http.delete('/forum/topics/:id', {
    schema: { tags: tag, summary: 'Remove a topic (its author, or an agent); it is kept hidden as a record', params: z.object({ id: topicId }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await forum.removePost(desk, req.principal, 'topic', req.params.id);
    return reply.status(204).send(null);
  });

  http.post('/forum/topics/:id/replies', {
    schema: {
      tags: tag,
      summary: 'Reply to a topic (signed in); agents may link knowledge-base articles and mark the reply official',
      params: z.object({ id: topicId }),
      headers: idempotency,
      body: z.strictObject({ body, articles: z.array(z.string().max(100)).max(5).optional(), official: z.boolean().optional() }),
      response: { 200: z.object({ reply: replyView }), 201: z.object({ reply: replyView }) },
    },
  }, async (req, reply) => {
    const result = await forum.createReply(desk, req.principal, req.params.id, req.body, { idempotencyKey: req.headers['idempotency-key'], requestHost: req.host });
    return reply.status(result.created ? 201 : 200).send({ reply: result.reply });
  });

  http.patch('/forum/replies/:id', {
    schema: { tags: tag, summary: 'Edit a reply (its author while the topic is unlocked, or an agent)', params: z.object({ id: replyId }), body: z.strictObject({ body }), response: { 200: replyView } },
  }, async (req) => forum.editReply(desk, req.principal, req.params.id, req.body.body, req.host));

  http.delete('/forum/replies/:id', {
    schema: { tags: tag, summary: 'Remove a reply (its author, or an agent); kept hidden as a record', params: z.object({ id: replyId }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await forum.removePost(desk, req.principal, 'reply', req.params.id);
    return reply.status(204).send(null);
  });

  const voteBody = z.strictObject({ value: z.union([z.literal(1), z.literal(0), z.literal(-1)]) });
  http.post('/forum/topics/:id/votes', {
    schema: { tags: tag, summary: 'Vote on a topic: 1 up, -1 down, 0 clear (one vote per account)', params: z.object({ id: topicId }), body: voteBody, response: { 200: voteResult } },
  }, async (req) => forum.vote(desk, req.principal, 'topic', req.params.id, req.body.value));
  http.post('/forum/replies/:id/votes', {
    schema: { tags: tag, summary: 'Vote on a reply: 1 up, -1 down, 0 clear (one vote per account)', params: z.object({ id: replyId }), body: voteBody, response: { 200: voteResult } },
  }, async (req) => forum.vote(desk, req.principal, 'reply', req.params.id, req.body.value));

  http.post('/forum/topics/:id/accept', {
    schema: {
      tags: tag,
      summary: 'Mark the reply that answered the topic (the topic’s author or an agent); replyId null clears it',
      params: z.object({ id: topicId }),
      body: z.strictObject({ replyId: replyId.nullable() }),
      response: { 200: topicView },
    },
  }, async (req) => forum.acceptAnswer(desk, req.principal, req.params.id, req.body.replyId));

  http.post('/forum/topics/:id/reports', {
    schema: { tags: tag, summary: 'Report a topic; several reports hold it for review', params: z.object({ id: topicId }), body: reportBody, response: { 202: z.object({ held: z.boolean() }) } },
  }, async (req, reply) => reply.status(202).send(await forum.report(desk, req.principal, 'topic', req.params.id, req.body.reason, req.body.note)));
  http.post('/forum/replies/:id/reports', {
    schema: { tags: tag, summary: 'Report a reply; several reports hold it for review', params: z.object({ id: replyId }), body: reportBody, response: { 202: z.object({ held: z.boolean() }) } },
  }, async (req, reply) => reply.status(202).send(await forum.report(desk, req.principal, 'reply', req.params.id, req.body.reason, req.body.note)));

  const note = z.string().trim().max(500).optional();
  http.post('/forum/topics/:id/moderation', {
    schema: {
      tags: tag,
      summary: 'Moderate a topic (agents): pin, unpin, lock, unlock, hide, unhide, approve a held topic',
      params: z.object({ id: topicId }),
      body: z.strictObject({ action: z.enum(forum.topicActions), note }),
      response: { 200: topicView },
    },
  }, async (req) => {
    await forum.moderate(desk, req.principal, 'topic', req.params.id, req.body.action, req.body.note);
    return forum.getTopic(desk, req.principal, req.params.id);
  });
  http.post('/forum/replies/:id/moderation', {
    schema: {
      tags: tag,
      summary: 'Moderate a reply (agents): hide, unhide, approve a held reply',
      params: z.object({ id: replyId }),
      body: z.strictObject({ action: z.enum(forum.replyActions), note }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await forum.moderate(desk, req.principal, 'reply', req.params.id, req.body.action, req.body.note);
    return reply.status(204).send(null);
  });

  http.get('/forum/moderation/queue', {
    schema: {
      tags: tag,
      summary: 'Held posts and posts with open reports, oldest first (agents)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              kind: z.enum(['topic', 'reply']),
              id: z.string(),
              topicId: z.string(),
              locale: z.string(),
              title: z.string(),
              excerpt: z.string(),
              state,
              flags: z.array(z.string()),
              author: z.string(),
              reports: z.array(z.object({ reason: z.string(), note: z.string().nullable(), createdAt: z.string() })),
              url: z.string(),
              createdAt: z.string(),
            }),
          ),
        }),
      },
    },
  }, async (req) => ({ items: await forum.moderationQueue(desk, req.principal) }));

  http.post('/forum/topics/:id/case', {
    schema: {
      tags: tag,
      summary: 'Open a support case for the topic’s author (agents), channel "forum"; the case records the topic URL, the topic shows that a case was opened',
      params: z.object({ id: topicId }),
      response: {
        200: z.object({ caseId: z.string(), reference: z.string(), topic: topicView }),
        201: z.object({ caseId: z.string(), reference: z.string(), topic: topicView }),
      },
    },
  }, async (req, reply) => {
    const result = await forum.openCaseFromTopic(desk, req.principal, req.params.id, publicOrigin(desk, req));
    return reply.status(result.created ? 201 : 200).send({ caseId: result.caseId, reference: result.reference, topic: result.topic });
  });

  http.get('/forum/tags', {
    schema: {
      tags: tag,
      summary: 'The most used tags in one language',
      querystring: z.object({ locale: z.string().max(20).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ tag: z.string(), count: z.number().int() })) }) },
    },
  }, async (req) => ({ items: await forum.popularTags(desk, toLocale(req.query.locale) ?? requestLocale(req)) }));

  const official = z.object({ domains: z.array(z.string()), phones: z.array(z.string()) });
  http.get('/forum/settings', {
    schema: { tags: tag, summary: 'Official domains and phone numbers the phishing guard lets through (agents)', response: { 200: official } },
  }, async (req) => {
    requireAgent(req);
    return forum.officialChannels(desk);
  });
  http.put('/forum/settings', {
    schema: {
      tags: tag,
      summary: 'Set the official domains and phone numbers (supervisors)',
      body: z.strictObject({ domains: z.array(z.string().trim().min(1).max(200)).max(50), phones: z.array(z.string().trim().min(3).max(30)).max(50) }),
      response: { 200: official },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return forum.setOfficialChannels(desk, req.body);
  });
}

