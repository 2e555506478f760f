import { t } from '../i18n';
import type { BusinessHours } from '../types';

// How a channel's hours and expected response read in the Channels table, in the console's language. Days are
// numbered as the server stores them (server/src/modules/support/hours.ts): 0 = Sunday … 6 = Saturday.

/** The week as people in the console's languages read it: Monday first. */
export const weekMondayFirst = [1, 2, 3, 4, 5, 6, 0];

/** A weekday's name; 2026-11-01 was a Sunday, so day n of that week is weekday n. */
export function weekdayName(day: number, locale: string, width: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 1 + day)));
}

function dayRange(days: number[], locale: string): string {
  const sorted = weekMondayFirst.filter((d) => days.includes(d));
  if (sorted.length === 7) return t('channels.hours.daily');
  const positions = sorted.map((d) => weekMondayFirst.indexOf(d));
  const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${weekdayName(sorted[0], locale)}–${weekdayName(sorted[sorted.length - 1], locale)}`;
  return sorted.map((d) => weekdayName(d, locale)).join(', ');
}

/** "24/7", or "Mon–Sat 09:00–18:00"; the zone only when it is not the desk's own. */
export function hoursSummary(hours: BusinessHours, deskZone: string, locale: string): string {
  // As the server reads them: no windows is always open.
  if (hours.alwaysOpen || !hours.windows?.length) return t('channels.hours.always');
  const text = hours.windows.map((w) => `${dayRange(w.days, locale)} ${w.open}–${w.close}`).join('; ');
  return hours.timezone && hours.timezone !== deskZone ? `${text} (${hours.timezone})` : text;
}

/** The expected response exactly as set, in the largest whole unit: "Instant", "45 minutes", "2 hours", "3 days". */
export function responseTime(minutes: number, locale: string): string {
  if (minutes <= 0) return t('channels.response.instant');
  const [value, unit] = minutes % 1440 === 0 && minutes >= 2880 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Today's date (YYYY-MM-DD) in a time zone: the desk's holidays are dates in its zone. */
export function dateIn(zone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD; a zone the browser does not know falls back to its own.
  const format = (timeZone?: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(zone);
  } catch {
    return format();
  }
}

/** A calendar date (YYYY-MM-DD) with its weekday, in the console's language: "Monday, August 17, 2026". */
export function holidayDate(date: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // 2026-02-30 would roll over to March: not a date, so nothing to show.
  if (at.getUTCFullYear() !== Number(m[1]) || at.getUTCMonth() !== Number(m[2]) - 1 || at.getUTCDate() !== Number(m[3])) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(at);
}
