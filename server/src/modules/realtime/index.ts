import type { SapaModule } from '../../kernel/module.js';
import { realtimeRoutes } from './routes.js';
import { startRealtime } from './server.js';
import { realtimeState } from './state.js';

/**
 * Socket.IO at /realtime on the node's own HTTP server: live messages with replay, typing, receipts, presence and
 * "agent is viewing"; across nodes through Redis when REDIS_URL is set. Contract: README.md in this folder.
 */
export const realtimeModule: SapaModule = {
  name: 'realtime',
  api: realtimeRoutes,
  site: (http, desk) => {
    const state = realtimeState(desk);
    state.httpServer = http.server;
    // Open sockets would hold the HTTP server's close forever: end them first (clients then reconnect elsewhere).
    http.addHook('preClose', async () => {
      state.node?.disconnectClients();
    });
  },
  start: async (desk) => {
    const state = realtimeState(desk);
    if (!state.httpServer) throw new Error('realtime: no HTTP server to attach to');
    const node = startRealtime(desk, state.httpServer);
    state.node = node;
    desk.onStop(async () => {
      await node.stop();
      state.node = undefined;
    });
  },
};
