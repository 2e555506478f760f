import { createHash, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { firstRow } from '../../kernel/db/index.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { AppError, conflict, notFound } from '../../kernel/errors.js';
import { t } from '../../kernel/i18n.js';
import { enqueue, type Job } from '../../kernel/jobs.js';
import { createCase, listCaseMessages, postMessage, systemPrincipal, updateCase } from '../cases/service.js';
import { publicBase } from './notify.js';
import { statusComponents, statusIncidentComponents, statusIncidents, statusMonitorChecks, statusMonitors, type ComponentStatus, type MonitorKind } from './schema.js';
import { addIncidentUpdate, createIncident, getIncidentRow, type StatusActor } from './service.js';

// Synthetic checks of Sapa's own channels and of the wallet's endpoints. Every node runs the same scheduler; the
// job queue's unique key (monitor + time slot) lets exactly one node run each check, and the checks table's
// primary key (monitor, slot) makes a retried check count once.

export const QUEUE_MONITOR = 'status.monitor';
export type MonitorRow = typeof statusMonitors.$inferSelect;

export interface CheckResult {
  ok: boolean;
  /** Not applicable here (e.g. the realtime module is not installed): neither success nor failure. */
  skipped?: boolean;
  latencyMs: number;
  detail: string;
}

const CHECK_TIMEOUT_MS = 5000;

/** Two auto-incidents on one component within this window are one incident (reopened, without new mail). */
export const flapWindowMs = (desk: Desk) => Math.max(30 * 60_000, 10 * desk.config.SAPA_MONITOR_INTERVAL_S * 1000);

// ------------------------------------------------------------------------------------------ definitions

interface Definition {
  id: string;
  kind: MonitorKind;
  componentId: string;
  target: string | null;
}

/** The monitors the environment asks for: Sapa's own channels, plus SAPA_MONITOR_URLS. */
function builtinDefinitions(desk: Desk): Definition[] {
  const defs: Definition[] = [
    { id: 'database', kind: 'database', componentId: 'live_chat', target: null },
    { id: 'realtime', kind: 'realtime', componentId: 'live_chat', target: null },
    { id: 'roundtrip', kind: 'roundtrip', componentId: 'live_chat', target: null },
  ];
  if (desk.config.SAPA_SMTP_PORT) defs.push({ id: 'smtp', kind: 'smtp', componentId: 'email', target: `${desk.config.SAPA_SMTP_HOST}:${desk.config.SAPA_SMTP_PORT}` });
  for (const pair of (desk.config.SAPA_MONITOR_URLS ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = pair.indexOf('=');
    const componentId = pair.slice(0, i);
    const url = pair.slice(i + 1);
    defs.push({ id: `http-${componentId}-${createHash('sha256').update(url).digest('hex').slice(0, 6)}`, kind: 'http', componentId, target: url });
  }
  return defs;
}

/**
 * Adds or updates the built-in monitors the environment asks for; a supervisor's pause and the counters survive.
 * It never removes one: nodes of a rolling deploy may disagree, and a monitor no longer configured is a
 * supervisor's to delete.
 */
export async function syncBuiltinMonitors(desk: Desk): Promise<void> {
  const known = new Set((await desk.db.select({ id: statusComponents.id }).from(statusComponents)).map((r) => r.id));
  const wanted = builtinDefinitions(desk).filter((d) => {
    if (known.has(d.componentId)) return true;
    desk.log.warn({ componentId: d.componentId, target: d.target }, 'SAPA_MONITOR_URLS names an unknown status component; monitor skipped');
    return false;
  });
  for (const d of wanted) {
    await desk.db
      .insert(statusMonitors)
      .values({ ...d, builtin: true })
      .onConflictDoUpdate({ target: statusMonitors.id, set: { kind: d.kind, componentId: d.componentId, target: d.target, builtin: true } });
  }
}

// ------------------------------------------------------------------------------------------ checks

async function timed(fn: () => Promise<Omit<CheckResult, 'latencyMs'>>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const r = await fn();
    return { ...r, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
  }
}

async function checkHttp(url: string): Promise<Omit<CheckResult, 'latencyMs'>> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS), headers: { 'user-agent': 'Sapa-Monitor/1' } });
  await res.arrayBuffer().catch(() => undefined);
  return { ok: res.status < 400, detail: `HTTP ${res.status}` };
}

async function checkRealtime(desk: Desk): Promise<Omit<CheckResult, 'latencyMs'>> {
  const res = await fetch(`${publicBase(desk)}/realtime/?EIO=4&transport=polling`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  const body = await res.text();
  if (res.status === 404) return { ok: true, skipped: true, detail: 'realtime is not installed on this node' };
  // An Engine.IO handshake is an "open" packet: "0{"sid":…}".
  return res.status === 200 && body.startsWith('0{') ? { ok: true, detail: 'handshake ok' } : { ok: false, detail: `handshake answered HTTP ${res.status}` };
}

/** A message through the cases service on a case the monitor owns (one a day, closed, internal notes only). */
async function checkRoundTrip(desk: Desk, slot: number): Promise<Omit<CheckResult, 'latencyMs'>> {
  const day = new Date().toISOString().slice(0, 10);
  const opened = await createCase(desk, systemPrincipal, {
    subject: `Sapa monitor: message round trip ${day}`,
    category: 'other',
    channel: 'web',
    tags: ['monitor'],
    locale: 'en',
    idempotencyKey: `status-monitor-roundtrip-${day}`,
    message: { body: 'This case belongs to Sapa’s own monitor: it checks that messages are stored and read back.', clientMessageId: `monitor-${day}` },
  });
  if (opened.case.status !== 'closed') await updateCase(desk, systemPrincipal, opened.case.id, { status: 'closed' }, { kind: 'system', id: null });
  const body = `round trip ${slot} ${randomUUID()}`;
  const posted = await postMessage(desk, systemPrincipal, opened.case.id, { body, clientMessageId: `monitor-${slot}`, internal: true, authorKind: 'system' });
  const read = await listCaseMessages(desk, systemPrincipal, opened.case.id, posted.message.seq - 1, 1);
  const ok = read.items[0]?.id === posted.message.id && (posted.created ? read.items[0]?.body === body : true);
  return { ok, detail: ok ? `message ${posted.message.seq} stored and read back` : 'message not read back' };
}

function checkSmtp(host: string, port: number): Promise<Omit<CheckResult, 'latencyMs'>> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffer = '';
    let stage: 'greeting' | 'ehlo' = 'greeting';
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(why));
    };
    socket.setTimeout(CHECK_TIMEOUT_MS, () => fail('SMTP timeout'));
    socket.on('error', (e) => fail(`SMTP ${e.message}`));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (stage === 'greeting') {
          if (!line.startsWith('220')) return fail(`SMTP greeting: ${line.slice(0, 80)}`);
          if (line[3] === '-') continue;
          stage = 'ehlo';
          socket.write('EHLO sapa-monitor\r\n');
        } else {
          if (!line.startsWith('250')) return fail(`SMTP EHLO: ${line.slice(0, 80)}`);
          if (line[3] === '-') continue;
          socket.end('QUIT\r\n');
          return resolve({ ok: true, detail: 'EHLO accepted' });
        }
      }
    });
  });
}

export async function runCheck(desk: Desk, m: MonitorRow, slot: number): Promise<CheckResult> {
  switch (m.kind) {
    case 'database':
      return timed(async () => ((await desk.database.ping(CHECK_TIMEOUT_MS)) ? { ok: true, detail: 'ping ok' } : { ok: false, detail: 'no answer' }));
    case 'realtime':
      return timed(() => checkRealtime(desk));
    case 'roundtrip':
      return timed(() => checkRoundTrip(desk, slot));
    case 'smtp': {
      const [host, port] = (m.target ?? '').split(/:(?=\d+$)/);
      return timed(() => checkSmtp(host, Number(port)));
    }
    case 'http':
      return timed(() => checkHttp(m.target ?? ''));
  }
}

// ------------------------------------------------------------------------------------------ scheduling

export const slotOf = (desk: Desk, at: Date) => Math.floor(at.getTime() / 1000 / Math.max(1, desk.config.SAPA_MONITOR_INTERVAL_S || 60));

/**
 * Enqueues this slot's check of every active monitor. Any node may call it any number of times: the unique key
 * makes one job per monitor per slot. Tests call it directly instead of waiting for the timer.
 */
export async function scheduleMonitorSlot(desk: Desk, at = new Date()): Promise<number> {
  const slot = slotOf(desk, at);
  const active = await desk.db.select({ id: statusMonitors.id }).from(statusMonitors).where(eq(statusMonitors.paused, false));
  for (const m of active) await enqueue(desk.db, QUEUE_MONITOR, { monitorId: m.id, slot }, { uniqueKey: `status.monitor:${m.id}:${slot}`, maxAttempts: 1 });
  desk.jobs.wake();
  return active.length;
}

/** Old checks and finished check jobs are dropped: the incidents and state changes are the lasting record. */
async function prune(desk: Desk): Promise<void> {
  const cutoff = new Date(Date.now() - 7 * 86400_000);
  await desk.db.delete(statusMonitorChecks).where(lt(statusMonitorChecks.at, cutoff));
  await desk.db.execute(sql`delete from jobs where queue = ${QUEUE_MONITOR} and state in ('done', 'failed') and finished_at < now() - interval '1 day'`);
}

const SCHEDULER = Symbol('status.scheduler');

/** A timer on every node, aligned to slot boundaries; SAPA_MONITOR_INTERVAL_S=0 turns it off. */
export function startMonitorScheduler(desk: Desk): void {
  const interval = desk.config.SAPA_MONITOR_INTERVAL_S;
  if (!interval) return;
  const state = moduleState(desk, SCHEDULER, () => ({ timer: undefined as NodeJS.Timeout | undefined, stopped: false, ticks: 0 }));
  const tick = async () => {
    try {
      await scheduleMonitorSlot(desk);
      if (state.ticks++ % 60 === 0) await prune(desk);
    } catch (error) {
      desk.log.warn({ err: error }, 'monitor scheduling failed; next slot will try again');
    }
    next();
  };
  const next = () => {
    if (state.stopped) return;
    const ms = interval * 1000 - (Date.now() % (interval * 1000)) + 50;
    state.timer = setTimeout(() => void tick(), ms);
    state.timer.unref();
  };
  desk.onStop(() => {
    state.stopped = true;
    clearTimeout(state.timer);
  });
  void tick();
}

// ------------------------------------------------------------------------------------------ evaluation

async function handleCheck(desk: Desk, job: Job<{ monitorId: string; slot: number }>): Promise<void> {
  const { monitorId, slot } = job.payload;
  const [monitor] = await desk.db.select().from(statusMonitors).where(eq(statusMonitors.id, monitorId));
  if (!monitor || monitor.paused) return;
  const result = await runCheck(desk, monitor, slot);
  const inserted = await desk.db
    .insert(statusMonitorChecks)
    .values({ monitorId, slot, ok: result.ok, skipped: result.skipped ?? false, latencyMs: result.latencyMs, detail: result.detail.slice(0, 500) })
    .onConflictDoNothing()
    .returning({ slot: statusMonitorChecks.slot });
  if (!inserted.length || result.skipped) return;
  await evaluate(desk, monitorId, result);
}

const actor = (m: MonitorRow): StatusActor => ({ kind: 'monitor', id: m.id });

/**
 * Hysteresis: N consecutive failures take a monitor down (an automatic incident), N consecutive successes bring it
 * back up (resolved). Within the flap window a new failure reopens the same incident without mailing anyone again,
 * and monitors of one component share its open automatic incident.
 */
async function evaluate(desk: Desk, monitorId: string, result: CheckResult): Promise<void> {
  const n = desk.config.SAPA_MONITOR_FAILURES;
  const transition = await desk.db.transaction(async (tx) => {
    const [m] = await tx.select().from(statusMonitors).where(eq(statusMonitors.id, monitorId)).for('update');
    if (!m || m.paused) return undefined;
    const failures = result.ok ? 0 : m.consecutiveFailures + 1;
    const successes = result.ok ? m.consecutiveSuccesses + 1 : 0;
    let state = m.state;
    let change: 'down' | 'up' | undefined;
    if (!result.ok && failures >= n && state !== 'down') {
      state = 'down';
      change = 'down';
    } else if (result.ok && state === 'down' && successes >= n) {
      state = 'up';
      change = 'up';
    } else if (result.ok && state === 'unknown') state = 'up';
    const now = new Date();
    const [updated] = await tx
      .update(statusMonitors)
      .set({
        state,
        consecutiveFailures: failures,
        consecutiveSuccesses: successes,
        lastCheckedAt: now,
        lastLatencyMs: result.latencyMs,
        ...(result.ok ? { lastOkAt: now, lastError: null } : { lastError: result.detail.slice(0, 500) }),
        updatedAt: now,
      })
      .where(eq(statusMonitors.id, monitorId))
      .returning();
    return change ? { change, monitor: updated } : undefined;
  });
  if (!transition) return;
  if (transition.change === 'down') await openAutomaticIncident(desk, transition.monitor);
  else await resolveAutomaticIncident(desk, transition.monitor);
}

async function evidence(desk: Desk, m: MonitorRow) {
  const checks = await desk.db.select().from(statusMonitorChecks).where(eq(statusMonitorChecks.monitorId, m.id)).orderBy(desc(statusMonitorChecks.slot)).limit(10);
  return {
    monitor: { id: m.id, kind: m.kind, target: m.target, componentId: m.componentId },
    threshold: desk.config.SAPA_MONITOR_FAILURES,
    checks: checks.map((c) => ({ at: c.at.toISOString(), ok: c.ok, latencyMs: c.latencyMs, detail: c.detail })),
  };
}

function autoTexts(m: MonitorRow, componentNames: Record<string, string>, key: string, vars: Record<string, string | number>) {
  const messages = {
    en: t('en', key, { ...vars, component: componentNames.en }),
    'id-ID': t('id-ID', key, { ...vars, component: componentNames['id-ID'] }),
    'zh-CN': t('zh-CN', key, { ...vars, component: componentNames['zh-CN'] }),
  };
  return { message: messages.en, messages };
}

async function openAutomaticIncident(desk: Desk, m: MonitorRow): Promise<void> {
  const [component] = await desk.db.select().from(statusComponents).where(eq(statusComponents.id, m.componentId));
  const names = { en: component.names.en ?? m.componentId, 'id-ID': component.names['id-ID'] ?? m.componentId, 'zh-CN': component.names['zh-CN'] ?? m.componentId };
  const proof = await evidence(desk, m);
  const vars = { n: desk.config.SAPA_MONITOR_FAILURES, detail: (m.lastError ?? '').slice(0, 120) };
  const status = m.failStatus as ComponentStatus;

  // Another monitor of this component already has an automatic incident open: join it, quietly.
  const [open] = await desk.db
    .select({ id: statusIncidents.id })
    .from(statusIncidents)
    .innerJoin(statusIncidentComponents, eq(statusIncidentComponents.incidentId, statusIncidents.id))
    .where(and(eq(statusIncidents.automatic, true), sql`${statusIncidents.phase} <> 'resolved'`, eq(statusIncidentComponents.componentId, m.componentId)))
    .limit(1);
  const recent = m.incidentId ? await getIncidentRow(desk, m.incidentId) : undefined;
  const reopen = !open && recent?.resolvedAt && Date.now() - recent.resolvedAt.getTime() < flapWindowMs(desk) ? recent : undefined;
  let incidentId: string;
  if (open || reopen) {
    incidentId = (open ?? reopen)!.id;
    await addIncidentUpdate(desk, actor(m), incidentId, {
      status: 'investigating',
      ...autoTexts(m, names, 'status.auto.failing_again', vars),
      components: [{ id: m.componentId, status }],
      notify: false,
    });
    await desk.db.update(statusIncidents).set({ evidence: proof }).where(eq(statusIncidents.id, incidentId));
  } else {
    const title = autoTexts(m, names, 'status.auto.title', vars);
    const incident = await createIncident(desk, actor(m), {
      title: title.message,
      titles: title.messages,
      impact: status === 'major_outage' ? 'major' : 'minor',
      ...autoTexts(m, names, 'status.auto.failing', vars),
      components: [{ id: m.componentId, status }],
      automatic: true,
      monitorId: m.id,
      evidence: proof,
    });
    incidentId = incident.id;
  }
  await desk.db.update(statusMonitors).set({ incidentId, lastIncidentAt: new Date() }).where(eq(statusMonitors.id, m.id));
  desk.log.warn({ monitor: m.id, componentId: m.componentId, incidentId, reopened: Boolean(open || reopen) }, 'monitor down: automatic incident');
}

async function resolveAutomaticIncident(desk: Desk, m: MonitorRow): Promise<void> {
  if (!m.incidentId) return;
  const incident = await getIncidentRow(desk, m.incidentId);
  if (!incident || !incident.automatic || incident.phase === 'resolved') return;
  const [component] = await desk.db.select().from(statusComponents).where(eq(statusComponents.id, m.componentId));
  const names = { en: component.names.en ?? m.componentId, 'id-ID': component.names['id-ID'] ?? m.componentId, 'zh-CN': component.names['zh-CN'] ?? m.componentId };
  const stillDown = await desk.db
    .select({ id: statusMonitors.id })
    .from(statusMonitors)
    .where(and(eq(statusMonitors.incidentId, incident.id), eq(statusMonitors.state, 'down'), eq(statusMonitors.paused, false)));
  if (stillDown.length) return;
  // Subscribers heard of the first resolution; a flap's later resolution is recorded but not sent again.
  const resolvedBefore = Boolean(
    await firstRow(desk.db, sql`select 1 from status_incident_updates where incident_id = ${incident.id} and phase = 'resolved' limit 1`),
  );
  await addIncidentUpdate(desk, actor(m), incident.id, {
    status: 'resolved',
    ...autoTexts(m, names, 'status.auto.recovered', { n: desk.config.SAPA_MONITOR_FAILURES }),
    components: [{ id: m.componentId, status: 'operational' }],
    notify: !resolvedBefore,
  });
  desk.log.info({ monitor: m.id, incidentId: incident.id }, 'monitor recovered: automatic incident resolved');
}

export function registerMonitorJobs(desk: Desk): void {
  desk.jobs.handle<{ monitorId: string; slot: number }>(QUEUE_MONITOR, (job) => handleCheck(desk, job));
}

// ------------------------------------------------------------------------------------------ management

export interface MonitorView {
  id: string;
  kind: MonitorKind;
  componentId: string;
  target: string | null;
  builtin: boolean;
  paused: boolean;
  failStatus: ComponentStatus;
  state: MonitorRow['state'];
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  incidentId: string | null;
  recentChecks: { slot: number; at: string; ok: boolean; skipped: boolean; latencyMs: number | null; detail: string | null }[];
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export async function listMonitors(desk: Desk): Promise<MonitorView[]> {
  const monitors = await desk.db.select().from(statusMonitors).orderBy(statusMonitors.componentId, statusMonitors.id);
  const views: MonitorView[] = [];
  for (const m of monitors) {
    const checks = await desk.db.select().from(statusMonitorChecks).where(eq(statusMonitorChecks.monitorId, m.id)).orderBy(desc(statusMonitorChecks.slot)).limit(10);
    views.push({
      id: m.id,
      kind: m.kind,
      componentId: m.componentId,
      target: m.target,
      builtin: m.builtin,
      paused: m.paused,
      failStatus: m.failStatus,
      state: m.state,
      consecutiveFailures: m.consecutiveFailures,
      consecutiveSuccesses: m.consecutiveSuccesses,
      lastCheckedAt: isoOrNull(m.lastCheckedAt),
      lastOkAt: isoOrNull(m.lastOkAt),
      lastError: m.lastError,
      lastLatencyMs: m.lastLatencyMs,
      incidentId: m.incidentId,
      recentChecks: checks.map((c) => ({ slot: c.slot, at: c.at.toISOString(), ok: c.ok, skipped: c.skipped, latencyMs: c.latencyMs, detail: c.detail })),
    });
  }
  return views;
}

async function monitorView(desk: Desk, id: string): Promise<MonitorView> {
  const found = (await listMonitors(desk)).find((m) => m.id === id);
  if (!found) throw notFound();
  return found;
}

export async function createHttpMonitor(desk: Desk, input: { componentId: string; url: string; failStatus?: ComponentStatus }): Promise<MonitorView> {
  const [component] = await desk.db.select({ id: statusComponents.id }).from(statusComponents).where(eq(statusComponents.id, input.componentId));
  if (!component) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.componentId', message: 'unknown component' }]);
  const id = `http-${input.componentId}-${randomUUID().slice(0, 8)}`;
  await desk.db.insert(statusMonitors).values({ id, kind: 'http', componentId: input.componentId, target: input.url, failStatus: input.failStatus ?? 'partial_outage' });
  return monitorView(desk, id);
}

/** Pausing stops the checks and forgets the counters; it leaves any incident to the supervisor. */
export async function updateMonitor(desk: Desk, id: string, patch: { paused?: boolean; failStatus?: ComponentStatus; url?: string }): Promise<MonitorView> {
  const [m] = await desk.db.select().from(statusMonitors).where(eq(statusMonitors.id, id));
  if (!m) throw notFound();
  if (patch.url !== undefined && m.builtin) throw conflict('monitor_is_builtin');
  await desk.db
    .update(statusMonitors)
    .set({
      ...(patch.paused !== undefined ? { paused: patch.paused, ...(patch.paused ? { state: 'unknown' as const, consecutiveFailures: 0, consecutiveSuccesses: 0 } : {}) } : {}),
      ...(patch.failStatus ? { failStatus: patch.failStatus } : {}),
      ...(patch.url !== undefined ? { target: patch.url } : {}),
      updatedAt: new Date(),
    })
    .where(eq(statusMonitors.id, id));
  return monitorView(desk, id);
}

export async function deleteMonitor(desk: Desk, id: string): Promise<void> {
  const [m] = await desk.db.select().from(statusMonitors).where(eq(statusMonitors.id, id));
  if (!m) throw notFound();
  await desk.db.delete(statusMonitorChecks).where(eq(statusMonitorChecks.monitorId, id));
  await desk.db.delete(statusMonitors).where(eq(statusMonitors.id, id));
}
