/**
 * Phone business hours and callback slots, in the support team's time zone (SAPA_TIMEZONE). Times are stored and
 * exchanged in UTC; only the rules ("Mon–Sat 09:00–18:00") live in local time.
 */
export interface PhoneHours {
  /** ISO weekdays the phones are staffed: 1 = Monday … 7 = Sunday. */
  days: number[];
  open: string;
  close: string;
  slotMinutes: number;
  /** Callbacks one slot can take (agents on the phones). */
  capacity: number;
}

export const defaultHours: PhoneHours = { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00', slotMinutes: 30, capacity: 2 };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(date: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: Number(get('hour')), minute: Number(get('minute')), weekday: weekdays[get('weekday')] };
}

/** The UTC instant of a wall-clock time in a time zone (two passes settle daylight-saving transitions). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wanted - seen;
  }
  return new Date(guess);
}

/** Whether an instant starts a slot within phone hours (right weekday, inside opening time, on the slot grid). */
export function inHours(at: Date, hours: PhoneHours, timeZone: string): boolean {
  if (at.getUTCSeconds() !== 0 || at.getUTCMilliseconds() !== 0) return false;
  const p = localParts(at, timeZone);
  const minute = p.hour * 60 + p.minute;
  const open = minutesOf(hours.open);
  return hours.days.includes(p.weekday) && minute >= open && minute + hours.slotMinutes <= minutesOf(hours.close) && (minute - open) % hours.slotMinutes === 0;
}

/** Every slot start of one local date (YYYY-MM-DD), whether or not it is free. */
export function slotsOfDay(date: string, hours: PhoneHours, timeZone: string): Date[] {
  const [year, month, day] = date.split('-').map(Number);
  const noon = zonedTime(year, month, day, 12, 0, timeZone);
  if (!hours.days.includes(localParts(noon, timeZone).weekday)) return [];
  const out: Date[] = [];
  for (let m = minutesOf(hours.open); m + hours.slotMinutes <= minutesOf(hours.close); m += hours.slotMinutes) {
    out.push(zonedTime(year, month, day, Math.floor(m / 60), m % 60, timeZone));
  }
  return out;
}

/** Whether YYYY-MM-DD names a day of the calendar (2026-02-30 does not, though Date.parse rolls it into March). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The local date (YYYY-MM-DD) of an instant, and the dates after it. */
export function localDate(at: Date, timeZone: string, plusDays = 0): string {
  const p = localParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + plusDays));
  return d.toISOString().slice(0, 10);
}

/** A slot as people read it, in their language and the team's time zone. */
export function formatSlot(at: Date, locale: string, timeZone: string): string {
  const tag = locale === 'zh-CN' ? 'zh-CN' : locale === 'id-ID' ? 'id-ID' : 'en-GB';
  const text = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${text} (${timeZone})`;
}
