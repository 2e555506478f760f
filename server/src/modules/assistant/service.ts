import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { IntentModel, loadShippedModel, type Classification, type Lang } from '../../../../nlu/src/index.js';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import { createCase, getCase, listCaseMessages, listCases, postMessage, systemPrincipal, updateCase } from '../cases/service.js';
import { getCustomer, visitorCustomerId } from '../identity/service.js';
import { articlesForIntent, type ArticleLink } from '../kb/service.js';
import { statusSummary } from '../status/service.js';
import { supportChannels } from '../support/service.js';
import type { TransactionType, WalletAccount, WalletTransaction } from '../wallet/adapter.js';
import { WalletUnavailableError } from '../wallet/adapter.js';
import { wallet } from '../wallet/service.js';
import { guideFor } from './guides.js';
import './messages.js';
import { assistantConversations, assistantExamples } from './schema.js';

const MODEL = Symbol('assistant.model');

/** The intent model of this node: the shipped one, loaded once at start. */
export function intentModel(desk: Desk): Promise<IntentModel> {
  return moduleState(desk, MODEL, () => loadShippedModel());
}

const localeOf = (lang: Lang): Locale => (lang === 'zh' ? 'zh-CN' : lang === 'id' ? 'id-ID' : 'en');
const langOf = (locale: Locale): Lang => (locale === 'zh-CN' ? 'zh' : locale === 'id-ID' ? 'id' : 'en');

export async function classify(desk: Desk, text: string, locale?: string): Promise<Classification> {
  const model = await intentModel(desk);
  const hinted = toLocale(locale);
  const c = model.classify(text);
  // A very short text says little about its language: trust the page's locale then.
  if (hinted && text.trim().length < 8 && !/[\u3400-\u9fff]/.test(text)) return { ...c, lang: langOf(hinted) };
  return c;
}

// ------------------------------------------------------------------------------------------ the conversation

/** Words that tell the customer is upset: shouting, swearing, "worst", "scam", in three languages. */
const ANGER = /(!{3,}|\b(wtf|damn|stupid|useless|worst|scam|ridiculous|unacceptable|anjing|bangsat|goblok|bego|tolol|kecewa(?: banget)?|parah|penipu(?:an)?|brengsek|sialan)\b|垃圾|骗子|气死|太差|什么破|投诉你们|坑人|无语)/i;
export function soundsAngry(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length >= 12 && letters === letters.toUpperCase();
  return shouting || ANGER.test(text);
}

/** Intents that always go to a person; the rest go when the customer asks, is angry, or we are unsure twice. */
const ALWAYS_HANDOFF = new Set(['human_agent', 'complaint', 'unauthorized_transaction', 'account_locked']);
const PRIORITY: Record<string, 'high' | 'urgent'> = { unauthorized_transaction: 'urgent', account_locked: 'high', complaint: 'high', phishing_report: 'high' };
const WALLET_TYPES: Record<string, TransactionType[]> = {
  topup_failed: ['topup'],
  payment_failed: ['payment'],
  transfer_failed: ['transfer_out', 'refund'],
  funds_not_received: ['transfer_in', 'refund', 'withdrawal', 'cashback'],
  unauthorized_transaction: ['payment', 'transfer_out', 'withdrawal'],
};
// A top-up still pending after this long is no longer "normal": an agent should trace it.
const PENDING_TOO_LONG_MIN = 60;
const LOW_CONFIDENCE = 0.45;

export interface AssistantInput {
  text: string;
  caseId?: string;
  locale?: string;
  clientMessageId?: string;
}

export interface AssistantReply {
  intent: string;
  confidence: number;
  lang: Lang;
  reply: string;
  articles: ArticleLink[];
  handoff: boolean;
  caseId: string;
  reference: string;
}

interface Turn {
  locale: Locale;
  intent: string;
  lines: string[];
  findings: string[];
  handoff: boolean;
}

function ago(locale: Locale, iso: string): string {
  const minutes = Math.max(1, Math.round((Date.now() - Date.parse(iso)) / 60000));
  if (minutes < 60) return t(locale, 'assistant.ago.minutes', { n: minutes });
  if (minutes < 48 * 60) return t(locale, 'assistant.ago.hours', { n: Math.round(minutes / 60) });
  return t(locale, 'assistant.ago.days', { n: Math.round(minutes / 1440) });
}

/** Money in minor units (API.md), shown the way the customer's locale writes it. */
// ISO 4217 exponents that differ from 2 (ICU's display digits differ: it shows IDR without decimals, but the
// wallet's minor unit of IDR is still 1/100).
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, UGX: 0, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  const digits = EXPONENTS[currency] ?? 2;
  const major = amount / 10 ** digits;
  const whole = Number.isInteger(major);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits }).format(major);
}

export function describeTransaction(locale: Locale, tx: WalletTransaction): string {
  const reasonKey = `assistant.reason.${tx.failureReason ?? 'unknown'}`;
  const reason = t(locale, reasonKey) === reasonKey ? (tx.failureReason ?? t(locale, 'assistant.reason.unknown')) : t(locale, reasonKey);
  const vars = {
    ref: tx.ref,
    amount: formatMoney(locale, tx.money.amount, tx.money.currency),
    method: tx.method ?? '—',
    counterparty: tx.counterparty ?? '—',
    ago: ago(locale, tx.createdAt),
    reason,
    type: tx.type,
    status: tx.status,
  };
  const tooLong = tx.type === 'topup' && tx.status === 'pending' && Date.now() - Date.parse(tx.createdAt) > PENDING_TOO_LONG_MIN * 60_000;
  const key = `assistant.tx.${tx.type}.${tooLong ? 'pending_long' : tx.status}`;
  const text = t(locale, key, vars);
  return text === key ? t(locale, 'assistant.tx.other', vars) : text;
}

async function walletOf(desk: Desk, p: Principal): Promise<string | null> {
  const customerId = p.kind === 'customer' ? p.customerId : p.kind === 'visitor' ? await visitorCustomerId(desk, p.visitorId) : null;
  if (!customerId) return null;
  return (await getCustomer(desk, customerId))?.walletRef ?? null;
}

/** Adds what the wallet knows to the turn. Never invents: no wallet link or no data means we ask or hand over. */
async function lookUpWallet(desk: Desk, p: Principal, turn: Turn, transactionRef: string | null): Promise<{ account?: WalletAccount; needsAgent: boolean; known: boolean }> {
  const walletRef = await walletOf(desk, p);
  if (!walletRef) return { needsAgent: false, known: false };
  const adapter = wallet(desk);
  try {
    const types = WALLET_TYPES[turn.intent];
    const account = await adapter.getAccount(walletRef);
    let needsAgent = false;
    if (types) {
      let txs = await adapter.listTransactions(walletRef, { types, limit: 5 });
      if (transactionRef) {
        const referenced = await adapter.getTransaction(walletRef, transactionRef);
        if (referenced) txs = [referenced, ...txs.filter((x) => x.ref !== referenced.ref)];
      }
      const recent = txs.filter((x) => Date.now() - Date.parse(x.createdAt) < 14 * 86400_000).slice(0, 3);
      if (recent.length) {
        turn.lines.push(t(turn.locale, 'assistant.looked_up'));
        for (const tx of recent) {
          const line = describeTransaction(turn.locale, tx);
          turn.lines.push(`• ${line}`);
          turn.findings.push(line);
          if (tx.status === 'pending' && Date.now() - Date.parse(tx.createdAt) > PENDING_TOO_LONG_MIN * 60_000) needsAgent = true;
          if (tx.status === 'failed' && turn.intent === 'transfer_failed') needsAgent = needsAgent || !txs.some((r) => r.type === 'refund' && r.counterparty?.includes(tx.ref));
        }
      } else {
        turn.lines.push(t(turn.locale, 'assistant.tx.none', { what: types.join('/') }));
      }
    }
    if (account && account.state !== 'active') {
      const reasonKey = `assistant.account.reason.${account.stateReason ?? ''}`;
      const reason = t(turn.locale, reasonKey) === reasonKey ? (account.stateReason ?? '—') : t(turn.locale, reasonKey);
      const line = t(turn.locale, account.state === 'locked' || account.state === 'closed' ? 'assistant.account.locked' : 'assistant.account.restricted', { reason });
      turn.lines.push(line);
      turn.findings.push(line);
    } else if (account && (turn.intent === 'account_locked' || turn.intent === 'login_problem')) {
      turn.lines.push(t(turn.locale, 'assistant.account.active'));
      turn.findings.push(`account ${account.walletRef}: active`);
    }
    return { account, needsAgent, known: true };
  } catch (error) {
    if (!(error instanceof WalletUnavailableError)) throw error;
    turn.findings.push('wallet backend unavailable during lookup');
    return { needsAgent: true, known: false };
  }
}

async function addStatus(desk: Desk, turn: Turn): Promise<void> {
  const status = await statusSummary(desk, turn.locale);
  const issues = status.components.filter((c) => c.status !== 'operational');
  if (!issues.length && !status.incidents.length) {
    turn.lines.push(t(turn.locale, 'assistant.status.ok'));
    return;
  }
  for (const incident of status.incidents) turn.lines.push(`• ${t(turn.locale, 'assistant.status.incident', { title: incident.title })}`);
  for (const c of issues) turn.lines.push(`• ${t(turn.locale, 'assistant.status.issue', { name: c.name, state: t(turn.locale, `status.state.${c.status}`) })}`);
  turn.findings.push(`status: ${issues.map((c) => `${c.id}=${c.status}`).join(', ')}`);
}

async function addChannels(desk: Desk, turn: Turn, p: Principal): Promise<void> {
  const { items } = await supportChannels(desk, turn.locale, p);
  for (const c of items) {
    const availability = c.available ? `${t(turn.locale, 'assistant.channel.available')} · ${c.hours}` : `${t(turn.locale, 'assistant.channel.unavailable')}${c.reason ? ` (${c.reason})` : ''}`;
    turn.lines.push(`• ${t(turn.locale, 'assistant.channels.item', { name: c.name, availability })}${c.contact ? ` · ${c.contact}` : ''}`);
  }
}

async function addOwnCases(desk: Desk, turn: Turn, p: Principal, currentCaseId: string): Promise<void> {
  const { items } = await listCases(desk, p, { status: ['open', 'pending'], limit: 5 });
  const others = items.filter((c) => c.id !== currentCaseId);
  if (!others.length) {
    turn.lines.push(t(turn.locale, 'assistant.cases.none'));
    return;
  }
  for (const c of others) {
    turn.lines.push(`• ${t(turn.locale, 'assistant.cases.item', { reference: c.reference, subject: c.subject ?? '—', status: c.status, ago: ago(turn.locale, c.updatedAt) })}`);
  }
}

/** When a person will answer: live chat's hours and expected reply time, from the live channel list. */
async function handoffTiming(desk: Desk, locale: Locale, p: Principal): Promise<string> {
  const { items } = await supportChannels(desk, locale, p);
  const chat = items.find((c) => c.id === 'live_chat');
  if (chat && chat.openNow) return t(locale, 'assistant.handoff.hours_open', { time: chat.expectedResponse });
  const next = chat?.nextOpenAt ? new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: desk.config.SAPA_TIMEZONE, timeZoneName: 'short' }).format(new Date(chat.nextOpenAt)) : chat?.hours ?? '';
  return t(locale, 'assistant.handoff.hours_closed', { time: next });
}

const TRANSACTION_DETAILS = /(\d[\d.,]*\s*(rb|ribu|k|jt|juta|万|元|rp|idr)|rp\s*\d|\b\d{1,2}[:.]\d{2}\b|\b(kemarin|tadi|yesterday|today|hari ini|jam)\b|昨天|今天|点|TX-[A-Z0-9-]+)/i;

/**
 * One turn of the assistant: classify, remember the case, look up what the wallet and the status page know,
 * answer in the customer's language, and hand over to a person when that is what helps.
 */
export async function converse(desk: Desk, p: Principal, input: AssistantInput): Promise<AssistantReply> {
  if (p.kind === 'agent') throw new AppError(403, 'forbidden');
  const c = await classify(desk, input.text, input.locale);
  const locale = localeOf(c.lang);
  const clientMessageId = input.clientMessageId ?? `assistant-in:${randomUUID()}`;

  // The customer's words are part of the case from the first turn: nothing said to the assistant is lost.
  let caseId = input.caseId;
  let reference: string;
  let transactionRef: string | null = null;
  if (caseId) {
    const existing = await getCase(desk, p, caseId);
    reference = existing.reference;
    transactionRef = existing.transactionRef;
    await postMessage(desk, p, caseId, { body: input.text, clientMessageId });
  } else {
    const created = await createCase(desk, p, {
      subject: input.text.slice(0, 80),
      category: c.intent,
      locale,
      message: { body: input.text, clientMessageId },
      tags: ['assistant'],
    });
    caseId = created.case.id;
    reference = created.case.reference;
  }
  const [state] = await desk.db.select().from(assistantConversations).where(eq(assistantConversations.caseId, caseId));
  const unsure = c.confidence < LOW_CONFIDENCE || c.intent === 'out_of_scope';
  // Details given after the assistant asked for them belong to the question it asked.
  const answeringQuestion = state?.awaiting === 'transaction_details' && TRANSACTION_DETAILS.test(input.text);
  const intent = answeringQuestion && state?.intent ? state.intent : c.intent;
  const lowTurns = answeringQuestion ? 0 : unsure ? (state?.lowConfidenceTurns ?? 0) + 1 : 0;

  const turn: Turn = { locale, intent, lines: [], findings: [...((state?.findings as string[] | undefined) ?? [])], handoff: false };
  const guide = guideFor(locale, intent);
  let awaiting: string | null = null;

  if (unsure && !answeringQuestion) {
    turn.lines.push(t(locale, 'assistant.unsure'));
  } else {
    if (guide.cause) turn.lines.push(guide.cause);
    const wallet = WALLET_TYPES[intent] || intent === 'account_locked' || intent === 'login_problem' ? await lookUpWallet(desk, p, turn, transactionRef) : undefined;
    if (intent === 'service_status' || intent === 'support_unreachable') await addStatus(desk, turn);
    if (guide.steps.length) turn.lines.push(...guide.steps.map((s) => `• ${s}`));
    if (intent === 'contact_channels' || intent === 'service_hours' || intent === 'phishing_report' || intent === 'support_unreachable') await addChannels(desk, turn, p);
    if (intent === 'case_followup') await addOwnCases(desk, turn, p, caseId);
    if (wallet?.needsAgent) turn.handoff = true;
    if (WALLET_TYPES[intent] && !wallet?.known && !answeringQuestion && intent !== 'unauthorized_transaction') {
      // Nothing to read from the wallet: ask for what an agent needs to trace it, then hand over with it.
      turn.lines.push(t(locale, p.kind === 'visitor' ? 'assistant.ask.sign_in' : 'assistant.ask.details'));
      awaiting = 'transaction_details';
    } else if (answeringQuestion) {
      turn.findings.push(`customer says: ${input.text.slice(0, 300)}`);
      turn.handoff = true;
    }
    if (guide.next && !turn.handoff) turn.lines.push(guide.next);
    if (intent === 'phishing_report') turn.lines.push(t(locale, 'assistant.recorded', { reference }));
  }
  const wantsPerson = ALWAYS_HANDOFF.has(intent) && !unsure;
  const handoff = !state?.handedOff && (turn.handoff || wantsPerson || soundsAngry(input.text) || lowTurns >= 2);
  const alreadyHandedOff = Boolean(state?.handedOff);
  if (handoff) {
    if (guide.next && wantsPerson && !turn.lines.includes(guide.next)) turn.lines.push(guide.next);
    turn.lines.push(t(locale, 'assistant.handoff', { reference }));
    turn.lines.push(await handoffTiming(desk, locale, p));
  }

  const articles = unsure ? [] : (await articlesForIntent(desk, intent, locale)).slice(0, 3);
  if (articles.length) turn.lines.push(t(locale, 'assistant.articles'), ...articles.map((a) => `• ${a.title}: ${a.url}`));
  const reply = turn.lines.join('\n');

  await postMessage(desk, systemPrincipal, caseId, {
    body: reply,
    clientMessageId: `assistant-out:${clientMessageId}`,
    authorKind: 'assistant',
    metadata: { intent, confidence: Number(c.confidence.toFixed(4)), lang: c.lang, ranking: c.ranking.slice(0, 3), handoff, articles: articles.map((a) => a.slug) },
  });

  const values = { intent, lang: c.lang, lowConfidenceTurns: lowTurns, awaiting, handedOff: alreadyHandedOff || handoff, findings: turn.findings.slice(-20), updatedAt: new Date() };
  await desk.db.insert(assistantConversations).values({ caseId, ...values }).onConflictDoUpdate({ target: assistantConversations.caseId, set: values });

  if (handoff) await handOver(desk, caseId, intent, c, locale, turn.findings, input.text);
  else if (!unsure && intent !== 'out_of_scope') await updateCase(desk, systemPrincipal, caseId, { category: intent, language: locale }, { kind: 'assistant', id: null });

  return { intent, confidence: c.confidence, lang: c.lang, reply, articles, handoff: handoff || alreadyHandedOff, caseId, reference };
}

/** Puts the case in the agents' queue with what the assistant learned, as an internal note. */
async function handOver(desk: Desk, caseId: string, intent: string, c: Classification, locale: Locale, findings: string[], lastText: string) {
  const current = await getCase(desk, systemPrincipal, caseId);
  await updateCase(
    desk,
    systemPrincipal,
    caseId,
    {
      status: 'open',
      category: intent === 'out_of_scope' ? current.category : intent,
      language: locale,
      priority: PRIORITY[intent] ?? (soundsAngry(lastText) ? 'high' : current.priority),
      tags: [...new Set([...(current.tags ?? []), 'handoff', ...(soundsAngry(lastText) ? ['upset'] : [])])],
    },
    { kind: 'assistant', id: null },
  );
  const summary = [
    `Assistant handoff · intent ${intent} (${Math.round(c.confidence * 100)}%) · language ${locale}`,
    `Ranking: ${c.ranking
      .slice(0, 3)
      .map((r) => `${r.intent} ${Math.round(r.confidence * 100)}%`)
      .join(', ')}`,
    ...(findings.length ? ['Looked up:', ...findings.map((f) => `- ${f}`)] : ['Nothing could be looked up in the wallet for this customer.']),
    `Last message: “${lastText.slice(0, 500)}”`,
  ].join('\n');
  await postMessage(desk, systemPrincipal, caseId, { body: summary, clientMessageId: `assistant-handoff:${caseId}:${Date.now()}`, internal: true, authorKind: 'system' });
}

// ------------------------------------------------------------------------------------------ corrections

/** An agent corrects the intent of a customer message: stored as a training example, and the case re-categorised. */
export async function correctIntent(desk: Desk, agent: Principal, input: { caseId: string; messageId?: string; intent: string }) {
  if (agent.kind !== 'agent') throw new AppError(403, 'forbidden');
  const model = await intentModel(desk);
  if (!model.intents.includes(input.intent)) throw new AppError(400, 'invalid_input', undefined, [{ field: 'body.intent', message: `one of ${model.intents.join(', ')}` }]);
  const kase = await getCase(desk, agent, input.caseId);
  const messages = (await listCaseMessages(desk, agent, kase.id, 0, 500)).items;
  const target = input.messageId ? messages.find((m) => m.id === input.messageId) : messages.find((m) => m.author.kind === 'customer' || m.author.kind === 'visitor');
  if (!target || target.internal || (target.author.kind !== 'customer' && target.author.kind !== 'visitor')) throw notFound('message');
  const reply = messages.find((m) => m.author.kind === 'assistant' && m.seq > target.seq);
  const previous = (reply?.metadata?.intent as string | undefined) ?? kase.category;
  const id = randomUUID();
  await desk.db.insert(assistantExamples).values({
    id,
    text: target.body,
    intent: input.intent,
    previousIntent: previous,
    confidence: typeof reply?.metadata?.confidence === 'number' ? reply.metadata.confidence : null,
    lang: model.classify(target.body).lang,
    source: 'agent_correction',
    caseId: kase.id,
    messageId: target.id,
    createdBy: agent.agentId,
  });
  await updateCase(desk, agent, kase.id, { category: input.intent });
  return { id, text: target.body, intent: input.intent, previousIntent: previous };
}

export async function listExamples(desk: Desk, limit = 500) {
  return desk.db.select().from(assistantExamples).orderBy(desc(assistantExamples.createdAt)).limit(limit);
}
