import { z } from 'zod';
import { requireAgent, requirePrincipal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { getCase } from '../cases/service.js';
import { answerSurvey, caseSurvey, csatReport, csatSettings, getSurvey, saveCsatSettings, SURVEY_DAYS } from './service.js';

const tags = ['csat'];
const token = z.string().max(100);
const surveySchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  locale: z.string(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
const answerSchema = z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() });
const settingsSchema = z.strictObject({ enabled: z.boolean() });
const ratio = z.number().nullable();

export async function csatRoutes(http: SapaHttp, desk: Desk) {
  http.get('/surveys/:token', {
    schema: { tags, summary: 'A satisfaction survey, by the token in its link (anyone with the link)', params: z.object({ token }), response: { 200: surveySchema } },
  }, async (req) => getSurvey(desk, req.params.token));

  http.post('/surveys/:token', {
    // The token in the path is the credential (as a survey link in an email is); JSON only, so no cross-site form.
    config: { csrf: false },
    schema: {
      tags,
      summary: `Answer a satisfaction survey: a score from 1 (very unhappy) to 5 (very happy) and an optional comment; answering again changes the answer, until the survey expires (${SURVEY_DAYS} days; then 410 survey_expired)`,
      params: z.object({ token }),
      body: answerSchema,
      response: { 200: surveySchema },
    },
  }, async (req) => answerSurvey(desk, req.params.token, req.body));

  http.get('/cases/:id/satisfaction', {
    schema: { tags, summary: "The case's latest satisfaction survey and its answer, or null (the case's owner or agents)", params: z.object({ id: z.string().max(100) }), response: { 200: z.object({ survey: surveySchema.nullable() }) } },
  }, async (req) => {
    const kase = await getCase(desk, requirePrincipal(req), req.params.id);
    return { survey: await caseSurvey(desk, kase.id) };
  });

  http.get('/csat/report', {
    schema: {
      tags,
      summary: 'Satisfaction over surveys sent in [from, to) (default: the last 30 days): response rate, CSAT (share of 4 and 5), average, by agent and channel, and recent comments and low scores (supervisor)',
      querystring: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
      response: {
        200: z.object({
          from: z.string(),
          to: z.string(),
          sent: z.number(),
          answered: z.number(),
          responseRate: ratio,
          csat: ratio,
          average: ratio,
          distribution: z.record(z.string(), z.number()),
          byAgent: z.array(z.object({ agentId: z.string().nullable(), name: z.string().nullable(), answered: z.number(), csat: ratio, average: ratio })),
          byChannel: z.array(z.object({ channel: z.string(), sent: z.number(), answered: z.number(), csat: ratio })),
          recent: z.array(z.object({ caseId: z.string(), reference: z.string(), score: z.number(), comment: z.string().nullable(), agentId: z.string().nullable(), channel: z.string(), answeredAt: z.string() })),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    const to = req.query.to ? new Date(req.query.to) : new Date();
    const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * 86400_000);
    return csatReport(desk, from, to);
  });

  http.get('/csat/settings', {
    schema: { tags, summary: 'Whether a survey is offered when a person resolves a case (supervisor)', response: { 200: settingsSchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return csatSettings(desk);
  });

  http.put('/csat/settings', {
    schema: { tags, summary: 'Turn satisfaction surveys on or off (admin)', body: settingsSchema, response: { 200: settingsSchema } },
  }, async (req) => {
    requireAgent(req, 'admin');
    return saveCsatSettings(desk, req.body);
  });
}
