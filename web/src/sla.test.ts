import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLocale } from './i18n';
import { chipText, clockLabel, duration, idBatches, slaChip, targetField } from './sla';
import type { CaseSla, SlaClock } from './types';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function clock(patch: Partial<SlaClock>): SlaClock {
  return { state: 'running', targetMinutes: 60, startedAt: at(-10), dueAt: at(50), completedAt: null, breachedAt: null, remainingMinutes: 50, ...patch };
}
function sla(patch: Partial<CaseSla>): CaseSla {
  return { caseId: 'c1', priority: 'normal', businessHours: false, active: true, firstResponse: null, nextResponse: null, resolution: null, nextDueAt: null, breached: false, ...patch };
}

beforeAll(async () => {
  // The dictionaries are loaded as in the browser (which remembers the choice and names the page).
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: {}, title: '' });
  await loadLocale('en');
});

describe('durations as people say them', () => {
  it('keeps every unit of a target, and rounds what a glance reads', () => {
    expect(duration(90, true)).toBe('1 h 30 min');
    expect(duration(65)).toBe('1 h 5 min');
    expect(duration(23)).toBe('23 min');
    expect(duration(0)).toBe('0 min');
    expect(duration(190)).toBe('3 h');
    expect(duration(1440 * 2 + 125)).toBe('2 d 2 h');
    expect(duration(1440 * 2 + 125, true)).toBe('2 d 2 h 5 min');
  });

  it('in Chinese and Indonesian', async () => {
    await loadLocale('zh-CN');
    expect(duration(90, true)).toBe('1小时30分钟');
    await loadLocale('id-ID');
    expect(duration(90, true)).toBe('1 jam 30 mnt');
    await loadLocale('en');
  });
});

describe('the queue row’s chip', () => {
  it('nothing without clocks, when inactive, or when every clock stopped', () => {
    expect(slaChip(undefined, NOW)).toBeNull();
    expect(slaChip(sla({ active: false }), NOW)).toBeNull();
    expect(slaChip(sla({ firstResponse: clock({ state: 'met', completedAt: at(-5), dueAt: at(50), remainingMinutes: null }) }), NOW)).toBeNull();
    // Stopped late: missed, but nothing runs any more.
    expect(slaChip(sla({ resolution: clock({ state: 'breached', dueAt: at(-30), completedAt: at(-5), breachedAt: at(-30), remainingMinutes: null }) }), NOW)).toBeNull();
  });

  it('overdue, from the clock due first among those still running', () => {
    const chip = slaChip(
      sla({
        firstResponse: clock({ state: 'breached', dueAt: at(-65), breachedAt: at(-65), remainingMinutes: null }),
        resolution: clock({ targetMinutes: 480, dueAt: at(300), remainingMinutes: 300 }),
      }),
      NOW,
    )!;
    expect(chip).toEqual({ kind: 'overdue', clock: 'firstResponse', minutes: 65 });
    expect(chipText(chip)).toBe('overdue 1 h 5 min');
  });

  it('a running clock past its due time reads overdue before the server says breached', () => {
    expect(slaChip(sla({ nextResponse: clock({ dueAt: at(-2), remainingMinutes: 1 }) }), NOW)?.kind).toBe('overdue');
  });

  it('due soon under 30 minutes or under a quarter of its target, else neutral', () => {
    const soon = slaChip(sla({ firstResponse: clock({ dueAt: at(23), remainingMinutes: 23 }) }), NOW)!;
    expect(soon.kind).toBe('soon');
    expect(chipText(soon)).toBe('due in 23 min');
    expect(slaChip(sla({ resolution: clock({ targetMinutes: 1440, dueAt: at(300), remainingMinutes: 300 }) }), NOW)?.kind).toBe('soon');
    const due = slaChip(sla({ resolution: clock({ targetMinutes: 480, dueAt: at(180), remainingMinutes: 180 }) }), NOW)!;
    expect(due.kind).toBe('due');
    expect(chipText(due)).toBe('due in 3 h');
  });

  it('business hours: due at wall-clock time, warned by the minutes that count', () => {
    // Written at night, due when chat opens: ten hours away on the wall clock, all 60 counted minutes still left.
    expect(slaChip(sla({ businessHours: true, firstResponse: clock({ dueAt: at(600), remainingMinutes: 60 }) }), NOW)).toEqual({ kind: 'due', clock: 'firstResponse', minutes: 600 });
  });

  it('paused when only the paused resolution clock is left', () => {
    const chip = slaChip(sla({ resolution: clock({ state: 'paused', dueAt: null, remainingMinutes: 300 }) }), NOW)!;
    expect(chip.kind).toBe('paused');
    expect(chipText(chip)).toBe('paused');
  });
});

describe('naming', () => {
  it('clocks either way they are spelled', () => {
    expect(clockLabel('first_response')).toBe('First response');
    expect(clockLabel('nextResponse')).toBe('Next response');
    expect(clockLabel('resolution')).toBe('Resolution');
  });

  it('the target input a server error names', () => {
    expect(targetField('body.targets.urgent.firstResponseMinutes')).toBe('urgent.firstResponseMinutes');
    expect(targetField('targets.high.nextResponseMinutes')).toBe('high.nextResponseMinutes');
    expect(targetField('first_response', 'low')).toBe('low.firstResponseMinutes');
    expect(targetField('body.enabled')).toBeNull();
  });

  it('ids in batches of 100, each once', () => {
    const ids = Array.from({ length: 230 }, (_, i) => `c${i}`);
    expect(idBatches([...ids, 'c1']).map((b) => b.length)).toEqual([100, 100, 30]);
  });
});
