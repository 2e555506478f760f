import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { unavailable } from '../../kernel/errors.js';
import { WalletUnavailableError, type WalletAdapter } from './adapter.js';
import { DemoLedger } from './demo-ledger.js';
import { HttpWalletAdapter } from './http-adapter.js';

const KEY = Symbol('wallet.adapter');

/** The configured adapter: HTTP when SAPA_WALLET_URL is set, else the embedded demo ledger. */
export function wallet(desk: Desk): WalletAdapter {
  return moduleState(desk, KEY, () =>
    desk.config.SAPA_WALLET_URL
      ? new HttpWalletAdapter(desk.config.SAPA_WALLET_URL, desk.config.SAPA_WALLET_TOKEN, desk.config.SAPA_WALLET_TIMEOUT_MS)
      : new DemoLedger(desk.db),
  );
}

/** Runs a wallet lookup for an HTTP caller: an unreachable wallet becomes a clear 503, not a 500. */
export async function askWallet<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof WalletUnavailableError) throw unavailable('wallet_unavailable', 10);
    throw error;
  }
}
