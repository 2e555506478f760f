import { z } from 'zod';
import { isAgent, requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { t } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { atomFeed } from './feed.js';
import { createHttpMonitor, deleteMonitor, listMonitors, scheduleMonitorSlot, updateMonitor } from './monitors.js';
import { listSubscriptions, removeSubscription, subscribe, unsubscribe, confirmSubscription } from './notify.js';
import { pageLocale, requestBase } from './pages.js';
import { componentStatuses, incidentImpacts, incidentPhases } from './schema.js';
import * as status from './service.js';

const tags = ['status'];
const id = z.string().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const localized = (max: number) =>
  z.strictObject({ en: z.string().trim().max(max).optional(), 'id-ID': z.string().trim().max(max).optional(), 'zh-CN': z.string().trim().max(max).optional() });
const componentState = z.strictObject({ id, status: z.enum(componentStatuses) });
const localizedOut = z.record(z.string(), z.string()).nullable();

export const componentSchema = z.object({ id: z.string(), name: z.string(), group: z.string(), groupName: z.string(), status: z.enum(componentStatuses), statusText: z.string() });
export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  titles: localizedOut,
  impact: z.enum(incidentImpacts),
  status: z.enum(incidentPhases),
  statusText: z.string(),
  automatic: z.boolean(),
  monitorId: z.string().nullable(),
  components: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(componentStatuses) })),
  updates: z.array(
    z.object({
      id: z.string(),
      status: z.enum(incidentPhases),
      message: z.string(),
      messages: localizedOut,
      components: z.array(z.object({ id: z.string(), status: z.string() })).nullable(),
      notified: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  url: z.string(),
  evidence: z.unknown().optional(),
});
export const maintenanceSchema = z.object({
  id: z.string(),
  title: z.string(),
  titles: localizedOut,
  message: z.string(),
  messages: localizedOut,
  status: z.enum(['scheduled', 'in_progress', 'completed', 'cancelled']),
  statusText: z.string(),
  components: z.array(z.object({ id: z.string(), name: z.string() })),
  startsAt: z.string(),
  endsAt: z.string(),
  announcedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const summarySchema = z.object({
  overall: z.enum(componentStatuses),
  summary: z.string(),
  components: z.array(componentSchema),
  incidents: z.array(incidentSchema),
  maintenances: z.array(maintenanceSchema),
  meta: z.object({ serverTime: z.string(), minAppVersion: z.string().nullable() }),
});
const adminComponentSchema = componentSchema.extend({
  position: z.number(),
  names: z.record(z.string(), z.string()),
  override: z.object({ status: z.enum(componentStatuses), note: z.string().nullable(), by: z.string().nullable(), at: z.string().nullable() }).nullable(),
});
const monitorSchema = z.object({
  id: z.string(),
  kind: z.string(),
  componentId: z.string(),
  target: z.string().nullable(),
  builtin: z.boolean(),
  paused: z.boolean(),
  failStatus: z.enum(componentStatuses),
  state: z.enum(['unknown', 'up', 'down']),
  consecutiveFailures: z.number(),
  consecutiveSuccesses: z.number(),
  lastCheckedAt: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  incidentId: z.string().nullable(),
  recentChecks: z.array(z.object({ slot: z.number(), at: z.string(), ok: z.boolean(), skipped: z.boolean(), latencyMs: z.number().nullable(), detail: z.string().nullable() })),
});
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const localeQuery = z.object({ locale: z.string().max(20).optional(), lang: z.string().max(20).optional() });

function adminComponent(row: status.ComponentRow, locale: ReturnType<typeof pageLocale>) {
  return {
    ...status.componentView(row, locale),
    position: row.position,
    names: row.names as Record<string, string>,
    override: row.overrideStatus
      ? { status: row.overrideStatus, note: row.overrideNote, by: row.overrideBy, at: row.overrideAt ? row.overrideAt.toISOString() : null }
      : null,
  };
}

export async function statusRoutes(http: SapaHttp, desk: Desk) {
  const actorOf = (p: { agentId: string }) => ({ kind: 'agent' as const, id: p.agentId });

  http.get('/status', {
    schema: { tags, summary: 'Current status: overall, components (names in the caller’s language), active incidents, upcoming and active maintenance', querystring: localeQuery, response: { 200: summarySchema } },
  }, async (req) => status.statusSummary(desk, pageLocale(req)));

  http.get('/status/uptime', {
    schema: {
      tags,
      summary: 'Daily history per component (worst state and share of time up), computed from recorded state changes',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(90) }),
      response: { 200: z.object({ items: z.array(z.object({ componentId: z.string(), uptime: z.number().nullable(), days: z.array(z.object({ date: z.string(), status: z.enum(componentStatuses).nullable(), uptime: z.number().nullable() })) })) }) },
    },
  }, async (req) => ({ items: await status.uptimeHistory(desk, req.query.days) }));

  http.get('/status/feed.atom', {
    schema: { tags, summary: 'Atom 1.0 feed of incidents and maintenance, newest first', querystring: localeQuery },
  }, async (req, reply) => {
    const base = requestBase(desk, req);
    const locale = pageLocale(req);
    return reply
      .header('content-type', 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(await atomFeed(desk, locale, base, `${base}/api/v1/status/feed.atom`));
  });

  // ---------------------------------------------------------------------------------------- components

  http.get('/status/components', {
    schema: { tags, summary: 'Components with their override (supervisor)', querystring: localeQuery, response: { 200: z.object({ items: z.array(adminComponentSchema) }) } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return { items: (await status.listComponentRows(desk)).map((r) => adminComponent(r, pageLocale(req))) };
  });

  http.put('/status/components/:id/override', {
    schema: {
      tags,
      summary: 'Set a manual component state that wins over incidents, maintenance and monitors until cleared (supervisor)',
      params: z.object({ id }),
      body: z.strictObject({ status: z.enum(componentStatuses), note: z.string().trim().max(500).optional() }),
      response: { 200: adminComponentSchema },
    },
  }, async (req) => {
    const p = requireAgent(req, 'supervisor');
    return adminComponent(await status.setOverride(desk, actorOf(p), req.params.id, req.body.status, req.body.note), pageLocale(req));
  });

  http.delete('/status/components/:id/override', {
    schema: { tags, summary: 'Clear a manual component state (supervisor)', params: z.object({ id }), response: { 200: adminComponentSchema } },
  }, async (req) => {
    const p = requireAgent(req, 'supervisor');
    return adminComponent(await status.setOverride(desk, actorOf(p), req.params.id, null), pageLocale(req));
  });

  // ---------------------------------------------------------------------------------------- incidents

  http.get('/status/incidents', {
    schema: {
      tags,
      summary: 'Incident history, newest first (automatic incidents carry the monitor’s evidence for agents)',
      querystring: localeQuery.extend({ limit: z.coerce.number().int().min(1).max(100).optional(), cursor: z.string().max(300).optional() }),
      response: { 200: z.object({ items: z.array(incidentSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => status.listIncidents(desk, pageLocale(req), { limit: req.query.limit, cursor: req.query.cursor, withEvidence: isAgent(req.principal) }));

  http.get('/status/incidents/:id', {
    schema: { tags, summary: 'An incident with all its updates', params: z.object({ id }), querystring: localeQuery, response: { 200: incidentSchema } },
  }, async (req) => status.getIncident(desk, req.params.id, pageLocale(req), isAgent(req.principal)));

  http.post('/status/incidents', {
    schema: {
      tags,
      summary: 'Open an incident and set the states of the components it affects (supervisor); subscribers are notified',
      body: z.strictObject({
        title: text(200),
        titles: localized(200).optional(),
        impact: z.enum(incidentImpacts),
        status: z.enum(['investigating', 'identified', 'monitoring']).optional(),
        message: text(5000),
        messages: localized(5000).optional(),
        components: z.array(componentState).max(50),
      }),
      response: { 201: incidentSchema },
    },
  }, async (req, reply) => {
    const p = requireAgent(req, 'supervisor');
    return reply.status(201).send(await status.createIncident(desk, actorOf(p), req.body, pageLocale(req)));
  });

  http.post('/status/incidents/:id/updates', {
    schema: {
      tags,
      summary: 'Add a timestamped update (investigating → identified → monitoring → resolved); resolving frees its components (supervisor)',
      params: z.object({ id }),
      body: z.strictObject({ status: z.enum(incidentPhases), message: text(5000), messages: localized(5000).optional(), components: z.array(componentState).max(50).optional() }),
      response: { 201: incidentSchema },
    },
  }, async (req, reply) => {
    const p = requireAgent(req, 'supervisor');
    return reply.status(201).send(await status.addIncidentUpdate(desk, actorOf(p), req.params.id, req.body, pageLocale(req)));
  });

  // ---------------------------------------------------------------------------------------- maintenance

  http.get('/status/maintenances', {
    schema: {
      tags,
      summary: 'Maintenance windows: upcoming and active (default), or all recent ones with ?all=true',
      querystring: localeQuery.extend({ all: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(maintenanceSchema) }) },
    },
  }, async (req) => ({ items: req.query.all === 'true' ? await status.listMaintenances(desk, pageLocale(req)) : await status.currentMaintenances(desk, pageLocale(req)) }));

  http.post('/status/maintenances', {
    schema: {
      tags,
      summary: 'Schedule a maintenance window; it is announced beforehand, starts and ends by itself (supervisor)',
      body: z.strictObject({
        title: text(200),
        titles: localized(200).optional(),
        message: text(5000),
        messages: localized(5000).optional(),
        components: z.array(id).min(1).max(50),
        startsAt: z.iso.datetime({ offset: true }),
        endsAt: z.iso.datetime({ offset: true }),
      }),
      response: { 201: maintenanceSchema },
    },
  }, async (req, reply) => {
    const p = requireAgent(req, 'supervisor');
    const view = await status.createMaintenance(desk, actorOf(p), { ...req.body, startsAt: new Date(req.body.startsAt), endsAt: new Date(req.body.endsAt) }, pageLocale(req));
    return reply.status(201).send(view);
  });

  http.post('/status/maintenances/:id/cancel', {
    schema: { tags, summary: 'Cancel a scheduled window, or end one in progress now (supervisor)', params: z.object({ id }), response: { 200: maintenanceSchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    if (!(await status.advanceMaintenance(desk, req.params.id, 'cancel'))) throw notFound();
    return status.getMaintenance(desk, req.params.id, pageLocale(req));
  });

  // ---------------------------------------------------------------------------------------- subscriptions

  http.post('/status/subscriptions', {
    config: { csrf: false },
    schema: {
      tags,
      summary: 'Subscribe by email (double opt-in: a confirmation link is mailed) or by webhook (HMAC-SHA256 signed, X-Sapa-Signature)',
      body: z.union([
        z.strictObject({ email: z.email().max(320), components: z.array(id).max(50).optional(), locale: z.string().max(20).optional() }),
        z.strictObject({ webhookUrl: httpUrl, secret: z.string().min(16).max(200).optional(), components: z.array(id).max(50).optional(), locale: z.string().max(20).optional() }),
      ]),
      response: {
        201: z.object({ id: z.string(), kind: z.literal('webhook'), status: z.literal('active'), secret: z.string().optional() }),
        202: z.object({ kind: z.literal('email'), status: z.literal('pending'), message: z.string() }),
      },
    },
  }, async (req, reply) => {
    const known = await status.componentIds(desk);
    const unknown = (req.body.components ?? []).filter((c) => !known.has(c));
    if (unknown.length) throw new AppError(400, 'invalid_input', undefined, unknown.map((c) => ({ field: 'body.components', message: `unknown component ${c}` })));
    const locale = pageLocale(req);
    const result = await subscribe(desk, { ...req.body, locale: req.body.locale ?? locale }, isAgent(req.principal, 'supervisor'));
    if (result.kind === 'email') return reply.status(202).send({ kind: 'email' as const, status: 'pending' as const, message: t(locale, 'status.page.check_inbox') });
    return reply.status(201).send({ id: result.id, kind: 'webhook' as const, status: 'active' as const, secret: result.secret });
  });

  http.post('/status/subscriptions/confirm', {
    config: { csrf: false },
    schema: { tags, summary: 'Confirm an email subscription with the token from the mail', body: z.strictObject({ token: z.string().min(10).max(200) }), response: { 200: z.object({ status: z.literal('active') }) } },
  }, async (req) => {
    if (!(await confirmSubscription(desk, req.body.token))) throw notFound();
    return { status: 'active' as const };
  });

  http.post('/status/subscriptions/unsubscribe', {
    config: { csrf: false },
    schema: { tags, summary: 'End a subscription with the token from any notification', body: z.strictObject({ token: z.string().min(10).max(200) }), response: { 200: z.object({ status: z.literal('unsubscribed') }) } },
  }, async (req) => {
    if (!(await unsubscribe(desk, req.body.token))) throw notFound();
    return { status: 'unsubscribed' as const };
  });

  http.get('/status/subscriptions', {
    schema: {
      tags,
      summary: 'Subscriptions (supervisor)',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), kind: z.string(), target: z.string(), components: z.array(z.string()).nullable(), locale: z.string(), status: z.string(), createdAt: z.string() })) }) },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return { items: await listSubscriptions(desk) };
  });

  http.delete('/status/subscriptions/:id', {
    schema: { tags, summary: 'End a subscription (supervisor)', params: z.object({ id }), response: { 204: z.null() } },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    if (!(await removeSubscription(desk, req.params.id))) throw notFound();
    return reply.status(204).send(null);
  });

  // ---------------------------------------------------------------------------------------- monitors

  http.get('/status/monitors', {
    schema: { tags, summary: 'Synthetic monitors with their state and recent checks (supervisor)', response: { 200: z.object({ items: z.array(monitorSchema) }) } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return { items: await listMonitors(desk) };
  });

  http.post('/status/monitors', {
    schema: {
      tags,
      summary: 'Add an HTTP monitor for a component (supervisor)',
      body: z.strictObject({ componentId: id, url: httpUrl, failStatus: z.enum(['degraded', 'partial_outage', 'major_outage']).optional() }),
      response: { 201: monitorSchema },
    },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    return reply.status(201).send(await createHttpMonitor(desk, req.body));
  });

  http.patch('/status/monitors/:id', {
    schema: {
      tags,
      summary: 'Pause or resume a monitor, change the state it sets on failure, or its URL (supervisor)',
      params: z.object({ id }),
      body: z.strictObject({ paused: z.boolean().optional(), failStatus: z.enum(['degraded', 'partial_outage', 'major_outage']).optional(), url: httpUrl.optional() }),
      response: { 200: monitorSchema },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return updateMonitor(desk, req.params.id, req.body);
  });

  http.delete('/status/monitors/:id', {
    schema: { tags, summary: 'Remove a monitor (a built-in one that is still configured returns at the next start) (supervisor)', params: z.object({ id }), response: { 204: z.null() } },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    await deleteMonitor(desk, req.params.id);
    return reply.status(204).send(null);
  });

  http.post('/status/monitors/run', {
    schema: { tags, summary: 'Run this time slot’s checks now if no node has yet (supervisor)', response: { 202: z.object({ scheduled: z.number() }) } },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    return reply.status(202).send({ scheduled: await scheduleMonitorSlot(desk) });
  });
}
