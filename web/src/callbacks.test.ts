import { describe, expect, it } from 'vitest';
import { byDay, caller, dayIn, isOverdue, nextDay, slotTime, startOfDay, type Callback } from './callbacks';

const callback = (id: string, slot: string, extra: Partial<Callback> = {}): Callback => ({
  id,
  caseId: `case-${id}`,
  reference: `SP-${id}`,
  name: 'Budi Santoso',
  customerId: 'customer-1',
  phone: '+6281234567001',
  locale: 'id-ID',
  topic: 'Saldo terpotong',
  slot,
  status: 'scheduled',
  outcome: null,
  notes: null,
  attempt: 1,
  retryOf: null,
  agentId: null,
  createdAt: slot,
  updatedAt: slot,
  ...extra,
});

describe('callbacks in the desk’s time zone', () => {
  it('groups by the desk’s day, not the browser’s or UTC’s', () => {
    // 23:30 UTC on the 1st is 06:30 on the 2nd in Jakarta.
    const items = [callback('b', '2026-12-01T23:30:00Z'), callback('a', '2026-12-01T02:00:00Z'), callback('c', '2026-12-02T10:30:00Z')];
    expect(byDay(items, 'Asia/Jakarta').map((d) => [d.day, d.items.map((c) => c.id)])).toEqual([
      ['2026-12-01', ['a']],
      ['2026-12-02', ['b', 'c']],
    ]);
    expect(byDay(items, 'UTC').map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(slotTime('2026-12-01T02:00:00Z', 'Asia/Jakarta', 'en-GB')).toBe('09:00');
  });

  it('starts the desk’s day at its midnight', () => {
    expect(startOfDay('2026-12-01', 'Asia/Jakarta').toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(startOfDay('2026-12-01', 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // New York changes to winter time on 1 November 2026: that day starts at 04:00 UTC, the next at 05:00.
    expect(startOfDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(dayIn('Asia/Jakarta', '2026-11-30T17:00:00Z')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('calls a scheduled callback overdue once its slot has passed, and nothing else', () => {
    const now = Date.parse('2026-12-01T03:00:00Z');
    expect(isOverdue(callback('a', '2026-12-01T02:30:00Z'), now)).toBe(true);
    expect(isOverdue(callback('a', '2026-12-01T03:30:00Z'), now)).toBe(false);
    expect(isOverdue(callback('a', '2026-12-01T02:30:00Z', { status: 'completed' }), now)).toBe(false);
  });

  it('names whom to ask for, marking a name given without signing in as unverified', () => {
    expect(caller(callback('a', '2026-12-01T02:30:00Z'))).toEqual({ name: 'Budi Santoso', verified: true });
    expect(caller(callback('a', '2026-12-01T02:30:00Z', { name: 'Tim Keamanan', customerId: null }))).toEqual({ name: 'Tim Keamanan', verified: false });
    expect(caller(callback('a', '2026-12-01T02:30:00Z', { name: '  ', customerId: null }))).toEqual({ name: null, verified: false });
    expect(caller(callback('a', '2026-12-01T02:30:00Z', { name: null }))).toEqual({ name: null, verified: true });
  });
});
