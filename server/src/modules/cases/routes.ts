import { z } from 'zod';
import { requireAgent, requirePrincipal } from '../../kernel/auth.js';
import { maxUploadBytes } from '../../kernel/config.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { appErrorBody, requestLocale } from '../../kernel/http.js';
import { canonicalTimeZone } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { visibleText } from '../../kernel/text.js';
import { getAgent } from '../identity/service.js';
import { caseContext } from './context.js';
import { readableAttachment, storeUpload } from './attachments.js';
import { mergeCase } from './merge.js';
import { caseChannels, casePriorities, caseStatuses } from './schema.js';
import * as cases from './service.js';
import { buildTranscript, transcriptHtml } from './transcript.js';
import { caseShownTo, caseView, historyShownTo, messageShownTo } from './views.js';

const id = z.string().min(1).max(100);
const body = z
  .string()
  .max(20_000)
  .refine((v) => visibleText(v).length > 0, 'must contain some text');
const clientMessageId = z.string().trim().min(1).max(200);
const category = z.string().regex(/^[a-z_]{2,40}$/, 'an intent id from the taxonomy, or other');
const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();
// Diagnostics: a flat-ish record the client reports; bounded so a hostile client cannot store megabytes.
const diagnostics = z
  .record(z.string().max(64), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 8192, 'at most 8 KB')
  .optional();

const attachment = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), url: z.string() });
export const messageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  seq: z.number().int(),
  author: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  body: z.string(),
  internal: z.boolean(),
  clientMessageId: z.string(),
  channel: z.string(),
  deliveryStatus: z.string(),
  deliveryError: z.string().nullable(),
  attachments: z.array(attachment),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export const caseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  subject: z.string().nullable(),
  status: z.enum(caseStatuses),
  priority: z.enum(casePriorities),
  category: z.string(),
  channel: z.enum(caseChannels),
  language: z.string(),
  customerId: z.string().nullable(),
  visitorId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  transactionRef: z.string().nullable(),
  messageCount: z.number().int(),
  device: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string(),
  waitingSince: z.string().nullable(),
  withAssistant: z.boolean(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export async function caseRoutes(http: SapaHttp, desk: Desk) {
  http.post('/cases', {
    schema: {
      tags: ['cases'],
      summary: 'Open a case with its first message (idempotent on message.clientMessageId or Idempotency-Key)',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
      body: z.strictObject({
        subject: z.string().trim().max(300).optional(),
        category: category.optional(),
        channel: z.enum(caseChannels).optional(),
        priority: z.enum(casePriorities).optional(),
        locale: z.string().max(20).optional(),
        message: z.strictObject({ body, clientMessageId, attachmentIds: z.array(id).max(20).optional() }),
        transactionRef: z.string().trim().max(100).optional(),
        diagnostics,
        customerId: id.optional(),
        tags: z.array(z.string().max(50)).max(20).optional(),
      }),
      response: { 200: caseSchema.extend({ message: messageSchema }), 201: caseSchema.extend({ message: messageSchema }) },
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    // Tags are the team's labels (and `handoff` / `assistant` steer the queue): only agents set them, as priority.
    const tags = p.kind === 'agent' ? req.body.tags : undefined;
    const result = await cases.createCase(desk, p, { ...req.body, tags, idempotencyKey: req.headers['idempotency-key'] });
    return reply.status(result.created ? 201 : 200).send({ ...caseShownTo(p, result.case), message: messageShownTo(p, result.message) });
  });

  http.get('/cases', {
    schema: {
      tags: ['cases'],
      summary: 'List cases: a customer sees their own; agents see all, with filters',
      querystring: z.object({
        status: listOf(z.enum(caseStatuses)),
        channel: listOf(z.enum(caseChannels)),
        category: listOf(category),
        language: z.string().max(10).optional(),
        assignee: z.string().max(100).optional().describe('an agent id, "me" or "unassigned"'),
        customerId: id.optional(),
        holder: z.enum(['assistant', 'people']).optional().describe('agents: "assistant" for cases the assistant is still answering alone, "people" for the rest (the queue)'),
        q: z.string().max(200).optional(),
        sort: z.enum(['recent', 'waiting', 'created']).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
        cursor: z.string().max(300).optional(),
      }),
      response: { 200: z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    const page = await cases.listCases(desk, p, req.query);
    return { ...page, items: page.items.map((c) => caseShownTo(p, c)) };
  });

  http.get('/cases/:id', {
    schema: { tags: ['cases'], summary: 'A case (owner or agent); the owner’s copy has no tags, which are the team’s labels', params: z.object({ id }), response: { 200: caseSchema } },
  }, async (req) => {
    const p = requirePrincipal(req);
    return caseShownTo(p, caseView(await cases.getCase(desk, p, req.params.id)));
  });

  http.patch('/cases/:id', {
    schema: {
      tags: ['cases'],
      summary: 'Change status, assignee, priority, category or tags (agents); 409 case_merged for a duplicate merged into another case (its conversation continues there)',
      params: z.object({ id }),
      body: z.strictObject({
        status: z.enum(caseStatuses).optional(),
        assigneeId: id.nullable().optional(),
        priority: z.enum(casePriorities).optional(),
        category: category.optional(),
        tags: z.array(z.string().max(50)).max(20).optional(),
        subject: z.string().trim().max(300).optional(),
        language: z.enum(['zh-CN', 'id-ID', 'en']).optional(),
        transactionRef: z.string().trim().max(100).nullable().optional(),
      }),
      response: { 200: caseSchema },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    if (p.kind !== 'agent') {
      // Not an agent: a case that is not theirs stays invisible (404); their own case is forbidden to change.
      await cases.getCase(desk, p, req.params.id);
      throw new AppError(403, 'forbidden');
    }
    if (req.body.assigneeId) {
      const agent = await getAgent(desk, req.body.assigneeId);
      if (!agent || !agent.active) throw new AppError(422, 'unknown_assignee');
    }
    return cases.changeCase(desk, p, req.params.id, req.body);
  });

  http.post('/cases/bulk', {
    schema: {
      tags: ['cases'],
      summary:
        'Change many cases at once (agents): status, assignee, priority, category, tags added or removed; each case is changed and recorded as by PATCH /cases/:id, and a case that cannot be (not found, merged into another) is listed with its error while the others change',
      body: z.strictObject({
        ids: z.array(id).min(1).max(100),
        change: z
          .strictObject({
            status: z.enum(caseStatuses).optional(),
            assigneeId: id.nullable().optional(),
            priority: z.enum(casePriorities).optional(),
            category: category.optional(),
            addTags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
            removeTags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
          })
          .refine((c) => Object.values(c).some((v) => v !== undefined), 'name at least one change'),
      }),
      response: { 200: z.object({ updated: z.array(caseSchema), failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string(), details: z.unknown().optional() })) }) },
    },
  }, async (req) => {
    const agent = requireAgent(req);
    if (req.body.change.assigneeId) {
      const assignee = await getAgent(desk, req.body.change.assigneeId);
      if (!assignee || !assignee.active) throw new AppError(422, 'unknown_assignee');
    }
    const result = await cases.updateCases(desk, agent, req.body.ids, req.body.change);
    const locale = requestLocale(req);
    return { updated: result.updated, failed: result.failed.map((f) => ({ id: f.id, ...appErrorBody(locale, f.error).error })) };
  });

  http.post('/cases/:id/merge', {
    schema: {
      tags: ['cases'],
      summary: 'Merge a duplicate case into another of the same customer (agents): the duplicate keeps its record, tells the customer where the conversation continues, and is closed; the other gets a note linking them',
      params: z.object({ id }),
      body: z.strictObject({ intoCaseId: id }),
      response: { 200: z.object({ case: caseSchema, merged: caseSchema }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    if (p.kind !== 'agent') {
      await cases.getCase(desk, p, req.params.id);
      throw new AppError(403, 'forbidden');
    }
    return mergeCase(desk, p, req.params.id, req.body.intoCaseId);
  });

  http.get('/cases/:id/messages', {
    schema: {
      tags: ['cases'],
      summary: 'Messages after a seq, ascending (internal notes only for agents; the owner’s copy keeps only the metadata meant for customers)',
      params: z.object({ id }),
      querystring: z.object({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ items: z.array(messageSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => cases.listCaseMessages(desk, requirePrincipal(req), req.params.id, req.query.afterSeq, req.query.limit));

  http.post('/cases/:id/messages', {
    schema: {
      tags: ['cases'],
      summary: 'Post a message; the same clientMessageId again returns the original (200)',
      params: z.object({ id }),
      body: z.strictObject({ body, clientMessageId, attachmentIds: z.array(id).max(20).optional(), internal: z.boolean().optional() }),
      response: { 200: messageSchema, 201: messageSchema },
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const result = await cases.postMessage(desk, p, req.params.id, req.body);
    return reply.status(result.created ? 201 : 200).send(messageShownTo(p, result.message));
  });

  http.get('/cases/:id/history', {
    schema: {
      tags: ['cases'],
      summary: 'Status and assignment history; the owner sees changes to what their copy shows, merges and complaint steps, not tags or the team’s alarms',
      params: z.object({ id }),
      response: { 200: z.object({ items: z.array(z.object({ type: z.string(), from: z.string().nullable(), to: z.string().nullable(), actorKind: z.string(), actorId: z.string().nullable(), at: z.string() })) }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    await cases.getCase(desk, p, req.params.id);
    const events = (await cases.caseHistory(desk, req.params.id)).filter((e) => historyShownTo(p, e.type));
    return { items: events.map((e) => ({ type: e.type, from: e.fromValue, to: e.toValue, actorKind: e.actorKind, actorId: e.actorId, at: e.createdAt.toISOString() })) };
  });

  http.get('/cases/:id/transcript', {
    schema: {
      tags: ['cases'],
      summary: 'The full record of a case as JSON or a printable HTML page',
      params: z.object({ id }),
      // `locale` and `tz` are declared so the parsed query keeps them: the customer's transcript comes in their
      // language and their time zone.
      querystring: z.object({
        format: z.enum(['json', 'html']).default('json'),
        download: z.enum(['0', '1']).optional(),
        locale: z.string().max(20).optional(),
        tz: z
          .string()
          .max(64)
          .refine((v) => canonicalTimeZone(v) !== undefined, 'an IANA time zone, such as Asia/Jakarta')
          .optional()
          .describe('the time zone of the HTML page; else the one the customer’s device reported, else SAPA_TIMEZONE'),
      }),
    },
  }, async (req, reply) => {
    const transcript = await buildTranscript(desk, requirePrincipal(req), req.params.id, req.query.tz);
    const name = `sapa-${transcript.case.reference}`;
    if (req.query.download === '1') reply.header('content-disposition', `attachment; filename="${name}.${req.query.format}"`);
    if (req.query.format === 'html') {
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .send(transcriptHtml(transcript, requestLocale(req)));
    }
    return transcript;
  });

  http.get('/cases/:id/context', {
    schema: { tags: ['cases'], summary: 'The customer panel: identity, wallet account, transactions, other cases (agents)', params: z.object({ id }) },
  }, async (req) => caseContext(desk, requireAgent(req), req.params.id));

  http.post('/attachments', {
    schema: {
      tags: ['attachments'],
      summary: 'Upload a file (multipart field "file"); type is detected from the bytes',
      consumes: ['multipart/form-data'],
      response: { 201: attachment.omit({ url: true }).extend({ url: z.string() }) },
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type');
    const file = await req.file({ limits: { fileSize: maxUploadBytes(desk.config), files: 1 } });
    if (!file) throw new AppError(400, 'invalid_input', undefined, [{ field: 'file', message: 'a file is required' }]);
    const view = await storeUpload(desk, p, file.file, file.filename, maxUploadBytes(desk.config));
    return reply.status(201).send(view);
  });

  http.get('/attachments/:id', {
    schema: { tags: ['attachments'], summary: 'Download an attachment (owner of the case, or agents)', params: z.object({ id }) },
  }, async (req, reply) => {
    const row = await readableAttachment(desk, requirePrincipal(req), req.params.id);
    const stream = await desk.files.get(row.storageKey);
    const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf';
    return reply
      .type(row.mime === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime)
      .header('content-length', String(row.size))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('x-sha256', row.sha256)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .send(stream);
  });
}
