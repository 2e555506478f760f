import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError, unavailable } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { BotApiError, handleUpdate, validSecret, type TgUpdate } from './service.js';

const file = z.object({ file_id: z.string().min(1).max(300), file_size: z.number().optional(), file_name: z.string().max(300).optional() }).passthrough();
const message = z
  .object({
    message_id: z.number().int(),
    chat: z.object({ id: z.number().int() }).passthrough(),
    from: z.object({ id: z.number().int(), language_code: z.string().max(20).optional() }).passthrough().optional(),
    date: z.number().int().optional(),
    text: z.string().max(65_536).optional(),
    caption: z.string().max(65_536).optional(),
    photo: z.array(file).optional(),
    document: file.optional(),
  })
  .passthrough();
/** The parts of an Update Sapa relies on; other update kinds and fields pass through and are acknowledged. */
const updateShape = z.object({ update_id: z.number().int(), message: message.optional(), edited_message: message.optional() }).passthrough();

export async function telegramRoutes(http: SapaHttp, desk: Desk) {
  http.post('/channels/telegram/webhook', {
    config: { csrf: false },
    schema: {
      tags: ['channels'],
      summary: 'Telegram Bot API webhook (X-Telegram-Bot-Api-Secret-Token required): customer messages, photos and documents',
      response: { 200: z.object({ ok: z.boolean(), stored: z.boolean() }) },
    },
  }, async (req) => {
    const header = req.headers['x-telegram-bot-api-secret-token'];
    if (!validSecret(desk.config.SAPA_TELEGRAM_SECRET, typeof header === 'string' ? header : undefined)) throw new AppError(401, 'invalid_signature');
    const parsed = updateShape.safeParse(req.body);
    if (!parsed.success) throw new AppError(400, 'invalid_input', undefined, parsed.error.issues.slice(0, 10).map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
    const update = parsed.data as TgUpdate;
    try {
      const result = await handleUpdate(desk, update);
      return { ok: true, stored: result.stored };
    } catch (error) {
      // Telegram redelivers an update that was not answered 2xx: a passing outage loses nothing.
      if (error instanceof BotApiError) throw unavailable('provider_unavailable', 30);
      throw error;
    }
  });
}
