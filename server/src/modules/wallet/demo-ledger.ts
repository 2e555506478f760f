import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.js';
import type { TransactionQuery, WalletAccount, WalletAdapter, WalletTransaction } from './adapter.js';
import { demoAccounts, demoTransactions } from './schema.js';

type TxRow = typeof demoTransactions.$inferSelect;

const toTransaction = (r: TxRow): WalletTransaction => ({
  ref: r.ref,
  type: r.type,
  status: r.status,
  money: { amount: r.amount, currency: r.currency },
  counterparty: r.counterparty,
  method: r.method,
  failureReason: r.failureReason,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The embedded ledger: real rows in Sapa's database, loaded by SAPA_DEMO, so every demo flow has data to read. */
export class DemoLedger implements WalletAdapter {
  readonly kind = 'demo' as const;
  constructor(private readonly db: Db) {}

  async getAccount(walletRef: string): Promise<WalletAccount | undefined> {
    const [a] = await this.db.select().from(demoAccounts).where(eq(demoAccounts.walletRef, walletRef));
    if (!a) return undefined;
    return { walletRef: a.walletRef, name: a.name, state: a.state, stateReason: a.stateReason, balance: { amount: a.balance, currency: a.currency }, kycLevel: a.kycLevel };
  }

  async listTransactions(walletRef: string, query: TransactionQuery = {}): Promise<WalletTransaction[]> {
    const where = query.types?.length
      ? and(eq(demoTransactions.walletRef, walletRef), inArray(demoTransactions.type, query.types))
      : eq(demoTransactions.walletRef, walletRef);
    const rows = await this.db.select().from(demoTransactions).where(where).orderBy(desc(demoTransactions.createdAt)).limit(Math.min(query.limit ?? 20, 100));
    return rows.map(toTransaction);
  }

  async getTransaction(walletRef: string, ref: string): Promise<WalletTransaction | undefined> {
    const [r] = await this.db.select().from(demoTransactions).where(and(eq(demoTransactions.ref, ref), eq(demoTransactions.walletRef, walletRef)));
    return r ? toTransaction(r) : undefined;
  }
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

export interface DemoWallet {
  walletRef: string;
  name: string;
  state?: WalletAccount['state'];
  stateReason?: string;
  balance: number;
  transactions: DemoTx[];
}
export interface DemoTx {
  ref: string;
  type: TxRow['type'];
  status: TxRow['status'];
  amount: number;
  counterparty?: string;
  method?: string;
  failureReason?: string;
  minutesAgo: number;
}

/** Writes demo accounts and transactions; existing refs are left as they are. */
export async function loadDemoLedger(db: Db, wallets: DemoWallet[]): Promise<void> {
  for (const w of wallets) {
    await db
      .insert(demoAccounts)
      .values({ walletRef: w.walletRef, name: w.name, state: w.state ?? 'active', stateReason: w.stateReason ?? null, balance: w.balance })
      .onConflictDoNothing();
    for (const t of w.transactions) {
      const at = minutesAgo(t.minutesAgo);
      await db
        .insert(demoTransactions)
        .values({
          ref: t.ref,
          walletRef: w.walletRef,
          type: t.type,
          status: t.status,
          amount: t.amount,
          counterparty: t.counterparty ?? null,
          method: t.method ?? null,
          failureReason: t.failureReason ?? null,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing();
    }
  }
}
