/**
 * The one door to the wallet's own systems. Sapa never invents a transaction: everything an agent or the assistant
 * says about money comes through here.
 */
export type TransactionType = 'topup' | 'payment' | 'transfer_out' | 'transfer_in' | 'refund' | 'withdrawal' | 'cashback';
export type TransactionStatus = 'pending' | 'succeeded' | 'failed' | 'reversed';

export interface Money {
  amount: number;
  currency: string;
}

export interface WalletTransaction {
  ref: string;
  type: TransactionType;
  status: TransactionStatus;
  money: Money;
  counterparty: string | null;
  method: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WalletAccount {
  walletRef: string;
  name: string;
  state: 'active' | 'restricted' | 'locked' | 'closed';
  stateReason: string | null;
  balance: Money;
  kycLevel: string;
}

export interface TransactionQuery {
  types?: TransactionType[];
  limit?: number;
}

export interface WalletAdapter {
  readonly kind: 'demo' | 'http';
  getAccount(walletRef: string): Promise<WalletAccount | undefined>;
  listTransactions(walletRef: string, query?: TransactionQuery): Promise<WalletTransaction[]>;
  /** A transaction by its reference, only if it belongs to walletRef (undefined otherwise). */
  getTransaction(walletRef: string, ref: string): Promise<WalletTransaction | undefined>;
}

export class WalletUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`wallet backend unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WalletUnavailableError';
  }
}
