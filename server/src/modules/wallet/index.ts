import type { SapaModule } from '../../kernel/module.js';

// The wallet module has no routes of its own: agents see wallet data through a case's context, the assistant
// through the adapter. Its demo ledger is loaded by server/src/demo.ts with the demo customers.
export const walletModule: SapaModule = { name: 'wallet' };
