import type { Diagnostics, Locale, Store, SupportChannel, SupportInfo } from '../types.js';
import { alternativesView } from './alternatives.js';
import { el, fill } from './dom.js';
import { isNetworkError, request } from './net.js';
import { loaderText } from './strings.js';

export interface ConnectionReport {
  online: boolean;
  apiReachable: boolean;
  latencyMs: number | null;
  websocket: boolean;
  polling: boolean;
  cookies: boolean;
  storage: boolean;
  clockSkewSeconds: number | null;
}

interface Finding {
  code?: string;
  severity?: string;
  message?: string;
}

export interface DoctorDeps {
  base: string;
  /** The chat's session and case when it is loaded: the report is then filed with the conversation. */
  context: () => { token?: string; caseId?: string | null } | undefined;
  diagnostics: () => Diagnostics;
  locale: () => Locale;
  store: Store & { persistent(): boolean };
  appVersion?: string;
  support: () => SupportInfo;
  refreshSupport: () => Promise<SupportInfo>;
}

const SLOW_MS = 1500;
const SKEW_WARN_S = 120;

/** Opens an Engine.IO WebSocket (what Socket.IO upgrades to) and waits for the server's open packet. */
function probeWebSocket(base: string, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: WebSocket | undefined;
    const done = (ok: boolean) => {
      window.clearTimeout(timer);
      try {
        socket?.close();
      } catch {
        // Already closing; the verdict is what matters.
      }
      resolve(ok);
    };
    const timer = window.setTimeout(() => done(false), timeoutMs);
    try {
      const url = new URL('realtime/?EIO=4&transport=websocket', base);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(url.href);
      socket.onmessage = (e) => done(typeof e.data === 'string' && e.data.startsWith('0'));
      socket.onerror = () => done(false);
      socket.onclose = () => done(false);
    } catch {
      done(false);
    }
  });
}

/** The long-polling handshake: works through proxies that block WebSocket. */
async function probePolling(base: string): Promise<boolean> {
  try {
    const res = await fetch(new URL(`realtime/?EIO=4&transport=polling&t=${Date.now().toString(36)}`, base).href, { credentials: 'omit', cache: 'no-store' });
    return res.ok && (await res.text()).startsWith('0');
  } catch {
    return false;
  }
}

function probeStorage(store: Store & { persistent(): boolean }) {
  let cookies: boolean;
  try {
    cookies = navigator.cookieEnabled;
  } catch {
    cookies = false;
  }
  return { cookies, storage: store.persistent() };
}

/** Runs every check; never throws. */
export async function runChecks(deps: DoctorDeps): Promise<ConnectionReport> {
  const locale = deps.locale();
  const online = navigator.onLine !== false;
  let apiReachable = false;
  let latencyMs: number | null = null;
  let clockSkewSeconds: number | null = null;
  // Three tries: a single sample on a mobile network says little; the best one is the network's real latency.
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const sentAt = Date.now();
    try {
      const reply = await request<unknown>(deps.base, locale, '/status', { timeoutMs: 8000 });
      const took = Math.round(performance.now() - started);
      apiReachable = true;
      latencyMs = latencyMs === null ? took : Math.min(latencyMs, took);
      const date = Date.parse(reply.headers.get('date') ?? '');
      // The server stamped its Date somewhere during the round trip: compare with our midpoint.
      if (!Number.isNaN(date)) clockSkewSeconds = Math.round((sentAt + took / 2 - date) / 1000);
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      break;
    }
  }
  const [websocket, polling] = apiReachable ? await Promise.all([probeWebSocket(deps.base), probePolling(deps.base)]) : [false, false];
  return { online, apiReachable, latencyMs, websocket, polling, ...probeStorage(deps.store), clockSkewSeconds };
}

/** The checks as the customer reads them: one line each, good or bad. */
export function localFindings(r: ConnectionReport, locale: Locale): { ok: boolean; text: string }[] {
  const t = (k: Parameters<typeof loaderText>[1], v?: Record<string, string | number>) => loaderText(locale, k, v);
  const lines = [{ ok: r.online, text: t(r.online ? 'online' : 'offline') }];
  if (!r.apiReachable) lines.push({ ok: false, text: t('apiDown') });
  else {
    const slow = (r.latencyMs ?? 0) > SLOW_MS;
    lines.push({ ok: !slow, text: t(slow ? 'apiSlow' : 'apiOk', { ms: r.latencyMs ?? 0 }) });
    lines.push({ ok: r.websocket || r.polling, text: t(r.websocket ? 'wsOk' : r.polling ? 'wsPolling' : 'wsNone') });
  }
  lines.push({ ok: r.storage && r.cookies, text: t(r.storage && r.cookies ? 'storageOk' : 'storageBad') });
  if (r.clockSkewSeconds !== null) {
    const off = Math.abs(r.clockSkewSeconds) > SKEW_WARN_S;
    lines.push({ ok: !off, text: off ? t('clockBad', { min: Math.round(Math.abs(r.clockSkewSeconds) / 60) }) : t('clockOk') });
  }
  return lines;
}

const textOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? ((v as Finding).message ?? (v as { text?: string }).text ?? (v as { title?: string }).title) : undefined;

/**
 * The "Can't connect?" panel: runs the checks, sends the report to POST /diagnostics and shows what Sapa found,
 * its advice and the channels that work; when Sapa is unreachable, the cached alternatives instead.
 */
export function doctorView(deps: DoctorDeps): HTMLElement {
  const locale = deps.locale();
  const t = (k: Parameters<typeof loaderText>[1]) => loaderText(locale, k);
  const results = el('div', { 'aria-live': 'polite' }, el('p', { class: 'muted' }, t('checking')));
  const again = el('button', { type: 'button', class: 'btn secondary', disabled: true }, t('runAgain'));
  const run = async () => {
    again.disabled = true;
    fill(results, el('p', { class: 'muted', role: 'status' }, t('checking')));
    const report = await runChecks(deps);
    const checks = el('ul', { class: 'checks' }, ...localFindings(report, locale).map((f) => el('li', { class: f.ok ? 'good' : 'bad' }, el('span', { 'aria-hidden': 'true' }, f.ok ? '✓ ' : '✗ '), f.text)));
    const parts: (HTMLElement | null)[] = [checks];
    let sent = false;
    if (report.apiReachable) {
      try {
        const context = deps.context();
        const d = deps.diagnostics();
        const effectiveType = /\b(slow-2g|2g|3g|4g)\b/.exec(d.connection)?.[1];
        const reply = await request<{ findings?: unknown[]; advice?: unknown[]; channels?: SupportChannel[] }>(deps.base, locale, '/diagnostics', {
          token: context?.token,
          body: {
            locale,
            network: {
              apiReachable: report.apiReachable,
              websocket: report.websocket,
              longPolling: report.polling,
              online: report.online,
              ...(report.latencyMs !== null ? { latencyMs: report.latencyMs } : {}),
              ...(effectiveType ? { effectiveType } : {}),
            },
            browser: { userAgent: d.userAgent, cookies: report.cookies, storage: report.storage, language: navigator.language, timezone: d.timeZone.split(' ')[0] },
            ...(deps.appVersion ? { app: { version: deps.appVersion, platform: 'web' } } : {}),
            clientTime: new Date().toISOString(),
            device: { os: d.os, browser: d.browser, device: d.device, screen: d.screen.slice(0, 300) },
            ...(context?.caseId ? { caseId: context.caseId } : {}),
          },
          timeoutMs: 10_000,
        });
        if (reply.ok && reply.data) {
          sent = true;
          const findings = (reply.data.findings ?? []).map((f) => ({ text: textOf(f), severity: (f as Finding)?.severity ?? 'info' })).filter((f) => f.text);
          const advice = (reply.data.advice ?? []).map(textOf).filter((a): a is string => !!a);
          if (findings.length) parts.push(el('h3', {}, t('findings')), el('ul', {}, ...findings.map((f) => el('li', { class: `sev-${f.severity}` }, f.text!))));
          if (advice.length) parts.push(el('h3', {}, t('advice')), el('ul', {}, ...advice.map((a) => el('li', {}, a))));
          const channels = Array.isArray(reply.data.channels) ? reply.data.channels.filter((c) => c && typeof c.id === 'string') : [];
          if (channels.length) {
            parts.push(el('h3', {}, t('working')), alternativesView({ channels, status: null, fetchedAt: Date.now() }, locale, { heading: false, includeChat: true, base: deps.base }));
          }
          parts.push(el('p', { class: 'muted small' }, t('reportSent')));
        }
      } catch (error) {
        if (!isNetworkError(error)) throw error;
      }
    }
    if (!sent) {
      // Either Sapa is unreachable or /diagnostics is not there: the cached alternatives are what helps now.
      const info = report.apiReachable ? await deps.refreshSupport() : deps.support();
      parts.push(el('p', { class: 'muted' }, t('reportNotSent')), alternativesView(info, locale, { base: deps.base }));
    }
    fill(results, ...parts);
    again.disabled = false;
  };
  again.addEventListener('click', () => void run().catch(() => (again.disabled = false)));
  void run().catch(() => (again.disabled = false));
  return el('div', { class: 'doctor' }, el('h3', { tabindex: '-1', class: 'view-title' }, t('doctorTitle')), el('p', { class: 'muted' }, t('doctorIntro')), results, again);
}
