import { randomBytes } from 'node:crypto';
import type { Desk } from './kernel/desk.js';
import { createCase, listCases } from './modules/cases/service.js';
import { ensureAdmin, ensureAgent, ensureCustomer } from './modules/identity/service.js';
import { assistantFirstSaved, channelSettings, saveAssistantFirst, saveChannelSettings, saveWalletName, walletName } from './modules/support/service.js';
import { loadDemoLedger } from './modules/wallet/demo-ledger.js';

// Amounts are in minor units (API.md): IDR has two decimals, so Rp200.000 is 20_000_000.
export const DEMO_CUSTOMER_PASSWORD = 'Sapa-Demo-Customer-2026!';
export const DEMO_AGENT_PASSWORD = 'Sapa-Demo-Agent-2026!';
/**
 * The demo wallet's 24-hour security line, official WhatsApp number and Telegram bot (all made up). The demo
 * help-center articles quote them; a test keeps the two in step.
 */
export const DEMO_CHANNEL_CONTACTS = { security_line: '+62 21 5095 0247', whatsapp: '+62 811 5095 0247', telegram: '@sapa_demo_bot' } as const;

/**
 * Demo customers, agents, wallet ledger and a few open cases, so every screen has something real to show.
 * Idempotent: a second start finds everything in place.
 */
export async function seedDemo(desk: Desk): Promise<{ adminEmail: string; adminPassword: string | null }> {
  await loadDemoLedger(desk.db, [
    {
      walletRef: 'W-1001',
      name: 'Budi Santoso',
      balance: 15_200_000,
      transactions: [
        { ref: 'TX-TOPUP-1001', type: 'topup', status: 'pending', amount: 20_000_000, method: 'BCA virtual account', minutesAgo: 95 },
        { ref: 'TX-PAY-1002', type: 'payment', status: 'succeeded', amount: 4_800_000, counterparty: 'Warung Kopi Nusantara (QRIS)', method: 'balance', minutesAgo: 60 * 26 },
        { ref: 'TX-TRF-1003', type: 'transfer_out', status: 'failed', amount: 50_000_000, counterparty: 'Siti Rahma · BRI ****4789', method: 'bank transfer', failureReason: 'recipient_bank_rejected', minutesAgo: 60 * 5 },
        { ref: 'TX-RFD-1004', type: 'refund', status: 'pending', amount: 50_000_000, counterparty: 'reversal of TX-TRF-1003', minutesAgo: 60 * 5 - 2 },
      ],
    },
    {
      walletRef: 'W-1002',
      name: '王芳',
      state: 'locked',
      stateReason: 'suspicious_login_new_device',
      balance: 125_000_000,
      transactions: [
        { ref: 'TX-TOPUP-2001', type: 'topup', status: 'failed', amount: 30_000_000, method: 'debit card', failureReason: 'card_declined_by_issuer', minutesAgo: 60 * 3 },
        { ref: 'TX-PAY-2002', type: 'payment', status: 'reversed', amount: 7_500_000, counterparty: 'Tokopedia checkout', method: 'balance', minutesAgo: 60 * 30 },
      ],
    },
    {
      walletRef: 'W-1003',
      name: 'Alice Tan',
      balance: 8_950_000,
      transactions: [
        { ref: 'TX-TRFIN-3001', type: 'transfer_in', status: 'pending', amount: 100_000_000, counterparty: 'Mandiri ****1102', method: 'bank transfer', minutesAgo: 60 * 20 },
        { ref: 'TX-CB-3002', type: 'cashback', status: 'succeeded', amount: 500_000, counterparty: 'Promo QRIS', minutesAgo: 60 * 48 },
        { ref: 'TX-WD-3003', type: 'withdrawal', status: 'succeeded', amount: 25_000_000, counterparty: 'BNI ****7731', minutesAgo: 60 * 72 },
      ],
    },
  ]);
  const budi = await ensureCustomer(desk, { email: 'budi@demo.sapa.test', phone: '081234567001', name: 'Budi Santoso', locale: 'id-ID', password: DEMO_CUSTOMER_PASSWORD, walletRef: 'W-1001' });
  const wang = await ensureCustomer(desk, { email: 'wang.fang@demo.sapa.test', phone: '081234567002', name: '王芳', locale: 'zh-CN', password: DEMO_CUSTOMER_PASSWORD, walletRef: 'W-1002' });
  await ensureCustomer(desk, { email: 'alice@demo.sapa.test', phone: '081234567003', name: 'Alice Tan', locale: 'en', password: DEMO_CUSTOMER_PASSWORD, walletRef: 'W-1003' });
  await ensureAgent(desk, { email: 'rina@demo.sapa.test', name: 'Rina Agustina', role: 'agent', locale: 'id-ID', password: DEMO_AGENT_PASSWORD });
  await ensureAgent(desk, { email: 'liwei@demo.sapa.test', name: '李伟', role: 'supervisor', locale: 'zh-CN', password: DEMO_AGENT_PASSWORD });

  const existing = await listCases(desk, { kind: 'customer', customerId: budi, locale: 'id-ID', sessionId: 'demo' }, { limit: 1 });
  if (!existing.items.length) {
    await createCase(desk, { kind: 'customer', customerId: budi, locale: 'id-ID', sessionId: 'demo' }, {
      subject: 'Top up BCA belum masuk',
      category: 'topup_failed',
      channel: 'app',
      transactionRef: 'TX-TOPUP-1001',
      message: { body: 'Kak, saya top up Rp200.000 lewat VA BCA sejam lalu, saldo belum nambah. Mohon dicek ya 🙏', clientMessageId: 'demo-budi-1' },
      diagnostics: { os: 'Android 14', device: 'Samsung Galaxy A54', appVersion: '5.2.0', locale: 'id-ID', timeZone: 'Asia/Jakarta' },
    });
    await createCase(desk, { kind: 'customer', customerId: wang, locale: 'zh-CN', sessionId: 'demo' }, {
      subject: '账户被冻结',
      category: 'account_locked',
      channel: 'web',
      message: { body: '我换了新手机登录后账户就被冻结了，怎么解冻？', clientMessageId: 'demo-wang-1' },
      diagnostics: { os: 'iOS 17.5', browser: 'Safari 17', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
    });
  }

  // The assistant answers first on every chat channel in the demo; an admin's own choice is kept at later starts.
  if (!(await assistantFirstSaved(desk))) await saveAssistantFirst(desk, { whatsapp: true, telegram: true, app: true });
  // The demo wallet's name, so that the assistant tells it from other companies' wallets ("cara top up OVO").
  if (!(await walletName(desk))) await saveWalletName(desk, 'SapaPay');
  // The demo wallet's 24-hour security line (a made-up number), which its help-center articles tell customers to call.
  // and its official WhatsApp number and Telegram bot (made up too), so "what is your official WhatsApp?" has an answer.
  const saved = await channelSettings(desk);
  for (const id of ['security_line', 'whatsapp', 'telegram'] as const) {
    if (!saved[id]) await saveChannelSettings(desk, id, { contact: DEMO_CHANNEL_CONTACTS[id] });
  }

  const { SAPA_ADMIN_EMAIL, SAPA_ADMIN_PASSWORD } = desk.config;
  if (SAPA_ADMIN_EMAIL && SAPA_ADMIN_PASSWORD) return { adminEmail: SAPA_ADMIN_EMAIL, adminPassword: null };
  // No configured admin: a demo admin whose password is new at every start and printed once.
  const adminPassword = `sapa-${randomBytes(9).toString('base64url')}`;
  await ensureAdmin(desk, 'admin@sapa.local', adminPassword);
  return { adminEmail: 'admin@sapa.local', adminPassword };
}
