import type { Diagnostics } from '../types.js';

export interface UserAgentFacts {
  os: string;
  browser: string;
  device: 'mobile' | 'tablet' | 'desktop';
}

const dotted = (v: string | undefined) => (v ? v.replace(/_/g, '.') : '');
const join = (name: string, version: string | undefined) => (version ? `${name} ${version}` : name);

/**
 * OS, browser and device class from a user agent string: what an agent needs to reproduce a problem
 * ("Android 9, Samsung Internet 23"), not a full database. `touchPoints` tells iPadOS (which claims to be a Mac).
 */
export function parseUserAgent(ua: string, touchPoints = 0): UserAgentFacts {
  let m: RegExpMatchArray | null;
  let os = 'Unknown OS';
  if ((m = ua.match(/HarmonyOS[ /]?([\d.]+)?/))) os = join('HarmonyOS', m[1]);
  else if ((m = ua.match(/Android[ /]?([\d.]+)?/))) os = join('Android', m[1]);
  else if ((m = ua.match(/(?:iPhone|CPU) OS ([\d_]+)/))) os = join(/iPad/.test(ua) ? 'iPadOS' : 'iOS', dotted(m[1]));
  else if (/iPad|iPhone|iPod/.test(ua)) os = 'iOS';
  else if ((m = ua.match(/Windows NT ([\d.]+)/))) os = join('Windows', { '10.0': '10/11', '6.3': '8.1', '6.2': '8', '6.1': '7' }[m[1]] ?? m[1]);
  else if (/CrOS/.test(ua)) os = 'ChromeOS';
  else if ((m = ua.match(/Mac OS X ([\d_.]+)/))) os = touchPoints > 1 ? 'iPadOS' : join('macOS', dotted(m[1]));
  else if (/Macintosh/.test(ua)) os = 'macOS';
  else if (/Linux/.test(ua)) os = 'Linux';

  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/([\d.]+)/, 'WeChat'],
    [/DingTalk\/([\d.]+)/, 'DingTalk'],
    [/Line\/([\d.]+)/, 'LINE'],
    [/FBAV\/([\d.]+)/, 'Facebook'],
    [/Instagram ([\d.]+)/, 'Instagram'],
    [/EdgA?\/([\d.]+)/, 'Edge'],
    [/EdgiOS\/([\d.]+)/, 'Edge'],
    [/OPR\/([\d.]+)/, 'Opera'],
    [/SamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
    [/UCBrowser\/([\d.]+)/, 'UC Browser'],
    [/MiuiBrowser\/([\d.]+)/, 'MIUI Browser'],
    [/HuaweiBrowser\/([\d.]+)/, 'Huawei Browser'],
    [/YaBrowser\/([\d.]+)/, 'Yandex'],
    [/(?:Firefox|FxiOS)\/([\d.]+)/, 'Firefox'],
    [/CriOS\/([\d.]+)/, 'Chrome'],
    [/; wv\).*Chrome\/([\d.]+)/, 'Android WebView'],
    [/Chrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
    [/Version\/([\d.]+).*Safari\//, 'Safari'],
    [/AppleWebKit\/([\d.]+)/, 'WebKit'],
  ];
  let browser = 'Unknown browser';
  for (const [re, name] of browsers) {
    if ((m = ua.match(re))) {
      // Major.minor is enough to reproduce; full build numbers are noise.
      browser = join(name, m[1].split('.').slice(0, 2).join('.'));
      break;
    }
  }

  let device: UserAgentFacts['device'] = 'desktop';
  if (/iPad|Tablet|PlayBook|Silk/.test(ua) || os === 'iPadOS' || (/Android/.test(ua) && !/Mobile/.test(ua))) device = 'tablet';
  else if (/Mobi|iPhone|iPod|Android|HarmonyOS/.test(ua)) device = 'mobile';
  return { os, browser, device };
}

interface NetworkInformationLike {
  effectiveType?: string;
  downlink?: number;
  rtt?: number;
  saveData?: boolean;
  type?: string;
}

/** The connection as the browser sees it ("4g, 10 Mb/s, rtt 50 ms"); empty where the API is missing (Safari). */
export function describeConnection(c: NetworkInformationLike | undefined): string {
  if (!c) return 'unknown';
  const parts: string[] = [];
  if (c.type && c.type !== 'unknown') parts.push(c.type);
  if (c.effectiveType) parts.push(c.effectiveType);
  if (typeof c.downlink === 'number') parts.push(`${c.downlink} Mb/s`);
  if (typeof c.rtt === 'number') parts.push(`rtt ${c.rtt} ms`);
  if (c.saveData) parts.push('data saver');
  return parts.join(', ') || 'unknown';
}

/** What a case carries about the device and the moment it was written, for the agent and as evidence. */
export function collectDiagnostics(appVersion: string | undefined, locale: string): Diagnostics {
  const nav = navigator as Navigator & { connection?: NetworkInformationLike };
  const facts = parseUserAgent(nav.userAgent, nav.maxTouchPoints || 0);
  let timeZone = 'unknown';
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'unknown';
  } catch {
    // Very old engines lack resolvedOptions().timeZone; the UTC offset below still dates the report.
  }
  const offset = -new Date().getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  const s = window.screen;
  return {
    ...facts,
    appVersion: appVersion ?? null,
    locale,
    timeZone: `${timeZone} (UTC${sign}${hh}:${mm})`,
    clientTime: new Date().toISOString(),
    screen: s ? `${s.width}x${s.height} @${window.devicePixelRatio || 1}x, viewport ${window.innerWidth}x${window.innerHeight}` : 'unknown',
    connection: describeConnection(nav.connection),
    online: nav.onLine,
    userAgent: nav.userAgent.slice(0, 400),
  };
}
