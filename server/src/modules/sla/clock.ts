import type { casePriorities } from '../cases/schema.js';
import { openSpans, type BusinessHours, type Holiday } from '../support/hours.js';

// A case's service-level clocks, computed from what the case already records (created, first response, waiting since,
// status history). Nothing per case is stored, so the clocks are the same on every node, after a restart, and at once
// under a changed policy.

export type CasePriority = (typeof casePriorities)[number];

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export interface SlaPolicy {
  enabled: boolean;
  /** Count only the hours agents work (live chat's hours, minus holidays); else every minute. */
  businessHours: boolean;
  targets: Record<CasePriority, SlaTargets>;
}

export const clockNames = ['first_response', 'next_response', 'resolution'] as const;
export type ClockName = (typeof clockNames)[number];

export interface ClockView {
  state: 'running' | 'paused' | 'met' | 'breached';
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  breachedAt: string | null;
  remainingMinutes: number | null;
}

export interface CaseSla {
  caseId: string;
  priority: CasePriority;
  businessHours: boolean;
  /** False when the policy is off or the assistant still has the case: then every clock is null. */
  active: boolean;
  firstResponse: ClockView | null;
  nextResponse: ClockView | null;
  resolution: ClockView | null;
  nextDueAt: string | null;
  breached: boolean;
}

/** What a case's clocks are computed from. */
export interface CaseFacts {
  id: string;
  priority: CasePriority;
  status: 'open' | 'pending' | 'resolved' | 'closed';
  createdAt: Date;
  firstResponseAt: Date | null;
  waitingSince: Date | null;
  /** The assistant still answers alone (tag `assistant` without `handoff`). */
  withAssistant: boolean;
  /** When the assistant handed the case to people; null if it never had it. */
  handedOverAt: Date | null;
  /** Status changes, oldest first. */
  statusChanges: { at: Date; from: string | null; to: string }[];
}

/** Counts elapsed time as the policy does: every millisecond, or only those inside the staffed hours. */
export interface TimeCounter {
  /** Counted milliseconds in [from, to). */
  between(from: number, to: number): number;
  /** The instant at which `ms` counted milliseconds have passed since `from` (null: the hours never open again). */
  after(from: number, ms: number): number | null;
}

export const calendarTime: TimeCounter = {
  between: (from, to) => Math.max(0, to - from),
  after: (from, ms) => from + ms,
};

export function staffedTime(hours: BusinessHours, zone: string, holidays: readonly Holiday[]): TimeCounter {
  // The clocks of many cases read the same few days: each day's windows are worked out once per counter.
  const memo = new Map<string, [number, number][]>();
  return {
    between(from, to) {
      let total = 0;
      if (to <= from) return 0;
      for (const [start, end] of openSpans(hours, new Date(from), zone, holidays, 400, memo)) {
        if (start >= to) break;
        total += Math.min(end, to) - start;
      }
      return total;
    },
    after(from, ms) {
      let left = ms;
      for (const [start, end] of openSpans(hours, new Date(from), zone, holidays, 400, memo)) {
        if (end - start >= left) return start + left;
        left -= end - start;
      }
      return null;
    },
  };
}

const MINUTE = 60_000;
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
const minutesLeft = (ms: number) => Math.max(0, Math.ceil(ms / MINUTE));
const done = (status: string) => status === 'resolved' || status === 'closed';

/** A clock that runs from `start` until `stop` (or now), without pauses. */
function straightClock(start: number, stop: number | null, targetMinutes: number, time: TimeCounter, now: number): ClockView {
  const due = time.after(start, targetMinutes * MINUTE);
  const base = { targetMinutes, startedAt: iso(start)!, dueAt: iso(due) };
  if (stop != null) {
    const late = due != null && stop > due;
    return { ...base, state: late ? 'breached' : 'met', completedAt: iso(stop), breachedAt: late ? iso(due) : null, remainingMinutes: null };
  }
  if (due != null && now >= due) return { ...base, state: 'breached', completedAt: null, breachedAt: iso(due), remainingMinutes: null };
  return { ...base, state: 'running', completedAt: null, breachedAt: null, remainingMinutes: minutesLeft(targetMinutes * MINUTE - time.between(start, now)) };
}

/** The stretches in [start, now) during which the case was open (the resolution clock runs only then). */
function openStretches(facts: CaseFacts, start: number, now: number): [number, number][] {
  const stretches: [number, number][] = [];
  let status: string = facts.statusChanges[0]?.from ?? facts.status;
  let since = facts.createdAt.getTime();
  const close = (until: number) => {
    const from = Math.max(since, start);
    if (status === 'open' && until > from) stretches.push([from, until]);
  };
  for (const change of facts.statusChanges) {
    const at = Math.min(change.at.getTime(), now);
    close(at);
    status = change.to;
    since = at;
  }
  close(now);
  return stretches;
}

function resolutionClock(facts: CaseFacts, start: number, targetMinutes: number, time: TimeCounter, now: number): ClockView {
  const target = targetMinutes * MINUTE;
  let counted = 0;
  let breachedAt: number | null = null;
  for (const [from, until] of openStretches(facts, start, now)) {
    const part = time.between(from, until);
    if (breachedAt == null && counted + part >= target) breachedAt = time.after(from, target - counted);
    counted += part;
  }
  const lastDone = done(facts.status) ? [...facts.statusChanges].reverse().find((c) => done(c.to))?.at.getTime() ?? now : null;
  const base = { targetMinutes, startedAt: iso(start)!, completedAt: iso(lastDone) };
  if (breachedAt != null) return { ...base, state: 'breached', dueAt: iso(breachedAt), breachedAt: iso(breachedAt), remainingMinutes: null };
  if (lastDone != null) return { ...base, state: 'met', dueAt: null, breachedAt: null, remainingMinutes: null };
  const left = target - counted;
  if (facts.status === 'open') return { ...base, state: 'running', dueAt: iso(time.after(now, left)), breachedAt: null, remainingMinutes: minutesLeft(left) };
  return { ...base, state: 'paused', dueAt: null, breachedAt: null, remainingMinutes: minutesLeft(left) };
}

/** A case's clocks at `now` under `policy`, counting time with `time`. */
export function caseClocks(facts: CaseFacts, policy: SlaPolicy, time: TimeCounter, now: number): CaseSla {
  const base = { caseId: facts.id, priority: facts.priority, businessHours: policy.businessHours };
  if (!policy.enabled || facts.withAssistant) return { ...base, active: false, firstResponse: null, nextResponse: null, resolution: null, nextDueAt: null, breached: false };
  const targets = policy.targets[facts.priority];
  const start = (facts.handedOverAt ?? facts.createdAt).getTime();
  const firstDone = facts.statusChanges.find((c) => done(c.to) && c.at.getTime() >= start)?.at.getTime();
  const firstStop = [facts.firstResponseAt?.getTime(), firstDone].filter((t): t is number => t != null);
  const firstResponse = targets.firstResponseMinutes == null ? null : straightClock(start, firstStop.length ? Math.min(...firstStop) : null, targets.firstResponseMinutes, time, now);
  // A later wait: the customer wrote after an agent's first reply, on a case still in the team's hands.
  const waiting = facts.waitingSince && facts.firstResponseAt && facts.waitingSince > facts.firstResponseAt && !done(facts.status) ? Math.max(facts.waitingSince.getTime(), start) : null;
  const nextResponse = targets.nextResponseMinutes == null || waiting == null ? null : straightClock(waiting, null, targets.nextResponseMinutes, time, now);
  const resolution = targets.resolutionMinutes == null ? null : resolutionClock(facts, start, targets.resolutionMinutes, time, now);
  const clocks = [firstResponse, nextResponse, resolution];
  const dues = clocks.filter((c) => c?.state === 'running' && c.dueAt).map((c) => c!.dueAt!).sort();
  return { ...base, active: true, firstResponse, nextResponse, resolution, nextDueAt: dues[0] ?? null, breached: clocks.some((c) => c?.state === 'breached') };
}

/** A public message of a case, for measuring past next-response cycles. */
export interface CaseTurn {
  at: Date;
  by: 'customer' | 'agent';
}

/**
 * Every next-response cycle of a case, for reports: from the customer's first message after an agent's reply to the
 * next agent reply, or to the case being resolved or closed, whichever comes first; the last may still run.
 */
export function nextResponseCycles(facts: CaseFacts, turns: readonly CaseTurn[], policy: SlaPolicy, time: TimeCounter, now: number): ClockView[] {
  const target = policy.targets[facts.priority].nextResponseMinutes;
  if (!policy.enabled || facts.withAssistant || target == null) return [];
  const start = (facts.handedOverAt ?? facts.createdAt).getTime();
  const doneAt = facts.statusChanges.filter((c) => done(c.to)).map((c) => c.at.getTime());
  const cycles: ClockView[] = [];
  let answered = false;
  let waiting: number | null = null;
  for (const turn of turns) {
    const at = turn.at.getTime();
    if (turn.by === 'agent') {
      if (waiting != null) cycles.push(straightClock(waiting, at, target, time, now));
      answered = true;
      waiting = null;
    } else if (answered && waiting == null && at >= start) {
      // A resolution before any reply ends the wait: the team was not asked for more.
      waiting = at;
      const ended = doneAt.find((d) => d >= at);
      const nextAgent = turns.find((x) => x.by === 'agent' && x.at.getTime() >= at)?.at.getTime();
      if (ended != null && (nextAgent == null || ended < nextAgent)) {
        cycles.push(straightClock(at, ended, target, time, now));
        waiting = null;
      }
    }
  }
  if (waiting != null) cycles.push(straightClock(waiting, null, target, time, now));
  return cycles;
}
