// Phone callbacks (the server's callbacks module): what the Callbacks screen lists and how it reads times. Slots are
// instants; the desk books and works them in its own time zone (SAPA_TIMEZONE, given with every page of
// GET /callbacks as `timeZone`), so the days and times are shown there, whatever zone the agent's browser is in.

export const callbackStatuses = ['scheduled', 'completed', 'missed', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];

/** The screen's filter: what still has to be called (by default), or everything from today on. */
export const callbackFilters = ['scheduled', 'all'] as const;
export type CallbackFilter = (typeof callbackFilters)[number];

export interface Callback {
  id: string;
  caseId: string;
  reference: string;
  /** The name given at booking, else the owning customer's; unverified when customerId is null. */
  name: string | null;
  /** The customer whose account it is on; null for a booking made without signing in (anyone can type a name). */
  customerId: string | null;
  phone: string;
  locale: string;
  topic: string;
  slot: string;
  status: CallbackStatus;
  outcome: string | null;
  notes: string | null;
  attempt: number;
  retryOf: string | null;
  agentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CallbackPage {
  items: Callback[];
  nextCursor: string | null;
  /** The desk's IANA time zone. */
  timeZone: string;
}

/** PATCH /callbacks/:id: the callback as recorded, and the retry the server booked for "missed" (else null). */
export interface CallbackUpdate extends Callback {
  retry: Callback | null;
}

export interface FreeSlot {
  start: string;
  local: string;
  available: number;
}

export interface FreeSlots {
  date: string;
  timezone: string;
  slots: FreeSlot[];
}

/** A scheduled callback whose slot has passed without an outcome recorded: someone should call now. */
export const isOverdue = (c: Callback, now = Date.now()) => c.status === 'scheduled' && Date.parse(c.slot) < now;

/** The calendar date (YYYY-MM-DD) of an instant in a zone; a zone the browser does not know falls back to its own. */
export function dayIn(zone: string, at: Date | string | number = new Date()): string {
  const date = new Date(at);
  // en-CA writes dates as YYYY-MM-DD.
  const format = (timeZone?: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  try {
    return format(zone);
  } catch {
    return format();
  }
}

/** How far a zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(zone: string, at: number): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(at))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant the desk's day (YYYY-MM-DD) starts, in its zone: "from today on" for the list. */
export function startOfDay(day: string, zone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  try {
    // Two passes settle a day that starts next to a daylight-saving change.
    const first = midnightUtc - offsetAt(zone, midnightUtc);
    return new Date(midnightUtc - offsetAt(zone, first));
  } catch {
    return new Date(midnightUtc);
  }
}

/** The day after a date (YYYY-MM-DD). */
export function nextDay(day: string, n = 1): string {
  const at = new Date(Date.parse(`${day}T12:00:00Z`) + n * 86400_000);
  return at.toISOString().slice(0, 10);
}

export interface CallbackDay {
  /** YYYY-MM-DD in the desk's zone. */
  day: string;
  items: Callback[];
}

/** Callbacks (in slot order, as the server lists them) grouped by their day in the desk's zone. */
export function byDay(items: Callback[], zone: string): CallbackDay[] {
  const days: CallbackDay[] = [];
  for (const c of [...items].sort((a, b) => Date.parse(a.slot) - Date.parse(b.slot) || a.id.localeCompare(b.id))) {
    const day = dayIn(zone, c.slot);
    const last = days[days.length - 1];
    if (last?.day === day) last.items.push(c);
    else days.push({ day, items: [c] });
  }
  return days;
}

/** A slot's time of day in the desk's zone, in the console's language ("14:30", "2:30 PM"). */
export function slotTime(iso: string, zone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  }
}

/** A desk day written out in the console's language: "Monday, November 30, 2026". */
export function dayName(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** A slot with its day, for messages about one callback ("Mon, Nov 30, 14:30"), in the desk's zone. */
export function slotDateTime(iso: string, zone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  }
}

/** Whom to ask for, as the list says it: a name nobody verified (booked without signing in) is marked as such. */
export function caller(c: Callback): { name: string | null; verified: boolean } {
  return { name: c.name?.trim() || null, verified: c.customerId !== null };
}
