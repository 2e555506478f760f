import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { conflict, notFound } from '../../kernel/errors.js';
import { negotiateLocale, t, type Locale } from '../../kernel/i18n.js';
import { getCase, postMessage } from '../cases/service.js';
import { activeIncidents, currentMaintenances, formatTime } from '../status/service.js';
import { diagnosticReports } from './schema.js';
import { accountNotice, supportChannels, walletAccountOf, type AccountNotice, type ChannelItem } from './service.js';

// The troubleshooter's server side: what the browser or app measured, combined with what Sapa knows (incidents,
// maintenance, the account's restrictions, its own clock), turned into findings and advice in the caller's language.

export interface DiagnosticsReport {
  locale?: string;
  network?: {
    apiReachable?: boolean;
    websocket?: boolean | null;
    longPolling?: boolean | null;
    latencyMs?: number;
    online?: boolean;
    effectiveType?: string;
  };
  browser?: { userAgent?: string; cookies?: boolean; storage?: boolean; features?: Record<string, boolean>; language?: string; timezone?: string };
  app?: { version: string; platform?: string };
  clientTime?: string;
  device?: Record<string, string | number | boolean | null>;
  caseId?: string;
}

export type Severity = 'info' | 'warning' | 'error';
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
}

export interface DiagnosticsResult {
  id: string;
  findings: Finding[];
  advice: string[];
  channels: ChannelItem[];
  account: AccountNotice | null;
  attachedTo: string | null;
  serverTime: string;
  minAppVersion: string | null;
}

// ------------------------------------------------------------------------------------------ user agents

export interface ParsedAgent {
  browser: string;
  version: number | null;
  os: string;
  mobile: boolean;
}

/** Oldest versions that run the help center, the widget and chat (fetch, WebSocket, modern CSS, ES2020). */
const minimumBrowser: Record<string, number> = { Chrome: 90, Edge: 90, Firefox: 88, Safari: 14, 'Samsung Internet': 14, Opera: 76 };

export function parseUserAgent(ua: string): ParsedAgent {
  const num = (re: RegExp) => {
    const m = re.exec(ua);
    return m ? Number(m[1]) : null;
  };
  let browser = 'unknown';
  let version: number | null = null;
  const tests: [string, RegExp][] = [
    ['Internet Explorer', /(?:MSIE |Trident\/.*rv:)(\d+)/],
    ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
    ['Samsung Internet', /SamsungBrowser\/(\d+)/],
    ['Opera', /(?:OPR|Opera)\/(\d+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS|Chromium)\/(\d+)/],
    ['Safari', /Version\/(\d+)[\d.]*.*Safari/],
  ];
  for (const [name, re] of tests) {
    const v = num(re);
    if (v !== null) {
      browser = name;
      version = v;
      break;
    }
  }
  let os = 'unknown';
  const android = /Android\s*([\d.]+)?/.exec(ua);
  const ios = /(?:iPhone|iPad|iPod).*? OS (\d+)[_.]?(\d+)?/.exec(ua);
  const windows = /Windows NT ([\d.]+)/.exec(ua);
  const mac = /Mac OS X (\d+)[._](\d+)/.exec(ua);
  if (android) os = `Android${android[1] ? ` ${android[1]}` : ''}`;
  else if (ios) os = `iOS ${ios[1]}${ios[2] ? `.${ios[2]}` : ''}`;
  else if (windows) os = `Windows ${({ '10.0': '10/11', '6.3': '8.1', '6.2': '8', '6.1': '7' } as Record<string, string>)[windows[1]] ?? windows[1]}`;
  else if (mac) os = `macOS ${mac[1]}.${mac[2]}`;
  else if (/CrOS/.test(ua)) os = 'ChromeOS';
  else if (/Linux/.test(ua)) os = 'Linux';
  return { browser, version, os, mobile: /Mobi|Android|iPhone|iPad/.test(ua) };
}

/** Numeric comparison of dotted versions ("5.10.0" > "5.9.3"); anything after a hyphen is ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('-')[0].split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('-')[0].split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

const REQUIRED_FEATURES = ['fetch', 'promise', 'websocket', 'json', 'textDecoder', 'urlSearchParams'];
export const HIGH_LATENCY_MS = 800;
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;

// ------------------------------------------------------------------------------------------ advice

/** "Email, WhatsApp or Telegram": the names of channels as the list beside the advice shows them, in its language. */
const anyOf = (locale: Locale, items: readonly ChannelItem[]) => new Intl.ListFormat(locale, { type: 'disjunction' }).format(items.map((c) => c.name));

/**
 * "Try another channel": only the channels that work right now, from the same live list the page shows. Not live
 * chat (the advice is for when chat fails), not the help center (the reader is in it), and not the appeal and the
 * security line, which have advice of their own. With none of them open, the forum or else the help center.
 */
export function otherChannelAdvice(items: readonly ChannelItem[], locale: Locale): string {
  const others = items.filter((c) => c.available && c.kind !== 'self_service' && !['live_chat', 'account_appeal', 'security_line'].includes(c.id));
  if (others.some((c) => c.id !== 'community_forum')) return t(locale, 'support.advice.other_channel', { channels: anyOf(locale, others) });
  return t(locale, others.length ? 'support.advice.other_channel_forum' : 'support.advice.other_channel_none');
}

/**
 * What helps for each common cause (the troubleshooter's list). A locked account's way in besides the appeal is a
 * channel that works right now and keeps the conversation private (never email where email is not offered, never the
 * public forum).
 */
export function remedyText(cause: string, items: readonly ChannelItem[], locale: Locale): string {
  if (cause !== 'account') return t(locale, `support.ts.remedy.${cause}`);
  const open = items.filter((c) => c.available && c.kind !== 'self_service' && !['community_forum', 'account_appeal', 'security_line'].includes(c.id));
  return open.length ? t(locale, 'support.ts.remedy.account', { channels: anyOf(locale, open) }) : t(locale, 'support.ts.remedy.account_appeal_only');
}

// ------------------------------------------------------------------------------------------ analysis

export async function analyse(
  desk: Desk,
  report: DiagnosticsReport,
  locale: Locale,
  principal: Principal | undefined,
  context: { userAgentHeader?: string; receivedAt: Date },
): Promise<{ findings: Finding[]; advice: string[]; channels: ChannelItem[]; account: AccountNotice | null }> {
  const findings: Finding[] = [];
  const advice = new Set<string>();
  const add = (code: string, severity: Severity, vars: Record<string, string | number> = {}, ...adviceKeys: string[]) => {
    findings.push({ code, severity, message: t(locale, `support.finding.${code}`, vars) });
    for (const k of adviceKeys) advice.add(k);
  };
  const [incidents, maintenances, channels, account] = await Promise.all([
    activeIncidents(desk, locale),
    currentMaintenances(desk, locale),
    supportChannels(desk, locale, principal, context.receivedAt),
    walletAccountOf(desk, principal),
  ]);
  const tz = desk.config.SAPA_TIMEZONE;

  // What Sapa knows.
  for (const i of incidents) add('incident_active', i.impact === 'major' || i.impact === 'critical' ? 'error' : 'warning', { title: i.title, message: i.updates[0]?.message ?? '' }, 'status_page', 'wait_fix', 'other_channel');
  for (const m of maintenances) {
    if (m.status === 'in_progress') add('maintenance_active', 'warning', { title: m.title, end: formatTime(locale, m.endsAt, tz) }, 'status_page', 'wait_fix', 'other_channel');
    else if (Date.parse(m.startsAt) - context.receivedAt.getTime() < 24 * 3600_000) add('maintenance_upcoming', 'info', { title: m.title, start: formatTime(locale, m.startsAt, tz) }, 'status_page');
  }
  const chat = channels.items.find((c) => c.id === 'live_chat');
  if (chat && !chat.available) add('live_chat_unavailable', 'warning', { reason: chat.reason ?? '' }, 'other_channel');
  else if (chat?.notice) add('live_chat_limited', 'info', { notice: chat.notice });
  const notice = accountNotice(account, locale);
  if (notice) add(`account_${notice.state}`, 'error', {}, 'appeal');

  // What the client measured.
  const net = report.network ?? {};
  if (net.online === false) add('offline', 'error', {}, 'check_connection');
  if (net.apiReachable === false) add('api_unreachable', 'error', {}, 'check_connection', 'other_channel');
  if (net.websocket === false && net.longPolling === false) add('realtime_unreachable', 'error', {}, 'check_connection', 'other_channel');
  else if (net.websocket === false) add('websocket_blocked', 'warning', {}, 'slow_mode');
  if (typeof net.latencyMs === 'number' && net.latencyMs >= HIGH_LATENCY_MS) add('high_latency', 'warning', { ms: Math.round(net.latencyMs) }, 'check_connection');
  if (net.effectiveType && /^(slow-2g|2g)$/.test(net.effectiveType)) add('slow_network', 'warning', { type: net.effectiveType }, 'check_connection');

  const b = report.browser ?? {};
  if (b.cookies === false) add('cookies_disabled', 'warning', {}, 'enable_cookies');
  if (b.storage === false) add('storage_unavailable', 'warning', {}, 'enable_cookies');
  const ua = b.userAgent ?? context.userAgentHeader ?? '';
  const parsed = parseUserAgent(ua);
  if (parsed.browser === 'Internet Explorer') add('browser_unsupported', 'error', { browser: parsed.browser }, 'update_browser');
  else if (parsed.version !== null && minimumBrowser[parsed.browser] && parsed.version < minimumBrowser[parsed.browser]) {
    add('browser_outdated', 'warning', { browser: parsed.browser, version: parsed.version, min: minimumBrowser[parsed.browser] }, 'update_browser');
  }
  const missing = REQUIRED_FEATURES.filter((f) => b.features && b.features[f] === false);
  if (missing.length) add('browser_features_missing', 'error', { features: missing.join(', ') }, 'update_browser');

  if (report.clientTime && !Number.isNaN(Date.parse(report.clientTime))) {
    const skew = Date.parse(report.clientTime) - context.receivedAt.getTime();
    if (Math.abs(skew) > CLOCK_SKEW_LIMIT_MS) {
      add('clock_skew', 'warning', { minutes: Math.round(Math.abs(skew) / 60_000), direction: t(locale, skew > 0 ? 'support.diag.ahead' : 'support.diag.behind') }, 'fix_clock');
    }
  }
  const min = desk.config.SAPA_MIN_APP_VERSION;
  if (report.app?.version && min && compareVersions(report.app.version, min) < 0) add('app_outdated', 'error', { version: report.app.version, min }, 'update_app');

  if (!findings.length) add('all_clear', 'info', {}, 'all_clear');
  advice.add('keep_evidence');
  const order: Severity[] = ['error', 'warning', 'info'];
  findings.sort((x, y) => order.indexOf(x.severity) - order.indexOf(y.severity));
  const say = (k: string) => (k === 'other_channel' ? otherChannelAdvice(channels.items, locale) : t(locale, `support.advice.${k}`));
  return { findings, advice: [...advice].map(say), channels: channels.items, account: notice };
}

// ------------------------------------------------------------------------------------------ storage

export const reporterOf = (p: Principal | undefined) =>
  !p ? null : p.kind === 'agent' ? `agent:${p.agentId}` : p.kind === 'customer' ? `customer:${p.customerId}` : `visitor:${p.visitorId}`;

export async function submitDiagnostics(
  desk: Desk,
  principal: Principal | undefined,
  report: DiagnosticsReport,
  locale: Locale,
  context: { userAgentHeader?: string },
): Promise<DiagnosticsResult> {
  const receivedAt = new Date();
  // A case id the caller cannot see is refused before anything is stored (404, as for any case not theirs).
  if (report.caseId) {
    if (!principal) throw notFound();
    await getCase(desk, principal, report.caseId);
  }
  const analysis = await analyse(desk, report, locale, principal, { userAgentHeader: context.userAgentHeader, receivedAt });
  const id = randomUUID();
  await desk.db.insert(diagnosticReports).values({
    id,
    reporter: reporterOf(principal),
    locale,
    report: { ...report, caseId: undefined },
    findings: analysis.findings,
    server: { receivedAt: receivedAt.toISOString(), userAgentHeader: context.userAgentHeader?.slice(0, 500) ?? null },
  });
  let attachedTo: string | null = null;
  if (report.caseId && principal) {
    await attachDiagnostics(desk, principal, id, report.caseId);
    attachedTo = report.caseId;
  }
  return {
    id,
    ...analysis,
    attachedTo,
    serverTime: receivedAt.toISOString(),
    minAppVersion: desk.config.SAPA_MIN_APP_VERSION ?? null,
  };
}

type ReportRow = typeof diagnosticReports.$inferSelect;

function summary(row: ReportRow, locale: Locale): string {
  const r = row.report as DiagnosticsReport;
  const server = row.server as { receivedAt: string; userAgentHeader: string | null };
  const parsed = parseUserAgent(r.browser?.userAgent ?? server.userAgentHeader ?? '');
  const yes = t(locale, 'support.diag.yes');
  const no = t(locale, 'support.diag.no');
  const unknown = t(locale, 'support.diag.unknown');
  const flag = (v: boolean | null | undefined) => (v === true ? yes : v === false ? no : unknown);
  const n = r.network ?? {};
  const device = r.device ? Object.entries(r.device).map(([k, v]) => `${k}=${v}`).join(', ') : '';
  const findings = (row.findings as Finding[]).map((f) => f.code).join(', ');
  return [
    t(locale, 'support.diag.title', { id: row.id.slice(0, 8) }),
    `${t(locale, 'support.diag.time')}: ${r.clientTime ?? unknown} (${t(locale, 'support.diag.server_time')}: ${server.receivedAt})`,
    `${t(locale, 'support.diag.device')}: ${[parsed.mobile ? 'mobile' : 'desktop', device].filter(Boolean).join(', ')} · OS: ${parsed.os} · ${t(locale, 'support.diag.browser')}: ${parsed.browser}${parsed.version ? ` ${parsed.version}` : ''}${r.app ? ` · App: ${r.app.version}${r.app.platform ? ` (${r.app.platform})` : ''}` : ''}`,
    `${t(locale, 'support.diag.network')}: API ${flag(n.apiReachable)} · WebSocket ${flag(n.websocket)} · ${t(locale, 'support.diag.latency')} ${typeof n.latencyMs === 'number' ? `${Math.round(n.latencyMs)} ms` : unknown}${n.effectiveType ? ` · ${n.effectiveType}` : ''}${n.online === false ? ` · offline` : ''}`,
    `${t(locale, 'support.diag.findings')}: ${findings || '—'}`,
  ].join('\n');
}

/**
 * Links a stored report to a case as evidence and posts a system message that summarises it (time, device, OS,
 * browser, network). The caller must see the case; a report made by someone else cannot be taken.
 */
export async function attachDiagnostics(desk: Desk, principal: Principal, reportId: string, caseId: string): Promise<{ id: string; caseId: string; messageId: string }> {
  const [row] = await desk.db.select().from(diagnosticReports).where(eq(diagnosticReports.id, reportId));
  if (!row) throw notFound();
  if (principal.kind !== 'agent' && row.reporter !== null && row.reporter !== reporterOf(principal)) throw notFound();
  const target = await getCase(desk, principal, caseId);
  if (row.caseId && row.caseId !== caseId) throw conflict('diagnostics_already_attached');
  if (!row.caseId) {
    const updated = await desk.db
      .update(diagnosticReports)
      .set({ caseId, attachedAt: new Date() })
      .where(and(eq(diagnosticReports.id, reportId)))
      .returning();
    row.caseId = updated[0]?.caseId ?? caseId;
  }
  const posted = await postMessage(desk, principal, caseId, {
    body: summary(row, negotiateLocale(target.language)),
    clientMessageId: `diagnostics-${row.id}`,
    authorKind: 'system',
    metadata: { diagnosticsId: row.id, findings: (row.findings as Finding[]).map((f) => f.code) },
  });
  return { id: row.id, caseId, messageId: posted.message.id };
}

export interface StoredReport {
  id: string;
  caseId: string | null;
  reporter: string | null;
  locale: string;
  report: unknown;
  findings: Finding[];
  server: unknown;
  createdAt: string;
  attachedAt: string | null;
}

/** Reports attached to a case, newest first (agents). */
export async function caseDiagnostics(desk: Desk, principal: Principal, caseId: string): Promise<StoredReport[]> {
  await getCase(desk, principal, caseId);
  const found = await desk.db.select().from(diagnosticReports).where(eq(diagnosticReports.caseId, caseId)).orderBy(desc(diagnosticReports.createdAt));
  return found.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    reporter: r.reporter,
    locale: r.locale,
    report: r.report,
    findings: r.findings as Finding[],
    server: r.server,
    createdAt: r.createdAt.toISOString(),
    attachedAt: r.attachedAt ? r.attachedAt.toISOString() : null,
  }));
}
