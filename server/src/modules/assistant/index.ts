import type { SapaModule } from '../../kernel/module.js';
import { setupChannelTurns } from './channel-turns.js';
import { startIdleSweep } from './idle.js';
import { assistantRoutes } from './routes.js';
import { intentModel } from './model.js';
import { watchAgentTakeover } from './service.js';
import { watchCustomerMessages } from './triage.js';

export const assistantModule: SapaModule = {
  name: 'assistant',
  api: assistantRoutes,
  // Load the model when the node starts, so the first customer does not wait for it.
  async setup(desk) {
    watchAgentTakeover(desk);
    // Every other customer message is read for what cannot wait (triage.ts).
    watchCustomerMessages(desk);
    // Answers first on WhatsApp, Telegram and the app where an admin turned it on (channel-turns.ts).
    setupChannelTurns(desk);
    await intentModel(desk);
  },
  start: async (desk) => startIdleSweep(desk),
};
