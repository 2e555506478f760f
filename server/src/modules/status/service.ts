import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db/index.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound, unprocessable } from '../../kernel/errors.js';
import { enqueue } from '../../kernel/jobs.js';
import { t, type Locale } from '../../kernel/i18n.js';
import { defaultComponents, pick, statusRank, worst } from './catalog.js';
import './events.js';
import {
  statusComponentChanges,
  statusComponents,
  statusIncidentComponents,
  statusIncidents,
  statusIncidentUpdates,
  statusMaintenances,
  type ComponentStatus,
  type IncidentImpact,
  type IncidentPhase,
  type Localized,
} from './schema.js';

export type ComponentRow = typeof statusComponents.$inferSelect;
export type IncidentRow = typeof statusIncidents.$inferSelect;
export type IncidentUpdateRow = typeof statusIncidentUpdates.$inferSelect;
export type MaintenanceRow = typeof statusMaintenances.$inferSelect;

/** Who changed the status: a person, a monitor, or Sapa's own scheduler. */
export interface StatusActor {
  kind: 'agent' | 'monitor' | 'system';
  id: string | null;
}

export const QUEUE_NOTIFY = 'status.notify';
export const QUEUE_MAINTENANCE = 'status.maintenance';

/** What subscribers hear about. */
export type NoticeEvent =
  | 'incident.created'
  | 'incident.updated'
  | 'incident.resolved'
  | 'maintenance.scheduled'
  | 'maintenance.started'
  | 'maintenance.completed'
  | 'maintenance.cancelled';

export interface Notice {
  event: NoticeEvent;
  incidentId?: string;
  updateId?: string;
  maintenanceId?: string;
}

/** The fan-out job is written in the same transaction as the change, so a committed change is always announced. */
async function queueNotice(db: Db, notice: Notice): Promise<void> {
  const key = notice.updateId ?? `${notice.maintenanceId}:${notice.event}`;
  await enqueue(db, QUEUE_NOTIFY, notice, { uniqueKey: `status.notify:${key}` });
}

// -------------------------------------------------------------------------------------------- components

/** Creates the default components (and their first recorded state) if missing; safe on every start. */
export async function seedComponents(desk: Desk): Promise<void> {
  const existing = new Set((await desk.db.select({ id: statusComponents.id }).from(statusComponents)).map((r) => r.id));
  const missing = defaultComponents.filter((c) => !existing.has(c.id));
  if (!missing.length) return;
  await desk.db.transaction(async (tx) => {
    for (const [i, c] of defaultComponents.entries()) {
      if (existing.has(c.id)) continue;
      const inserted = await tx
        .insert(statusComponents)
        .values({ id: c.id, group: c.group, names: c.names, position: i })
        .onConflictDoNothing()
        .returning({ id: statusComponents.id });
      // Only the node that created it records the first state: two nodes starting together don't double it.
      if (inserted.length) await tx.insert(statusComponentChanges).values({ componentId: c.id, status: 'operational', cause: 'created' });
    }
  });
}

export async function listComponentRows(desk: Desk): Promise<ComponentRow[]> {
  return desk.db.select().from(statusComponents).orderBy(statusComponents.position, statusComponents.id);
}

export async function componentIds(desk: Desk): Promise<Set<string>> {
  return new Set((await desk.db.select({ id: statusComponents.id }).from(statusComponents)).map((r) => r.id));
}

async function requireComponents(desk: Desk, ids: string[]): Promise<void> {
  const known = await componentIds(desk);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError(400, 'invalid_input', undefined, unknown.map((id) => ({ field: 'body.components', message: `unknown component ${id}` })));
  }
}

export interface ComponentView {
  id: string;
  name: string;
  group: string;
  groupName: string;
  status: ComponentStatus;
  statusText: string;
}

export function componentView(row: ComponentRow, locale: Locale): ComponentView {
  return {
    id: row.id,
    name: pick(locale, row.names, row.id),
    group: row.group,
    groupName: t(locale, `status.group.${row.group}`),
    status: row.status,
    statusText: t(locale, `status.state.${row.status}`),
  };
}

export interface StatusChange {
  componentId: string;
  from: ComponentStatus;
  to: ComponentStatus;
  cause: string;
}

/**
 * Sets each component's effective state from what holds it: a supervisor's override, else the worst of the active
 * incidents that name it and any maintenance in progress, else operational. Records every change (the uptime
 * history). Rows are locked in id order so concurrent updates neither interleave nor deadlock.
 */
async function recompute(db: Db, ids: string[], cause: string): Promise<StatusChange[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const list = sql.join(unique.map((id) => sql`${id}`), sql`, `);
  const current = await rows<{ id: string; status: ComponentStatus; override_status: ComponentStatus | null }>(
    db,
    sql`select id, status, override_status from status_components where id in (${list}) order by id for update`,
  );
  const held = await rows<{ component_id: string; status: ComponentStatus }>(
    db,
    sql`select ic.component_id, ic.status from status_incident_components ic
          join status_incidents i on i.id = ic.incident_id
         where i.phase <> 'resolved' and ic.component_id in (${list})
        union all
        select c.component_id, 'maintenance' from status_maintenances m
          cross join lateral unnest(m.components) as c(component_id)
         where m.state = 'in_progress' and c.component_id in (${list})`,
  );
  const changes: StatusChange[] = [];
  for (const c of current) {
    const next = c.override_status ?? worst(held.filter((h) => h.component_id === c.id).map((h) => h.status));
    if (next === c.status) continue;
    await db.update(statusComponents).set({ status: next, updatedAt: new Date() }).where(eq(statusComponents.id, c.id));
    await db.insert(statusComponentChanges).values({ componentId: c.id, status: next, cause });
    changes.push({ componentId: c.id, from: c.status, to: next, cause });
  }
  return changes;
}

function announce(desk: Desk, changes: StatusChange[]): void {
  for (const change of changes) desk.events.emit('status.changed', change);
}

/** A supervisor's manual state; it wins over incidents, maintenance and monitors until cleared. */
export async function setOverride(desk: Desk, actor: StatusActor, componentId: string, status: ComponentStatus | null, note?: string): Promise<ComponentRow> {
  const changes = await desk.db.transaction(async (tx) => {
    const updated = await tx
      .update(statusComponents)
      .set(
        status
          ? { overrideStatus: status, overrideNote: note ?? null, overrideBy: actor.id, overrideAt: new Date(), updatedAt: new Date() }
          : { overrideStatus: null, overrideNote: null, overrideBy: null, overrideAt: null, updatedAt: new Date() },
      )
      .where(eq(statusComponents.id, componentId))
      .returning({ id: statusComponents.id });
    if (!updated.length) throw notFound();
    return recompute(tx, [componentId], status ? `override:${actor.id ?? 'system'}` : 'override_cleared');
  });
  announce(desk, changes);
  const [row] = await desk.db.select().from(statusComponents).where(eq(statusComponents.id, componentId));
  return row;
}

// -------------------------------------------------------------------------------------------- incidents

export interface IncidentUpdateView {
  id: string;
  status: IncidentPhase;
  message: string;
  messages: Localized | null;
  components: { id: string; status: string }[] | null;
  notified: boolean;
  createdAt: string;
}

export interface IncidentView {
  id: string;
  title: string;
  titles: Localized | null;
  impact: IncidentImpact;
  status: IncidentPhase;
  statusText: string;
  automatic: boolean;
  monitorId: string | null;
  components: { id: string; name: string; status: ComponentStatus }[];
  updates: IncidentUpdateView[];
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  url: string;
  evidence?: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();

async function presentIncidents(desk: Desk, incidents: IncidentRow[], locale: Locale, withEvidence = false): Promise<IncidentView[]> {
  if (!incidents.length) return [];
  const ids = incidents.map((i) => i.id);
  const [affected, updates, components] = await Promise.all([
    desk.db.select().from(statusIncidentComponents).where(inArray(statusIncidentComponents.incidentId, ids)),
    desk.db.select().from(statusIncidentUpdates).where(inArray(statusIncidentUpdates.incidentId, ids)).orderBy(desc(statusIncidentUpdates.createdAt), desc(statusIncidentUpdates.id)),
    listComponentRows(desk),
  ]);
  const byId = new Map(components.map((c) => [c.id, c]));
  return incidents.map((i) => ({
    id: i.id,
    title: pick(locale, i.titles, i.title),
    titles: i.titles ?? null,
    impact: i.impact,
    status: i.phase,
    statusText: t(locale, `status.phase.${i.phase}`),
    automatic: i.automatic,
    monitorId: i.monitorId,
    components: affected
      .filter((a) => a.incidentId === i.id)
      .sort((a, b) => (byId.get(a.componentId)?.position ?? 0) - (byId.get(b.componentId)?.position ?? 0))
      .map((a) => ({ id: a.componentId, name: pick(locale, byId.get(a.componentId)?.names, a.componentId), status: a.status })),
    updates: updates
      .filter((u) => u.incidentId === i.id)
      .map((u) => ({
        id: u.id,
        status: u.phase,
        message: pick(locale, u.messages, u.message),
        messages: u.messages ?? null,
        components: u.components ?? null,
        notified: u.notified,
        createdAt: iso(u.createdAt),
      })),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    resolvedAt: i.resolvedAt ? iso(i.resolvedAt) : null,
    url: `/status/incidents/${i.id}`,
    ...(withEvidence ? { evidence: i.evidence ?? null } : {}),
  }));
}

export interface CreateIncidentInput {
  title: string;
  titles?: Localized;
  impact: IncidentImpact;
  message: string;
  messages?: Localized;
  status?: IncidentPhase;
  components: { id: string; status: ComponentStatus }[];
  automatic?: boolean;
  monitorId?: string;
  evidence?: unknown;
}

export async function createIncident(desk: Desk, actor: StatusActor, input: CreateIncidentInput, locale: Locale = 'en'): Promise<IncidentView> {
  await requireComponents(desk, input.components.map((c) => c.id));
  const id = randomUUID();
  const phase = input.status && input.status !== 'resolved' ? input.status : 'investigating';
  const changes = await desk.db.transaction(async (tx) => {
    await tx.insert(statusIncidents).values({
      id,
      title: input.title,
      titles: input.titles ?? null,
      impact: input.impact,
      phase,
      automatic: input.automatic ?? false,
      monitorId: input.monitorId ?? null,
      evidence: input.evidence ?? null,
      createdBy: actor.id,
    });
    const affected = dedupeComponents(input.components);
    if (affected.length) await tx.insert(statusIncidentComponents).values(affected.map((c) => ({ incidentId: id, componentId: c.id, status: c.status })));
    const updateId = randomUUID();
    await tx.insert(statusIncidentUpdates).values({
      id: updateId,
      incidentId: id,
      phase,
      message: input.message,
      messages: input.messages ?? null,
      components: affected,
      createdBy: actor.id,
    });
    await queueNotice(tx, { event: 'incident.created', incidentId: id, updateId });
    return recompute(tx, affected.map((c) => c.id), `incident:${id}`);
  });
  announce(desk, changes);
  desk.jobs.wake();
  return getIncident(desk, id, locale, true);
}

const dedupeComponents = (list: { id: string; status: ComponentStatus }[]) => [...new Map(list.map((c) => [c.id, c])).values()];

export interface IncidentUpdateInput {
  status: IncidentPhase;
  message: string;
  messages?: Localized;
  components?: { id: string; status: ComponentStatus }[];
  /** False keeps an automatic flap off subscribers' inboxes (it is still recorded and shown). */
  notify?: boolean;
}

/** Adds a timestamped update; `resolved` ends the incident and frees its components unless something else holds them. */
export async function addIncidentUpdate(desk: Desk, actor: StatusActor, incidentId: string, input: IncidentUpdateInput, locale: Locale = 'en'): Promise<IncidentView> {
  const components = dedupeComponents(input.components ?? []);
  await requireComponents(desk, components.map((c) => c.id));
  const changes = await desk.db.transaction(async (tx) => {
    const [incident] = await tx.select().from(statusIncidents).where(eq(statusIncidents.id, incidentId)).for('update');
    if (!incident) throw notFound();
    const now = new Date();
    await tx
      .update(statusIncidents)
      .set({ phase: input.status, updatedAt: now, resolvedAt: input.status === 'resolved' ? (incident.resolvedAt ?? now) : null })
      .where(eq(statusIncidents.id, incidentId));
    for (const c of components) {
      await tx
        .insert(statusIncidentComponents)
        .values({ incidentId, componentId: c.id, status: c.status })
        .onConflictDoUpdate({ target: [statusIncidentComponents.incidentId, statusIncidentComponents.componentId], set: { status: c.status } });
    }
    const updateId = randomUUID();
    const notify = input.notify ?? true;
    await tx.insert(statusIncidentUpdates).values({
      id: updateId,
      incidentId,
      phase: input.status,
      message: input.message,
      messages: input.messages ?? null,
      components: components.length ? components : null,
      notified: notify,
      createdBy: actor.id,
    });
    if (notify) await queueNotice(tx, { event: input.status === 'resolved' ? 'incident.resolved' : 'incident.updated', incidentId, updateId });
    const touched = (await tx.select({ id: statusIncidentComponents.componentId }).from(statusIncidentComponents).where(eq(statusIncidentComponents.incidentId, incidentId))).map((r) => r.id);
    return recompute(tx, touched, `incident:${incidentId}`);
  });
  announce(desk, changes);
  desk.jobs.wake();
  return getIncident(desk, incidentId, locale, true);
}

export async function getIncidentRow(desk: Desk, id: string): Promise<IncidentRow | undefined> {
  const [row] = await desk.db.select().from(statusIncidents).where(eq(statusIncidents.id, id));
  return row;
}

export async function getIncident(desk: Desk, id: string, locale: Locale, withEvidence = false): Promise<IncidentView> {
  const row = await getIncidentRow(desk, id);
  if (!row) throw notFound();
  const [view] = await presentIncidents(desk, [row], locale, withEvidence);
  return view;
}

export async function activeIncidents(desk: Desk, locale: Locale, withEvidence = false): Promise<IncidentView[]> {
  const found = await desk.db.select().from(statusIncidents).where(ne(statusIncidents.phase, 'resolved')).orderBy(desc(statusIncidents.createdAt));
  return presentIncidents(desk, found, locale, withEvidence);
}

/** Incidents newest first, paginated by an opaque cursor (created time and id). */
export async function listIncidents(
  desk: Desk,
  locale: Locale,
  q: { limit?: number; cursor?: string; since?: Date; withEvidence?: boolean },
): Promise<{ items: IncidentView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  let after: { at: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    if (!id || Number.isNaN(Date.parse(at))) throw new AppError(400, 'invalid_input', undefined, [{ field: 'query.cursor', message: 'unknown cursor' }]);
    after = { at: new Date(at), id };
  }
  const found = await desk.db
    .select()
    .from(statusIncidents)
    .where(
      and(
        q.since ? gte(statusIncidents.createdAt, q.since) : undefined,
        after ? or(lt(statusIncidents.createdAt, after.at), and(eq(statusIncidents.createdAt, after.at), lt(statusIncidents.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(statusIncidents.createdAt), desc(statusIncidents.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await presentIncidents(desk, page, locale, q.withEvidence),
    nextCursor: found.length > limit && last ? Buffer.from(`${iso(last.createdAt)}|${last.id}`).toString('base64url') : null,
  };
}

// -------------------------------------------------------------------------------------------- maintenance

export interface MaintenanceView {
  id: string;
  title: string;
  titles: Localized | null;
  message: string;
  messages: Localized | null;
  status: MaintenanceRow['state'];
  statusText: string;
  components: { id: string; name: string }[];
  startsAt: string;
  endsAt: string;
  announcedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

async function presentMaintenances(desk: Desk, list: MaintenanceRow[], locale: Locale): Promise<MaintenanceView[]> {
  if (!list.length) return [];
  const byId = new Map((await listComponentRows(desk)).map((c) => [c.id, c]));
  return list.map((m) => ({
    id: m.id,
    title: pick(locale, m.titles, m.title),
    titles: m.titles ?? null,
    message: pick(locale, m.messages, m.message),
    messages: m.messages ?? null,
    status: m.state,
    statusText: t(locale, `status.maintenance.${m.state}`),
    components: m.components.map((id) => ({ id, name: pick(locale, byId.get(id)?.names, id) })),
    startsAt: iso(m.startsAt),
    endsAt: iso(m.endsAt),
    announcedAt: m.announcedAt ? iso(m.announcedAt) : null,
    startedAt: m.startedAt ? iso(m.startedAt) : null,
    endedAt: m.endedAt ? iso(m.endedAt) : null,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  }));
}

export interface CreateMaintenanceInput {
  title: string;
  titles?: Localized;
  message: string;
  messages?: Localized;
  components: string[];
  startsAt: Date;
  endsAt: Date;
}

/**
 * Schedules a maintenance window. Three jobs make it run itself on whichever node is up: the announcement some
 * hours before (SAPA_MAINTENANCE_NOTICE_HOURS), the start and the end.
 */
export async function createMaintenance(desk: Desk, actor: StatusActor, input: CreateMaintenanceInput, locale: Locale = 'en'): Promise<MaintenanceView> {
  const components = [...new Set(input.components)];
  await requireComponents(desk, components);
  if (input.endsAt <= input.startsAt) throw unprocessable('maintenance_ends_before_start');
  if (input.endsAt <= new Date()) throw unprocessable('maintenance_in_the_past');
  const id = randomUUID();
  const now = Date.now();
  await desk.db.transaction(async (tx) => {
    await tx.insert(statusMaintenances).values({
      id,
      title: input.title,
      titles: input.titles ?? null,
      message: input.message,
      messages: input.messages ?? null,
      components,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: actor.id,
    });
    const announceAt = input.startsAt.getTime() - desk.config.SAPA_MAINTENANCE_NOTICE_HOURS * 3600_000;
    // A window that starts (nearly) now is announced by its start; one further out gets its own notice.
    if (input.startsAt.getTime() > now + 60_000) {
      await enqueue(tx, QUEUE_MAINTENANCE, { id, action: 'announce' }, { runAt: new Date(Math.max(now, announceAt)), uniqueKey: `status.maintenance:${id}:announce` });
    }
    await enqueue(tx, QUEUE_MAINTENANCE, { id, action: 'start' }, { runAt: input.startsAt, uniqueKey: `status.maintenance:${id}:start` });
    await enqueue(tx, QUEUE_MAINTENANCE, { id, action: 'end' }, { runAt: input.endsAt, uniqueKey: `status.maintenance:${id}:end` });
  });
  desk.jobs.wake();
  return getMaintenance(desk, id, locale);
}

export async function getMaintenance(desk: Desk, id: string, locale: Locale): Promise<MaintenanceView> {
  const [row] = await desk.db.select().from(statusMaintenances).where(eq(statusMaintenances.id, id));
  if (!row) throw notFound();
  return (await presentMaintenances(desk, [row], locale))[0];
}

/** Scheduled and in-progress windows, soonest first. */
export async function currentMaintenances(desk: Desk, locale: Locale): Promise<MaintenanceView[]> {
  const found = await desk.db
    .select()
    .from(statusMaintenances)
    .where(inArray(statusMaintenances.state, ['scheduled', 'in_progress']))
    .orderBy(statusMaintenances.startsAt);
  return presentMaintenances(desk, found, locale);
}

export async function listMaintenances(desk: Desk, locale: Locale, limit = 50): Promise<MaintenanceView[]> {
  const found = await desk.db.select().from(statusMaintenances).orderBy(desc(statusMaintenances.startsAt)).limit(Math.min(Math.max(limit, 1), 200));
  return presentMaintenances(desk, found, locale);
}

type MaintenanceAction = 'announce' | 'start' | 'end' | 'cancel';

/**
 * Moves a window along (idempotent: a job that runs twice, or late, finds the state already moved). `cancel` is the
 * supervisor's: a scheduled window is cancelled, one in progress ends now.
 */
export async function advanceMaintenance(desk: Desk, id: string, action: MaintenanceAction): Promise<MaintenanceRow | undefined> {
  const changes = await desk.db.transaction(async (tx) => {
    const [m] = await tx.select().from(statusMaintenances).where(eq(statusMaintenances.id, id)).for('update');
    if (!m) return [];
    const now = new Date();
    const set = async (values: Partial<MaintenanceRow>, event: NoticeEvent | null) => {
      await tx.update(statusMaintenances).set({ ...values, updatedAt: now }).where(eq(statusMaintenances.id, id));
      if (event) await queueNotice(tx, { event, maintenanceId: id });
      return recompute(tx, m.components, `maintenance:${id}`);
    };
    if (action === 'announce' && m.state === 'scheduled' && !m.announcedAt) return set({ announcedAt: now }, 'maintenance.scheduled');
    if (action === 'start' && m.state === 'scheduled') return set({ state: 'in_progress', startedAt: now }, 'maintenance.started');
    if (action === 'end' && (m.state === 'in_progress' || m.state === 'scheduled')) return set({ state: 'completed', endedAt: now }, 'maintenance.completed');
    if (action === 'cancel' && m.state === 'scheduled') return set({ state: 'cancelled', endedAt: now }, m.announcedAt ? 'maintenance.cancelled' : null);
    if (action === 'cancel' && m.state === 'in_progress') return set({ state: 'completed', endedAt: now }, 'maintenance.completed');
    return [];
  });
  announce(desk, changes);
  if (changes.length) desk.jobs.wake();
  const [row] = await desk.db.select().from(statusMaintenances).where(eq(statusMaintenances.id, id));
  return row;
}

// -------------------------------------------------------------------------------------------- summary

export interface StatusSummary {
  overall: ComponentStatus;
  summary: string;
  components: ComponentView[];
  incidents: IncidentView[];
  maintenances: MaintenanceView[];
  meta: { serverTime: string; minAppVersion: string | null };
}

export async function statusSummary(desk: Desk, locale: Locale): Promise<StatusSummary> {
  const [components, incidents, maintenances] = await Promise.all([listComponentRows(desk), activeIncidents(desk, locale), currentMaintenances(desk, locale)]);
  const overall = worst(components.map((c) => c.status));
  return {
    overall,
    summary: t(locale, `status.overall.${overall}`),
    components: components.map((c) => componentView(c, locale)),
    incidents,
    maintenances,
    meta: { serverTime: new Date().toISOString(), minAppVersion: desk.config.SAPA_MIN_APP_VERSION ?? null },
  };
}

export async function componentStatuses(desk: Desk): Promise<Map<string, ComponentStatus>> {
  const found = await desk.db.select({ id: statusComponents.id, status: statusComponents.status }).from(statusComponents);
  return new Map(found.map((r) => [r.id, r.status]));
}

export interface Banner {
  severity: 'critical' | 'major' | 'minor' | 'maintenance' | 'info';
  title: string;
  message: string;
  url: string;
}

const impactRank: Record<IncidentImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/**
 * The one banner a customer-facing page shows: the most severe active incident (its latest update in the
 * customer's language), else maintenance in progress, else maintenance starting within a day; null when all is well.
 */
export async function activeBanner(desk: Desk, locale: Locale): Promise<Banner | null> {
  const incidents = await activeIncidents(desk, locale);
  if (incidents.length) {
    const top = [...incidents].sort(
      (a, b) =>
        impactRank[b.impact] - impactRank[a.impact] ||
        Math.max(0, ...b.components.map((c) => statusRank[c.status])) - Math.max(0, ...a.components.map((c) => statusRank[c.status])) ||
        b.updatedAt.localeCompare(a.updatedAt),
    )[0];
    const severity: Banner['severity'] = top.impact === 'critical' ? 'critical' : top.impact === 'major' ? 'major' : top.impact === 'minor' ? 'minor' : 'info';
    return { severity, title: top.title, message: top.updates[0]?.message ?? '', url: top.url };
  }
  const maintenances = await currentMaintenances(desk, locale);
  const active = maintenances.find((m) => m.status === 'in_progress');
  const soon = maintenances.find((m) => m.status === 'scheduled' && Date.parse(m.startsAt) - Date.now() < 24 * 3600_000);
  const m = active ?? soon;
  if (!m) return null;
  return {
    severity: 'maintenance',
    title: m.title,
    message: active ? m.message : t(locale, 'status.banner.maintenance_soon', { start: formatTime(locale, m.startsAt, desk.config.SAPA_TIMEZONE), message: m.message }),
    url: `/status#maintenance-${m.id}`,
  };
}

/** A time as people read it in their language and the desk's time zone. */
// With the weekday ("Mon, Nov 30, 2026, 09:00 Jakarta Time", "Sen, 30 Nov 2026, 09.00 WIB", "2026年11月30日周一 雅加达时间
// 09:00"): "a person answers from Monday" is what a customer reads on a Friday night, and a city beats "GMT+7".
export function formatTime(locale: Locale, at: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'shortGeneric' }).format(new Date(at));
}

// -------------------------------------------------------------------------------------------- uptime

export interface UptimeDay {
  date: string;
  status: ComponentStatus | null;
  /** Share of the day's known time that counted as up (partial outage counts half), or null with no data. */
  uptime: number | null;
}

export interface ComponentUptime {
  componentId: string;
  days: UptimeDay[];
  uptime: number | null;
}

/**
 * 90 (or `days`) UTC days of history per component, computed from recorded state changes: each day shows the
 * worst state it saw and the share of time up. Maintenance and "degraded" count as up, a partial outage as half.
 */
export async function uptimeHistory(desk: Desk, days = 90, now = new Date()): Promise<ComponentUptime[]> {
  const end = now.getTime();
  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * 86400_000;
  const windowStart = new Date(firstDay);
  const [before, within, components] = await Promise.all([
    rows<{ component_id: string; status: ComponentStatus; at: string | Date }>(
      desk.db,
      sql`select distinct on (component_id) component_id, status, at from status_component_changes
           where at < ${windowStart.toISOString()}::timestamptz order by component_id, at desc, id desc`,
    ),
    desk.db
      .select()
      .from(statusComponentChanges)
      .where(gte(statusComponentChanges.at, windowStart))
      .orderBy(statusComponentChanges.at, statusComponentChanges.id),
    listComponentRows(desk),
  ]);
  const weight: Record<ComponentStatus, number> = { operational: 1, maintenance: 1, degraded: 1, partial_outage: 0.5, major_outage: 0 };
  return components.map((c) => {
    const timeline: { at: number; status: ComponentStatus }[] = [];
    const prior = before.find((b) => b.component_id === c.id);
    if (prior) timeline.push({ at: firstDay, status: prior.status });
    for (const ch of within) if (ch.componentId === c.id) timeline.push({ at: new Date(ch.at).getTime(), status: ch.status });
    let upTotal = 0;
    let knownTotal = 0;
    const out: UptimeDay[] = [];
    for (let d = 0; d < days; d++) {
      const dayStart = firstDay + d * 86400_000;
      const dayEnd = Math.min(dayStart + 86400_000, end);
      let known = 0;
      let up = 0;
      let dayWorst: ComponentStatus | null = null;
      for (let i = 0; i < timeline.length; i++) {
        const from = Math.max(timeline[i].at, dayStart);
        const to = Math.min(i + 1 < timeline.length ? timeline[i + 1].at : end, dayEnd);
        if (to <= from) continue;
        known += to - from;
        up += (to - from) * weight[timeline[i].status];
        dayWorst = dayWorst ? worst([dayWorst, timeline[i].status]) : timeline[i].status;
      }
      upTotal += up;
      knownTotal += known;
      out.push({ date: new Date(dayStart).toISOString().slice(0, 10), status: dayWorst, uptime: known > 0 ? up / known : null });
    }
    return { componentId: c.id, days: out, uptime: knownTotal > 0 ? upTotal / knownTotal : null };
  });
}

// -------------------------------------------------------------------------------------------- feed source

/** Incidents and maintenances for the Atom feed, newest change first. */
export async function feedItems(desk: Desk, locale: Locale, limit = 50): Promise<{ incidents: IncidentView[]; maintenances: MaintenanceView[] }> {
  const [incidentRows, maintenanceRows] = await Promise.all([
    desk.db.select().from(statusIncidents).orderBy(desc(statusIncidents.updatedAt)).limit(limit),
    desk.db.select().from(statusMaintenances).where(or(ne(statusMaintenances.state, 'cancelled'), isNotNull(statusMaintenances.announcedAt))).orderBy(desc(statusMaintenances.updatedAt)).limit(limit),
  ]);
  return { incidents: await presentIncidents(desk, incidentRows, locale), maintenances: await presentMaintenances(desk, maintenanceRows, locale) };
}
