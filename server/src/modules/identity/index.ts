import type { SapaModule } from '../../kernel/module.js';
import { registerMessages } from '../../kernel/i18n.js';
import { securityMessages } from './messages.js';
import { stopPasswordChecker } from './password.js';
import { identityRoutes } from './routes.js';
import { setupSecurityAlerts } from './security.js';
import { ensureAdmin } from './service.js';

registerMessages(securityMessages);

registerMessages({
  en: {
    'error.invalid_credentials': 'The login or password is not right.',
    'error.otp_required': 'Enter the 6-digit code from your authenticator app.',
    'error.invalid_otp': 'That code is not right or has expired.',
    'error.too_many_attempts': 'Too many sign-in attempts. Please wait {seconds} seconds and try again.',
    'error.too_many_attempts.one': 'Too many sign-in attempts. Please wait a second and try again.',
    'error.password_check_unavailable': 'The password could not be checked just now. Nothing was changed; please try again in a few seconds.',
    'error.weak_password': 'This password is too easy to guess. Use at least 10 characters: a few unrelated words, or mix letters, numbers and symbols. Avoid names, dates and the wallet’s name.',
    'error.account_exists': 'An account with this email or phone already exists. Sign in instead.',
    'error.agent_exists': 'An agent with this email already exists.',
    'error.invalid_token': 'This token is invalid or has expired. Sign in again.',
    'error.invalid_identity_token': 'The identity token is invalid or has expired.',
    'error.identity_not_configured': 'Identity tokens are not enabled on this Sapa.',
  },
  'id-ID': {
    'error.invalid_credentials': 'Login atau kata sandi salah.',
    'error.otp_required': 'Masukkan kode 6 digit dari aplikasi autentikator Anda.',
    'error.invalid_otp': 'Kode salah atau sudah kedaluwarsa.',
    'error.too_many_attempts': 'Terlalu banyak percobaan masuk. Tunggu {seconds} detik lalu coba lagi.',
    'error.password_check_unavailable': 'Kata sandi belum bisa diperiksa saat ini. Tidak ada yang diubah; silakan coba lagi dalam beberapa detik.',
    'error.weak_password': 'Kata sandi ini terlalu mudah ditebak. Gunakan minimal 10 karakter: beberapa kata acak, atau campuran huruf, angka, dan simbol. Hindari nama, tanggal, dan nama dompet.',
    'error.account_exists': 'Akun dengan email atau nomor ini sudah ada. Silakan masuk.',
    'error.agent_exists': 'Agen dengan email ini sudah ada.',
    'error.invalid_token': 'Token tidak valid atau sudah kedaluwarsa. Silakan masuk lagi.',
    'error.invalid_identity_token': 'Token identitas tidak valid atau sudah kedaluwarsa.',
    'error.identity_not_configured': 'Token identitas tidak diaktifkan di Sapa ini.',
  },
  'zh-CN': {
    'error.invalid_credentials': '账号或密码不正确。',
    'error.otp_required': '请输入身份验证器应用中的 6 位验证码。',
    'error.invalid_otp': '验证码不正确或已过期。',
    'error.too_many_attempts': '登录尝试次数过多，请在 {seconds} 秒后重试。',
    'error.password_check_unavailable': '暂时无法检查密码，未做任何更改；请几秒钟后重试。',
    'error.weak_password': '密码太容易被猜到。请至少使用 10 个字符：几个不相关的单词，或字母、数字和符号的组合；避免使用姓名、日期和钱包名称。',
    'error.account_exists': '该邮箱或手机号已注册，请直接登录。',
    'error.agent_exists': '该邮箱的客服账号已存在。',
    'error.invalid_token': '令牌无效或已过期，请重新登录。',
    'error.invalid_identity_token': '身份令牌无效或已过期。',
    'error.identity_not_configured': '此 Sapa 未启用身份令牌。',
  },
});

export const identityModule: SapaModule = {
  name: 'identity',
  api: identityRoutes,
  async setup(desk) {
    desk.onStop(stopPasswordChecker);
    setupSecurityAlerts(desk);
    const { SAPA_ADMIN_EMAIL: email, SAPA_ADMIN_PASSWORD: password } = desk.config;
    if (email && password) await ensureAdmin(desk, email, password);
  },
};
