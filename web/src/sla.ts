import { t, type MessageKey } from './i18n';
import { priorities, slaClockNames, type CaseSla, type Priority, type SlaClockKey, type SlaClockName, type SlaTarget } from './types';

// Service levels as the console shows them: durations said the way people say them ("1 h 30 min") and the one chip a
// queue row shows for a case's clocks (GET /sla/cases). Pure functions: the clocks come from the server.

const MINUTE = 60_000;

/** Days, hours and minutes of a whole number of minutes. */
export function durationParts(minutes: number): { d: number; h: number; min: number } {
  const m = Math.max(0, Math.round(minutes));
  return { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60), min: m % 60 };
}

/**
 * "1 h 30 min", "2 d 4 h", "45 min" in the console's language. `exact` keeps every unit (a target an admin typed);
 * otherwise, as a glance wants it, minutes are dropped from 3 h and hours are rounded from a day.
 */
export function duration(minutes: number, exact = false): string {
  let m = Math.max(0, Math.round(minutes));
  if (!exact && m >= 1440) m = Math.round(m / 60) * 60;
  else if (!exact && m >= 180) m = Math.round(m / 60) * 60;
  const { d, h, min } = durationParts(m);
  const parts: string[] = [];
  if (d) parts.push(t('sla.unit.d', { n: d }));
  if (h) parts.push(t('sla.unit.h', { n: h }));
  if (min || !parts.length) parts.push(t('sla.unit.min', { n: min }));
  return parts.join(t('sla.unit.join'));
}

/** What a queue row says about a case's clocks; null when no clock runs (or none applies). */
export interface SlaChip {
  kind: 'overdue' | 'soon' | 'due' | 'paused';
  clock: SlaClockName;
  /** Minutes overdue, or left (wall-clock to the due time; for a paused clock, as the policy counts them). */
  minutes: number | null;
}

/** Left this little (or under a quarter of its target), a running clock is shown as a warning. */
export const SOON_MINUTES = 30;

export function slaChip(sla: CaseSla | null | undefined, now = Date.now()): SlaChip | null {
  if (!sla || !sla.active) return null;
  // The clock that is due first among those still running (one past due keeps running until someone answers).
  let first: { clock: SlaClockName; due: number } | null = null;
  for (const clock of slaClockNames) {
    const c = sla[clock];
    if (!c || c.completedAt || !c.dueAt || (c.state !== 'running' && c.state !== 'breached')) continue;
    const due = Date.parse(c.dueAt);
    if (!first || due < first.due) first = { clock, due };
  }
  if (first) {
    const c = sla[first.clock]!;
    const left = (first.due - now) / MINUTE;
    if (left <= 0) return { kind: 'overdue', clock: first.clock, minutes: Math.max(1, Math.floor(-left)) };
    const counted = c.remainingMinutes ?? left;
    const soon = left <= SOON_MINUTES || counted < c.targetMinutes / 4;
    // Rounded: `now` is the screen's last tick, a few seconds behind.
    return { kind: soon ? 'soon' : 'due', clock: first.clock, minutes: Math.max(1, Math.round(left)) };
  }
  for (const clock of slaClockNames) {
    const c = sla[clock];
    if (c?.state === 'paused') return { kind: 'paused', clock, minutes: c.remainingMinutes };
  }
  return null;
}

/** The chip's words: "overdue 1 h 5 min", "due in 23 min", "paused". */
export function chipText(chip: SlaChip): string {
  if (chip.kind === 'paused') return t('sla.chip.paused');
  const time = duration(chip.minutes ?? 0);
  return chip.kind === 'overdue' ? t('sla.chip.overdue', { time }) : t('sla.chip.dueIn', { time });
}

const clockKeys: Record<SlaClockName, MessageKey> = { firstResponse: 'sla.clock.firstResponse', nextResponse: 'sla.clock.nextResponse', resolution: 'sla.clock.resolution' };
const clockOfKey: Record<SlaClockKey, SlaClockName> = { first_response: 'firstResponse', next_response: 'nextResponse', resolution: 'resolution' };

/** A clock named either way (`firstResponse` in the clocks, `first_response` in history and breaches). */
export function clockName(clock: string): SlaClockName | null {
  if (clock in clockKeys) return clock as SlaClockName;
  if (clock in clockOfKey) return clockOfKey[clock as SlaClockKey];
  return null;
}

export function clockLabel(clock: string): string {
  const name = clockName(clock);
  return name ? t(clockKeys[name]) : clock.replace(/_/g, ' ');
}

/** The ids for GET /sla/cases?ids=…, at most 100 a request. */
export function idBatches(ids: readonly string[], size = 100): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

const targetKeys: Record<SlaClockName, keyof SlaTarget> = { firstResponse: 'firstResponseMinutes', nextResponse: 'nextResponseMinutes', resolution: 'resolutionMinutes' };

/**
 * The policy input ("urgent.firstResponseMinutes") a server's field names, however it spells it:
 * `body.targets.urgent.firstResponseMinutes` (a 400), `targets.high.nextResponseMinutes`, or `first_response` with the
 * priority beside it (a 422). Null when it names no target.
 */
export function targetField(raw: string, priority?: unknown): string | null {
  const camel = raw.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const p = /\b(urgent|high|normal|low)\b/.exec(camel.replace(/\./g, ' '))?.[1] ?? (typeof priority === 'string' ? priority : null);
  const k = /(firstResponse|nextResponse|resolution)/.exec(camel)?.[1] as SlaClockName | undefined;
  if (!p || !k || !priorities.includes(p as Priority)) return null;
  return `${p}.${targetKeys[k]}`;
}
