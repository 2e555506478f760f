import { z } from 'zod';
import { isAgent, requireAgent, requirePrincipal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { getCase } from '../cases/service.js';
import {
  answerComplaint,
  caseComplaint,
  complaintSettings,
  extendComplaint,
  forCustomer,
  getComplaint,
  listComplaints,
  registerComplaint,
  saveComplaintSettings,
} from './service.js';

const tags = ['complaints'];
const id = z.string().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const staff = z.object({ id: z.string(), name: z.string() }).nullable();
const outcome = z.enum(['upheld', 'partly_upheld', 'not_upheld']);
const customerView = z.object({
  id: z.string(),
  reference: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  caseSubject: z.string().nullable(),
  status: z.enum(['open', 'extended', 'answered']),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  desiredOutcome: z.string().nullable(),
  locale: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  timeZone: z.string().describe('the desk’s IANA time zone, in which working days and the deadline’s day are counted'),
  workingDaysLeft: z.number().nullable(),
  extendedAt: z.string().nullable(),
  extensionReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  outcome: outcome.nullable(),
  statement: z.string().nullable().describe('the customer’s own account, when they filed the complaint themselves'),
});
const complaintSchema = customerView.omit({ statement: true }).extend({ summary: z.string(), filedBy: z.enum(['agent', 'customer']), registeredBy: staff, answeredBy: staff });
const settingsSchema = z.strictObject({
  answerWorkingDays: z.number().int().min(1).max(90),
  extensionWorkingDays: z.number().int().min(0).max(90),
  warnWorkingDays: z.number().int().min(0).max(30),
});

export async function complaintRoutes(http: SapaHttp, desk: Desk) {
  http.post('/cases/:id/complaint', {
    schema: {
      tags,
      summary:
        'Register a formal complaint on a case, by an agent (summary: a neutral internal summary; receivedAt: an earlier date of receipt) or by the case’s owner when a signed-in customer (summary: their own account, posted on the case as their message too; answered with their view of the complaint): a complaint reference, the written answer due in working days from receipt, the case marked as a complaint, and the customer acknowledged on its channel; 403 complaint_needs_account for an anonymous visitor; 409 complaint_open while one is unanswered; Idempotency-Key makes a retry return the same complaint',
      params: z.object({ id }),
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: z.strictObject({ summary: text(4000), desiredOutcome: text(1000).optional(), receivedAt: z.iso.datetime({ offset: true }).optional() }),
      response: { 200: z.union([complaintSchema, customerView]), 201: z.union([complaintSchema, customerView]) },
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { created, complaint } = await registerComplaint(desk, p, req.params.id, {
      summary: req.body.summary,
      desiredOutcome: req.body.desiredOutcome,
      receivedAt: req.body.receivedAt ? new Date(req.body.receivedAt) : undefined,
      idempotencyKey: req.headers['idempotency-key'],
    });
    return reply.status(created ? 201 : 200).send(isAgent(p) ? complaint : forCustomer(complaint));
  });

  http.get('/cases/:id/complaint', {
    schema: {
      tags,
      summary: "The case's latest formal complaint, or null (the case's owner, without the internal summary and staff names; agents)",
      params: z.object({ id }),
      response: { 200: z.object({ complaint: z.union([complaintSchema, customerView]).nullable() }) },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    const kase = await getCase(desk, p, req.params.id);
    const complaint = await caseComplaint(desk, kase.id);
    return { complaint: complaint && !isAgent(p) ? forCustomer(complaint) : complaint };
  });

  http.get('/complaints', {
    schema: {
      tags,
      summary: 'Formal complaints (agents): open ones by deadline, soonest first (state open, due_soon, overdue), answered ones newest first (answered), or all',
      querystring: z.object({
        state: z.enum(['open', 'due_soon', 'overdue', 'answered', 'all']).default('open'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(300).optional(),
      }),
      response: { 200: z.object({ items: z.array(complaintSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    requireAgent(req);
    return listComplaints(desk, req.query);
  });

  http.get('/complaints/settings', {
    schema: { tags, summary: 'Working days for the written answer, for one extension, and for the warning before the deadline (supervisor)', response: { 200: settingsSchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return complaintSettings(desk);
  });

  http.put('/complaints/settings', {
    schema: { tags, summary: 'Set the complaint deadlines (admin); complaints already registered keep the deadline their customer was told', body: settingsSchema, response: { 200: settingsSchema } },
  }, async (req) => {
    requireAgent(req, 'admin');
    return saveComplaintSettings(desk, req.body);
  });

  http.get('/complaints/:id', {
    schema: { tags, summary: 'A formal complaint (agents)', params: z.object({ id }), response: { 200: complaintSchema } },
  }, async (req) => {
    requireAgent(req);
    return getComplaint(desk, req.params.id);
  });

  http.post('/complaints/:id/extend', {
    schema: {
      tags,
      summary: 'Extend the deadline once, telling the customer why and the new date (supervisor); 409 complaint_answered / complaint_already_extended, 422 complaint_no_extension',
      params: z.object({ id }),
      body: z.strictObject({ reason: text(1000) }),
      response: { 200: complaintSchema },
    },
  }, async (req) => extendComplaint(desk, requireAgent(req, 'supervisor'), req.params.id, req.body.reason));

  http.post('/complaints/:id/answer', {
    schema: {
      tags,
      summary:
        "Send the written answer (supervisor): the supervisor's reply on the case's channel, with where to take the complaint if the customer disagrees; the case is resolved; 409 complaint_answered",
      params: z.object({ id }),
      body: z.strictObject({ answer: text(10_000), outcome }),
      response: { 200: complaintSchema },
    },
  }, async (req) => answerComplaint(desk, requireAgent(req, 'supervisor'), req.params.id, req.body));
}
