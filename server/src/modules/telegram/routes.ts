import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError, unavailable } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { BotApiError, handleUpdate, validSecret, type TgUpdate } from './service.js';

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
    const update = req.body as TgUpdate | undefined;
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') {
      throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.update_id', message: 'a Telegram Update is required' }]);
    }
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
