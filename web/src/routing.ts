import type { CaseView, HistoryItem, OverviewAgent, PresenceStatus } from './types';

// Automatic assignment in the console (server `routing` module): who routing would give a case to now (Manage →
// Routing), and telling an agent, once, that a case was given to them by routing or a colleague.

/** What PUT /routing/settings accepts for maxOpenPerAgent. */
export const maxOpenBounds = { min: 1, max: 100 } as const;

/** available: online with room; full: online at the limit; away and offline get nothing whatever their load. */
export type RoutingState = 'available' | 'full' | 'away' | 'offline';

export interface RoutingRow {
  agentId: string;
  name: string;
  role: string;
  status: PresenceStatus;
  /** Open cases held: what routing counts against the limit. */
  open: number;
  /** Pending cases held: shown, not counted (they wait on the customer). */
  pending: number;
  state: RoutingState;
}

const stateOrder: Record<RoutingState, number> = { available: 0, full: 1, away: 2, offline: 3 };

/**
 * The overview's agents as routing sees them, in the order a reader wants: who has room (least loaded first, as routing
 * picks), who is full, then who is away or offline. Routing counts open cases only (`open`); pending ones are shown.
 */
export function routingRows(agents: readonly OverviewAgent[], limit: number): RoutingRow[] {
  return agents
    .map((a): RoutingRow => {
      const state: RoutingState = a.status !== 'online' ? a.status : a.open >= limit ? 'full' : 'available';
      return { agentId: a.agentId, name: a.name, role: a.role, status: a.status, open: a.open, pending: a.pending, state };
    })
    .sort((x, y) => stateOrder[x.state] - stateOrder[y.state] || (x.state === 'available' ? x.open - y.open : 0) || x.name.localeCompare(y.name));
}

/** Whether the latest assignment of the case to `me` in its history was made by `me` (another tab, the API). */
export function assignedBySelf(history: readonly HistoryItem[], me: string): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (h.type === 'assigned' && h.to === me) return h.actorKind === 'agent' && h.actorId === me;
  }
  return false;
}

export interface AssignmentChange {
  case: Pick<CaseView, 'id' | 'assigneeId'>;
  changes: readonly string[];
}

/** A case this console assigns to its agent is not news if its change arrives within this long. */
const OWN_WINDOW_MS = 60_000;

/**
 * Decides when the signed-in agent hears that a case is now theirs: once per assignment (the same change can reach the
 * console twice, pushed and polled), and not when they took it from this console themselves. A case given to them
 * again after it went to someone else (or to nobody) is news again.
 */
export class AssignmentNotices {
  /** Cases whose present assignment to me was already told, or was my own doing. */
  private readonly told = new Set<string>();
  /** Cases this console is assigning to me, with when it asked. */
  private readonly own = new Map<string, number>();

  constructor(private readonly me: string) {}

  /** Called before this console assigns a case to its agent. */
  assigningToMe(caseId: string, now = Date.now()): void {
    this.own.set(caseId, now);
  }

  /** The assignment was refused: a later one by someone else is news. */
  assignFailed(caseId: string): void {
    this.own.delete(caseId);
  }

  /** True when the agent should be told of this change now. */
  consider(e: AssignmentChange, now = Date.now()): boolean {
    const { id, assigneeId } = e.case;
    if (assigneeId !== this.me) {
      this.told.delete(id);
      return false;
    }
    if (!e.changes.includes('assigned') || this.told.has(id)) return false;
    this.told.add(id);
    const asked = this.own.get(id);
    if (asked === undefined) return true;
    this.own.delete(id);
    return now - asked > OWN_WINDOW_MS;
  }
}
