import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { visibleText } from '../../kernel/text.js';
import { caseSchema, messageSchema } from '../cases/routes.js';
import { caseChannels } from '../cases/schema.js';
import { contactOverview, linkContacts, replyOnChannel } from './service.js';

const id = z.string().min(1).max(100);
const identity = z.object({
  id: z.string(),
  channel: z.string(),
  address: z.string(),
  displayName: z.string().nullable(),
  customerId: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
const overview = z.object({ customerId: z.string(), linkedCustomerIds: z.array(z.string()), identities: z.array(identity), cases: z.array(caseSchema) });

export async function channelRoutes(http: SapaHttp, desk: Desk) {
  http.post('/cases/:id/replies', {
    schema: {
      tags: ['channels'],
      summary: 'Reply to the customer on a chosen channel (default: the channel of the case); idempotent on clientMessageId',
      params: z.object({ id }),
      body: z.strictObject({
        body: z.string().max(20_000).refine((v) => visibleText(v).length > 0, 'must contain some text'),
        clientMessageId: z.string().trim().min(1).max(200),
        channel: z.enum(caseChannels).optional(),
        attachmentIds: z.array(id).max(20).optional(),
      }),
      response: { 200: messageSchema, 201: messageSchema },
    },
  }, async (req, reply) => {
    const result = await replyOnChannel(desk, requireAgent(req), req.params.id, req.body);
    return reply.status(result.created ? 201 : 200).send(result.message);
  });

  http.get('/customers/:id/identities', {
    schema: {
      tags: ['channels'],
      summary: "A contact's addresses on every channel, the customers linked with them, and all their cases (agents)",
      params: z.object({ id }),
      response: { 200: overview },
    },
  }, async (req) => contactOverview(desk, requireAgent(req), req.params.id));

  http.post('/contacts/link', {
    schema: {
      tags: ['channels'],
      summary: 'Link identities (or whole customers) to one customer so agents see one history (agents)',
      body: z
        .strictObject({ customerId: id, identityIds: z.array(id).max(50).optional(), customerIds: z.array(id).max(20).optional() })
        .refine((v) => (v.identityIds?.length ?? 0) + (v.customerIds?.length ?? 0) > 0, 'name identityIds or customerIds to link'),
      response: { 200: overview },
    },
  }, async (req) => linkContacts(desk, requireAgent(req), req.body));
}
