import type { TransactionQuery, WalletAccount, WalletAdapter, WalletTransaction } from './adapter.js';
import { WalletUnavailableError } from './adapter.js';

/**
 * Talks to the wallet's backend over HTTP (SAPA_WALLET_URL):
 *   GET /accounts/:walletRef                       → WalletAccount (404 when unknown)
 *   GET /accounts/:walletRef/transactions?type=&limit= → { items: WalletTransaction[] }
 *   GET /accounts/:walletRef/transactions/:ref     → WalletTransaction (404 when unknown or not theirs)
 * with `Authorization: Bearer SAPA_WALLET_TOKEN`. Timeouts, 5xx and network errors become WalletUnavailableError
 * (the API answers 503); one retry on a network error keeps a blip from reaching the customer.
 */
export class HttpWalletAdapter implements WalletAdapter {
  readonly kind = 'http' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  private async request<T>(path: string): Promise<T | undefined> {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    let lastError: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const res = await fetch(url, {
          headers: { accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (res.status === 404) return undefined;
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return (await res.json()) as T;
      } catch (error) {
        lastError = error;
        if (error instanceof Error && /HTTP 4\d\d/.test(error.message)) break;
      }
    }
    throw new WalletUnavailableError(lastError);
  }

  getAccount(walletRef: string) {
    return this.request<WalletAccount>(`accounts/${encodeURIComponent(walletRef)}`);
  }

  async listTransactions(walletRef: string, query: TransactionQuery = {}) {
    const params = new URLSearchParams();
    for (const t of query.types ?? []) params.append('type', t);
    params.set('limit', String(query.limit ?? 20));
    const body = await this.request<{ items: WalletTransaction[] }>(`accounts/${encodeURIComponent(walletRef)}/transactions?${params}`);
    return body?.items ?? [];
  }

  getTransaction(walletRef: string, ref: string) {
    return this.request<WalletTransaction>(`accounts/${encodeURIComponent(walletRef)}/transactions/${encodeURIComponent(ref)}`);
  }
}
