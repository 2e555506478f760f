import type { SapaModule } from '../../kernel/module.js';
import { registerSender } from '../channels/service.js';
import { telegramRoutes } from './routes.js';
import { telegramSender } from './service.js';

/** Telegram Bot API: webhook in (with the secret token header), sendMessage/sendPhoto/sendDocument out. */
export const telegramModule: SapaModule = {
  name: 'telegram',
  api: telegramRoutes,
  setup(desk) {
    registerSender(desk, 'telegram', telegramSender);
  },
};
