import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { setupImap, startImap } from './imap.js';
import { emailReceiver, emailSender } from './outbound.js';
import { startSmtpServer } from './smtp.js';

registerMessages({
  en: {
    'email.unavailable.in': 'Email cannot come in: set SAPA_SMTP_PORT and SAPA_EMAIL_DOMAIN (inbound SMTP) or SAPA_IMAP_URL (a mailbox to poll).',
    'email.unavailable.in_no_domain': 'Email cannot come in: SAPA_SMTP_PORT is set but SAPA_EMAIL_DOMAIN is not, so every recipient is refused.',
    'email.unavailable.out': 'Outbound email is not configured: SAPA_SMTP_URL is unset, so replies cannot be emailed.',
    'email.unavailable.out_no_sender': 'Outbound email has no sender: set SAPA_EMAIL_FROM or SAPA_EMAIL_DOMAIN.',
    'email.subject.default': 'Your support case',
    'email.footer': 'Sapa support · case {reference} · reply to this email to add to your case.',
    'email.note.auto_reply': 'Automatic reply from {from} (not answered): {text}',
    'email.note.other_sender': 'An email from {from} replied to this case; it was opened as a separate case {reference} because it came from another sender.',
    'email.note.followup_opened': 'An email from {from} replied to this closed case; it was opened as case {reference}.',
    'email.note.related_to': 'This email replied to case {reference}.',
  },
  'id-ID': {
    'email.unavailable.in': 'Email tidak bisa masuk: isi SAPA_SMTP_PORT dan SAPA_EMAIL_DOMAIN (SMTP masuk) atau SAPA_IMAP_URL (kotak surat yang diperiksa berkala).',
    'email.unavailable.in_no_domain': 'Email tidak bisa masuk: SAPA_SMTP_PORT sudah diisi tetapi SAPA_EMAIL_DOMAIN belum, jadi setiap penerima ditolak.',
    'email.unavailable.out': 'Email keluar belum dikonfigurasi: SAPA_SMTP_URL belum diisi, jadi balasan tidak bisa dikirim lewat email.',
    'email.unavailable.out_no_sender': 'Email keluar tidak punya alamat pengirim: isi SAPA_EMAIL_FROM atau SAPA_EMAIL_DOMAIN.',
    'email.subject.default': 'Kasus dukungan Anda',
    'email.footer': 'Dukungan Sapa · kasus {reference} · balas email ini untuk menambahkan ke kasus Anda.',
    'email.note.auto_reply': 'Balasan otomatis dari {from} (tidak dijawab): {text}',
    'email.note.other_sender': 'Email dari {from} membalas kasus ini; dibuka sebagai kasus terpisah {reference} karena dikirim oleh pengirim lain.',
    'email.note.followup_opened': 'Email dari {from} membalas kasus yang sudah ditutup ini; dibuka sebagai kasus {reference}.',
    'email.note.related_to': 'Email ini membalas kasus {reference}.',
  },
  'zh-CN': {
    'email.unavailable.in': '邮件无法接收：请设置 SAPA_SMTP_PORT 和 SAPA_EMAIL_DOMAIN（接收 SMTP），或设置 SAPA_IMAP_URL（定期拉取的邮箱）。',
    'email.unavailable.in_no_domain': '邮件无法接收：已设置 SAPA_SMTP_PORT 但未设置 SAPA_EMAIL_DOMAIN，因此所有收件人都会被拒绝。',
    'email.unavailable.out': '外发邮件尚未配置：未设置 SAPA_SMTP_URL，因此无法通过邮件发送回复。',
    'email.unavailable.out_no_sender': '外发邮件没有发件人地址：请设置 SAPA_EMAIL_FROM 或 SAPA_EMAIL_DOMAIN。',
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
