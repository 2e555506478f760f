import type { Locale } from '../../kernel/i18n.js';
import type { ComponentStatus, Localized } from './schema.js';

/** The components every Sapa status page starts with: the wallet's services and the ways to reach support. */
export const defaultComponents: { id: string; group: 'wallet' | 'support'; names: Required<Localized> }[] = [
  { id: 'payments', group: 'wallet', names: { en: 'Payments', 'id-ID': 'Pembayaran', 'zh-CN': '支付' } },
  { id: 'topup', group: 'wallet', names: { en: 'Top-up', 'id-ID': 'Isi saldo', 'zh-CN': '充值' } },
  { id: 'transfers', group: 'wallet', names: { en: 'Transfers', 'id-ID': 'Transfer', 'zh-CN': '转账' } },
  { id: 'login', group: 'wallet', names: { en: 'Login and account access', 'id-ID': 'Masuk dan akses akun', 'zh-CN': '登录与账户访问' } },
  { id: 'live_chat', group: 'support', names: { en: 'Live chat', 'id-ID': 'Live chat', 'zh-CN': '在线客服' } },
  { id: 'email', group: 'support', names: { en: 'Email support', 'id-ID': 'Dukungan email', 'zh-CN': '邮件客服' } },
  { id: 'phone_callback', group: 'support', names: { en: 'Phone callback', 'id-ID': 'Telepon balik', 'zh-CN': '电话回拨' } },
  { id: 'whatsapp', group: 'support', names: { en: 'WhatsApp', 'id-ID': 'WhatsApp', 'zh-CN': 'WhatsApp' } },
  { id: 'telegram', group: 'support', names: { en: 'Telegram', 'id-ID': 'Telegram', 'zh-CN': 'Telegram' } },
  { id: 'help_center', group: 'support', names: { en: 'Help center', 'id-ID': 'Pusat bantuan', 'zh-CN': '帮助中心' } },
  { id: 'community_forum', group: 'support', names: { en: 'Community forum', 'id-ID': 'Forum komunitas', 'zh-CN': '社区论坛' } },
];

/** Worse states rank higher; the worst of everything that holds a component is what it shows. */
export const statusRank: Record<ComponentStatus, number> = {
  operational: 0,
  maintenance: 1,
  degraded: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const worst = (states: ComponentStatus[]): ComponentStatus =>
  states.reduce<ComponentStatus>((a, b) => (statusRank[b] > statusRank[a] ? b : a), 'operational');

/** Text in the caller's language from a `{ en, 'id-ID', 'zh-CN' }` record, falling back to the given default. */
export function pick(locale: Locale, localized: Localized | null | undefined, fallback: string): string {
  return localized?.[locale]?.trim() || fallback;
}
