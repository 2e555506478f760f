import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError, unavailable } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { GraphError, handleWebhook, validSignature, type WaWebhook } from './service.js';

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
      let payload: WaWebhook;
      try {
        payload = JSON.parse(raw.toString('utf8')) as WaWebhook;
      } catch {
        throw new AppError(400, 'invalid_json');
      }
      if (!payload || typeof payload !== 'object') throw new AppError(400, 'invalid_json');
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
