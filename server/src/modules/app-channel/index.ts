import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { appChannelRoutes } from './routes.js';
import { appReceiver, appSender } from './service.js';

registerMessages({
  en: {
    'app_channel.unavailable.in': 'App messages cannot come in: set SAPA_APP_WEBHOOK_SECRET (every message from the app backend is refused without it).',
    'app_channel.unavailable.out': 'The app channel is not configured: set SAPA_APP_WEBHOOK_URL and SAPA_APP_WEBHOOK_SECRET.',
  },
  'id-ID': {
    'app_channel.unavailable.in': 'Pesan dari aplikasi tidak bisa masuk: isi SAPA_APP_WEBHOOK_SECRET (tanpa itu setiap pesan dari backend aplikasi ditolak).',
    'app_channel.unavailable.out': 'Kanal aplikasi belum dikonfigurasi: isi SAPA_APP_WEBHOOK_URL dan SAPA_APP_WEBHOOK_SECRET.',
  },
  'zh-CN': {
    'app_channel.unavailable.in': '应用消息无法接收：请设置 SAPA_APP_WEBHOOK_SECRET（未设置时应用后端发来的所有消息都会被拒绝）。',
    'app_channel.unavailable.out': '应用渠道尚未配置：请设置 SAPA_APP_WEBHOOK_URL 和 SAPA_APP_WEBHOOK_SECRET。',
  },
});

/** The wallet app's in-app chat: its backend posts messages (signed) and receives agent replies by signed webhook. */
export const appChannelModule: SapaModule = {
  name: 'app-channel',
  api: appChannelRoutes,
  setup(desk) {
    registerReceiver(desk, 'app', appReceiver);
    registerSender(desk, 'app', appSender);
  },
};
