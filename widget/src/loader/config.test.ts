import { describe, expect, it } from 'vitest';
import { baseFrom, pickLocale, readSettings, toLocale } from './config.js';
import { describe as describeField } from './support.js';

describe('locale', () => {
  it('maps loose tags to the three locales', () => {
    expect(toLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(toLocale('zh_TW')).toBe('zh-CN');
    expect(toLocale('in')).toBe('id-ID');
    expect(toLocale('id')).toBe('id-ID');
    expect(toLocale('en-GB')).toBe('en');
    expect(toLocale('ja')).toBeUndefined();
    expect(toLocale('ind')).toBeUndefined();
  });
  it('takes the first supported candidate, else English', () => {
    expect(pickLocale(undefined, 'fr', 'id-ID', 'en')).toBe('id-ID');
    expect(pickLocale(null, 'de')).toBe('en');
  });
});

describe('settings', () => {
  it('reads data- attributes and lets window.SapaSettings override them', () => {
    const script = { dataset: { locale: 'id-ID', appVersion: '5.1.0', position: 'left' } } as unknown as HTMLScriptElement;
    expect(readSettings(script, { locale: 'zh-CN', identityToken: 'jwt' })).toEqual({ locale: 'zh-CN', identityToken: 'jwt', appVersion: '5.1.0', position: 'left' });
    expect(readSettings(null, { position: 'middle' }).position).toBe('right');
    expect(readSettings(null, 'not an object')).toEqual({ position: 'right' });
  });
  it('finds Sapa from the script address', () => {
    expect(baseFrom({}, 'https://sapa.example/widget.js', 'https://wallet.example/pay')).toBe('https://sapa.example/');
    expect(baseFrom({}, 'https://example.org/support/widget.js', 'https://wallet.example/')).toBe('https://example.org/support/');
    expect(baseFrom({ baseUrl: 'https://sapa.example' }, undefined, 'https://wallet.example/')).toBe('https://sapa.example/');
  });
});

describe('channel fields', () => {
  it('renders strings, minutes and labelled objects', () => {
    expect(describeField('Mon–Fri 08:00–20:00 WIB', 'en')).toBe('Mon–Fri 08:00–20:00 WIB');
    expect(describeField(5, 'en')).toBe('~5 min');
    expect(describeField(180, 'zh-CN')).toBe('3 小时内');
    expect(describeField({ 'id-ID': 'Setiap hari', en: 'Every day' }, 'id-ID')).toBe('Setiap hari');
    expect(describeField(null, 'en')).toBeUndefined();
  });
});
