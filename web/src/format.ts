import type { Money } from './types';

/** Short age like "4m", "3h", "2d" in the UI language, for case cards. */
export function shortAge(iso: string, locale: string, now = Date.now()): string {
  const s = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (s < 60) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'narrow' }).format(0, 'second');
  const unit: [Intl.RelativeTimeFormatUnit, number] =
    s < 60 ? ['second', s] : s < 3600 ? ['minute', s / 60] : s < 86400 ? ['hour', s / 3600] : s < 86400 * 30 ? ['day', s / 86400] : ['month', s / (86400 * 30)];
  return new Intl.NumberFormat(locale, { style: 'unit', unit: unit[0], unitDisplay: 'narrow', maximumFractionDigits: 0 }).format(Math.floor(unit[1]));
}

/** "5 minutes ago" style, for timelines and panels. */
export function relative(iso: string, locale: string, now = Date.now()): string {
  const s = (Date.parse(iso) - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const a = Math.abs(s);
  if (a < 45) return rtf.format(0, 'second');
  if (a < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (a < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

export function dateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function time(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

// The wallet reports amounts in the currency's minor unit by ISO 4217 (Rp200.000 is 20000000). Intl's own digits are
// not ISO's (CLDR gives IDR 0), hence the table. Whole amounts are shown without decimals, as people write them.
const zeroDecimal = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const threeDecimal = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function money(m: Money, locale: string): string {
  const exp = zeroDecimal.has(m.currency) ? 0 : threeDecimal.has(m.currency) ? 3 : 2;
  const whole = m.amount % 10 ** exp === 0;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: whole ? 0 : exp, maximumFractionDigits: whole ? 0 : exp }).format(
      m.amount / 10 ** exp,
    );
  } catch {
    return `${(m.amount / 10 ** exp).toFixed(whole ? 0 : exp)} ${m.currency}`;
  }
}

export function bytes(n: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0 }).format(v);
}

export function initials(name: string | null | undefined): string {
  if (!name) return '?';
  const trimmed = name.trim();
  // Chinese names read best as their last one or two characters.
  if (/[\u3400-\u9fff]/.test(trimmed)) return trimmed.slice(-2);
  const parts = trimmed.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '')).toUpperCase() || '?';
}

/** A stable hue per id, so an avatar keeps its colour everywhere. */
export function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  return h;
}
