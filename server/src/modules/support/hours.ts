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

/**
 * A day the desk's people are off (a public holiday, a company day), as a local date in the desk's time zone. Every
 * channel with business hours is closed for the whole of it; channels open 24/7 (the assistant, email) are not.
 */
export interface Holiday {
  /** YYYY-MM-DD. */
  date: string;
  name: string;
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

// Building a DateTimeFormat costs far more than using one, and SLA clocks read many local times per case.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function localClock(at: Date, timeZone: string): LocalClock {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: weekdays.indexOf(parts.weekday),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

// The zone's UTC offset per quarter hour (offsets change only on quarter hours), so a caller that asks for the local
// date of thousands of instants (SLA clocks over every open case) pays for Intl once per quarter hour, not per instant.
const QUARTER = 15 * 60_000;
const offsets = new Map<string, number>();

function localDateParts(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const bucket = Math.floor(at.getTime() / QUARTER) * QUARTER;
  const key = `${timeZone} ${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const c = localClock(new Date(bucket), timeZone);
    offset = Date.UTC(c.year, c.month - 1, c.day, 0, c.minute) - bucket;
    if (offsets.size > 20_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = new Date(at.getTime() + offset);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
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

const isoDate = (c: Pick<LocalClock, 'year' | 'month' | 'day'>) => `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (at: Date, timeZone: string): string => isoDate(localClock(at, timeZone));

/** The holiday on the local date of `at` in the desk's zone, if it is one. */
export const holidayOn = (holidays: readonly Holiday[], at: Date, deskZone: string): Holiday | undefined => {
  if (!holidays.length) return undefined;
  const date = localDate(at, deskZone);
  return holidays.find((h) => h.date === date);
};

/** Whether YYYY-MM-DD names a day that exists (2026-02-30 does not). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Open at `at`: inside a weekly window, and not on one of the desk's holidays (dates in the desk's zone, the one hours
 * without their own zone use too). Always-open channels ignore holidays.
 */
export function isOpen(hours: BusinessHours, at: Date, fallbackZone: string, holidays: readonly Holiday[] = []): boolean {
  if (hours.alwaysOpen || !hours.windows?.length) return true;
  if (holidayOn(holidays, at, fallbackZone)) return false;
  const c = localClock(at, hours.timezone ?? fallbackZone);
  return hours.windows.some((w) => w.days.includes(c.weekday) && c.minute >= minutes(w.open) && c.minute < minutes(w.close));
}

/** Open on every day of the week (always open, or windows that cover Sunday to Saturday). */
export const opensEveryDay = (hours: BusinessHours): boolean =>
  Boolean(hours.alwaysOpen) || !hours.windows?.length || [0, 1, 2, 3, 4, 5, 6].every((day) => hours.windows!.some((w) => w.days.includes(day)));

/** When the channel next opens (null if open now or always open), skipping the desk's holidays. */
export function nextOpening(hours: BusinessHours, at: Date, fallbackZone: string, holidays: readonly Holiday[] = []): Date | null {
  if (hours.alwaysOpen || !hours.windows?.length || isOpen(hours, at, fallbackZone, holidays)) return null;
  const tz = hours.timezone ?? fallbackZone;
  // A week past the last holiday always reaches a working window (the windows have days: hoursProblem).
  for (let d = 0; d <= 7 + holidays.length; d++) {
    const c = localClock(new Date(at.getTime() + d * 86400_000), tz);
    const opens = hours.windows
      .filter((w) => w.days.includes(c.weekday))
      .map((w) => zonedInstant(c.year, c.month, c.day, minutes(w.open), tz))
      .filter((when) => when > at && !holidayOn(holidays, when, fallbackZone))
      .sort((a, b) => a.getTime() - b.getTime());
    if (opens[0]) return opens[0];
  }
  return null;
}

/**
 * The stretches of time a channel is open from `from` on, as [start, end) in epoch milliseconds, in order, touching
 * windows merged; holidays (in the desk's zone) left out. Always-open hours are one endless stretch. Ends after
 * `maxDays` days, so hours that never open (every day a holiday) end instead of looping.
 */
export function* openSpans(
  hours: BusinessHours,
  from: Date,
  fallbackZone: string,
  holidays: readonly Holiday[] = [],
  maxDays = 400,
  /** Each local day's windows as instants, kept across calls by a caller that asks many times (SLA clocks). */
  memo: Map<string, [number, number][]> = new Map(),
): Generator<[number, number]> {
  if (hours.alwaysOpen || !hours.windows?.length) {
    yield [from.getTime(), Infinity];
    return;
  }
  const tz = hours.timezone ?? fallbackZone;
  const first = localDateParts(from, tz);
  let pending: [number, number] | null = null;
  for (let d = 0; d <= maxDays; d++) {
    // Local dates by calendar arithmetic, not by adding 24 h, which a DST change would skew.
    const day = new Date(Date.UTC(first.year, first.month - 1, first.day + d));
    const key = day.toISOString().slice(0, 10);
    let spans = memo.get(key);
    if (!spans) {
      const [y, m, dd, weekday] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay()];
      spans = hours.windows
        .filter((w) => w.days.includes(weekday))
        .map((w): [number, number] => [zonedInstant(y, m, dd, minutes(w.open), tz).getTime(), zonedInstant(y, m, dd, minutes(w.close), tz).getTime()])
        .filter(([start]) => !holidayOn(holidays, new Date(start), fallbackZone))
        .sort((a, b) => a[0] - b[0]);
      memo.set(key, spans);
    }
    for (const [open, close] of spans) {
      const start = Math.max(open, from.getTime());
      if (close <= start) continue;
      if (pending && start <= pending[1]) {
        pending[1] = Math.max(pending[1], close);
        continue;
      }
      if (pending) yield pending;
      pending = [start, close];
    }
  }
  if (pending) yield pending;
}

/**
 * The instant `days` working days after `from`, counted in whole days forward, where a day that lands on a weekend
 * (Saturday, Sunday) or on one of the desk's holidays, in the desk's zone, does not count. "Within 1 working day" of a
 * Friday evening transfer is Monday evening, or Tuesday evening when Monday is a holiday.
 */
export function addWorkingDays(from: Date, days: number, deskZone: string, holidays: readonly Holiday[] = []): Date {
  let at = from;
  for (let left = days; left > 0; ) {
    at = new Date(at.getTime() + 86400_000);
    const weekday = localClock(at, deskZone).weekday;
    if (weekday !== 0 && weekday !== 6 && !holidayOn(holidays, at, deskZone)) left--;
  }
  return at;
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
