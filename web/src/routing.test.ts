import { describe, expect, it } from 'vitest';
import { AssignmentNotices, assignedBySelf, routingRows } from './routing';
import type { HistoryItem, OverviewAgent, PresenceStatus } from './types';

const agent = (agentId: string, status: PresenceStatus, open: number, name = agentId, pending = 0): OverviewAgent => ({ agentId, name, role: 'agent', status, lastSeenAt: null, load: open + pending, open, pending });

describe('who routing would give a case to', () => {
  it('marks who has room, who is full and who is not there, and lists them in that order', () => {
    const rows = routingRows(
      [agent('sari', 'offline', 0, 'Sari'), agent('dimas', 'online', 2, 'Dimas', 1), agent('ayu', 'away', 0, 'Ayu'), agent('rina', 'online', 2, 'Rina'), agent('budi', 'online', 0, 'Budi')],
      2,
    );
    expect(rows.map((r) => [r.name, r.state, r.open, r.pending])).toEqual([
      // Room left, least loaded first (the order routing tries them in, waiting time aside).
      ['Budi', 'available', 0, 0],
      // Three held, one of them pending (not counted): two open, at the limit.
      ['Dimas', 'full', 2, 1],
      ['Rina', 'full', 2, 0],
      // Away and offline get nothing, whatever they hold.
      ['Ayu', 'away', 0, 0],
      ['Sari', 'offline', 0, 0],
    ]);
  });

  it('takes a limit lowered below a load as full, not as negative room', () => {
    expect(routingRows([agent('rina', 'online', 5)], 1)[0].state).toBe('full');
  });
});

const history = (...items: Partial<HistoryItem>[]): HistoryItem[] => items.map((h) => ({ type: 'assigned', from: null, to: null, actorKind: 'agent', actorId: null, at: '2026-03-02T10:00:00Z', ...h }));

describe('who assigned the case to me', () => {
  it('reads the latest assignment to me in the history', () => {
    expect(assignedBySelf(history({ to: 'rina', actorKind: 'system' }), 'rina')).toBe(false);
    expect(assignedBySelf(history({ to: 'rina', actorId: 'dimas' }), 'rina')).toBe(false);
    expect(assignedBySelf(history({ to: 'rina', actorId: 'rina' }), 'rina')).toBe(true);
    // Took it, gave it away, and routing gave it back: the last one counts.
    expect(assignedBySelf(history({ to: 'rina', actorId: 'rina' }, { to: 'dimas', actorId: 'rina' }, { type: 'status', to: 'open' }, { to: 'rina', actorKind: 'system' }), 'rina')).toBe(false);
    expect(assignedBySelf(history({ type: 'status', to: 'resolved', actorId: 'rina' }), 'rina')).toBe(false);
  });
});

describe('telling an agent a case is theirs', () => {
  const assigned = (id: string, assigneeId: string | null, changes = ['assigned']) => ({ case: { id, assigneeId }, changes });

  it('tells once per assignment, however often the change arrives', () => {
    const n = new AssignmentNotices('rina');
    expect(n.consider(assigned('c1', 'rina'))).toBe(true);
    expect(n.consider(assigned('c1', 'rina'))).toBe(false);
    // Later changes to the case (status, priority) while it stays hers are not assignments.
    expect(n.consider(assigned('c1', 'rina', ['status']))).toBe(false);
  });

  it('tells again when the case comes back after going to someone else or to nobody', () => {
    const n = new AssignmentNotices('rina');
    expect(n.consider(assigned('c1', 'rina'))).toBe(true);
    expect(n.consider(assigned('c1', 'dimas'))).toBe(false);
    expect(n.consider(assigned('c1', 'rina'))).toBe(true);
    expect(n.consider(assigned('c1', null))).toBe(false);
    expect(n.consider(assigned('c1', 'rina'))).toBe(true);
  });

  it('ignores other agents’ assignments and changes that are not assignments', () => {
    const n = new AssignmentNotices('rina');
    expect(n.consider(assigned('c1', 'dimas'))).toBe(false);
    expect(n.consider(assigned('c2', 'rina', ['status', 'priority']))).toBe(false);
  });

  it('does not tell of a case the agent took from this console, unless the change comes long after', () => {
    const n = new AssignmentNotices('rina');
    const t0 = 1_000_000;
    n.assigningToMe('c1', t0);
    expect(n.consider(assigned('c1', 'rina'), t0 + 200)).toBe(false);
    // Given away, then assigned to her again by someone else: news.
    expect(n.consider(assigned('c1', 'dimas'), t0 + 5_000)).toBe(false);
    expect(n.consider(assigned('c1', 'rina'), t0 + 6_000)).toBe(true);

    // An unrelated change arriving first does not use up the agent's own assignment.
    n.assigningToMe('c2', t0);
    expect(n.consider(assigned('c2', null, ['priority']), t0 + 100)).toBe(false);
    expect(n.consider(assigned('c2', 'rina'), t0 + 300)).toBe(false);

    // Refused (someone else took it meanwhile): a later assignment to her is someone else's doing.
    n.assigningToMe('c3', t0);
    n.assignFailed('c3');
    expect(n.consider(assigned('c3', 'rina'), t0 + 500)).toBe(true);

    // Asked so long ago that this change cannot be the answer to it.
    n.assigningToMe('c4', t0);
    expect(n.consider(assigned('c4', 'rina'), t0 + 120_000)).toBe(true);
  });
});
