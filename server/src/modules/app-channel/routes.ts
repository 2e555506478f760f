import { z } from 'zod';
import { maxUploadBytes } from '../../kernel/config.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { visibleText } from '../../kernel/text.js';
import { readableAttachment } from '../cases/attachments.js';
import { getMessageRow, systemPrincipal } from '../cases/service.js';
import { reportDeliveryOfMessage } from '../channels/service.js';
import { receiveAppMessage, validLink, verifySigned } from './service.js';

const messageBody = z.strictObject({
  customerRef: z.string().trim().min(1).max(200),
  text: z.string().max(20_000).refine((v) => visibleText(v).length > 0, 'must contain some text'),
  externalId: z.string().trim().min(1).max(200),
  attachments: z
    .array(z.strictObject({ filename: z.string().max(200).optional(), contentBase64: z.string().min(1).regex(/^[A-Za-z0-9+/=\s]+$/, 'base64') }))
    .max(5)
    .optional(),
  customer: z.strictObject({ name: z.string().max(200).optional(), email: z.string().email().max(254).optional(), phone: z.string().max(30).optional(), locale: z.string().max(20).optional() }).optional(),
  locale: z.string().max(20).optional(),
});
const receiptBody = z.strictObject({ messageId: z.string().min(1).max(100), status: z.enum(['delivered', 'read']) });
const result = z.object({ caseId: z.string(), reference: z.string(), messageId: z.string(), seq: z.number(), duplicate: z.boolean() });

function parse<T>(schema: z.ZodType<T>, raw: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError(400, 'invalid_json');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError(400, 'invalid_input', undefined, parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
  return parsed.data;
}

export async function appChannelRoutes(http: SapaHttp, desk: Desk) {
  // Signed routes verify the exact bytes the app's backend sent, so they keep the raw body.
  await http.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 3 * maxUploadBytes(desk.config) }, (_req, body, done) => done(null, body));
    const verified = (req: { body: unknown; headers: Record<string, string | string[] | undefined> }) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const ts = req.headers['x-sapa-timestamp'];
      const sig = req.headers['x-sapa-signature'];
      if (!verifySigned(desk.config.SAPA_APP_WEBHOOK_SECRET, raw, typeof ts === 'string' ? ts : undefined, typeof sig === 'string' ? sig : undefined)) {
        throw new AppError(401, 'invalid_signature');
      }
      return raw;
    };

    scope.post('/channels/app/messages', {
      config: { csrf: false },
      bodyLimit: 3 * maxUploadBytes(desk.config),
      schema: {
        tags: ['channels'],
        summary: "The wallet app's backend posts a customer's in-app chat message (signed: X-Sapa-Timestamp, X-Sapa-Signature); idempotent on externalId",
        response: { 200: result, 201: result },
      },
    }, async (req, reply) => {
      const input = parse(messageBody, verified(req));
      const stored = await receiveAppMessage(desk, input);
      return reply.status(stored.duplicate ? 200 : 201).send(stored);
    });

    scope.post('/channels/app/receipts', {
      config: { csrf: false },
      schema: {
        tags: ['channels'],
        summary: 'The app reports that a reply was delivered to or read by the customer (signed like messages)',
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    }, async (req) => {
      const input = parse(receiptBody, verified(req));
      const message = await getMessageRow(desk, input.messageId);
      if (!message || message.channel !== 'app') throw notFound();
      return { ok: await reportDeliveryOfMessage(desk, 'app', input.messageId, input.status) };
    });
  });

  http.get('/channels/app/attachments/:id', {
    schema: {
      tags: ['channels'],
      summary: 'Download an attachment of a reply through the signed, expiring link sent in the app webhook',
      params: z.object({ id: z.string().min(1).max(100) }),
      querystring: z.object({ expires: z.coerce.number().int(), signature: z.string().regex(/^[0-9a-f]{64}$/) }),
    },
  }, async (req, reply) => {
    if (!validLink(desk, req.params.id, req.query.expires, req.query.signature)) throw notFound();
    const row = await readableAttachment(desk, systemPrincipal, req.params.id);
    return reply
      .type(row.mime === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime)
      .header('content-length', String(row.size))
      .header('x-content-type-options', 'nosniff')
      .header('x-sha256', row.sha256)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .send(await desk.files.get(row.storageKey));
  });
}
