// Sapa speaks the three languages of its customers. Messages live in per-module catalogs registered here; the
// caller's locale comes from an explicit `locale`, then the signed-in user's, then Accept-Language.
export const locales = ['zh-CN', 'id-ID', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export type Catalog = Record<string, string>;
const catalogs: Record<Locale, Catalog> = { 'zh-CN': {}, 'id-ID': {}, en: {} };

/** Adds a module's messages. Keys are global (`error.not_found`, `status.banner`), so prefix them by area. */
export function registerMessages(messages: Record<Locale, Catalog>): void {
  for (const locale of locales) Object.assign(catalogs[locale], messages[locale]);
}

/** Maps loose tags (zh, zh-Hans, id, in, en-GB, …) to one of Sapa's locales, or undefined. */
export function toLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase().replace('_', '-');
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('id') || t === 'in' || t.startsWith('in-') || t.startsWith('ms')) return 'id-ID';
  if (t.startsWith('en')) return 'en';
  return undefined;
}

/** Picks the best locale from an Accept-Language header by quality. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

export function negotiateLocale(...candidates: (string | undefined | null)[]): Locale {
  for (const c of candidates) {
    const l = toLocale(c ?? undefined);
    if (l) return l;
  }
  return defaultLocale;
}

/**
 * Plural forms are keys of their own, `<key>.one` and so on (CLDR categories), present only in the languages that have
 * that form: English "1 hour" next to "{n} hours"; Indonesian and Chinese have one form, the plain key.
 */
export const PLURAL_FORM_KEY = /\.(?:zero|one|two|few|many)$/;
const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralForm(locale: Locale, key: string, vars: Record<string, string | number>): string | undefined {
  const count = [vars.n, vars.count, vars.seconds, vars.minutes].find((v): v is number => typeof v === 'number');
  if (count === undefined) return undefined;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const category = rules.select(count);
  return category === 'other' ? undefined : catalogs[locale][`${key}.${category}`];
}

/** Translates a key with `{name}` placeholders; falls back to English, then to the key itself. */
export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const template = pluralForm(locale, key, vars) ?? catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

export function hasMessage(key: string): boolean {
  return key in catalogs.en;
}

registerMessages({
  en: {
    'error.not_found': 'Not found.',
    'error.invalid_input': 'Some fields are invalid.',
    'error.invalid_json': 'The request body is not valid JSON.',
    'error.body_too_large': 'The request is too large.',
    'error.unsupported_media_type': 'This content type is not supported.',
    'error.unauthorized': 'Please sign in.',
    'error.forbidden': 'You are not allowed to do this.',
    'error.csrf_failed': 'Security check failed: the X-CSRF-Token header is missing or wrong. Sign in again.',
    'error.rate_limited': 'Too many requests. Please wait {seconds} seconds and try again.',
    'error.rate_limited.one': 'Too many requests. Please wait a second and try again.',
    'error.internal_error': 'Something went wrong on our side. Please try again; your data is safe.',
    'error.database_unavailable': 'Sapa cannot reach its database right now. Please try again shortly.',
    'error.method_not_allowed': 'This method is not allowed here.',
    'error.invalid_text': 'The text contains a character that cannot be saved (a NUL character or half of an emoji). Remove it and send again.',
  },
  'id-ID': {
    'error.not_found': 'Tidak ditemukan.',
    'error.invalid_input': 'Beberapa isian tidak valid.',
    'error.invalid_json': 'Isi permintaan bukan JSON yang valid.',
    'error.body_too_large': 'Permintaan terlalu besar.',
    'error.unsupported_media_type': 'Jenis konten ini tidak didukung.',
    'error.unauthorized': 'Silakan masuk terlebih dahulu.',
    'error.forbidden': 'Anda tidak diizinkan melakukan ini.',
    'error.csrf_failed': 'Pemeriksaan keamanan gagal: header X-CSRF-Token tidak ada atau salah. Silakan masuk lagi.',
    'error.rate_limited': 'Terlalu banyak permintaan. Tunggu {seconds} detik lalu coba lagi.',
    'error.internal_error': 'Terjadi kesalahan di pihak kami. Silakan coba lagi; data Anda aman.',
    'error.database_unavailable': 'Sapa belum bisa menghubungi basis datanya. Silakan coba lagi sebentar lagi.',
    'error.method_not_allowed': 'Metode ini tidak diizinkan di sini.',
    'error.invalid_text': 'Teks berisi karakter yang tidak bisa disimpan (karakter NUL atau emoji yang terpotong). Hapus karakter itu lalu kirim lagi.',
  },
  'zh-CN': {
    'error.not_found': '未找到。',
    'error.invalid_input': '部分字段无效。',
    'error.invalid_json': '请求内容不是有效的 JSON。',
    'error.body_too_large': '请求内容过大。',
    'error.unsupported_media_type': '不支持此内容类型。',
    'error.unauthorized': '请先登录。',
    'error.forbidden': '您无权执行此操作。',
    'error.csrf_failed': '安全校验失败：缺少或错误的 X-CSRF-Token 请求头，请重新登录。',
    'error.rate_limited': '请求过于频繁，请在 {seconds} 秒后重试。',
    'error.internal_error': '我们这边出了点问题，请重试；您的数据是安全的。',
    'error.database_unavailable': 'Sapa 暂时无法连接数据库，请稍后重试。',
    'error.method_not_allowed': '此处不允许该请求方法。',
    'error.invalid_text': '文本中含有无法保存的字符（NUL 字符或残缺的表情符号），请删除后重新发送。',
  },
});

/** The canonical name of an IANA time zone this runtime knows (`asia/jakarta` → `Asia/Jakarta`), else undefined. */
export function canonicalTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
