import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { telegramRoutes } from './routes.js';
import { telegramReceiver, telegramSender } from './service.js';

/** Telegram Bot API: webhook in (with the secret token header), sendMessage/sendPhoto/sendDocument out. */
export const telegramModule: SapaModule = {
  name: 'telegram',
  api: telegramRoutes,
  setup(desk) {
    registerReceiver(desk, 'telegram', telegramReceiver);
    registerSender(desk, 'telegram', telegramSender);
  },
};
