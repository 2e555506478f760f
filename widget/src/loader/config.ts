import type { Locale, Settings } from '../types.js';

/** Maps loose language tags (zh, zh-Hans-CN, id, in, ms, en-GB) to one of Sapa's three locales. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase().replace('_', '-');
  if (t.startsWith('zh')) return 'zh-CN';
  if (t === 'id' || t.startsWith('id-') || t === 'in' || t.startsWith('in-') || t === 'ms' || t.startsWith('ms-')) return 'id-ID';
  if (t.startsWith('en')) return 'en';
  return undefined;
}

/** The first of the candidates that Sapa speaks, else English. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const l = toLocale(c);
    if (l) return l;
  }
  return 'en';
}

const attributes: [keyof Settings, string][] = [
  ['locale', 'locale'],
  ['identityToken', 'identityToken'],
  ['appVersion', 'appVersion'],
  ['position', 'position'],
  ['primaryColor', 'primaryColor'],
  ['baseUrl', 'baseUrl'],
];

/** data- attributes of the script tag, then window.SapaSettings on top (the page's script knows best). */
export function readSettings(script: HTMLScriptElement | null, global: unknown): Settings {
  const settings: Settings = {};
  const data = script?.dataset ?? {};
  const fromPage = global && typeof global === 'object' ? (global as Record<string, unknown>) : {};
  for (const [key, attr] of attributes) {
    const value = fromPage[key] ?? data[attr];
    if (typeof value === 'string' && value.trim()) (settings as Record<string, string>)[key] = value.trim();
  }
  if (settings.position !== 'left') settings.position = 'right';
  return settings;
}

/** Sapa's root URL (ending in '/'), from the script's own address so one snippet works on any host page. */
export function baseFrom(settings: Settings, scriptSrc: string | undefined, pageUrl: string): string {
  const raw = settings.baseUrl ?? (scriptSrc ? new URL('.', scriptSrc).href : new URL('/', pageUrl).href);
  return raw.endsWith('/') ? raw : `${raw}/`;
}

/** A color the host asked for, if the browser understands it (anything else could break our styles). */
export function safeColor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return CSS.supports('color', value) && !/[;{}<>]/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Black or white text, whichever reads better on the given color (WCAG relative luminance). */
export function textOn(color: string, scratch: Node): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.style.display = 'none';
  scratch.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  probe.remove();
  const [r, g, b] = rgb.slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white is (1.05)/(L+0.05); against black (L+0.05)/0.05: pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#fff' : '#111';
}
