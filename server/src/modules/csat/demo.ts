import { eq } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { Locale } from '../../kernel/i18n.js';
import { createCase, postMessage, updateCase } from '../cases/service.js';
import { agents, customers } from '../identity/schema.js';
import { satisfactionSurveys } from './schema.js';
import { answerSurvey, offerSurvey } from './service.js';

/** Conversations a person resolved and the customer rated, so the Satisfaction screen shows real figures. */
const rated: { customer: string; agent: string; locale: Locale; subject: string; category: string; ask: string; answer: string; score: number; comment: string }[] = [
  {
    customer: 'alice@demo.sapa.test',
    agent: 'rina@demo.sapa.test',
    locale: 'en',
    subject: 'Cashback not credited',
    category: 'funds_not_received',
    ask: 'I paid with QRIS yesterday and the promo said 10% cashback, but I got nothing. Can you check?',
    answer: 'Hi Alice, the cashback of Rp5.000 was credited this morning (TX-CB-3002). Cashback arrives within 24 hours of the payment.',
    score: 5,
    comment: 'Quick and clear, thank you Rina!',
  },
  {
    customer: 'wang.fang@demo.sapa.test',
    agent: 'liwei@demo.sapa.test',
    locale: 'zh-CN',
    subject: 'Tokopedia 付款失败，钱被扣了吗',
    category: 'payment_failed',
    ask: '我在 Tokopedia 付款显示失败，但是余额好像少了，钱被扣了吗？',
    answer: '王女士您好，这笔付款（TX-PAY-2002）已经撤销，Rp75.000 已退回您的余额，您可以在交易记录里看到。给您带来不便非常抱歉。',
    score: 2,
    comment: '问题解决了，但是等了很久才有人回复。',
  },
];

export async function seedDemoSurveys(desk: Desk): Promise<void> {
  if ((await desk.db.select({ id: satisfactionSurveys.id }).from(satisfactionSurveys).limit(1)).length) return;
  for (const r of rated) {
    const [customer] = await desk.db.select({ id: customers.id }).from(customers).where(eq(customers.email, r.customer));
    const [agent] = await desk.db.select({ id: agents.id, role: agents.role }).from(agents).where(eq(agents.email, r.agent));
    if (!customer || !agent) continue;
    const asCustomer: Principal = { kind: 'customer', customerId: customer.id, locale: r.locale, sessionId: 'demo' };
    const asAgent: Principal = { kind: 'agent', agentId: agent.id, role: agent.role, locale: r.locale, sessionId: 'demo' };
    const opened = await createCase(desk, asCustomer, { subject: r.subject, category: r.category, channel: 'web', message: { body: r.ask, clientMessageId: `demo-csat-${r.customer}` } });
    await postMessage(desk, asAgent, opened.case.id, { body: r.answer, clientMessageId: `demo-csat-answer-${r.customer}` });
    await updateCase(desk, asAgent, opened.case.id, { assigneeId: agent.id });
    const resolved = await updateCase(desk, asAgent, opened.case.id, { status: 'resolved' });
    // The resolution's own listener offers it too; the case lock leaves one survey, whichever ran first.
    const survey =
      (await offerSurvey(desk, resolved, agent.id)) ??
      (await desk.db.select().from(satisfactionSurveys).where(eq(satisfactionSurveys.caseId, opened.case.id)))[0];
    if (survey) await answerSurvey(desk, survey.token, { score: r.score, comment: r.comment });
  }
}
