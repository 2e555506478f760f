import { describe, expect, it } from 'vitest';
import { dateIn, holidayDate, hoursSummary, responseTime } from './channelText';

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

describe('holiday dates', () => {
  it('writes a date with its weekday in the console’s language, and nothing for a date not in the calendar', () => {
    expect(holidayDate('2026-08-17', 'en')).toBe('Monday, August 17, 2026');
    expect(holidayDate('2026-08-17', 'id-ID')).toBe('Senin, 17 Agustus 2026');
    expect(holidayDate('2026-08-17', 'zh-CN')).toBe('2026年8月17日星期一');
    expect(holidayDate('2026-02-30', 'en')).toBe('');
    expect(holidayDate('', 'en')).toBe('');
  });

  it('says today’s date in the desk’s time zone', () => {
    // 23:30 UTC on 16 August is already the 17th in Jakarta (UTC+7).
    const at = new Date('2026-08-16T23:30:00Z');
    expect(dateIn('Asia/Jakarta', at)).toBe('2026-08-17');
    expect(dateIn('UTC', at)).toBe('2026-08-16');
  });
});
