import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError, unavailable } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { GraphError, handleWebhook, validSignature, type WaWebhook } from './service.js';

// The shape Sapa relies on (arrays it walks, ids it keys on); anything else in the payload passes through untouched.
const media = z.object({ id: z.string().min(1).max(300) }).passthrough();
const waMessage = z
  .object({
    from: z.string().regex(/^\d{5,20}$/),
    id: z.string().min(1).max(300),
    timestamp: z.string().regex(/^\d{1,12}$/).optional(),
    type: z.string().max(50),
    text: z.object({ body: z.string().max(65_536) }).passthrough().optional(),
    image: media.optional(),
    document: media.optional(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).passthrough().optional(),
    contacts: z.array(z.object({ phones: z.array(z.object({}).passthrough()).optional() }).passthrough()).optional(),
  })
  .passthrough();
const webhookShape = z
  .object({
    entry: z
      .array(
        z
          .object({
            changes: z
              .array(
                z
                  .object({
                    field: z.string().optional(),
                    value: z
                      .object({
                        metadata: z.object({ phone_number_id: z.string().optional() }).passthrough().optional(),
                        contacts: z.array(z.object({ wa_id: z.string().optional() }).passthrough()).optional(),
                        messages: z.array(waMessage).optional(),
                        statuses: z.array(z.object({ id: z.string().min(1), status: z.string(), errors: z.array(z.object({}).passthrough()).optional() }).passthrough()).optional(),
                      })
                      .passthrough()
                      .optional(),
                  })
                  .passthrough(),
              )
              .optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();

export async function whatsappRoutes(http: SapaHttp, desk: Desk) {
  http.get('/channels/whatsapp/webhook', {
    schema: {
      tags: ['channels'],
      summary: 'WhatsApp Cloud API webhook verification: echoes hub.challenge when hub.verify_token matches',
      querystring: z.object({ 'hub.mode': z.string().optional(), 'hub.verify_token': z.string().optional(), 'hub.challenge': z.string().max(200).optional() }),
    },
  }, async (req, reply) => {
    const expected = desk.config.SAPA_WHATSAPP_VERIFY_TOKEN;
    const q = req.query;
    if (!expected || q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== expected || q['hub.challenge'] === undefined) {
      throw new AppError(403, 'forbidden');
    }
    return reply.type('text/plain; charset=utf-8').send(q['hub.challenge']);
  });

  // The signature covers the exact bytes Meta sent, so this route keeps the raw body instead of parsed JSON.
  await http.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/channels/whatsapp/webhook', {
      config: { csrf: false },
      schema: {
        tags: ['channels'],
        summary: 'WhatsApp Cloud API webhook (X-Hub-Signature-256 required): messages and delivery statuses',
        response: { 200: z.object({ ok: z.boolean(), messages: z.number(), statuses: z.number() }) },
      },
    }, async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers['x-hub-signature-256'];
      if (!validSignature(desk.config.SAPA_WHATSAPP_APP_SECRET, raw, typeof header === 'string' ? header : undefined)) {
        throw new AppError(401, 'invalid_signature');
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError(400, 'invalid_json');
      }
      const parsed = webhookShape.safeParse(json);
      if (!parsed.success) throw new AppError(400, 'invalid_input', undefined, parsed.error.issues.slice(0, 10).map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
      const payload = parsed.data as WaWebhook;
      // A failure to store (database, media download) answers 5xx, and Meta delivers the whole payload again.
      try {
        return { ok: true, ...(await handleWebhook(desk, payload)) };
      } catch (error) {
        if (error instanceof GraphError) throw unavailable('provider_unavailable', 30);
        throw error;
      }
    });
  });
}
