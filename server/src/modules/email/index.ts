import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { setupImap, startImap } from './imap.js';
import { emailReceiver, emailSender } from './outbound.js';
import { startSmtpServer } from './smtp.js';

registerMessages({
  en: {
    'email.subject.default': 'Your support case',
    'email.footer': 'Sapa support · case {reference} · reply to this email to add to your case.',
    'email.note.auto_reply': 'Automatic reply from {from} (not answered): {text}',
    'email.note.other_sender': 'An email from {from} replied to this case; it was opened as a separate case {reference} because it came from another sender.',
    'email.note.followup_opened': 'An email from {from} replied to this closed case; it was opened as case {reference}.',
    'email.note.related_to': 'This email replied to case {reference}.',
  },
  'id-ID': {
    'email.subject.default': 'Kasus dukungan Anda',
    'email.footer': 'Dukungan Sapa · kasus {reference} · balas email ini untuk menambahkan ke kasus Anda.',
    'email.note.auto_reply': 'Balasan otomatis dari {from} (tidak dijawab): {text}',
    'email.note.other_sender': 'Email dari {from} membalas kasus ini; dibuka sebagai kasus terpisah {reference} karena dikirim oleh pengirim lain.',
    'email.note.followup_opened': 'Email dari {from} membalas kasus yang sudah ditutup ini; dibuka sebagai kasus {reference}.',
    'email.note.related_to': 'Email ini membalas kasus {reference}.',
  },
  'zh-CN': {
    'email.subject.default': '您的客服工单',
    'email.footer': 'Sapa 客服 · 工单 {reference} · 直接回复此邮件即可补充到您的工单。',
    'email.note.auto_reply': '来自 {from} 的自动回复（未作答复）：{text}',
    'email.note.other_sender': '{from} 发来的邮件回复了此工单；因发件人不同，已另开工单 {reference}。',
    'email.note.followup_opened': '{from} 发来的邮件回复了此已关闭的工单；已另开工单 {reference}。',
    'email.note.related_to': '此邮件回复的是工单 {reference}。',
  },
});

/** Email in (SMTP server, IMAP polling) and out (SMTP through SAPA_SMTP_URL), threaded into cases. */
export const emailModule: SapaModule = {
  name: 'email',
  setup(desk) {
    registerReceiver(desk, 'email', emailReceiver);
    registerSender(desk, 'email', emailSender);
    setupImap(desk);
  },
  async start(desk) {
    await startSmtpServer(desk);
    await startImap(desk);
  },
};
