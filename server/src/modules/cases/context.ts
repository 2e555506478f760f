import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { getCustomer, getVisitorDevice } from '../identity/service.js';
import type { WalletAccount, WalletTransaction } from '../wallet/adapter.js';
import { WalletUnavailableError } from '../wallet/adapter.js';
import { wallet } from '../wallet/service.js';
import { getCase, listCases } from './service.js';
import type { CaseView } from './views.js';

export interface CaseContext {
  customer: { id: string; name: string; email: string | null; phone: string | null; locale: string; walletRef: string | null; since: string } | null;
  visitorDevice: Record<string, unknown> | null;
  wallet: {
    available: boolean;
    account: WalletAccount | null;
    recentTransactions: WalletTransaction[];
    /** The transaction the case references, when the wallet knows it for this customer. */
    referencedTransaction: WalletTransaction | null;
  };
  otherCases: CaseView[];
}

/** What an agent needs beside the conversation: who this is, their account state, their money, their history. */
export async function caseContext(desk: Desk, agent: Principal, caseId: string): Promise<CaseContext> {
  const row = await getCase(desk, agent, caseId);
  const customer = row.customerId ? await getCustomer(desk, row.customerId) : undefined;
  const context: CaseContext = {
    customer: customer
      ? { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, locale: customer.locale, walletRef: customer.walletRef, since: customer.createdAt.toISOString() }
      : null,
    visitorDevice: row.visitorId ? await getVisitorDevice(desk, row.visitorId) : null,
    wallet: { available: true, account: null, recentTransactions: [], referencedTransaction: null },
    otherCases: [],
  };
  if (customer?.walletRef) {
    try {
      const adapter = wallet(desk);
      const [account, recent, referenced] = await Promise.all([
        adapter.getAccount(customer.walletRef),
        adapter.listTransactions(customer.walletRef, { limit: 10 }),
        row.transactionRef ? adapter.getTransaction(customer.walletRef, row.transactionRef) : Promise.resolve(undefined),
      ]);
      context.wallet = { available: true, account: account ?? null, recentTransactions: recent, referencedTransaction: referenced ?? null };
    } catch (error) {
      // The panel degrades: the conversation stays usable when the wallet backend is down.
      if (!(error instanceof WalletUnavailableError)) throw error;
      context.wallet.available = false;
    }
  }
  if (row.customerId) {
    const others = await listCases(desk, agent, { customerId: row.customerId, limit: 10 });
    context.otherCases = others.items.filter((c) => c.id !== row.id);
  }
  return context;
}
