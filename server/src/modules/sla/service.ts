import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { settings } from '../../kernel/db/schema.js';
import { moduleState, type Desk } from '../../kernel/desk.js';
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
  return (await countingRules(desk, policy)).time;
}

/** How time counts, and a fingerprint of everything that decides a due time besides the case (policy, hours, holidays). */
async function countingRules(desk: Desk, policy: SlaPolicy): Promise<{ time: TimeCounter; basis: string }> {
  if (!policy.businessHours) return { time: calendarTime, basis: JSON.stringify(policy) };
  const { hours, holidays, zone } = await staffedHours(desk);
  return { time: staffedTime(hours, zone, holidays), basis: JSON.stringify([policy, hours, holidays, zone]) };
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
const ACTIVE_PAGE = 500;
async function* activeCaseIds(desk: Desk, page = ACTIVE_PAGE): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const ids = await caseRecords.idsInStatus(desk, ['open', 'pending'], after, page);
    if (!ids.length) return;
    yield ids;
    if (ids.length < page) return;
    after = ids[ids.length - 1];
  }
}

/** Added to an overdue case's breach time: every overdue case sorts before every case still due. */
const OVERDUE_OFFSET = -1e15;
const running = (c: ClockView | null) => c?.state === 'running' || (c?.state === 'breached' && c.completedAt == null);

/**
 * Where a case stands in the at-risk order: overdue ones first (the longest overdue first), then by their earliest
 * due time; null when no clock runs.
 */
function riskKey(sla: CaseSla): number | null {
  const live = [sla.firstResponse, sla.nextResponse, sla.resolution].filter(running);
  const overdue = live.filter((c) => c!.state === 'breached').map((c) => Date.parse(c!.breachedAt!));
  if (overdue.length) return Math.min(...overdue) + OVERDUE_OFFSET;
  const due = live.filter((c) => c!.state === 'running').map((c) => Date.parse(c!.dueAt!));
  return due.length ? Math.min(...due) : null;
}

/**
 * The node's watch list: every active case with a running clock and its risk key, as the last minute's sweep (or a full
 * at-risk computation) found them, soonest first. Keys are times, so the list stays right as time passes; what changes
 * a key is a change to the case (a message, a status, a priority, a pause), and every change moves the case's
 * `updated_at`. So the at-risk list recomputes the head of the list plus the cases changed since the list was made:
 * exact, without computing the clocks of every open case per request (about 2 s for 10,000).
 */
interface WatchList {
  cases?: { id: string; key: number }[];
  /** When the walk that made the list began. */
  at: number;
  /** The policy, hours and holidays it was made with: other ones give other due times. */
  basis?: string;
}
const WATCH = Symbol('sla.watchList');
/** Older than this (a sweep missed, the node just started), the list is rebuilt by the request itself. */
const WATCH_MAX_AGE_MS = 150_000;
/** `updated_at` is written by the database's clock and by nodes': a margin for their skew. */
const CLOCK_SKEW_MS = 30_000;
/** More changes than this since the list was made: rebuilding it is cheaper than reading them one by one. */
const MAX_CHANGED = 2_000;
const watchList = (desk: Desk) => moduleState<WatchList>(desk, WATCH, () => ({ at: 0 }));

/** Walks every active case once, a page at a time: the clocks of each page for whoever needs them, and a fresh watch list. */
async function walkActiveCases(desk: Desk, policy: SlaPolicy, now: number, visit?: (page: CaseSla[]) => Promise<void>): Promise<WatchList> {
  const { time, basis } = await countingRules(desk, policy);
  const at = Date.now();
  const cases: { id: string; key: number }[] = [];
  for await (const ids of activeCaseIds(desk)) {
    const page = (await factsOf(desk, ids)).map((facts) => caseClocks(facts, policy, time, now));
    for (const sla of page) {
      const key = riskKey(sla);
      if (key !== null) cases.push({ id: sla.caseId, key });
    }
    if (visit) await visit(page);
  }
  cases.sort((a, b) => a.key - b.key);
  const list = { cases, at, basis };
  Object.assign(watchList(desk), list);
  return list;
}

/**
 * A key of the watch list as it stands now: a running clock's due time, once passed, is the time it was breached
 * (`breachedAt` is the due time), and breached cases sort first.
 */
const keyNow = (key: number, now: number) => (key > OVERDUE_OFFSET / 10 && key <= now ? key + OVERDUE_OFFSET : key);

/** Open and pending cases with a clock overdue or due within `withinMinutes`: overdue first, then soonest due. */
export async function atRisk(desk: Desk, withinMinutes: number, limit = 100, now = Date.now()): Promise<{ case: CaseView; sla: CaseSla }[]> {
  const policy = await slaPolicy(desk);
  if (!policy.enabled) return [];
  const horizon = now + withinMinutes * 60_000;
  const { time, basis } = await countingRules(desk, policy);
  let list = watchList(desk);
  let changed: string[] = [];
  if (list.cases && list.basis === basis && Date.now() - list.at <= WATCH_MAX_AGE_MS) {
    changed = await caseRecords.idsChangedSince(desk, ['open', 'pending'], new Date(list.at - CLOCK_SKEW_MS), MAX_CHANGED + 1);
  }
  if (!list.cases || list.basis !== basis || Date.now() - list.at > WATCH_MAX_AGE_MS || changed.length > MAX_CHANGED) {
    list = await walkActiveCases(desk, policy, now);
    changed = [];
  }
  const changedIds = new Set(changed);
  const found = new Map<string, { sla: CaseSla; key: number }>();
  const recompute = async (ids: string[]) => {
    for (const facts of await factsOf(desk, ids)) {
      if (facts.status !== 'open' && facts.status !== 'pending') continue;
      const sla = caseClocks(facts, policy, time, now);
      const key = riskKey(sla);
      if (key !== null && key <= horizon) found.set(facts.id, { sla, key });
    }
  };
  // Cases changed since the list was made, whatever the list says of them; then the list's head, recomputed now, until
  // `limit` cases at risk are certain (a case answered, resolved or paused since then drops out).
  await recompute(changed);
  const candidates = list.cases!.filter((c) => c.key <= horizon && !changedIds.has(c.id));
  for (let from = 0; from < candidates.length; from += limit * 2) {
    const head = candidates.slice(from, from + limit * 2);
    await recompute(head.map((c) => c.id));
    // Unchanged cases keep their keys: once `limit` found ones come before the rest of the list, the rest cannot enter.
    const next = candidates[from + limit * 2];
    if (!next || [...found.values()].filter((f) => f.key < keyNow(next.key, now)).length >= limit) break;
  }
  const top = [...found.values()].sort((a, b) => a.key - b.key).slice(0, limit);
  return Promise.all(top.map(async ({ sla }) => ({ case: caseView(await getCase(desk, systemPrincipal, sla.caseId)), sla })));
}

const clockOf = (sla: CaseSla, name: ClockName) => (name === 'first_response' ? sla.firstResponse : name === 'next_response' ? sla.nextResponse : sla.resolution);

/** When this node's last sweep began; a node's first sweep looks back this far for cases closed meanwhile. */
const LAST_SWEEP = Symbol('sla.lastSweep');
const FIRST_LOOK_BACK_MS = 24 * 3600_000;

/**
 * Records each target a case has missed, once across all nodes (the unique index on case, clock and cycle decides), in
 * the case's history, which every console hears as `case:updated`. It looks at every open and pending case, and at the
 * cases resolved or closed since the last sweep: a target missed and then met, or a case resolved late, between two
 * sweeps (or while no node ran, up to a day back) is recorded too. Returns how many.
 */
export async function sweepBreaches(desk: Desk, now = Date.now()): Promise<number> {
  const policy = await slaPolicy(desk);
  if (!policy.enabled) return 0;
  const last = moduleState<{ at?: number }>(desk, LAST_SWEEP, () => ({}));
  const since = new Date(last.at ? last.at - CLOCK_SKEW_MS : Date.now() - FIRST_LOOK_BACK_MS);
  last.at = Date.now();
  let recorded = 0;
  const record = async (page: CaseSla[]) => {
    // Breaches already recorded are skipped here, not by a conflicting insert each minute for as long as they last.
    const ids = page.map((sla) => sla.caseId);
    if (!ids.length) return;
    const known = new Set(
      (await desk.db.select({ caseId: slaBreaches.caseId, clock: slaBreaches.clock, cycleStart: slaBreaches.cycleStart }).from(slaBreaches).where(inArray(slaBreaches.caseId, ids))).map(
        (b) => `${b.caseId} ${b.clock} ${b.cycleStart.toISOString()}`,
      ),
    );
    for (const sla of page) {
      for (const name of clockNames) {
        const clock = clockOf(sla, name);
        if (clock?.state !== 'breached' || known.has(`${sla.caseId} ${name} ${clock.startedAt}`)) continue;
        const [row] = await desk.db
          .insert(slaBreaches)
          .values({ id: randomUUID(), caseId: sla.caseId, clock: name, cycleStart: new Date(clock.startedAt), dueAt: new Date(clock.breachedAt!) })
          .onConflictDoNothing()
          .returning({ id: slaBreaches.id });
        if (!row) continue;
        await recordCaseHistory(desk, sla.caseId, 'sla_breached', name);
        recorded++;
      }
    }
  };
  await walkActiveCases(desk, policy, now, record);
  const time = await timeCounter(desk, policy);
  for (let closed = await caseRecords.idsChangedSince(desk, ['resolved', 'closed'], since, ACTIVE_PAGE, ''); closed.length; ) {
    await record((await factsOf(desk, closed)).map((facts) => caseClocks(facts, policy, time, now)));
    if (closed.length < ACTIVE_PAGE) break;
    closed = await caseRecords.idsChangedSince(desk, ['resolved', 'closed'], since, ACTIVE_PAGE, closed[closed.length - 1]);
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
