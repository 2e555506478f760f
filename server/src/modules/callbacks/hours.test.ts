import { describe, expect, it } from 'vitest';
import { defaultHours, formatSlot, inHours, localDate, localParts, slotsOfDay, zonedTime } from './hours.js';

describe('phone hours', () => {
  it('converts Jakarta wall-clock times to UTC and back', () => {
    expect(zonedTime(2025, 3, 3, 9, 0, 'Asia/Jakarta').toISOString()).toBe('2025-03-03T02:00:00.000Z');
    expect(localParts(new Date('2025-03-03T02:00:00Z'), 'Asia/Jakarta')).toMatchObject({ year: 2025, month: 3, day: 3, hour: 9, minute: 0, weekday: 1 });
    // A zone with daylight saving time: 09:00 in Berlin is 08:00 UTC in winter, 07:00 UTC in summer.
    expect(zonedTime(2025, 1, 15, 9, 0, 'Europe/Berlin').toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(zonedTime(2025, 7, 15, 9, 0, 'Europe/Berlin').toISOString()).toBe('2025-07-15T07:00:00.000Z');
  });

  it('accepts Mon–Sat 09:00–17:30 slot starts on the 30-minute grid only', () => {
    const at = (iso: string) => inHours(new Date(iso), defaultHours, 'Asia/Jakarta');
    expect(at('2025-03-03T02:00:00Z')).toBe(true); // Monday 09:00
    expect(at('2025-03-03T10:30:00Z')).toBe(true); // Monday 17:30
    expect(at('2025-03-03T11:00:00Z')).toBe(false); // 18:00: closed
    expect(at('2025-03-03T01:30:00Z')).toBe(false); // 08:30
    expect(at('2025-03-03T02:15:00Z')).toBe(false); // off the grid
    expect(at('2025-03-08T02:00:00Z')).toBe(true); // Saturday
    expect(at('2025-03-09T02:00:00Z')).toBe(false); // Sunday
  });

  it('lists the slots of a day and nothing on Sunday', () => {
    const monday = slotsOfDay('2025-03-03', defaultHours, 'Asia/Jakarta');
    expect(monday).toHaveLength(18);
    expect(monday[0].toISOString()).toBe('2025-03-03T02:00:00.000Z');
    expect(monday[17].toISOString()).toBe('2025-03-03T10:30:00.000Z');
    expect(slotsOfDay('2025-03-09', defaultHours, 'Asia/Jakarta')).toEqual([]);
    expect(localDate(new Date('2025-03-02T18:00:00Z'), 'Asia/Jakarta')).toBe('2025-03-03');
    expect(localDate(new Date('2025-03-02T18:00:00Z'), 'Asia/Jakarta', 1)).toBe('2025-03-04');
  });

  it('formats a slot in the reader’s language', () => {
    const at = new Date('2025-03-03T02:00:00Z');
    expect(formatSlot(at, 'en', 'Asia/Jakarta')).toBe('Monday 3 March at 09:00 (Asia/Jakarta)');
    expect(formatSlot(at, 'id-ID', 'Asia/Jakarta')).toContain('Senin');
    expect(formatSlot(at, 'zh-CN', 'Asia/Jakarta')).toContain('星期一');
  });
});
