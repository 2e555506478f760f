import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { whatsappRoutes } from './routes.js';
import { whatsappReceiver, whatsappSender } from './service.js';

registerMessages({
  en: {
    'whatsapp.note.template_sent': 'WhatsApp’s 24-hour window had closed, so the approved template “{template}” was sent instead, asking the customer to reply. Send your answer again once they do.',
  },
  'id-ID': {
    'whatsapp.note.template_sent': 'Jendela 24 jam WhatsApp sudah tertutup, jadi templat resmi “{template}” yang dikirim, meminta pelanggan membalas. Kirim ulang jawaban Anda setelah mereka membalas.',
  },
  'zh-CN': {
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
