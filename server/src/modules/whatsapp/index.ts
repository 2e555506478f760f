import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { whatsappRoutes } from './routes.js';
import { whatsappReceiver, whatsappSender } from './service.js';

registerMessages({
  en: {
    'whatsapp.unavailable.in': 'WhatsApp messages cannot come in: set SAPA_WHATSAPP_APP_SECRET (every webhook is refused without it).',
    'whatsapp.unavailable.out': 'WhatsApp is not configured: set SAPA_WHATSAPP_TOKEN and SAPA_WHATSAPP_PHONE_NUMBER_ID.',
    'whatsapp.note.template_sent': 'WhatsApp’s 24-hour window had closed, so the approved template “{template}” was sent instead, asking the customer to reply. Send your answer again once they do.',
  },
  'id-ID': {
    'whatsapp.unavailable.in': 'Pesan WhatsApp tidak bisa masuk: isi SAPA_WHATSAPP_APP_SECRET (tanpa itu setiap webhook ditolak).',
    'whatsapp.unavailable.out': 'WhatsApp belum dikonfigurasi: isi SAPA_WHATSAPP_TOKEN dan SAPA_WHATSAPP_PHONE_NUMBER_ID.',
    'whatsapp.note.template_sent': 'Jendela 24 jam WhatsApp sudah tertutup, jadi templat resmi “{template}” yang dikirim, meminta pelanggan membalas. Kirim ulang jawaban Anda setelah mereka membalas.',
  },
  'zh-CN': {
    'whatsapp.unavailable.in': 'WhatsApp 消息无法接收：请设置 SAPA_WHATSAPP_APP_SECRET（未设置时所有 webhook 都会被拒绝）。',
    'whatsapp.unavailable.out': 'WhatsApp 尚未配置：请设置 SAPA_WHATSAPP_TOKEN 和 SAPA_WHATSAPP_PHONE_NUMBER_ID。',
    'whatsapp.note.template_sent': 'WhatsApp 的 24 小时会话窗口已关闭，因此改为发送已审核的模板“{template}”，请客户回复。客户回复后请重新发送您的答复。',
  },
});

/** WhatsApp Cloud API: signed webhook in (messages, media, statuses), Graph API out with retries. */
export const whatsappModule: SapaModule = {
  name: 'whatsapp',
  api: whatsappRoutes,
  setup(desk) {
    registerReceiver(desk, 'whatsapp', whatsappReceiver);
    registerSender(desk, 'whatsapp', whatsappSender);
  },
};
