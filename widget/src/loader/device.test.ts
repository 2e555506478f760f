import { describe, expect, it } from 'vitest';
import { describeConnection, parseUserAgent } from './device.js';

describe('parseUserAgent', () => {
  const cases: [string, string, ReturnType<typeof parseUserAgent>][] = [
    [
      'Android phone, Chrome',
      'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
      { os: 'Android 14', browser: 'Chrome 124.0', device: 'mobile' },
    ],
    [
      'wallet app web view',
      'Mozilla/5.0 (Linux; Android 9; Redmi Note 7 Build/PKQ1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.110 Mobile Safari/537.36',
      { os: 'Android 9', browser: 'Android WebView 70.0', device: 'mobile' },
    ],
    [
      'iPhone Safari',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      { os: 'iOS 17.4.1', browser: 'Safari 17.4', device: 'mobile' },
    ],
    [
      'WeChat on Android',
      'Mozilla/5.0 (Linux; Android 12; V2111A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.99 XWEB/4375 MMWEBSDK/20221011 Mobile Safari/537.36 MicroMessenger/8.0.30.2260(0x28001E3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN',
      { os: 'Android 12', browser: 'WeChat 8.0', device: 'mobile' },
    ],
    [
      'Samsung Internet',
      'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
      { os: 'Android 13', browser: 'Samsung Internet 23.0', device: 'mobile' },
    ],
    [
      'Windows Edge',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
      { os: 'Windows 10/11', browser: 'Edge 124.0', device: 'desktop' },
    ],
    ['macOS Firefox', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0', { os: 'macOS 10.15', browser: 'Firefox 125.0', device: 'desktop' }],
    ['Android tablet', 'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', { os: 'Android 13', browser: 'Chrome 120.0', device: 'tablet' }],
    ['unknown', 'curl/8.0', { os: 'Unknown OS', browser: 'Unknown browser', device: 'desktop' }],
  ];
  for (const [name, ua, expected] of cases) it(name, () => expect(parseUserAgent(ua)).toEqual(expected));

  it('tells iPadOS (which claims to be a Mac) by its touch points', () => {
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15';
    expect(parseUserAgent(ua, 5)).toEqual({ os: 'iPadOS', browser: 'Safari 17.2', device: 'tablet' });
    expect(parseUserAgent(ua, 0).device).toBe('desktop');
  });
});

describe('describeConnection', () => {
  it('summarises the Network Information API', () => {
    expect(describeConnection({ effectiveType: '3g', downlink: 1.5, rtt: 300, saveData: true })).toBe('3g, 1.5 Mb/s, rtt 300 ms, data saver');
    expect(describeConnection(undefined)).toBe('unknown');
  });
});
