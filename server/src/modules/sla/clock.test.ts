import { describe, expect, it } from 'vitest';
import { calendarTime, caseClocks, nextResponseCycles, staffedTime, type CaseFacts, type SlaPolicy } from './clock.js';

const T0 = Date.parse('2026-11-23T03:00:00Z'); // Monday 10:00 in Jakarta (UTC+7)
const min = (n: number) => new Date(T0 + n * 60_000);
const at = (n: number) => T0 + n * 60_000;

const policy: SlaPolicy = {
  enabled: true,
  businessHours: false,
  targets: {
    urgent: { firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 120 },
    normal: { firstResponseMinutes: 240, nextResponseMinutes: 240, resolutionMinutes: 1260 },
    low: { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
  },
};

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  id: 'c1',
  priority: 'high',
  status: 'open',
  createdAt: min(0),
  firstResponseAt: null,
  waitingSince: min(0),
  withAssistant: false,
  handedOverAt: null,
  statusChanges: [],
  ...over,
});

describe('service-level clocks', () => {
  it('runs the first-response clock until an agent replies, then says whether it was in time', () => {
    const running = caseClocks(facts(), policy, calendarTime, at(20));
    expect(running.firstResponse).toEqual({ state: 'running', targetMinutes: 60, startedAt: min(0).toISOString(), dueAt: min(60).toISOString(), completedAt: null, breachedAt: null, remainingMinutes: 40 });
    expect(running).toMatchObject({ active: true, breached: false, nextDueAt: min(60).toISOString(), nextResponse: null });

    const overdue = caseClocks(facts(), policy, calendarTime, at(61));
    expect(overdue.firstResponse).toMatchObject({ state: 'breached', breachedAt: min(60).toISOString(), completedAt: null, remainingMinutes: null });
    expect(overdue.breached).toBe(true);

    const inTime = caseClocks(facts({ firstResponseAt: min(59), waitingSince: null }), policy, calendarTime, at(90));
    expect(inTime.firstResponse).toMatchObject({ state: 'met', completedAt: min(59).toISOString(), breachedAt: null });
    const late = caseClocks(facts({ firstResponseAt: min(75), waitingSince: null }), policy, calendarTime, at(90));
    expect(late.firstResponse).toMatchObject({ state: 'breached', completedAt: min(75).toISOString(), breachedAt: min(60).toISOString() });
  });

  it('runs a next-response clock while the customer waits after a reply', () => {
    const sla = caseClocks(facts({ firstResponseAt: min(10), waitingSince: min(30) }), policy, calendarTime, at(50));
    expect(sla.nextResponse).toMatchObject({ state: 'running', startedAt: min(30).toISOString(), dueAt: min(90).toISOString(), remainingMinutes: 40 });
    expect(sla.nextDueAt).toBe(min(90).toISOString());
  });

  it('pauses resolution while the case waits on the customer, and runs on from where it stopped', () => {
    const history = [
      { at: min(30), from: 'open', to: 'pending' },
      { at: min(200), from: 'pending', to: 'open' },
    ];
    const paused = caseClocks(facts({ firstResponseAt: min(5), waitingSince: null, status: 'pending', statusChanges: history.slice(0, 1) }), policy, calendarTime, at(150));
    expect(paused.resolution).toMatchObject({ state: 'paused', dueAt: null, remainingMinutes: 90 });
    // 30 minutes counted before the pause, 20 after: 70 of 120 left, due 70 minutes from now.
    const resumed = caseClocks(facts({ firstResponseAt: min(5), waitingSince: min(200), statusChanges: history }), policy, calendarTime, at(220));
    expect(resumed.resolution).toMatchObject({ state: 'running', remainingMinutes: 70, dueAt: min(290).toISOString() });
    const missed = caseClocks(facts({ firstResponseAt: min(5), waitingSince: min(200), statusChanges: history }), policy, calendarTime, at(300));
    expect(missed.resolution).toMatchObject({ state: 'breached', breachedAt: min(290).toISOString(), completedAt: null });

    const resolved = [...history, { at: min(250), from: 'open', to: 'resolved' }];
    const done = caseClocks(facts({ firstResponseAt: min(5), waitingSince: null, status: 'resolved', statusChanges: resolved }), policy, calendarTime, at(400));
    expect(done.resolution).toMatchObject({ state: 'met', completedAt: min(250).toISOString() });
    expect(done.nextDueAt).toBeNull();
  });

  it('has no clocks while the assistant answers alone, and starts them at the handover', () => {
    expect(caseClocks(facts({ withAssistant: true }), policy, calendarTime, at(500))).toMatchObject({ active: false, firstResponse: null, resolution: null, breached: false });
    const handed = caseClocks(facts({ handedOverAt: min(100) }), policy, calendarTime, at(130));
    expect(handed.firstResponse).toMatchObject({ state: 'running', startedAt: min(100).toISOString(), remainingMinutes: 30 });
    expect(handed.resolution).toMatchObject({ state: 'running', remainingMinutes: 90 });
  });

  it('leaves out targets that are off, and every clock when the policy is off', () => {
    expect(caseClocks(facts({ priority: 'low' }), policy, calendarTime, at(10))).toMatchObject({ active: true, firstResponse: null, nextResponse: null, resolution: null, nextDueAt: null });
    expect(caseClocks(facts(), { ...policy, enabled: false }, calendarTime, at(10)).active).toBe(false);
  });

  it('counts only the hours agents work, skipping nights and holidays', () => {
    const hours = { windows: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '08:00', close: '22:00' }] };
    const time = staffedTime(hours, 'Asia/Jakarta', [{ date: '2026-11-24', name: 'Company day' }]);
    // Written Monday 23:00 Jakarta; Tuesday is a holiday; chat opens Wednesday 08:00, so a 60-minute target is due 09:00.
    const late = Date.parse('2026-11-23T16:00:00Z');
    const sla = caseClocks(facts({ createdAt: new Date(late) }), { ...policy, businessHours: true }, time, late + 3600_000);
    expect(sla.firstResponse).toMatchObject({ state: 'running', dueAt: '2026-11-25T02:00:00.000Z', remainingMinutes: 60 });
    // Wednesday 08:30 → 30 minutes counted.
    expect(time.between(late, Date.parse('2026-11-25T01:30:00Z'))).toBe(30 * 60_000);
    // Across an evening close: 21:30 + 60 minutes = 08:30 the next morning.
    expect(new Date(time.after(Date.parse('2026-11-25T14:30:00Z'), 3600_000)!).toISOString()).toBe('2026-11-26T01:30:00.000Z');
    // Hours that never open again give no due time, rather than looping.
    const weekly = staffedTime({ windows: [{ days: [3], open: '08:00', close: '09:00' }] }, 'UTC', []);
    expect(weekly.after(Date.parse('2026-11-25T08:30:00Z'), 40 * 60_000)).toBe(Date.parse('2026-12-02T08:10:00Z'));
    const never = staffedTime({ windows: [{ days: [], open: '08:00', close: '09:00' }] }, 'UTC', []);
    expect(never.after(Date.parse('2026-11-25T08:30:00Z'), 60_000)).toBeNull();
  });

  it('measures every past wait for a next response, for reports', () => {
    const f = facts({ firstResponseAt: min(5), waitingSince: min(300), statusChanges: [{ at: min(200), from: 'open', to: 'resolved' }, { at: min(260), from: 'resolved', to: 'open' }] });
    const turns = [
      { at: min(0), by: 'customer' as const },
      { at: min(5), by: 'agent' as const },
      { at: min(10), by: 'customer' as const },
      { at: min(20), by: 'customer' as const },
      { at: min(50), by: 'agent' as const }, // 40 minutes: met
      { at: min(60), by: 'customer' as const },
      { at: min(150), by: 'agent' as const }, // 90 minutes: breached at 120
      { at: min(170), by: 'customer' as const }, // resolved at 200 without a reply: met
      { at: min(300), by: 'customer' as const }, // still waiting at 330
    ];
    const cycles = nextResponseCycles(f, turns, policy, calendarTime, at(330));
    expect(cycles.map((c) => c.state)).toEqual(['met', 'breached', 'met', 'running']);
    expect(cycles[1]).toMatchObject({ breachedAt: min(120).toISOString(), completedAt: min(150).toISOString() });
    expect(cycles[2]).toMatchObject({ startedAt: min(170).toISOString(), completedAt: min(200).toISOString() });
  });
});
