import { z } from 'zod';
import { requireAgent, requireContact } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { visibleText } from '../../kernel/text.js';
import { modelInfo, retrainModel, useShippedModel } from './model.js';
import { classify, converse, correctIntent, listExamples } from './service.js';

// As long as a case message may be: a customer's whole story is kept, and the assistant reads what matters of it.
const text = z.string().max(20_000).refine((v) => visibleText(v).length > 0, 'must contain some text');
const ranking = z.array(z.object({ intent: z.string(), confidence: z.number() }));
const modelSchema = z.object({
  source: z.enum(['shipped', 'retrained']),
  id: z.string().nullable(),
  trainedAt: z.string().nullable(),
  trainedBy: z.string().nullable().describe('the admin who retrained it'),
  examples: z.number().nullable(),
  corrections: z.number().nullable().describe('agents’ corrections it was trained with'),
  heldOutAccuracy: z.number().describe('on the shipped held-out split (nlu/data/sapa-test.csv)'),
  newCorrections: z.number().describe('corrections made since it was trained: what retraining would add'),
});

export async function assistantRoutes(http: SapaHttp, desk: Desk) {
  http.post('/assistant/classify', {
    config: { csrf: false },
    schema: {
      tags: ['assistant'],
      summary: 'Classify a customer message into the taxonomy (zh, id, en)',
      body: z.strictObject({ text, locale: z.string().max(20).optional() }),
      response: { 200: z.object({ intent: z.string(), confidence: z.number(), lang: z.enum(['zh', 'id', 'en']), ranking }) },
    },
  }, async (req) => {
    const c = await classify(desk, req.body.text, req.body.locale);
    return { intent: c.intent, confidence: c.confidence, lang: c.lang, ranking: c.ranking };
  });

  http.post('/assistant/messages', {
    schema: {
      tags: ['assistant'],
      summary: 'Talk to the assistant: it answers, remembers the case, and hands over to a person when needed',
      body: z.strictObject({ text, caseId: z.string().max(100).optional(), locale: z.string().max(20).optional(), clientMessageId: z.string().max(200).optional() }),
      response: {
        200: z.object({
          intent: z.string(),
          confidence: z.number(),
          lang: z.enum(['zh', 'id', 'en']),
          reply: z.string(),
          articles: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string(), description: z.string().optional() })),
          handoff: z.boolean(),
          caseId: z.string(),
          reference: z.string(),
        }),
      },
    },
  }, async (req) => {
    // Links in the reply are read in the widget on the wallet's own site, in the app or in WhatsApp: make them absolute.
    const origin = desk.config.SAPA_PUBLIC_URL ?? `${req.protocol}://${req.host}`;
    return converse(desk, requireContact(req), req.body, { origin });
  });

  http.post('/assistant/corrections', {
    schema: {
      tags: ['assistant'],
      summary: 'Correct the intent of a customer message (agents); stored as a new training example',
      body: z.strictObject({ caseId: z.string().max(100), messageId: z.string().max(100).optional(), intent: z.string().max(40) }),
      response: { 201: z.object({ id: z.string(), text: z.string(), intent: z.string(), previousIntent: z.string().nullable() }) },
    },
  }, async (req, reply) => reply.status(201).send(await correctIntent(desk, requireAgent(req), req.body)));

  http.get('/assistant/model', {
    schema: { tags: ['assistant'], summary: 'The intent model in force: the shipped one or one retrained from agents’ corrections (supervisor)', response: { 200: modelSchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return modelInfo(desk);
  });

  http.post('/assistant/model/retrain', {
    schema: {
      tags: ['assistant'],
      summary:
        'Retrain the intent model on the shipped training set plus every correction, and install it if its held-out accuracy is at most half a point below the model in force (admin; takes about 10 s). 422 no_corrections, 409 retrain_running, 503 retrain_failed (the model in force stays)',
      response: {
        200: z.object({
          installed: z.boolean(),
          heldOutAccuracy: z.number(),
          previousAccuracy: z.number().describe('the model in force before, on the same split'),
          examples: z.number(),
          corrections: z.number(),
          trainSeconds: z.number(),
          model: modelSchema,
        }),
      },
    },
  }, async (req) => retrainModel(desk, requireAgent(req, 'admin')));

  http.delete('/assistant/model', {
    schema: { tags: ['assistant'], summary: 'Put the shipped intent model back in force (admin); retrained models stay stored', response: { 200: modelSchema } },
  }, async (req) => {
    requireAgent(req, 'admin');
    return useShippedModel(desk);
  });

  http.get('/assistant/examples', {
    schema: {
      tags: ['assistant'],
      summary: 'Training examples from agents’ corrections, as JSON or as the `text,category` CSV the nlu CLI trains on',
      querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
    },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    const rows = await listExamples(desk);
    if (req.query.format === 'csv') {
      // A cell a spreadsheet would run as a formula (=, +, -, @, tab, return first) gets a leading apostrophe: customers
      // write these texts, supervisors open the file (OWASP CSV injection). The intent engine ignores the apostrophe.
      const quote = (s: string) => `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
      return reply.type('text/csv; charset=utf-8').send(['text,category', ...rows.map((r) => `${quote(r.text)},${r.intent}`)].join('\n') + '\n');
    }
    return { items: rows.map((r) => ({ id: r.id, text: r.text, intent: r.intent, previousIntent: r.previousIntent, lang: r.lang, caseId: r.caseId, createdAt: r.createdAt.toISOString() })) };
  });
}
