import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { requireAgent, requirePrincipal, type Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, tooMany, unprocessable } from '../../kernel/errors.js';
import { requestLocale } from '../../kernel/http.js';
import { canonicalTimeZone, t } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { createWidgetSession } from '../identity/service.js';
import { clientIp } from '../identity/http.js';
import { componentStatuses } from '../status/schema.js';
import { ANONYMOUS_APPEALS_PER_HOUR, appealContact, validBirthDate } from './appeals.js';
import { attachDiagnostics, caseDiagnostics, submitDiagnostics } from './diagnostics.js';
import { hoursProblem, isCalendarDate } from './hours.js';
import { assistantChannelProblems, assistantFirst, channelIds, effectiveChannels, holidays, openAppeal, saveAssistantFirst, saveChannelSettings, saveHolidays, saveWalletName, supportChannels, walletName } from './service.js';

const tags = ['support'];
const id = z.string().min(1).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const hoursSchema = z.strictObject({
  alwaysOpen: z.boolean().optional(),
  timezone: z
    .string()
    .max(64)
    .refine((tz) => canonicalTimeZone(tz) !== undefined, 'an IANA time zone')
    .optional(),
  windows: z
    // Days given and close after open are checked in the handler (hoursProblem): a 422 that names the window.
    .array(z.strictObject({ days: z.array(z.number().int().min(0).max(6)).max(7), open: hhmm, close: hhmm }))
    .max(14)
    .optional(),
});
const channelSettingsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  hours: hoursSchema.optional(),
  expectedResponseMinutes: z.number().int().min(0).max(30 * 24 * 60).optional(),
  contact: z.string().trim().max(200).optional(),
  url: z.string().trim().max(500).refine((u) => /^(https?:\/\/|\/|mailto:|tel:)/.test(u), 'http(s), mailto:, tel: or a path').optional(),
});

const holidaySchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'), name: z.string().trim().min(1).max(80) });

// One switch per chat channel the assistant can answer first on (support/service.ts `assistantChannels`).
const assistantFirstSchema = z.strictObject({ whatsapp: z.boolean(), telegram: z.boolean(), app: z.boolean() });

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['live', 'async', 'self_service']),
  available: z.boolean(),
  reason: z.string().optional(),
  reasonCode: z.enum(['outage', 'maintenance', 'closed', 'not_configured']).optional(),
  agentsOnline: z.number().nullable().optional(),
  notice: z.string().optional(),
  status: z.enum(componentStatuses).nullable(),
  hours: z.string(),
  openNow: z.boolean(),
  nextOpenAt: z.string().nullable(),
  expectedResponse: z.string(),
  expectedResponseMinutes: z.number(),
  contact: z.string().optional(),
  url: z.string().optional(),
  holiday: z.string().optional().describe('closed today for this holiday of the desk’s (its name)'),
});
const accountSchema = z
  .object({ state: z.string(), reason: z.string().nullable(), message: z.string(), appeal: z.object({ method: z.literal('POST'), url: z.string(), page: z.string() }) })
  .nullable();
const findingSchema = z.object({ code: z.string(), severity: z.enum(['info', 'warning', 'error']), message: z.string() });
const flat = z.union([z.string().max(300), z.number(), z.boolean(), z.null()]);

const reportSchema = z.strictObject({
  locale: z.string().max(20).optional(),
  network: z
    .object({
      apiReachable: z.boolean().optional(),
      websocket: z.boolean().nullable().optional(),
      longPolling: z.boolean().nullable().optional(),
      latencyMs: z.number().min(0).max(600_000).optional(),
      online: z.boolean().optional(),
      effectiveType: z.string().max(20).optional(),
    })
    .optional(),
  browser: z
    .object({
      userAgent: z.string().max(1000).optional(),
      cookies: z.boolean().optional(),
      storage: z.boolean().optional(),
      features: z.record(z.string().max(40), z.boolean()).refine((v) => Object.keys(v).length <= 50, 'at most 50 features').optional(),
      language: z.string().max(40).optional(),
      timezone: z.string().max(64).optional(),
    })
    .optional(),
  app: z.object({ version: z.string().max(40), platform: z.string().max(40).optional() }).optional(),
  clientTime: z.string().max(40).optional(),
  device: z.record(z.string().max(64), flat).refine((v) => Object.keys(v).length <= 30, 'at most 30 fields').optional(),
  caseId: id.optional(),
});

export async function supportRoutes(http: SapaHttp, desk: Desk) {
  http.get('/support/channels', {
    schema: {
      tags,
      summary: 'Every way to reach support, live (component state, business hours, agents online), working channels first; a restricted account also gets its appeal path',
      querystring: z.object({ locale: z.string().max(20).optional() }),
      response: {
        200: z.object({
          items: z.array(channelSchema),
          account: accountSchema,
          meta: z.object({
            serverTime: z.string(),
            minAppVersion: z.string().nullable(),
            statusUrl: z.string(),
            holidays: z.array(holidaySchema).describe('the desk’s days off from today to 60 days ahead: channels with business hours are closed all day'),
          }),
        }),
      },
    },
  }, async (req) => supportChannels(desk, requestLocale(req), req.principal));

  http.get('/support/settings', {
    schema: {
      tags,
      summary: 'Channel settings in force: business hours, expected response, contact, enabled, and why a channel cannot work in this process (supervisor)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              component: z.string().nullable(),
              enabled: z.boolean(),
              hours: z.unknown(),
              expectedResponseMinutes: z.number(),
              contact: z.string().optional(),
              url: z.string().optional(),
              unavailable: z.string().nullable().describe('why the channel cannot work in this process (not configured: its messages cannot come in or its replies cannot go out), naming the settings to give, in the caller’s language; null when it can. Such a channel is listed to customers as unavailable, reasonCode not_configured'),
            }),
          ),
          timezone: z.string(),
          holidays: z.array(holidaySchema).describe('the desk’s days off, by date, in its time zone: every channel with business hours is closed all day'),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    const items = (await effectiveChannels(desk, requestLocale(req))).map((c) => ({ id: c.id, component: c.component, enabled: c.enabled, hours: c.hours, expectedResponseMinutes: c.expectedResponseMinutes, contact: c.contact, url: c.url, unavailable: c.unavailable }));
    return { items, timezone: desk.config.SAPA_TIMEZONE, holidays: await holidays(desk) };
  });

  http.put('/support/settings/holidays', {
    schema: {
      tags,
      summary: 'Replace the desk’s holidays: days (YYYY-MM-DD in the desk’s time zone) when every channel with business hours is closed and working-day clocks do not count (admin). A date that does not exist or is given twice is a 422 (holiday_invalid_date, holiday_duplicate_date) naming it',
      body: z.strictObject({ items: z.array(holidaySchema).max(200) }),
      response: { 200: z.object({ items: z.array(holidaySchema) }) },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    const seen = new Set<string>();
    for (const [i, h] of req.body.items.entries()) {
      if (!isCalendarDate(h.date)) throw unprocessable('holiday_invalid_date', { date: h.date, field: `body.items.${i}.date` });
      if (seen.has(h.date)) throw unprocessable('holiday_duplicate_date', { date: h.date, field: `body.items.${i}.date` });
      seen.add(h.date);
    }
    return { items: await saveHolidays(desk, req.body.items) };
  });

  http.put('/support/settings/channels/:id', {
    schema: {
      tags,
      summary: 'Replace a channel’s settings: business hours, expected response, contact or URL, or hide it (admin). A window on no day or closing before it opens is a 422 (hours_no_days, hours_close_before_open) naming it',
      params: z.object({ id: z.enum(channelIds) }),
      body: channelSettingsSchema,
      response: { 200: z.object({ id: z.string(), settings: channelSettingsSchema }) },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    const problem = req.body.hours ? hoursProblem(req.body.hours) : null;
    if (problem) throw unprocessable(problem.code, { window: problem.window, field: problem.field });
    // The security line is a number to call at once: switched on without one, customers would see a line they cannot
    // use. (Without `enabled` it is offered exactly when it has a number.)
    if (req.params.id === 'security_line' && req.body.enabled === true && !req.body.contact?.trim()) throw unprocessable('security_line_needs_number', { field: 'body.contact' });
    // The address email shows by default follows SAPA_EMAIL_DOMAIN: saved back unchanged it is not pinned.
    const defaultAddress = desk.config.SAPA_EMAIL_DOMAIN ? `support@${desk.config.SAPA_EMAIL_DOMAIN}` : undefined;
    const { contact, ...rest } = req.body;
    const saved = req.params.id === 'email' && contact !== undefined && contact.toLowerCase() === defaultAddress?.toLowerCase() ? rest : req.body;
    await saveChannelSettings(desk, req.params.id, saved);
    return { id: req.params.id, settings: saved };
  });

  http.delete('/support/settings/channels/:id', {
    schema: { tags, summary: 'Return a channel to its default settings (admin)', params: z.object({ id: z.enum(channelIds) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    requireAgent(req, 'admin');
    await saveChannelSettings(desk, req.params.id, null);
    return reply.status(204).send(null);
  });

  const assistantSettings = z.object({
    answersFirst: assistantFirstSchema,
    walletName: z.string().nullable(),
    unavailable: z
      .object({ whatsapp: z.string().nullable(), telegram: z.string().nullable(), app: z.string().nullable() })
      .describe('per chat channel, why it cannot work in this process (not configured), in the caller’s language, or null: where it cannot, answersFirst may be on but no answer reaches the customer (each reply fails and the case goes to a person)'),
  });
  http.get('/support/settings/assistant', {
    schema: {
      tags,
      summary: "The assistant's settings: on which chat channels (WhatsApp, Telegram, the wallet app) it answers first, and the wallet's name (supervisor)",
      response: { 200: assistantSettings },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return { answersFirst: await assistantFirst(desk), walletName: await walletName(desk), unavailable: assistantChannelProblems(desk, requestLocale(req)) };
  });

  http.put('/support/settings/assistant', {
    schema: {
      tags,
      summary: "Change the assistant's settings: answering first per chat channel (channels not given keep their setting), the wallet's name (null or empty clears it) (admin)",
      body: z
        .strictObject({ answersFirst: assistantFirstSchema.partial().optional(), walletName: z.string().trim().max(60).nullable().optional() })
        .refine((b) => b.answersFirst !== undefined || b.walletName !== undefined, { message: 'give answersFirst, walletName or both' }),
      response: { 200: assistantSettings },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    const answersFirst = req.body.answersFirst ? await saveAssistantFirst(desk, req.body.answersFirst) : await assistantFirst(desk);
    const name = req.body.walletName !== undefined ? await saveWalletName(desk, req.body.walletName) : await walletName(desk);
    return { answersFirst, walletName: name, unavailable: assistantChannelProblems(desk, requestLocale(req)) };
  });

  // Anonymous appeals open a visitor and a case each: limited per address. The plugin lives in a scope of its own
  // (global: false limits nothing); the handler asks it.
  let anonymousAppeals!: ReturnType<SapaHttp['createRateLimit']>;
  await http.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    anonymousAppeals = scope.createRateLimit({ max: ANONYMOUS_APPEALS_PER_HOUR, timeWindow: 3600_000, keyGenerator: (req) => `appeal:${clientIp(req)}` });
  });
  http.post('/support/appeals', {
    schema: {
      tags,
      summary: 'Appeal a locked or restricted account: opens an account_locked case with identity details, whatever the wallet allows (signed-in customer or visitor; anonymous callers give an email or phone contact, get a visitor token and are limited per address). While the caller’s appeal is open or pending, another is added to it as a message (added: true)',
      body: z.strictObject({
        message: z.string().trim().min(1).max(5000),
        name: z.string().trim().max(200).optional(),
        contact: z.string().trim().max(254).refine((c) => appealContact(c) !== undefined, 'an email address or a phone number with 6 to 15 digits').optional(),
        dateOfBirth: z.iso.date().refine((d) => validBirthDate(d, desk.config.SAPA_TIMEZONE), 'a real date from 1900-01-01 to today').optional(),
        idNumberLast4: z.string().regex(/^\d{4}$/).optional(),
        locale: z.string().max(20).optional(),
        clientMessageId: z.string().trim().min(1).max(200).optional(),
      }),
      response: {
        201: z.object({
          case: z.object({ id: z.string(), reference: z.string(), status: z.string(), category: z.string() }),
          account: accountSchema,
          token: z.string().optional(),
          /** true: joined the customer's appeal that is still open, as a new message, instead of opening another. */
          added: z.boolean(),
          next: z.string(),
        }),
      },
    },
  }, async (req, reply) => {
    const locale = requestLocale(req);
    let principal: Principal | undefined = req.principal;
    let token: string | undefined;
    if (principal?.kind === 'agent') throw new AppError(403, 'forbidden');
    if (!principal) {
      // Someone who cannot sign in at all still gets a case: as a visitor, reachable at the contact they give.
      if (!req.body.contact) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.contact', message: 'an email address or phone number to reach you' }]);
      const limit = await anonymousAppeals(req);
      if (!limit.isAllowed && limit.isExceeded) throw tooMany(limit.ttlInSeconds);
      const session = await createWidgetSession(desk, { locale }, clientIp(req), req.headers['user-agent']);
      principal = { kind: 'visitor', visitorId: session.visitorId, locale, sessionId: 'appeal' };
      token = session.token;
    }
    const contact = req.body.contact ? appealContact(req.body.contact) : undefined;
    const result = await openAppeal(desk, principal, { ...req.body, contact }, locale);
    return reply.status(201).send({
      case: { id: result.case.id, reference: result.case.reference, status: result.case.status, category: result.case.category },
      account: result.account,
      token,
      added: result.added,
      next: t(locale, result.added ? 'support.appeal.added' : 'support.appeal.next', { reference: result.case.reference }),
    });
  });

  http.post('/diagnostics', {
    config: { csrf: false },
    // JSON only: a cross-site form cannot send it without a CORS preflight, which is what makes csrf: false safe here.
    preValidation: async (req) => {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type');
    },
    schema: {
      tags,
      summary: 'Troubleshooter report (connectivity, browser, app version, clock, device) → findings, advice and working channels in the caller’s language; stored and attachable to a case',
      body: reportSchema,
      response: {
        200: z.object({
          id: z.string(),
          findings: z.array(findingSchema),
          advice: z.array(z.string()),
          channels: z.array(channelSchema),
          account: accountSchema,
          attachedTo: z.string().nullable(),
          serverTime: z.string(),
          minAppVersion: z.string().nullable(),
        }),
      },
    },
  }, async (req) => {
    const locale = requestLocale(req);
    return submitDiagnostics(desk, req.principal, req.body, locale, { userAgentHeader: req.headers['user-agent'] });
  });

  http.post('/diagnostics/:id/attach', {
    schema: {
      tags,
      summary: 'Attach a stored report to a case as evidence; posts a system message summarising it (case owner or agent)',
      params: z.object({ id }),
      body: z.strictObject({ caseId: id }),
      response: { 200: z.object({ id: z.string(), caseId: z.string(), messageId: z.string() }) },
    },
  }, async (req) => attachDiagnostics(desk, requirePrincipal(req), req.params.id, req.body.caseId));

  http.get('/cases/:id/diagnostics', {
    schema: {
      tags,
      summary: 'Troubleshooter reports attached to a case (agents)',
      params: z.object({ id }),
      response: {
        200: z.object({
          items: z.array(
            z.object({ id: z.string(), caseId: z.string().nullable(), reporter: z.string().nullable(), locale: z.string(), report: z.unknown(), findings: z.array(findingSchema), server: z.unknown(), createdAt: z.string(), attachedAt: z.string().nullable() }),
          ),
        }),
      },
    },
  }, async (req) => ({ items: await caseDiagnostics(desk, requireAgent(req), req.params.id) }));
}
