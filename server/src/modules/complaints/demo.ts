import { eq } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { createCase, postMessage } from '../cases/service.js';
import { agents, customers } from '../identity/schema.js';
import { addWorkingDays, type Holiday } from '../support/hours.js';
import { holidays } from '../support/service.js';
import { complaints } from './schema.js';
import { registerComplaint } from './service.js';

/**
 * A formal complaint received 18 working days ago and not yet answered, so the complaints list shows one coming due
 * (two working days left, inside the warning's three).
 */
function workingDaysAgo(days: number, zone: string, daysOff: Holiday[]): Date {
  const now = new Date();
  let at = now;
  while (addWorkingDays(at, days, zone, daysOff) > now) at = new Date(at.getTime() - 86400_000);
  return at;
}

export async function seedDemoComplaints(desk: Desk): Promise<void> {
  if ((await desk.db.select({ id: complaints.id }).from(complaints).limit(1)).length) return;
  const [customer] = await desk.db.select({ id: customers.id }).from(customers).where(eq(customers.email, 'budi@demo.sapa.test'));
  const [agent] = await desk.db.select({ id: agents.id, role: agents.role }).from(agents).where(eq(agents.email, 'rina@demo.sapa.test'));
  if (!customer || !agent) return;
  const asCustomer: Principal = { kind: 'customer', customerId: customer.id, locale: 'id-ID', sessionId: 'demo' };
  const asAgent = { kind: 'agent', agentId: agent.id, role: agent.role, locale: 'id-ID', sessionId: 'demo' } as const;
  const opened = await createCase(desk, asCustomer, {
    subject: 'Komplain resmi: refund Rp150.000 belum masuk',
    category: 'payment_failed',
    channel: 'web',
    message: {
      body: 'Saya mau komplain resmi. Pembayaran saya di merchant gagal tanggal 3 November tapi saldo terpotong Rp150.000 dan sampai sekarang refund belum masuk. Sudah 3 kali chat CS tidak ada kejelasan.',
      clientMessageId: 'demo-complaint-budi',
    },
  });
  await postMessage(desk, asAgent, opened.case.id, {
    body: 'Mohon maaf atas ketidaknyamanannya, Pak Budi. Pengaduan Anda kami catat sebagai pengaduan resmi dan akan ditinjau oleh tim pengaduan.',
    clientMessageId: 'demo-complaint-budi-answer',
  });
  await registerComplaint(desk, asAgent, opened.case.id, {
    summary: 'Payment at a merchant failed on 3 November but Rp150.000 was debited; refund still not credited after three chats. Wants the refund and an explanation.',
    desiredOutcome: 'Refund Rp150.000 ke saldo dan penjelasan tertulis',
    receivedAt: workingDaysAgo(18, desk.config.SAPA_TIMEZONE, await holidays(desk)),
    idempotencyKey: 'demo-complaint-budi',
  });
}
