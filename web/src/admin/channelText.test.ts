import { describe, expect, it } from 'vitest';
import { hoursSummary, responseTime } from './channelText';

describe('channel hours and response in the table', () => {
  it('names day ranges Monday first, and the zone only when it is not the desk’s', () => {
    const phone = { windows: [{ days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00' }] };
    expect(hoursSummary(phone, 'Asia/Jakarta', 'en')).toBe('Mon–Sat 09:00–18:00');
    expect(hoursSummary({ ...phone, timezone: 'Asia/Jakarta' }, 'Asia/Jakarta', 'en')).toBe('Mon–Sat 09:00–18:00');
    expect(hoursSummary({ ...phone, timezone: 'UTC' }, 'Asia/Jakarta', 'en')).toBe('Mon–Sat 09:00–18:00 (UTC)');
    // Sunday (0) and Monday together run across the week's end: listed, not a range.
    expect(hoursSummary({ windows: [{ days: [0, 1, 6], open: '10:00', close: '14:00' }] }, 'UTC', 'en')).toBe('Mon, Sat, Sun 10:00–14:00');
    expect(hoursSummary({ windows: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }] }, 'UTC', 'id-ID')).toBe('Sen–Jum 08:00–17:00');
  });

  it('says the expected response exactly, in the largest whole unit', () => {
    expect(responseTime(45, 'en')).toBe('45 minutes');
    expect(responseTime(90, 'en')).toBe('90 minutes');
    expect(responseTime(120, 'en')).toBe('2 hours');
    expect(responseTime(1440, 'en')).toBe('24 hours');
    expect(responseTime(4320, 'en')).toBe('3 days');
    expect(responseTime(120, 'zh-CN')).toBe('2小时');
  });
});
