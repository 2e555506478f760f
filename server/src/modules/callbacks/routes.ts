import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { verifySigned } from '../app-channel/service.js';
import { clientIp } from '../identity/http.js';
import { isCalendarDate, localDate } from './hours.js';
import { callbackStatuses } from './schema.js';
import { bookCallback, freeSlots, listCallbacks, recordCall, updateCallback } from './service.js';

const callback = z.object({
  id: z.string(),
  caseId: z.string(),
  reference: z.string(),
  name: z
    .string()
    .nullable()
    .describe('who to ask for on the call: the name given at booking, else the owning customer’s account name at the time; null when neither. Unverified when customerId is null: anyone can type a name'),
  customerId: z.string().nullable().describe('the customer whose account the callback is on; null for a booking made without signing in (or by a widget visitor), which is never put in the account of the number’s customer'),
  phone: z.string(),
  locale: z.string(),
  topic: z.string(),
  slot: z.string(),
  status: z.enum(callbackStatuses),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  attempt: z.number(),
  retryOf: z.string().nullable(),
  agentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const updatedCallback = callback.extend({
  retry: callback.nullable().describe('the retry booked when this update recorded "missed" (attempt + 1 at the next free slot, at most two retries), else null'),
});
const isoDateTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date-time');
const phone = z.string().trim().regex(/^\+?[\d\s().-]{6,24}$/, 'a phone number');
/** What a booking takes: the API's body, and the help-center booking page's form checked by the same rules. */
export const bookingBody = z.strictObject({ phone, locale: z.string().max(20).optional(), topic: z.string().trim().min(1).max(500), slot: isoDateTime, name: z.string().trim().max(200).optional() });
const callReport = z.strictObject({
  callId: z.string().trim().min(1).max(200),
  from: phone,
  to: phone,
  direction: z.enum(['inbound', 'outbound']),
  duration: z.number().int().min(0).max(86_400).optional(),
  recordingUrl: z.string().url().max(2000).optional(),
  startedAt: isoDateTime.optional(),
  status: z.enum(['answered', 'missed', 'busy', 'failed', 'no_answer', 'voicemail']).optional(),
  callbackId: z.string().max(100).optional(),
});

export async function callbackRoutes(http: SapaHttp, desk: Desk) {
  http.get('/callbacks/slots', {
    schema: {
      tags: ['callbacks'],
      summary: 'Free callback slots of a date (YYYY-MM-DD, in the support time zone; default today)',
      querystring: z.object({ date: z.string().refine(isCalendarDate, 'a date of the calendar, YYYY-MM-DD').optional() }),
      response: { 200: z.object({ date: z.string(), timezone: z.string(), slots: z.array(z.object({ start: z.string(), local: z.string(), available: z.number() })) }) },
    },
  }, async (req) => {
    const date = req.query.date ?? localDate(new Date(), desk.config.SAPA_TIMEZONE);
    return { date, timezone: desk.config.SAPA_TIMEZONE, slots: await freeSlots(desk, date) };
  });

  http.post('/callbacks', {
    schema: {
      tags: ['callbacks'],
      summary: 'Ask to be called back at a free slot within phone hours (422 slot_unavailable, or slot_passed for a time gone, with the next free slots); without signing in the case is the requester\'s own, never the account of the number\'s customer; Idempotency-Key supported',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
      body: bookingBody,
      response: { 200: callback, 201: callback },
    },
  }, async (req, reply) => {
    const result = await bookCallback(desk, req.principal, req.body, { ip: clientIp(req), idempotencyKey: req.headers['idempotency-key'] });
    return reply.status(result.created ? 201 : 200).send(result.callback);
  });

  http.get('/callbacks', {
    schema: {
      tags: ['callbacks'],
      summary: 'The callback queue, ordered by slot, with the desk’s time zone (agents)',
      querystring: z.object({
        status: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(callbackStatuses)).max(4)).optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
        phone: phone.optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
        cursor: z.string().max(300).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(callback),
          nextCursor: z.string().nullable(),
          timeZone: z.string().describe('the desk’s IANA time zone (SAPA_TIMEZONE), in which callbacks are booked and phone hours counted'),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req);
    return listCallbacks(desk, req.query);
  });

  http.patch('/callbacks/:id', {
    schema: {
      tags: ['callbacks'],
      summary: 'Record the outcome of a callback (completed, missed: a retry is booked and returned as `retry`, cancelled) or move it (agents)',
      params: z.object({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ status: z.enum(callbackStatuses).optional(), outcome: z.string().trim().max(500).optional(), notes: z.string().max(2000).optional(), slot: isoDateTime.optional() }),
      response: { 200: updatedCallback },
    },
  }, async (req) => updateCallback(desk, requireAgent(req), req.params.id, req.body));

  // A generic telephony integration: the PBX or cloud telephony provider reports calls, signed like the app channel.
  await http.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/channels/phone/webhook', {
      config: { csrf: false },
      schema: {
        tags: ['channels'],
        summary: 'Telephony webhook: log an inbound or outbound call on the case of that phone (X-Sapa-Timestamp, X-Sapa-Signature with SAPA_PHONE_WEBHOOK_SECRET); idempotent on callId',
        response: { 200: z.object({ caseId: z.string(), duplicate: z.boolean() }) },
      },
    }, async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const ts = req.headers['x-sapa-timestamp'];
      const sig = req.headers['x-sapa-signature'];
      if (!verifySigned(desk.config.SAPA_PHONE_WEBHOOK_SECRET, raw, typeof ts === 'string' ? ts : undefined, typeof sig === 'string' ? sig : undefined)) {
        throw new AppError(401, 'invalid_signature');
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError(400, 'invalid_json');
      }
      const parsed = callReport.safeParse(json);
      if (!parsed.success) throw new AppError(400, 'invalid_input', undefined, parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
      return recordCall(desk, parsed.data);
    });
  });
}
