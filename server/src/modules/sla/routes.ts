import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { requestLocale } from '../../kernel/http.js';
import type { SapaHttp } from '../../kernel/module.js';
import { casePriorities } from '../cases/schema.js';
import { caseSchema } from '../cases/routes.js';
import { getCase } from '../cases/service.js';
import { clockNames, type SlaPolicy } from './clock.js';
import { atRisk, casesSla, countedHours, saveSlaPolicy, slaPolicy, slaReport } from './service.js';

const tags = ['sla'];
/** Up to a year; null: no target. */
const minutes = z.number().int().min(1).max(525_600).nullable();
const targetsSchema = z.strictObject({ firstResponseMinutes: minutes, nextResponseMinutes: minutes, resolutionMinutes: minutes });
const policyBody = z.strictObject({
  enabled: z.boolean(),
  businessHours: z.boolean(),
  targets: z.strictObject(Object.fromEntries(casePriorities.map((p) => [p, targetsSchema])) as Record<(typeof casePriorities)[number], typeof targetsSchema>),
});
const policySchema = policyBody.extend({ countedHours: z.string() });
const clockSchema = z
  .object({
    state: z.enum(['running', 'paused', 'met', 'breached']),
    targetMinutes: z.number(),
    startedAt: z.string(),
    dueAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
    remainingMinutes: z.number().nullable(),
  })
  .nullable();
const caseSlaSchema = z.object({
  caseId: z.string(),
  priority: z.enum(casePriorities),
  businessHours: z.boolean(),
  active: z.boolean(),
  firstResponse: clockSchema,
  nextResponse: clockSchema,
  resolution: clockSchema,
  nextDueAt: z.string().nullable(),
  breached: z.boolean(),
});
const tally = z.object({ met: z.number(), breached: z.number(), running: z.number(), compliance: z.number().nullable() });
const tallies = z.object({ firstResponse: tally, nextResponse: tally, resolution: tally });

export async function slaRoutes(http: SapaHttp, desk: Desk) {
  const present = async (policy: SlaPolicy, req: Parameters<typeof requestLocale>[0]) => ({ ...policy, countedHours: await countedHours(desk, policy, requestLocale(req)) });

  http.get('/sla/policy', {
    schema: { tags, summary: 'Service-level targets per priority (first response, next response, resolution, in minutes) and which hours count (agents)', response: { 200: policySchema } },
  }, async (req) => {
    requireAgent(req);
    return present(await slaPolicy(desk), req);
  });

  http.put('/sla/policy', {
    schema: {
      tags,
      summary: 'Set the service-level targets (admin); a response target longer than the same priority’s resolution target is 422 sla_targets_order',
      body: policyBody,
      response: { 200: policySchema },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    return present(await saveSlaPolicy(desk, req.body), req);
  });

  http.get('/cases/:id/sla', {
    schema: { tags, summary: "A case's service-level clocks (agents)", params: z.object({ id: z.string().max(100) }), response: { 200: caseSlaSchema } },
  }, async (req) => {
    const kase = await getCase(desk, requireAgent(req), req.params.id);
    const [sla] = await casesSla(desk, [kase.id]);
    return sla;
  });

  http.get('/sla/cases', {
    schema: {
      tags,
      summary: 'The service-level clocks of up to 100 cases, by id (agents); unknown ids are left out',
      querystring: z.object({ ids: z.string().max(100 * 101).transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))]).pipe(z.array(z.string().max(100)).min(1).max(100)) }),
      response: { 200: z.object({ items: z.array(caseSlaSchema) }) },
    },
  }, async (req) => {
    requireAgent(req);
    return { items: await casesSla(desk, req.query.ids) };
  });

  http.get('/sla/at-risk', {
    schema: {
      tags,
      summary: 'Open and pending cases with a target overdue or due within the next N minutes (default 60): overdue first, then soonest due; at most 100 (agents)',
      querystring: z.object({ withinMinutes: z.coerce.number().int().min(0).max(10_080).default(60) }),
      response: { 200: z.object({ items: z.array(z.object({ case: caseSchema, sla: caseSlaSchema })) }) },
    },
  }, async (req) => {
    requireAgent(req);
    return { items: await atRisk(desk, req.query.withinMinutes) };
  });

  http.get('/sla/report', {
    schema: {
      tags,
      summary: 'Targets met and missed for the cases created in [from, to) (default: the last 30 days), per clock and priority, with the latest breaches (supervisor)',
      querystring: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
      response: {
        200: z.object({
          from: z.string(),
          to: z.string(),
          cases: z.number(),
          clocks: tallies,
          byPriority: z.object(Object.fromEntries(casePriorities.map((p) => [p, tallies])) as Record<(typeof casePriorities)[number], typeof tallies>),
          recentBreaches: z.array(
            z.object({ caseId: z.string(), reference: z.string(), subject: z.string().nullable(), priority: z.string(), clock: z.enum(clockNames), dueAt: z.string(), breachedAt: z.string() }),
          ),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    const to = req.query.to ? new Date(req.query.to) : new Date();
    const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * 86400_000);
    return slaReport(desk, from, to);
  });
}
