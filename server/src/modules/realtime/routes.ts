import { z } from 'zod';
import { requireAgent, requirePrincipal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { agentPresence, caseReceipts, recordReceipt, setAgentStatus } from './service.js';

const id = z.string().min(1).max(100);
const reader = z.object({ kind: z.enum(['customer', 'visitor', 'agent']), id: z.string() });
const presenceEntry = z.object({ agentId: z.string(), name: z.string(), status: z.enum(['online', 'away', 'offline']) });

/** REST fallbacks for clients that cannot keep a socket open (and for pages that load before connecting). */
export async function realtimeRoutes(http: SapaHttp, desk: Desk) {
  http.post('/cases/:id/receipts', {
    schema: {
      tags: ['realtime'],
      summary: 'Acknowledge messages up to seq as delivered or read (cumulative; read implies delivered)',
      params: z.object({ id }),
      body: z.strictObject({ seq: z.number().int().min(1), kind: z.enum(['delivered', 'read']) }),
      response: { 200: z.object({ caseId: z.string(), seq: z.number().int(), kind: z.enum(['delivered', 'read']), by: reader, recorded: z.number().int() }) },
    },
  }, async (req) => recordReceipt(desk, requirePrincipal(req), req.params.id, req.body.seq, req.body.kind));

  http.get('/cases/:id/receipts', {
    schema: {
      tags: ['realtime'],
      summary: 'How far each reader has received and read the case (owner or agent)',
      params: z.object({ id }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              by: reader.extend({ name: z.string().nullable() }),
              delivered: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
              read: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
            }),
          ),
        }),
      },
    },
  }, async (req) => ({ items: await caseReceipts(desk, requirePrincipal(req), req.params.id) }));

  http.get('/agents/presence', {
    schema: {
      tags: ['realtime'],
      summary: 'Every active agent with presence across all nodes: online, away or offline (agents)',
      response: { 200: z.object({ items: z.array(presenceEntry) }) },
    },
  }, async (req) => {
    requireAgent(req);
    return { items: await agentPresence(desk) };
  });

  http.put('/agents/me/presence', {
    schema: {
      tags: ['realtime'],
      summary: 'Set your own status to online or away (agents); it outlives reconnects',
      body: z.strictObject({ status: z.enum(['online', 'away']) }),
      response: { 200: z.object({ status: z.enum(['online', 'away']) }) },
    },
  }, async (req) => {
    const agent = requireAgent(req);
    await setAgentStatus(desk, agent.agentId, req.body.status);
    return { status: req.body.status };
  });
}
