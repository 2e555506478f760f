import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { settings } from '../../kernel/db/schema.js';
import type { Desk } from '../../kernel/desk.js';
import { unprocessable } from '../../kernel/errors.js';
import { t, type Locale } from '../../kernel/i18n.js';
import { casePriorities } from '../cases/schema.js';
import { caseRecords, getCase, recordCaseHistory, systemPrincipal } from '../cases/service.js';
import { caseView, HANDOFF_TAG, withAssistant, type CaseView } from '../cases/views.js';
import { describeHours } from '../support/hours.js';
import { staffedHours } from '../support/service.js';
import {
  calendarTime,
  caseClocks,
  clockNames,
  nextResponseCycles,
  staffedTime,
  type CaseFacts,
  type CaseSla,
  type CaseTurn,
  type ClockName,
  type ClockView,
  type SlaPolicy,
  type SlaTargets,
  type TimeCounter,
} from './clock.js';
import { slaBreaches } from './schema.js';

const POLICY_KEY = 'sla.policy';

/**
 * Targets a wallet desk can start from: money questions are urgent within a quarter of an hour; an ordinary question is
 * answered within four working hours and settled within a working day and a half. Admins change them on the console.
 */
export const defaultPolicy: SlaPolicy = {
  enabled: true,
  businessHours: true,
  targets: {
    urgent: { firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    normal: { firstResponseMinutes: 4 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 21 * 60 },
    low: { firstResponseMinutes: 8 * 60, nextResponseMinutes: 8 * 60, resolutionMinutes: 5 * 14 * 60 },
  },
};

export async function slaPolicy(desk: Desk): Promise<SlaPolicy> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, POLICY_KEY));
  const saved = (row?.value ?? {}) as Partial<SlaPolicy>;
  return {
    enabled: saved.enabled ?? defaultPolicy.enabled,
    businessHours: saved.businessHours ?? defaultPolicy.businessHours,
    targets: Object.fromEntries(casePriorities.map((p) => [p, { ...defaultPolicy.targets[p], ...saved.targets?.[p] }])) as SlaPolicy['targets'],
  };
}

/** Saves a policy; a response target longer than the same priority's resolution target is refused (422). */
export async function saveSlaPolicy(desk: Desk, policy: SlaPolicy): Promise<SlaPolicy> {
  for (const priority of casePriorities) {
    const target = policy.targets[priority];
    for (const key of ['firstResponseMinutes', 'nextResponseMinutes'] as const) {
      const minutes = target[key];
      if (minutes != null && target.resolutionMinutes != null && minutes > target.resolutionMinutes) {
        throw unprocessable('sla_targets_order', { field: `body.targets.${priority}.${key}`, priority, resolutionMinutes: target.resolutionMinutes });
      }
    }
  }
  const value = { enabled: policy.enabled, businessHours: policy.businessHours, targets: policy.targets };
  await desk.db.insert(settings).values({ key: POLICY_KEY, value, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return slaPolicy(desk);
}

/** Which hours the clocks count, in the caller's language. */
export async function countedHours(desk: Desk, policy: SlaPolicy, locale: Locale): Promise<string> {
  if (!policy.businessHours) return t(locale, 'sla.hours.calendar');
  const { hours, zone } = await staffedHours(desk);
  return t(locale, 'sla.hours.business', { hours: describeHours(hours, locale, zone) });
}

async function timeCounter(desk: Desk, policy: SlaPolicy): Promise<TimeCounter> {
  if (!policy.businessHours) return calendarTime;
  const { hours, holidays, zone } = await staffedHours(desk);
  return staffedTime(hours, zone, holidays);
}

interface StoredCase extends CaseFacts {
  reference: string;
  subject: string | null;
}

/** The facts of stored cases (unknown ids left out), in the order of `ids`. */
async function factsOf(desk: Desk, ids: readonly string[]): Promise<StoredCase[]> {
  if (!ids.length) return [];
  const [found, history] = await Promise.all([caseRecords.byIds(desk, ids), caseRecords.history(desk, ids, ['status_changed', 'tags_changed'])]);
  const byId = new Map(found.map((c) => [c.id, c]));
  const historyOf = new Map<string, typeof history>();
  for (const e of history) {
    const list = historyOf.get(e.caseId);
    if (list) list.push(e);
    else historyOf.set(e.caseId, [e]);
  }
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const own = historyOf.get(id) ?? [];
    const handover = own.find((e) => e.type === 'tags_changed' && (e.toValue ?? '').split(',').includes(HANDOFF_TAG));
    return [
      {
        id: c.id,
        reference: c.reference,
        subject: c.subject,
        priority: c.priority,
        status: c.status,
        createdAt: c.createdAt,
        firstResponseAt: c.firstResponseAt,
        waitingSince: c.waitingSince,
        withAssistant: withAssistant(c.tags),
        handedOverAt: handover?.createdAt ?? null,
        statusChanges: own.filter((e) => e.type === 'status_changed' && e.toValue).map((e) => ({ at: e.createdAt, from: e.fromValue, to: e.toValue! })),
      },
    ];
  });
}

/** The clocks of stored cases (unknown ids left out), in the order asked. */
export async function casesSla(desk: Desk, ids: readonly string[], now = Date.now()): Promise<CaseSla[]> {
  const policy = await slaPolicy(desk);
  const time = await timeCounter(desk, policy);
  return (await factsOf(desk, ids)).map((facts) => caseClocks(facts, policy, time, now));
}

/** Ids of the open and pending cases in id order, a page at a time (the sweep and the at-risk list read them all). */
async function* activeCaseIds(desk: Desk, page = 500): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const ids = await caseRecords.idsInStatus(desk, ['open', 'pending'], after, page);
    if (!ids.length) return;
    yield ids;
    if (ids.length < page) return;
    after = ids[ids.length - 1];
  }
}

const running = (c: ClockView | null) => c?.state === 'running' || (c?.state === 'breached' && c.completedAt == null);

/** Open and pending cases with a clock overdue or due within `withinMinutes`: overdue first, then soonest due. */
export async function atRisk(desk: Desk, withinMinutes: number, limit = 100, now = Date.now()): Promise<{ case: CaseView; sla: CaseSla }[]> {
  const policy = await slaPolicy(desk);
  if (!policy.enabled) return [];
  const time = await timeCounter(desk, policy);
  const horizon = now + withinMinutes * 60_000;
  const found: { sla: CaseSla; key: number }[] = [];
  for await (const ids of activeCaseIds(desk)) {
    for (const facts of await factsOf(desk, ids)) {
      const sla = caseClocks(facts, policy, time, now);
      const live = [sla.firstResponse, sla.nextResponse, sla.resolution].filter(running);
      const overdue = live.filter((c) => c!.state === 'breached').map((c) => Date.parse(c!.breachedAt!));
      const due = live.filter((c) => c!.state === 'running').map((c) => Date.parse(c!.dueAt!));
      // Overdue cases sort before every due one (by how long overdue), due ones by when.
      if (overdue.length) found.push({ sla, key: Math.min(...overdue) - 1e15 });
      else if (due.length && Math.min(...due) <= horizon) found.push({ sla, key: Math.min(...due) });
    }
  }
  found.sort((a, b) => a.key - b.key);
  const top = found.slice(0, limit);
  return Promise.all(top.map(async ({ sla }) => ({ case: caseView(await getCase(desk, systemPrincipal, sla.caseId)), sla })));
}

const clockOf = (sla: CaseSla, name: ClockName) => (name === 'first_response' ? sla.firstResponse : name === 'next_response' ? sla.nextResponse : sla.resolution);

/**
 * Records each target that an open or pending case has just missed, once across all nodes (the unique index on case,
 * clock and cycle decides), in the case's history, which every console hears as `case:updated`. Returns how many.
 */
export async function sweepBreaches(desk: Desk, now = Date.now()): Promise<number> {
  const policy = await slaPolicy(desk);
  if (!policy.enabled) return 0;
  const time = await timeCounter(desk, policy);
  let recorded = 0;
  for await (const ids of activeCaseIds(desk)) {
    // Breaches already recorded are skipped here, not by a conflicting insert each minute for as long as they last.
    const known = new Set(
      (await desk.db.select({ caseId: slaBreaches.caseId, clock: slaBreaches.clock, cycleStart: slaBreaches.cycleStart }).from(slaBreaches).where(inArray(slaBreaches.caseId, ids))).map(
        (b) => `${b.caseId} ${b.clock} ${b.cycleStart.toISOString()}`,
      ),
    );
    for (const facts of await factsOf(desk, ids)) {
      const sla = caseClocks(facts, policy, time, now);
      for (const name of clockNames) {
        const clock = clockOf(sla, name);
        if (clock?.state !== 'breached' || clock.completedAt || known.has(`${facts.id} ${name} ${clock.startedAt}`)) continue;
        const [row] = await desk.db
          .insert(slaBreaches)
          .values({ id: randomUUID(), caseId: facts.id, clock: name, cycleStart: new Date(clock.startedAt), dueAt: new Date(clock.breachedAt!) })
          .onConflictDoNothing()
          .returning({ id: slaBreaches.id });
        if (!row) continue;
        await recordCaseHistory(desk, facts.id, 'sla_breached', name);
        recorded++;
      }
    }
  }
  return recorded;
}

export function startBreachSweeper(desk: Desk): void {
  let sweeping = false;
  // A sweep that records a burst of breaches can outlast the minute: the next one waits its turn instead of overlapping.
  const sweep = () => {
    if (sweeping) return;
    sweeping = true;
    sweepBreaches(desk)
      .catch((error: unknown) => desk.log.warn({ err: error }, 'SLA sweep failed; will retry'))
      .finally(() => (sweeping = false));
  };
  const timer = setInterval(sweep, 60_000);
  timer.unref();
  desk.onStop(() => clearInterval(timer));
}

export interface ClockTally {
  met: number;
  breached: number;
  running: number;
  /** met ÷ (met + breached); null without either. */
  compliance: number | null;
}

type Tallies = Record<'firstResponse' | 'nextResponse' | 'resolution', ClockTally>;

export interface SlaReport {
  from: string;
  to: string;
  cases: number;
  clocks: Tallies;
  byPriority: Record<(typeof casePriorities)[number], Tallies>;
  recentBreaches: { caseId: string; reference: string; subject: string | null; priority: string; clock: ClockName; dueAt: string; breachedAt: string }[];
}

const emptyTally = (): ClockTally => ({ met: 0, breached: 0, running: 0, compliance: null });
const emptyTallies = (): Tallies => ({ firstResponse: emptyTally(), nextResponse: emptyTally(), resolution: emptyTally() });

/** How far a report reads: beyond this many cases created in its period, the newest are counted. */
const REPORT_CASES = 20_000;

/** Targets met and missed for the cases created in [from, to): each clock, per priority, and the latest breaches. */
export async function slaReport(desk: Desk, from: Date, to: Date, now = Date.now()): Promise<SlaReport> {
  const policy = await slaPolicy(desk);
  const time = await timeCounter(desk, policy);
  const report: SlaReport = {
    from: from.toISOString(),
    to: to.toISOString(),
    cases: 0,
    clocks: emptyTallies(),
    byPriority: Object.fromEntries(casePriorities.map((p) => [p, emptyTallies()])) as SlaReport['byPriority'],
    recentBreaches: [],
  };
  const ids = await caseRecords.idsCreated(desk, from, to, REPORT_CASES);
  report.cases = ids.length;
  const count = (facts: StoredCase, key: keyof Tallies, clock: ClockView | null, name: ClockName) => {
    if (!clock) return;
    const state = clock.state === 'breached' ? 'breached' : clock.state === 'met' ? 'met' : 'running';
    report.clocks[key][state]++;
    report.byPriority[facts.priority][key][state]++;
    if (clock.breachedAt) {
      report.recentBreaches.push({ caseId: facts.id, reference: facts.reference, subject: facts.subject, priority: facts.priority, clock: name, dueAt: clock.dueAt ?? clock.breachedAt, breachedAt: clock.breachedAt });
    }
  };
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const [facts, turns] = await Promise.all([factsOf(desk, batch), turnsOf(desk, batch)]);
    for (const f of facts) {
      const sla = caseClocks(f, policy, time, now);
      count(f, 'firstResponse', sla.firstResponse, 'first_response');
      count(f, 'resolution', sla.resolution, 'resolution');
      for (const cycle of nextResponseCycles(f, turns.get(f.id) ?? [], policy, time, now)) count(f, 'nextResponse', cycle, 'next_response');
    }
  }
  const finish = (t: ClockTally) => {
    t.compliance = t.met + t.breached ? Math.round((t.met / (t.met + t.breached)) * 10_000) / 10_000 : null;
  };
  for (const tallies of [report.clocks, ...Object.values(report.byPriority)]) Object.values(tallies).forEach(finish);
  report.recentBreaches = report.recentBreaches.sort((a, b) => b.breachedAt.localeCompare(a.breachedAt)).slice(0, 20);
  return report;
}

/** The public messages of cases by customers and agents, oldest first, per case. */
async function turnsOf(desk: Desk, ids: readonly string[]): Promise<Map<string, CaseTurn[]>> {
  const found = await caseRecords.publicTurns(desk, ids);
  const turns = new Map<string, CaseTurn[]>();
  for (const m of found) {
    const list = turns.get(m.caseId) ?? [];
    list.push({ at: m.createdAt, by: m.authorKind === 'agent' ? 'agent' : 'customer' });
    turns.set(m.caseId, list);
  }
  return turns;
}

export type { CaseSla, SlaPolicy, SlaTargets };
