import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { telegramRoutes } from './routes.js';
import { telegramReceiver, telegramSender } from './service.js';

registerMessages({
  en: {
    'telegram.unavailable.in': 'Telegram messages cannot come in: set SAPA_TELEGRAM_SECRET (every webhook is refused without it).',
    'telegram.unavailable.out': 'Telegram is not configured: set SAPA_TELEGRAM_BOT_TOKEN.',
  },
  'id-ID': {
    'telegram.unavailable.in': 'Pesan Telegram tidak bisa masuk: isi SAPA_TELEGRAM_SECRET (tanpa itu setiap webhook ditolak).',
    'telegram.unavailable.out': 'Telegram belum dikonfigurasi: isi SAPA_TELEGRAM_BOT_TOKEN.',
  },
  'zh-CN': {
    'telegram.unavailable.in': 'Telegram 消息无法接收：请设置 SAPA_TELEGRAM_SECRET（未设置时所有 webhook 都会被拒绝）。',
    'telegram.unavailable.out': 'Telegram 尚未配置：请设置 SAPA_TELEGRAM_BOT_TOKEN。',
  },
});

/** Telegram Bot API: webhook in (with the secret token header), sendMessage/sendPhoto/sendDocument out. */
export const telegramModule: SapaModule = {
  name: 'telegram',
  api: telegramRoutes,
  setup(desk) {
    registerReceiver(desk, 'telegram', telegramReceiver);
    registerSender(desk, 'telegram', telegramSender);
  },
};
