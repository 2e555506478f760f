import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { listCases, systemPrincipal, updateCase } from '../cases/service.js';

// A conversation the assistant answered alone and the customer left ("thanks", or silence) would stay open for ever:
// the customer's "any update?" would list it as an open case, and agents' "With the assistant" view would only grow.
// Like a chatbot conversation in Intercom or Zendesk, it is resolved after a quiet spell; a new message reopens it.
// Cases a person has (handed over, answered or taken by an agent) and high-priority ones (a phishing report recorded
// for the security team) are never touched.

const SWEEP = Symbol('assistant.idleSweep');
const BATCH = 100;

/** Resolves cases the assistant holds alone whose last message is older than `idleHours`; returns how many. */
export async function resolveIdleConversations(desk: Desk, idleHours: number, now = Date.now()): Promise<number> {
  const cutoff = now - idleHours * 3600_000;
  // Oldest first ("waiting" order), one batch per sweep: a backlog drains over a few sweeps.
  const { items } = await listCases(desk, systemPrincipal, { holder: 'assistant', status: ['open', 'pending'], sort: 'waiting', limit: BATCH });
  let resolved = 0;
  for (const c of items) {
    if (Date.parse(c.lastMessageAt) > cutoff) continue;
    // What someone is meant to look at stays open: a report recorded for the security team (high priority), a case
    // an agent has taken on without answering yet.
    if (c.assigneeId || c.priority === 'high' || c.priority === 'urgent') continue;
    await updateCase(desk, systemPrincipal, c.id, { status: 'resolved' }, { kind: 'assistant', id: null });
    resolved++;
  }
  return resolved;
}

/** Sweeps every 10 minutes on every node (resolving twice is harmless). */
export function startIdleSweep(desk: Desk): void {
  const hours = desk.config.SAPA_ASSISTANT_IDLE_HOURS;
  if (hours <= 0) return;
  const sweep = () => resolveIdleConversations(desk, hours).catch((error: unknown) => desk.log.warn({ err: error }, 'idle assistant conversations: sweep failed; will retry'));
  const timer = setInterval(() => void sweep(), 10 * 60_000);
  timer.unref();
  moduleState(desk, SWEEP, () => timer);
  desk.onStop(() => clearInterval(timer));
  void sweep();
}
