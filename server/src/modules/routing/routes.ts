import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { routingSettings, saveRoutingSettings } from './service.js';

const settingsSchema = z.strictObject({
  autoAssign: z.boolean().describe('hand cases to available agents automatically'),
  maxOpenPerAgent: z.number().int().min(1).max(100).describe('open cases an agent holds before routing gives them no more'),
});

export async function routingRoutes(http: SapaHttp, desk: Desk) {
  http.get('/routing/settings', {
    schema: { tags: ['routing'], summary: 'Automatic assignment: on or off, and how many open cases an agent holds at most (supervisor)', response: { 200: settingsSchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return routingSettings(desk);
  });

  http.put('/routing/settings', {
    schema: {
      tags: ['routing'],
      summary: 'Turn automatic assignment on or off and set the limit per agent (admin); waiting cases are handed out within seconds',
      body: settingsSchema,
      response: { 200: settingsSchema },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    return saveRoutingSettings(desk, req.body);
  });
}
