import { describe, expect, it } from 'vitest';
import { locales, PLURAL_FORM_KEY, registerMessages } from '../../kernel/i18n.js';
import { statusMessages } from '../status/messages.js';
import { compareVersions, otherChannelAdvice, parseUserAgent, remedyText } from './diagnostics.js';
import { addWorkingDays, describeHours, holidayOn, isCalendarDate, isOpen, nextOpening, type BusinessHours, type Holiday } from './hours.js';
import { supportMessages } from './messages.js';
import type { ChannelItem } from './service.js';

registerMessages(supportMessages);

const phone: BusinessHours = { windows: [{ days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00' }] };

describe('business hours', () => {
  it('knows when a Mon–Sat 09:00–18:00 Jakarta line is open', () => {
    // 2026-11-27 is a Friday; 02:00 UTC is 09:00 in Jakarta (UTC+7).
    expect(isOpen(phone, new Date('2026-11-27T01:59:00Z'), 'Asia/Jakarta')).toBe(false);
    expect(isOpen(phone, new Date('2026-11-27T02:00:00Z'), 'Asia/Jakarta')).toBe(true);
    expect(isOpen(phone, new Date('2026-11-27T10:59:00Z'), 'Asia/Jakarta')).toBe(true);
    expect(isOpen(phone, new Date('2026-11-27T11:00:00Z'), 'Asia/Jakarta')).toBe(false);
    // Sunday is closed all day; the next opening is Monday 09:00 WIB.
    expect(isOpen(phone, new Date('2026-11-29T05:00:00Z'), 'Asia/Jakarta')).toBe(false);
    expect(nextOpening(phone, new Date('2026-11-28T12:00:00Z'), 'Asia/Jakarta')?.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(nextOpening(phone, new Date('2026-11-27T05:00:00Z'), 'Asia/Jakarta')).toBeNull();
  });

  it('handles a zone with daylight saving', () => {
    const london: BusinessHours = { timezone: 'Europe/London', windows: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '09:00', close: '17:00' }] };
    expect(nextOpening(london, new Date('2026-07-01T20:00:00Z'), 'UTC')?.toISOString()).toBe('2026-07-02T08:00:00.000Z');
    expect(nextOpening(london, new Date('2026-12-01T20:00:00Z'), 'UTC')?.toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });

  it('closes channels with hours for the whole of a holiday in the desk’s zone, and opens after it', () => {
    // 2026-12-25 is a Friday; Jakarta is UTC+7, so the local day runs from 12-24 17:00 UTC to 12-25 17:00 UTC.
    const christmas: Holiday[] = [{ date: '2026-12-25', name: 'Natal' }];
    expect(isOpen(phone, new Date('2026-12-25T05:00:00Z'), 'Asia/Jakarta', christmas)).toBe(false);
    expect(isOpen(phone, new Date('2026-12-25T05:00:00Z'), 'Asia/Jakarta')).toBe(true);
    expect(holidayOn(christmas, new Date('2026-12-24T17:00:00Z'), 'Asia/Jakarta')?.name).toBe('Natal');
    expect(holidayOn(christmas, new Date('2026-12-24T16:59:00Z'), 'Asia/Jakarta')).toBeUndefined();
    // Thursday evening: the next opening skips Friday and is Saturday 09:00 WIB.
    expect(nextOpening(phone, new Date('2026-12-24T12:00:00Z'), 'Asia/Jakarta', christmas)?.toISOString()).toBe('2026-12-26T02:00:00.000Z');
    // Two days off in a row, then the Sunday the line never opens: Monday.
    const long = [...christmas, { date: '2026-12-26', name: 'Cuti bersama' }];
    expect(nextOpening(phone, new Date('2026-12-25T05:00:00Z'), 'Asia/Jakarta', long)?.toISOString()).toBe('2026-12-28T02:00:00.000Z');
    // Open around the clock means open on holidays too.
    expect(isOpen({ alwaysOpen: true }, new Date('2026-12-25T05:00:00Z'), 'Asia/Jakarta', christmas)).toBe(true);
    expect(nextOpening({ alwaysOpen: true }, new Date('2026-12-25T05:00:00Z'), 'Asia/Jakarta', christmas)).toBeNull();
  });

  it('counts working days past weekends and holidays', () => {
    // Friday 2026-11-27 20:00 WIB + 1 working day = Monday 20:00 WIB; with Monday a holiday, Tuesday.
    const friday = new Date('2026-11-27T13:00:00Z');
    expect(addWorkingDays(friday, 1, 'Asia/Jakarta').toISOString()).toBe('2026-11-30T13:00:00.000Z');
    expect(addWorkingDays(friday, 1, 'Asia/Jakarta', [{ date: '2026-11-30', name: 'x' }]).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    // Wednesday + 3 working days = Monday.
    expect(addWorkingDays(new Date('2026-11-25T03:00:00Z'), 3, 'Asia/Jakarta').toISOString()).toBe('2026-11-30T03:00:00.000Z');
    expect(addWorkingDays(friday, 0, 'Asia/Jakarta')).toEqual(friday);
  });

  it('knows which dates exist', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('describes hours in each language', () => {
    expect(describeHours({ alwaysOpen: true }, 'en', 'Asia/Jakarta')).toBe('24/7');
    expect(describeHours(phone, 'en', 'Asia/Jakarta')).toBe('Mon–Sat 09:00–18:00 (Asia/Jakarta)');
    expect(describeHours({ windows: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '08:00', close: '22:00' }] }, 'zh-CN', 'Asia/Jakarta')).toBe('每天 08:00–22:00 (Asia/Jakarta)');
  });
});

describe('user agents and versions', () => {
  it('recognises browsers, versions and systems', () => {
    expect(parseUserAgent('Mozilla/5.0 (Linux; Android 9) Chrome/70')).toMatchObject({ browser: 'Chrome', version: 70, os: 'Android 9', mobile: true });
    expect(parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 13_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.2 Mobile/15E148 Safari/604.1')).toMatchObject({ browser: 'Safari', version: 13, os: 'iOS 13.7' });
    expect(parseUserAgent('Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko')).toMatchObject({ browser: 'Internet Explorer', version: 11, os: 'Windows 7' });
    expect(parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0')).toMatchObject({ browser: 'Edge', version: 120 });
  });

  it('compares app versions numerically', () => {
    expect(compareVersions('5.10.0', '5.9.3')).toBe(1);
    expect(compareVersions('5.2', '5.2.0')).toBe(0);
    expect(compareVersions('4.9.9-beta', '5.0.0')).toBe(-1);
  });
});

describe('advice from the live channel list', () => {
  const item = (id: string, name: string, available: boolean, kind: ChannelItem['kind'] = 'async'): ChannelItem =>
    ({ id, name, kind, available, status: null, hours: '24/7', openNow: true, nextOpenAt: null, expectedResponse: '', expectedResponseMinutes: 0 });
  const outage = [
    item('assistant', 'Sapa Assistant (24/7)', true, 'live'),
    item('phone_callback', 'Phone callback', true, 'live'),
    item('security_line', 'Security line', true, 'live'),
    item('community_forum', 'Community forum', true),
    item('help_center', 'Help center', true, 'self_service'),
    item('live_chat', 'Live chat with an agent', false, 'live'),
    item('email', 'Email', false),
    item('whatsapp', 'WhatsApp', false),
  ];

  it('names only the channels that work, in the reader’s language, never the failing chat', () => {
    expect(otherChannelAdvice(outage, 'en')).toBe('Try another channel that works right now: Sapa Assistant (24/7), Phone callback, or Community forum. Or try another device.');
    expect(otherChannelAdvice(outage.map((c) => (c.id === 'assistant' ? { ...c, name: '智能助手' } : c)), 'zh-CN')).toBe('请尝试目前可用的其他渠道：智能助手、Phone callback或Community forum；或换一台设备。');
  });

  it('says so when only the forum, or nothing but the help center, is left', () => {
    const forumOnly = outage.map((c) => (['assistant', 'phone_callback'].includes(c.id) ? { ...c, available: false } : c));
    expect(otherChannelAdvice(forumOnly, 'en')).toMatch(/^Of our other channels, only the community forum works right now/);
    const none = forumOnly.map((c) => (c.id === 'community_forum' ? { ...c, available: false } : c));
    expect(otherChannelAdvice(none, 'id-ID')).toMatch(/^Saat ini tidak ada saluran lain yang berfungsi/);
  });

  it('tells a locked account to write only where someone answers privately, email only where it works', () => {
    expect(remedyText('account', outage, 'en')).toBe('You can always reach us by appealing with identity verification, or on a channel that works right now: Sapa Assistant (24/7) or Phone callback.');
    const withEmail = outage.map((c) => (c.id === 'email' ? { ...c, available: true } : c));
    expect(remedyText('account', withEmail, 'en')).toContain('Sapa Assistant (24/7), Phone callback, or Email.');
    expect(remedyText('account', outage.filter((c) => c.kind === 'self_service' || c.id === 'community_forum'), 'zh-CN')).toBe('您始终可以通过身份验证提出申诉来联系我们。目前没有其他可用渠道，渠道恢复时状态页会告知。');
    expect(remedyText('network', outage, 'en')).toMatch(/^Switch between Wi-Fi and mobile data/);
  });
});

describe('catalogs', () => {
  it('has every customer-facing message in zh-CN, id-ID and en', () => {
    for (const catalog of [statusMessages, supportMessages]) {
      // Plural forms (`.one` …) exist only in the languages that have them.
      const keys = Object.keys(catalog.en).filter((k) => !PLURAL_FORM_KEY.test(k)).sort();
      for (const l of locales) {
        expect(Object.keys(catalog[l]).filter((k) => !PLURAL_FORM_KEY.test(k)).sort()).toEqual(keys);
        for (const k of keys) expect(catalog[l][k].trim().length).toBeGreaterThan(0);
      }
    }
  });
});
