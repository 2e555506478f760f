import { t, type Locale } from '../../kernel/i18n.js';

// Business hours: weekly windows in a time zone (no DST arithmetic by hand: Intl gives the local wall clock).

export interface HoursWindow {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  open: string;
  close: string;
}

export interface BusinessHours {
  alwaysOpen?: boolean;
  timezone?: string;
  windows?: HoursWindow[];
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

interface LocalClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localClock(at: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: weekdays.indexOf(parts.weekday),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The UTC instant of a wall-clock time in a zone (two passes settle DST edges). */
function zonedInstant(year: number, month: number, day: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const c = localClock(new Date(guess), timeZone);
    const seen = Date.UTC(c.year, c.month - 1, c.day, 0, c.minute);
    guess += wall - seen;
  }
  return new Date(guess);
}

/**
 * What is wrong with a set of weekly windows an admin gives, as an error code and the window (1-based) it is in; null
 * when they can be used. A window closing before it opens or on no day would silently never be open.
 */
export function hoursProblem(hours: BusinessHours): { code: 'hours_no_days' | 'hours_close_before_open'; window: number; field: string } | null {
  for (const [i, w] of (hours.windows ?? []).entries()) {
    if (!w.days.length) return { code: 'hours_no_days', window: i + 1, field: `body.hours.windows.${i}.days` };
    if (minutes(w.close) <= minutes(w.open)) return { code: 'hours_close_before_open', window: i + 1, field: `body.hours.windows.${i}.close` };
  }
  return null;
}

export function isOpen(hours: BusinessHours, at: Date, fallbackZone: string): boolean {
  if (hours.alwaysOpen || !hours.windows?.length) return true;
  const c = localClock(at, hours.timezone ?? fallbackZone);
  return hours.windows.some((w) => w.days.includes(c.weekday) && c.minute >= minutes(w.open) && c.minute < minutes(w.close));
}

/** Open on every day of the week (always open, or windows that cover Sunday to Saturday). */
export const opensEveryDay = (hours: BusinessHours): boolean =>
  Boolean(hours.alwaysOpen) || !hours.windows?.length || [0, 1, 2, 3, 4, 5, 6].every((day) => hours.windows!.some((w) => w.days.includes(day)));

/** When the channel next opens (null if open now or always open). */
export function nextOpening(hours: BusinessHours, at: Date, fallbackZone: string): Date | null {
  if (hours.alwaysOpen || !hours.windows?.length || isOpen(hours, at, fallbackZone)) return null;
  const tz = hours.timezone ?? fallbackZone;
  for (let d = 0; d <= 7; d++) {
    const c = localClock(new Date(at.getTime() + d * 86400_000), tz);
    const opens = hours.windows
      .filter((w) => w.days.includes(c.weekday))
      .map((w) => zonedInstant(c.year, c.month, c.day, minutes(w.open), tz))
      .filter((when) => when > at)
      .sort((a, b) => a.getTime() - b.getTime());
    if (opens[0]) return opens[0];
  }
  return null;
}

function dayRange(days: number[], locale: Locale): string {
  const sorted = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  if (sorted.length === 7) return t(locale, 'support.hours.daily');
  // 2026-11-01 was a Sunday: day n of that week names weekday n in the caller's language.
  const name = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 1 + d)));
  const monFirst = sorted.map((d) => (d + 6) % 7);
  const contiguous = monFirst.every((d, i) => i === 0 || d === monFirst[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${name(sorted[0])}–${name(sorted[sorted.length - 1])}`;
  return sorted.map(name).join(', ');
}

/** "24/7", or "Mon–Sat 09:00–18:00 (Asia/Jakarta)" in the caller's language. */
export function describeHours(hours: BusinessHours, locale: Locale, fallbackZone: string): string {
  if (hours.alwaysOpen || !hours.windows?.length) return t(locale, 'support.hours.always');
  const tz = hours.timezone ?? fallbackZone;
  return `${hours.windows.map((w) => `${dayRange(w.days, locale)} ${w.open}–${w.close}`).join('; ')} (${tz})`;
}
