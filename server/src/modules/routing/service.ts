import { eq, sql } from 'drizzle-orm';
import { settings } from '../../kernel/db/schema.js';
import { moduleState, type Desk } from '../../kernel/desk.js';
import { caseRecords, claimCase } from '../cases/service.js';
import { withAssistant, type CaseView } from '../cases/views.js';
import { presenceList, teamMembersOfCases } from '../console/service.js';
import { routingAgents } from './schema.js';

// Automatic assignment: a case that reaches the people's queue goes at once to an agent who is online and has room for
// it (fewer open cases than the desk's limit), the least loaded first, and among equals the one who waited longest for a
// case; a case with a team goes only to its members. Cases that find nobody wait, most urgent and longest waiting
// first, and are handed out as agents come online or close cases.

const SETTINGS_KEY = 'routing.settings';

export interface RoutingSettings {
  /** Hand cases to available agents by themselves; off, agents take them from the queue. */
  autoAssign: boolean;
  /** Open cases an agent holds before routing stops giving them more. */
  maxOpenPerAgent: number;
}

export const defaultRouting: RoutingSettings = { autoAssign: false, maxOpenPerAgent: 5 };

export async function routingSettings(desk: Desk): Promise<RoutingSettings> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
  return { ...defaultRouting, ...((row?.value ?? {}) as Partial<RoutingSettings>) };
}

export async function saveRoutingSettings(desk: Desk, value: RoutingSettings): Promise<RoutingSettings> {
  await desk.db.insert(settings).values({ key: SETTINGS_KEY, value, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return routingSettings(desk);
}

/** How many waiting cases one round hands out at most: the next round (seconds later) takes the rest. */
const ROUND = 200;
const ROUTER = { kind: 'system', id: null };
/** Whether the node's last round left cases waiting: then room freed or an agent arriving is worth a round at once. */
const QUEUE = Symbol('routing.queue');
const queueState = (desk: Desk) => moduleState<{ waiting: boolean }>(desk, QUEUE, () => ({ waiting: false }));

/**
 * Hands waiting cases to available agents, once: every open case nobody holds that people should answer, the most
 * urgent and longest waiting first, never to an agent who let that case go themselves. Returns who got what. Each case
 * is claimed only if still unassigned and the agent still under the limit, counted under a lock on the agent, so an
 * agent who takes it by hand first, or another node's round, wins, and two nodes never fill one agent past the limit.
 */
export async function assignWaiting(desk: Desk): Promise<{ caseId: string; agentId: string }[]> {
  const rules = await routingSettings(desk);
  if (!rules.autoAssign) return [];
  const waiting = await caseRecords.unassignedOpen(desk, ROUND);
  queueState(desk).waiting = waiting.length > 0;
  if (!waiting.length) return [];
  const online = (await presenceList(desk)).filter((p) => p.status === 'online').map((p) => p.agentId);
  if (!online.length) return [];
  const [loads, last] = await Promise.all([caseRecords.openCasesPerAgent(desk), lastAssigned(desk)]);
  const ids = waiting.map((c) => c.id);
  const [teams, released] = await Promise.all([teamMembersOfCases(desk, ids), caseRecords.releasedBy(desk, ids)]);
  const made: { caseId: string; agentId: string }[] = [];
  for (const kase of waiting) {
    const team = teams.get(kase.id);
    const gaveUp = released.get(kase.id);
    const candidates = online.filter((id) => (loads.get(id) ?? 0) < rules.maxOpenPerAgent && (!team || team.has(id)) && !gaveUp?.has(id));
    candidates.sort((a, b) => (loads.get(a) ?? 0) - (loads.get(b) ?? 0) || (last.get(a) ?? 0) - (last.get(b) ?? 0) || a.localeCompare(b));
    for (const agentId of candidates) {
      const claimed = await claimCase(desk, kase.id, agentId, ROUTER, rules.maxOpenPerAgent);
      // Filled up by another node's round meanwhile: the next one in line, and no more for them in this round.
      if (claimed === 'full') {
        loads.set(agentId, rules.maxOpenPerAgent);
        continue;
      }
      if (claimed !== 'taken') {
        const now = new Date();
        loads.set(agentId, (loads.get(agentId) ?? 0) + 1);
        last.set(agentId, now.getTime());
        await desk.db.insert(routingAgents).values({ agentId, lastAssignedAt: now }).onConflictDoUpdate({ target: routingAgents.agentId, set: { lastAssignedAt: sql`excluded.last_assigned_at` } });
        made.push({ caseId: kase.id, agentId });
      }
      break;
    }
  }
  queueState(desk).waiting = made.length < waiting.length;
  return made;
}

async function lastAssigned(desk: Desk): Promise<Map<string, number>> {
  const found = await desk.db.select().from(routingAgents);
  return new Map(found.map((r) => [r.agentId, r.lastAssignedAt.getTime()]));
}

/** A case in the people's queue that nobody holds: worth a round at once rather than at the next tick. */
const waitsForSomeone = (c: CaseView) => c.status === 'open' && !c.assigneeId && !withAssistant(c.tags);

/**
 * Every few seconds (for what happened on other nodes), and at once when a case joins the queue or, with cases
 * waiting, when an agent comes online or a case leaves someone's hands; rounds never overlap on a node.
 */
const TICK_MS = 10_000;

export function startRouter(desk: Desk): void {
  let running: Promise<void> | undefined;
  let again = false;
  const round = () => {
    if (running) {
      again = true;
      return;
    }
    running = assignWaiting(desk)
      .then(() => undefined)
      .catch((error: unknown) => desk.log.warn({ err: error }, 'routing: a round failed; the next tick tries again'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          round();
        }
      });
  };
  const timer = setInterval(round, TICK_MS);
  timer.unref();
  const offs = [
    desk.events.on('case.created', ({ case: c }) => {
      if (waitsForSomeone(c)) round();
    }),
    desk.events.on('case.updated', ({ case: c, changes }) => {
      // A case joining the queue; or, with cases waiting, one leaving someone's hands (resolved, reassigned): room.
      if (waitsForSomeone(c) || (queueState(desk).waiting && changes.some((x) => x === 'status_changed' || x === 'assigned'))) round();
    }),
    desk.events.on('agent.presence', ({ status }) => {
      if (status === 'online' && queueState(desk).waiting) round();
    }),
    // A customer writing again reopens a resolved case, unassigned if its agent had let it go. With cases already
    // waiting for room, one more message on one of them changes nothing: no round for each.
    desk.events.on('message.created', ({ case: c }) => {
      if (waitsForSomeone(c) && !queueState(desk).waiting) round();
    }),
  ];
  desk.onStop(() => {
    clearInterval(timer);
    offs.forEach((off) => off());
  });
}
