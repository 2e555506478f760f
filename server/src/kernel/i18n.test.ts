import { describe, expect, it } from 'vitest';
import { registerMessages, t } from './i18n.js';

registerMessages({
  en: { 'test.replies': '{n} replies', 'test.replies.one': '{n} reply', 'test.wait': 'Wait {seconds} seconds', 'test.wait.one': 'Wait a second' },
  'id-ID': { 'test.replies': '{n} balasan', 'test.wait': 'Tunggu {seconds} detik' },
  'zh-CN': { 'test.replies': '{n} 条回复', 'test.wait': '请等待 {seconds} 秒' },
});

describe('t', () => {
  it('picks the plural form of the count where the language has one', () => {
    expect(t('en', 'test.replies', { n: 1 })).toBe('1 reply');
    expect(t('en', 'test.replies', { n: 0 })).toBe('0 replies');
    expect(t('en', 'test.replies', { n: 2 })).toBe('2 replies');
    expect(t('en', 'test.wait', { seconds: 1 })).toBe('Wait a second');
    expect(t('en', 'test.wait', { seconds: 30 })).toBe('Wait 30 seconds');
    // One form in Indonesian and Chinese: never the English singular.
    expect(t('id-ID', 'test.replies', { n: 1 })).toBe('1 balasan');
    expect(t('zh-CN', 'test.wait', { seconds: 1 })).toBe('请等待 1 秒');
    // A count given as text is shown as it is, with the plain key.
    expect(t('en', 'test.replies', { n: '1' })).toBe('1 replies');
  });
});
