import type { SapaModule } from '../../kernel/module.js';
import { routingRoutes } from './routes.js';
import { startRouter } from './service.js';

/** Automatic assignment of the people's queue to agents who are online and have room. */
export const routingModule: SapaModule = { name: 'routing', start: async (desk) => startRouter(desk), api: routingRoutes };
