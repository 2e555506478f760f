import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { inSimplified, inTraditionalWording, IntentModel, lexiconScores, OUT_OF_SCOPE, type Classification, type Lang, writesSimplified, writesTraditional } from '../../../../nlu/src/index.js';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import { clip } from '../../kernel/text.js';
import { createCase, getCase, listCaseMessages, listCases, postMessage, subjectFrom, systemPrincipal, updateCase } from '../cases/service.js';
import { ASSISTANT_TAG, HANDOFF_TAG, withAssistant, type CaseView } from '../cases/views.js';
import { hostOf, isOfficialHost, linksIn, phonesIn } from '../forum/guard.js';
import { officialChannels } from '../forum/service.js';
import { getCustomer, normalisePhone, visitorCustomerId } from '../identity/service.js';
import { articleSection, articlesBySlug, articlesForIntent, popularArticles, type ArticleLink } from '../kb/service.js';
import { caseComplaint } from '../complaints/service.js';
import { formatTime, statusSummary, type IncidentView, type StatusSummary } from '../status/service.js';
import { addWorkingDays, opensEveryDay, type Holiday } from '../support/hours.js';
import { agentHours, effectiveChannels, holidays, securityLine, supportChannels, upcoming, walletName, type ChannelItem } from '../support/service.js';
import type { TransactionType, WalletAccount, WalletTransaction } from '../wallet/adapter.js';
import { WalletUnavailableError } from '../wallet/adapter.js';
import { wallet } from '../wallet/service.js';
import { asksAboutDaysOff, asksAboutSocialMedia, asksForChannel, asksForPerson, asksForPhone, asksForRemote, asksHowTo, asksSecuritySetting, asksPermission, asksWhen, asksSomething, asksWhoIsThere, asksToCancel, asksToMoveMoney, asksToSendBack, asksWhenOrWhatNow, chargedTwice, clausesOf, deniesMaking, gaveScreenAway, givesAmount, givesTime, type HelpQuestion, longWait, mentionsAnother, mentionsLegalAction, mentionsRegulator, mentionsSafeAccount, moneyCameIn, namesWithdrawal, notArrived, type ReachCause, reachCauses, reportsTakeover, saysLittle, saysLittleAboutLanguage, type SecuritySetting, sentMoneyBack, sharedScreen, smallTalk, soundsAngry, updateNotOffered, waitingForReply } from './cues.js';
import { guideFor } from './guides.js';
import { intentModel } from './model.js';
import { LOW_CONFIDENCE, readTurn, WALLET_TYPES } from './reading.js';
import './messages.js';
import { assistantConversations, assistantExamples } from './schema.js';


const tiedLanguages = (text: string) => {
  const { id, en } = lexiconScores(text);
  return id === en;
};
const localeOf = (lang: Lang): Locale => (lang === 'zh' ? 'zh-CN' : lang === 'id' ? 'id-ID' : 'en');
const langOf = (locale: Locale): Lang => (locale === 'zh-CN' ? 'zh' : locale === 'id-ID' ? 'id' : 'en');

/**
 * `conversationLang` is the language the customer has been writing in on this case: a short reply keeps it, so an
 * Indonesian conversation does not switch to English at "oke" (the page's locale is only a weaker hint).
 */
export async function classify(desk: Desk, text: string, locale?: string, conversationLang?: Lang): Promise<Classification> {
  const model = await intentModel(desk);
  const hinted = toLocale(locale);
  const c = withQuestion(model, readable(text));
  if (conversationLang && saysLittleAboutLanguage(text)) return { ...c, lang: conversationLang };
  // A very short text says little about its language: trust the page's locale then. So does a short one whose words
  // are as much one language's as the other's ("refund TX-RFD-1004 kapan cair?").
  if (hinted && !/[\u3400-\u9fff]/.test(text) && (text.trim().length < 8 || (saysLittleAboutLanguage(text) && tiedLanguages(text)))) return { ...c, lang: langOf(hinted) };
  return c;
}

/**
 * What the classifier reads of a long message: its opening, which says what it is about, and its end, which says what
 * the customer wants. The whole message is kept on the case; reading 20,000 characters would only blur the intent.
 */
const READ_HEAD = 1500;
const READ_TAIL = 500;
export function readable(text: string): string {
  if (text.length <= READ_HEAD + READ_TAIL) return text;
  const tailStart = text.length - READ_TAIL;
  return `${clip(text, READ_HEAD)}\n…\n${text.slice(/[\udc00-\udfff]/.test(text[tailStart]) ? tailStart + 1 : tailStart)}`;
}

/**
 * A story told over several sentences ("…changed my phone… tried the forgot-password link twice. What should I do to
 * unlock my account?") blurs the intent of the whole; its last sentence is usually the question. When the whole is a
 * close call and that sentence is confidently one of its three likeliest intents, the two readings are averaged: the
 * question settles the close call, but never overrules a clear reading ("what are your official channels? I am
 * afraid of fake accounts" stays contact_channels). On `sapa-test.csv` this changes nothing (75 rows have several
 * sentences); on the 171 shared examples it turns one wrong answer right.
 */
const CLOSE_CALL = 0.7;
const QUESTION_CONFIDENCE = 0.8;
function withQuestion(model: IntentModel, text: string): Classification {
  const whole = model.classify(text);
  if (whole.confidence >= CLOSE_CALL) return whole;
  const sentences = [...new Intl.Segmenter(whole.lang === 'zh' ? 'zh' : whole.lang, { granularity: 'sentence' }).segment(text)].map((s) => s.segment.trim()).filter(Boolean);
  if (sentences.length < 2) return whole;
  const question = model.classify(sentences[sentences.length - 1]);
  if (question.intent === OUT_OF_SCOPE || question.confidence < QUESTION_CONFIDENCE) return whole;
  if (!whole.ranking.slice(0, 3).some((r) => r.intent === question.intent)) return whole;
  const of = (c: Classification, intent: string) => c.ranking.find((r) => r.intent === intent)?.confidence ?? 0;
  const ranking = whole.ranking
    .map((r) => ({ intent: r.intent, confidence: (r.confidence + of(question, r.intent)) / 2 }))
    .sort((a, b) => b.confidence - a.confidence || a.intent.localeCompare(b.intent));
  return { ...whole, intent: ranking[0].intent, confidence: ranking[0].confidence, ranking };
}

// ------------------------------------------------------------------------------------------ the conversation

// The help-center article for each cause a customer names when they cannot reach support.
const CAUSE_ARTICLE: Partial<Record<ReachCause, string>> = { network: 'check-your-connection', browser: 'browser-problems' };
// What to do when the app asks for an update the store does not offer, in order.
const UPDATE_MISSING_STEPS = ['assistant.app.update_missing.refresh', 'assistant.app.update_missing.system', 'assistant.app.update_missing.official', 'assistant.app.update_missing.meanwhile'];
// The help-center article whose steps answer "how do I …" for each security setting.
const SETTING_ARTICLE: Record<SecuritySetting, string> = { two_factor: 'two-factor-authentication', password: 'strong-password-and-pin', alerts: 'monitor-account-activity' };
// The troubleshooter's own advice for each cause a customer names (support module, same words as its report).
// (A blocked account is answered from the wallet's state as account_locked, never as advice to appeal a fine one.)
const REMEDY: Partial<Record<ReachCause, string>> = {
  network: 'support.advice.check_connection',
  browser: 'support.advice.update_browser',
  app: 'support.advice.update_app',
  outage: 'support.advice.wait_fix',
};

/** Intents that always go to a person; the rest go when the customer asks, is angry, or we are unsure twice. */
const ALWAYS_HANDOFF = new Set(['human_agent', 'complaint', 'unauthorized_transaction', 'account_locked']);
const PRIORITY: Record<string, 'high' | 'urgent'> = { unauthorized_transaction: 'urgent', account_locked: 'high', complaint: 'high', phishing_report: 'high' };
// How long each kind of transaction may stay pending before it is no longer "normal" and an agent should trace it.
// They follow what the guides tell the customer: a top-up within the hour, incoming money within 1 working day,
// refunds and withdrawals within 1–3 working days (weekends and the desk's holidays do not count).
const NORMAL_PENDING: Record<TransactionType, { minutes: number } | { workingDays: number }> = {
  topup: { minutes: 60 },
  payment: { minutes: 60 },
  transfer_out: { workingDays: 1 },
  transfer_in: { workingDays: 1 },
  refund: { workingDays: 3 },
  withdrawal: { workingDays: 3 },
  cashback: { workingDays: 3 },
};
/** The desk's zone and holidays, which working days are counted in. */
interface WorkingCalendar {
  zone: string;
  holidays: readonly Holiday[];
}
const workingCalendar = async (desk: Desk): Promise<WorkingCalendar> => ({ zone: desk.config.SAPA_TIMEZONE, holidays: await holidays(desk) });
function pendingTooLong(tx: WalletTransaction, calendar: WorkingCalendar): boolean {
  if (tx.status !== 'pending') return false;
  const limit = NORMAL_PENDING[tx.type];
  const since = new Date(tx.createdAt);
  const due = 'minutes' in limit ? new Date(since.getTime() + limit.minutes * 60_000) : addWorkingDays(since, limit.workingDays, calendar.zone, calendar.holidays);
  return Date.now() > due.getTime();
}
export const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
// The status component behind each wallet intent: a customer whose transfer fails during a transfers incident
// should hear about the incident, not only the usual causes.
const COMPONENT: Record<string, string> = {
  topup_failed: 'topup',
  payment_failed: 'payments',
  transfer_failed: 'transfers',
  funds_not_received: 'transfers',
  account_locked: 'login',
  login_problem: 'login',
};


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

/**
 * The wallet names a method in its own words ("BCA virtual account", "debit card"): the common payment words are put
 * in the customer's language, names of banks and shops stay as they are, and unknown methods are shown as given.
 */
const METHOD_WORDS: Record<Exclude<Locale, 'en'>, [RegExp, string][]> = {
  'zh-CN': [
    [/\bvirtual account\b/i, '虚拟账户'],
    [/\bdebit card\b/i, '借记卡'],
    [/\bcredit card\b/i, '信用卡'],
    [/\bbank transfer\b/i, '银行转账'],
    [/\bbalance\b/i, '余额'],
    [/\b(?:minimarket|convenience store|retail store)\b/i, '便利店'],
    [/\bcash\b/i, '现金'],
  ],
  'id-ID': [
    [/\bdebit card\b/i, 'kartu debit'],
    [/\bcredit card\b/i, 'kartu kredit'],
    [/\bbank transfer\b/i, 'transfer bank'],
    [/\bbalance\b/i, 'saldo'],
    [/\b(?:convenience store|retail store)\b/i, 'minimarket'],
    [/\bcash\b/i, 'tunai'],
  ],
};
export function methodIn(locale: Locale, method: string): string {
  if (locale === 'en') return method;
  let text = method;
  for (const [word, translated] of METHOD_WORDS[locale]) text = text.replace(word, translated);
  // Chinese words run together; a Latin name keeps its space next to them ("BCA 虚拟账户").
  return locale === 'zh-CN' ? text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/gu, '') : text;
}

export function describeTransaction(locale: Locale, tx: WalletTransaction): string {
  const reasonKey = `assistant.reason.${tx.failureReason ?? 'unknown'}`;
  const reason = t(locale, reasonKey) === reasonKey ? (tx.failureReason ?? t(locale, 'assistant.reason.unknown')) : t(locale, reasonKey);
  const vars = {
    ref: tx.ref,
    amount: formatMoney(locale, tx.money.amount, tx.money.currency),
    method: tx.method ? methodIn(locale, tx.method) : '—',
    // The wallet's own English ("reversal of TX-TRF-1003") in the customer's language.
    counterparty: tx.counterparty?.replace(/^reversal of (TX-\S+)$/i, (_, ref: string) => t(locale, 'assistant.tx.reversal_of', { ref })) ?? '—',
    ago: ago(locale, tx.createdAt),
    reason,
    type: tx.type,
    status: tx.status,
  };
  // A top-up's limit is on the clock (minutes): no calendar is needed for it.
  const tooLong = tx.type === 'topup' && pendingTooLong(tx, { zone: 'UTC', holidays: [] });
  const key = `assistant.tx.${tx.type}.${tooLong ? 'pending_long' : tx.status}`;
  const text = t(locale, key, vars);
  return text === key ? t(locale, 'assistant.tx.other', vars) : text;
}

async function walletOf(desk: Desk, p: Principal): Promise<string | null> {
  const customerId = p.kind === 'customer' ? p.customerId : p.kind === 'visitor' ? await visitorCustomerId(desk, p.visitorId) : null;
  if (!customerId) return null;
  return (await getCustomer(desk, customerId))?.walletRef ?? null;
}

interface WalletLookup {
  account?: WalletAccount;
  needsAgent: boolean;
  /** The wallet answered for this customer. */
  known: boolean;
  /** Transactions shown to the customer. */
  shown: number;
  /** A reference the customer named that is on their account (to link to the case). */
  linkedRef?: string;
  /** The shown transaction the customer means: named by its reference, or of the amount they gave. */
  matched?: WalletTransaction;
  /** The transactions shown to the customer. */
  shownTxs?: WalletTransaction[];
  /** Asked to cancel a completed payment: told who can refund it instead of why payments fail. */
  cancelAnswered?: boolean;
}

/** A transaction's amount in major units (Rp 48.000 is 48000), as customers write it. */
const majorAmount = (tx: WalletTransaction) => tx.money.amount / 10 ** (EXPONENTS[tx.money.currency] ?? 2);

/** Narrower than the intent's transactions: which ones the question can be about, and what to call them when none is. */
interface WalletFilter {
  types: TransactionType[];
  only: (tx: WalletTransaction) => boolean;
  what: string;
}
// Only money that went out and through can have reached the wrong person (a withdrawal to the wrong bank account too);
// a failed transfer never left, and is refunded.
const COMPLETED_TRANSFERS: WalletFilter = { types: ['transfer_out', 'withdrawal'], only: (tx) => tx.status === 'succeeded', what: 'wrong_recipient' };

/** What else the customer said that decides how a transaction is read: amounts named, a narrower kind, "cancel it". */
interface LookupHints {
  amounts?: number[];
  filter?: WalletFilter;
  /** "Tolong batalin TX-PAY-1002": asked to undo, not said to have failed. */
  cancel?: boolean;
  /** "Kepotong 2x", "charged twice": the customer says one payment was taken twice. */
  twice?: boolean;
}

/** Adds what the wallet knows to the turn. Never invents: no wallet link or no data means we ask or hand over. */
async function lookUpWallet(desk: Desk, p: Principal, turn: Turn, caseRef: string | null, namedRefs: string[], { amounts = [], filter, cancel = false, twice = false }: LookupHints = {}): Promise<WalletLookup> {
  const walletRef = await walletOf(desk, p);
  if (!walletRef) return { needsAgent: false, known: false, shown: 0 };
  const adapter = wallet(desk);
  try {
    const types = filter?.types ?? WALLET_TYPES[turn.intent];
    const account = await adapter.getAccount(walletRef);
    let needsAgent = false;
    let shown = 0;
    let linkedRef: string | undefined;
    let matched: WalletTransaction | undefined;
    let shownTxs: WalletTransaction[] = [];
    let cancelAnswered = false;
    if (types) {
      const calendar = await workingCalendar(desk);
      let txs = await adapter.listTransactions(walletRef, { types, limit: 5 });
      if (filter) txs = txs.filter(filter.only);
      if (turn.intent === 'funds_not_received') {
        // The refund a customer waits for is often a reversed payment or transfer: the money is back in the balance
        // under the original reference, with no refund entry of its own.
        const reversed = (await adapter.listTransactions(walletRef, { types: ['payment', 'transfer_out'], limit: 10 })).filter((x) => x.status === 'reversed');
        txs = [...txs, ...reversed].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      }
      // References the customer named come first, looked up on their own account only (another customer's
      // reference reads as "not on your account", never as that customer's transaction).
      const named: WalletTransaction[] = [];
      for (const ref of [...namedRefs, ...(caseRef && !namedRefs.includes(caseRef) ? [caseRef] : [])].slice(0, 3)) {
        const tx = await adapter.getTransaction(walletRef, ref);
        // The case's own transaction is shown for a question about its kind (not a top-up under a transfer question).
        if (tx && ref === caseRef && !namedRefs.includes(ref) && !types.includes(tx.type)) continue;
        if (tx) named.push(tx);
        else if (namedRefs.includes(ref)) {
          const line = t(turn.locale, 'assistant.tx.not_found', { ref });
          turn.lines.push(line);
          turn.findings.push(`customer named ${ref}: not on this customer's account`);
        }
      }
      if (named.length) {
        linkedRef = named.find((x) => namedRefs.includes(x.ref))?.ref;
        txs = [...named, ...txs.filter((x) => !named.some((n) => n.ref === x.ref))];
      }
      const recent = txs.filter((x) => named.includes(x) || Date.now() - Date.parse(x.createdAt) < 14 * 86400_000).slice(0, 3);
      if (recent.length) {
        turn.lines.push(t(turn.locale, 'assistant.looked_up'));
        for (const tx of recent) {
          const line = describeTransaction(turn.locale, tx);
          turn.lines.push(`• ${line}`);
          turn.findings.push(line);
          // The transaction that makes an agent necessary is the one the case is about: linked, so the agent opens it.
          const traced = pendingTooLong(tx, calendar) || (tx.status === 'failed' && turn.intent === 'transfer_failed' && !txs.some((r) => r.type === 'refund' && r.counterparty?.includes(tx.ref)));
          if (traced) {
            needsAgent = true;
            linkedRef ??= tx.ref;
          }
        }
        shown = recent.length;
        shownTxs = recent;
        // "the 50k did not arrive, the 100k did": of the amounts named, the one not completed is the problem (a payment
        // the wallet completed is still picked when it is the only one: "charged but the shop says unpaid").
        // Of the same amount, the kind asked about first: "yang transfer tadi 500rb" is the transfer, not its refund.
        const kind = (x: WalletTransaction) => (types.includes(x.type) ? types.indexOf(x.type) : types.length);
        const byAmount = recent.filter((x) => amounts.includes(majorAmount(x))).sort((a, b) => kind(a) - kind(b));
        matched = recent.find((x) => namedRefs.includes(x.ref)) ?? byAmount.find((x) => x.status !== 'succeeded') ?? byAmount[0];
        if (matched) {
          linkedRef ??= matched.ref;
          // "It failed" against a wallet that completed it: the money left the balance and the merchant or the
          // recipient says it never came. That is what an agent traces; the guide promises it.
          // So is a withdrawal the wallet completed that the customer's bank says never came.
          const withdrawal = turn.intent === 'funds_not_received' && matched.type === 'withdrawal';
          if (cancel && matched.status === 'succeeded' && matched.type === 'payment') {
            // A completed payment is the merchant's to refund: the customer hears who can, not that it is being traced.
            turn.lines.push(t(turn.locale, 'assistant.cancel.payment', { ref: matched.ref }));
            turn.findings.push(`customer asks to cancel ${matched.ref}, which the wallet shows completed: only the merchant can refund it`);
            cancelAnswered = true;
          } else if (twice && matched.type === 'payment' && byAmount.filter((x) => x.type === 'payment' && x.status === 'succeeded').length === 1) {
            // The wallet took it once: a second debit the customer sees is on their bank's or card's side, or a hold.
            needsAgent = true;
            turn.lines.push(t(turn.locale, 'assistant.tx.charged_once', { ref: matched.ref }));
            turn.findings.push(`customer says ${matched.ref} was charged twice; the wallet shows it once: a second debit would be on the bank or card side`);
          } else if (matched.status === 'succeeded' && (turn.intent === 'payment_failed' || turn.intent === 'transfer_failed' || withdrawal)) {
            needsAgent = true;
            turn.findings.push(`customer says ${matched.ref} failed or did not arrive, but the wallet shows it completed: trace with the ${turn.intent === 'payment_failed' ? 'merchant' : 'receiving bank'}`);
            if (withdrawal) turn.lines.push(t(turn.locale, 'assistant.tx.withdrawal.trace'));
          }
        }
      } else {
        turn.lines.push(t(turn.locale, 'assistant.tx.none', { what: t(turn.locale, `assistant.what.${filter?.what ?? turn.intent}`) }));
        turn.findings.push(`no ${types.join('/')} transactions in the last 14 days`);
      }
    }
    if (!types && account && (turn.intent === 'complaint' || turn.intent === 'human_agent')) {
      // Nothing in particular to look up: the person still gets the account's recent activity, without the customer
      // reading a list they did not ask for.
      const recent = (await adapter.listTransactions(walletRef, { limit: 5 })).filter((x) => Date.now() - Date.parse(x.createdAt) < 14 * 86400_000);
      turn.findings.push(`account ${account.walletRef}: ${account.state}`, ...recent.map((x) => `recent: ${describeTransaction(turn.locale, x)}`));
    }
    if (account && account.state !== 'active') {
      const reasonKey = `assistant.account.reason.${account.stateReason ?? ''}`;
      const reason = t(turn.locale, reasonKey) === reasonKey ? (account.stateReason ?? '—') : t(turn.locale, reasonKey);
      // "Your balance is safe" is not for a customer who says money is gone from it.
      const locked = turn.intent === 'unauthorized_transaction' ? 'assistant.account.locked.loss' : 'assistant.account.locked';
      const line = t(turn.locale, account.state === 'locked' || account.state === 'closed' ? locked : 'assistant.account.restricted', { reason });
      turn.lines.push(line);
      turn.findings.push(line);
    } else if (account && (turn.intent === 'account_locked' || turn.intent === 'login_problem')) {
      turn.lines.push(t(turn.locale, 'assistant.account.active'));
      turn.findings.push(`account ${account.walletRef}: active`);
    }
    return { account, needsAgent, known: true, shown, linkedRef, matched, shownTxs, cancelAnswered };
  } catch (error) {
    if (!(error instanceof WalletUnavailableError)) throw error;
    turn.lines.push(t(turn.locale, WALLET_TYPES[turn.intent] ? 'assistant.wallet.unavailable' : 'assistant.wallet.unavailable_account'));
    turn.findings.push('wallet backend unavailable during lookup');
    return { needsAgent: true, known: false, shown: 0 };
  }
}

/** There is no number for general calls: a callback (when it is on), and the 24-hour security line for emergencies. */
function addPhoneAnswer(turn: Turn, items: ChannelItem[], timeZone: string): void {
  const callback = items.find((c) => c.id === 'phone_callback');
  // Closed for the night is not "not available": the customer hears when callbacks start again.
  const reopens = callback && !callback.available && callback.reasonCode === 'closed' && callback.nextOpenAt ? formatTime(turn.locale, callback.nextOpenAt, timeZone) : undefined;
  turn.lines.push(
    callback?.available ? t(turn.locale, 'assistant.contact.callback', { hours: callback.hours })
    : reopens ? t(turn.locale, 'assistant.contact.callback_closed', { hours: callback!.hours, time: reopens })
    : t(turn.locale, 'assistant.contact.no_phone'),
  );
  const line = items.find((c) => c.id === 'security_line' && c.available)?.contact;
  if (line) turn.lines.push(t(turn.locale, 'assistant.security_line', { contact: line }));
}

/** Every transaction shown ended without moving money (failed or reversed): nothing is on its way. */
const allFailed = (found: WalletLookup | undefined) => Boolean(found?.shownTxs?.length) && (found?.shownTxs ?? []).every((tx) => tx.status === 'failed' || tx.status === 'reversed');

/** The refund, on its way or done, of a payment or transfer that did not go through (or that refund itself). */
function refundOnItsWay(missed: WalletTransaction, shown: WalletTransaction[]): WalletTransaction | undefined {
  if (missed.type === 'refund') return missed.status === 'pending' || missed.status === 'succeeded' ? missed : undefined;
  if ((missed.type !== 'transfer_out' && missed.type !== 'payment') || (missed.status !== 'failed' && missed.status !== 'reversed')) return undefined;
  return shown.find((r) => r.type === 'refund' && r.status !== 'failed' && Boolean(r.counterparty?.includes(missed.ref)));
}

/** When the money the customer misses is a transaction that did not go through and is being refunded, says so. */
function explainRefund(turn: Turn, found: WalletLookup | undefined): boolean {
  const missed = found?.matched;
  const refund = missed ? refundOnItsWay(missed, found.shownTxs ?? []) : undefined;
  if (!missed || !refund) return false;
  turn.lines.push(t(turn.locale, refund.status === 'pending' ? 'assistant.unauthorized.refund' : 'assistant.unauthorized.refunded', { ref: missed.ref, refund: refund.ref, amount: formatMoney(turn.locale, refund.money.amount, refund.money.currency) }));
  turn.findings.push(`the amount the customer misses is ${missed.ref}, which did not go through; its refund ${refund.ref} is ${refund.status}`);
  return true;
}

/** The wallet account's state ('active', 'locked', …), or undefined for a visitor or while the wallet is down. */
async function accountStateOf(desk: Desk, p: Principal): Promise<WalletAccount['state'] | undefined> {
  const walletRef = await walletOf(desk, p);
  if (!walletRef) return undefined;
  try {
    return (await wallet(desk).getAccount(walletRef))?.state;
  } catch (error) {
    if (!(error instanceof WalletUnavailableError)) throw error;
    return undefined;
  }
}

/** Locked or closed: the customer cannot sign in to change a PIN, and nobody else can use the account either. */
const lockedOut = (state: WalletAccount['state'] | undefined) => state === 'locked' || state === 'closed';

/** "How much do I have?": the balance and the last few transactions, from the wallet; never a guess. */
async function addBalance(desk: Desk, turn: Turn, p: Principal): Promise<void> {
  const walletRef = await walletOf(desk, p);
  if (!walletRef) {
    turn.lines.push(t(turn.locale, 'assistant.balance.sign_in'));
    return;
  }
  try {
    const adapter = wallet(desk);
    const account = await adapter.getAccount(walletRef);
    if (!account) {
      turn.lines.push(t(turn.locale, 'assistant.balance.sign_in'));
      return;
    }
    turn.lines.push(t(turn.locale, 'assistant.balance', { amount: formatMoney(turn.locale, account.balance.amount, account.balance.currency) }));
    const recent = (await adapter.listTransactions(walletRef, { limit: 3 })).filter((x) => Date.now() - Date.parse(x.createdAt) < 14 * 86400_000);
    if (recent.length) turn.lines.push(t(turn.locale, 'assistant.balance.recent'), ...recent.map((x) => `• ${describeTransaction(turn.locale, x)}`));
    // A transaction pending too long is described as flagged for an agent: it is, so that is true.
    const calendar = await workingCalendar(desk);
    const overdue = recent.filter((x) => pendingTooLong(x, calendar));
    if (overdue.length) {
      turn.findings.push(...overdue.map((x) => `pending longer than usual: ${describeTransaction(turn.locale, x)}`));
      turn.handoff = true;
    }
    turn.lines.push(t(turn.locale, 'assistant.balance.not_mine'));
  } catch (error) {
    if (!(error instanceof WalletUnavailableError)) throw error;
    turn.lines.push(t(turn.locale, 'assistant.wallet.unavailable_account'));
  }
}

/** The status page in a few lines; returns what it read, for the rest of the turn. */
async function addStatus(desk: Desk, turn: Turn): Promise<StatusSummary> {
  const status = await statusSummary(desk, turn.locale);
  const issues = status.components.filter((c) => c.status !== 'operational');
  // Planned windows too: "any maintenance tonight?" answered "all normal right now" hides the one at 23:00.
  const planned = status.maintenances.map((m) =>
    `• ${t(turn.locale, 'assistant.status.maintenance', { title: m.title, from: formatTime(turn.locale, m.startsAt, desk.config.SAPA_TIMEZONE), until: formatTime(turn.locale, m.endsAt, desk.config.SAPA_TIMEZONE), names: m.components.map((c) => c.name).join(', ') })}`,
  );
  if (!issues.length && !status.incidents.length) {
    turn.lines.push(t(turn.locale, 'assistant.status.ok'), ...planned);
    return status;
  }
  turn.lines.push(...planned);
  // With its phase and latest update: "BCA is working on it" says more than a title.
  for (const incident of status.incidents) turn.lines.push(`• ${t(turn.locale, 'assistant.status.incident', latestOf(turn.locale, incident))}`);
  for (const c of issues) turn.lines.push(`• ${t(turn.locale, 'assistant.status.issue', { name: c.name, state: t(turn.locale, `status.state.${c.status}`) })}`);
  turn.findings.push(`status: ${issues.map((c) => `${c.id}=${c.status}`).join(', ')}`);
  return status;
}

// The help center's articles for the seed's questions about support itself (the common problems: its most read).
const HELP_ARTICLES: Record<Exclude<HelpQuestion, 'faq'>, string[]> = { escalation: ['file-a-complaint', 'escalate-to-regulator'], evidence: ['keep-evidence'], transcript: ['keep-evidence'] };

// Money that comes into the wallet.
const CREDITS = new Set<string>(['transfer_in', 'refund', 'cashback']);

// Conversations whose handover was about an account at risk (money taken, a code given away).
const AT_RISK = new Set(['unauthorized_transaction', 'phishing_report']);

/** An incident's title, phase and latest update (updates come newest first), for the sentences that quote them. */
function latestOf(locale: Locale, incident: IncidentView) {
  const latest = incident.updates[0];
  return { title: incident.title, phase: incident.statusText, ago: ago(locale, latest?.createdAt ?? incident.updatedAt), message: latest?.message ?? '' };
}

/**
 * "When will it be fixed?": as much as the status page says. A maintenance window has a planned end; an incident has
 * none until its cause is fixed, so its phase and latest update are the answer, never an invented time. The incidents
 * and windows on `componentId` (the conversation's top-ups, say) when there are any, else (unless `onlyThere`) every
 * one. False when nothing is going on.
 */
async function addFixTime(desk: Desk, turn: Turn, origin: string, componentId?: string, onlyThere = false): Promise<boolean> {
  const status = await statusSummary(desk, turn.locale);
  const tz = desk.config.SAPA_TIMEZONE;
  const running = status.maintenances.filter((m) => m.status === 'in_progress');
  const on = (components: { id: string }[]) => components.some((c) => c.id === componentId);
  const onComponent = componentId ? [status.incidents.filter((i) => on(i.components)), running.filter((m) => on(m.components))] as const : undefined;
  const [incidents, windows] = onComponent && (onlyThere || onComponent[0].length + onComponent[1].length > 0) ? onComponent : [status.incidents, running];
  if (!incidents.length && !windows.length) return false;
  for (const m of windows) {
    const overrun = Date.parse(m.endsAt) < Date.now();
    turn.lines.push(t(turn.locale, overrun ? 'assistant.eta.maintenance_overrun' : 'assistant.eta.maintenance', { title: m.title, until: formatTime(turn.locale, m.endsAt, tz) }));
  }
  for (const incident of incidents) turn.lines.push(t(turn.locale, 'assistant.eta.incident', latestOf(turn.locale, incident)));
  turn.lines.push(t(turn.locale, 'assistant.eta.follow', { url: `${origin}/status` }));
  turn.findings.push(
    `the customer asks when it will be fixed; told ${[...windows.map((m) => `maintenance "${m.title}" planned to end ${m.endsAt}`), ...incidents.map((i) => `incident "${i.title}" (${i.status}): no time announced`)].join('; ')}`,
  );
  return true;
}

/** An incident or a degraded component behind the customer's problem (a transfer during a transfers outage). */
async function addServiceIssue(desk: Desk, turn: Turn, componentId: string, shown: WalletTransaction[] = [], askedIfDown = false): Promise<void> {
  const status = await statusSummary(desk, turn.locale);
  const component = status.components.find((c) => c.id === componentId);
  const incidents = status.incidents.filter((i) => i.components.some((c) => c.id === componentId));
  if (!component) return;
  if (component.status === 'operational' && !incidents.length) {
    // "Is it down?" deserves an answer either way.
    if (askedIfDown) {
      turn.lines.push(t(turn.locale, 'assistant.status.component_ok', { name: component.name }));
      turn.findings.push(`status: ${componentId}=operational (the customer asked whether it is down)`);
    }
    return;
  }
  const state = t(turn.locale, `status.state.${component.status}`);
  // A problem that began after every transaction shown did not cause them: saying it "may be the cause" of a top-up
  // refused by the card issuer three hours before would be invented. It is still worth knowing for the next try.
  // But a transaction still pending can be held up by it, and an incident is declared some time after it begins:
  // one that settled within the hour before the declaration may be its victim too.
  const DECLARED_LATE_MS = 60 * 60_000;
  const after = (since: string | undefined) =>
    Boolean(since) && shown.length > 0 && shown.every((tx) => tx.status !== 'pending' && Date.parse(tx.createdAt) < Date.parse(since ?? '') - DECLARED_LATE_MS);
  const window = status.maintenances.find((m) => m.status === 'in_progress' && m.components.some((c) => c.id === componentId));
  const lines = incidents.length
    ? incidents.map((i) => t(turn.locale, after(i.createdAt) ? 'assistant.status.related_incident_after' : 'assistant.status.related_incident', { title: i.title, name: component.name, state }))
    : [t(turn.locale, after(window?.startedAt ?? window?.startsAt) ? 'assistant.status.related_issue_after' : 'assistant.status.related_issue', { name: component.name, state })];
  turn.lines.push(...lines);
  turn.findings.push(`status: ${componentId}=${component.status}${incidents.length ? ` (incident: ${incidents.map((i) => i.title).join('; ')})` : ''}`);
}

async function addChannels(desk: Desk, turn: Turn, p: Principal, openOnly = false, contactsOnly = false, listed?: ChannelItem[]): Promise<void> {
  const items = listed ?? (await supportChannels(desk, turn.locale, p)).items;
  const shown = items.filter((c) => !openOnly || c.available);
  const withContact = shown.filter((c) => c.contact);
  // Without any contact configured, the channels themselves are what is official.
  for (const c of contactsOnly && withContact.length ? withContact : shown) {
    // Live chat stays "available" outside agents' hours (the assistant answers), but a customer asking about hours
    // needs to hear that no person is there now and from when one is.
    const availability = !c.available
      ? `${t(turn.locale, 'assistant.channel.unavailable')}${c.reason ? (turn.locale === 'zh-CN' ? `（${c.reason}）` : ` (${c.reason})`) : ''}`
      : !c.openNow
        ? `${c.nextOpenAt ? t(turn.locale, 'assistant.channel.after_hours_until', { time: formatTime(turn.locale, c.nextOpenAt, desk.config.SAPA_TIMEZONE) }) : t(turn.locale, 'assistant.channel.after_hours')} · ${c.hours}`
        : c.agentsOnline === 0
          ? `${t(turn.locale, 'assistant.channel.no_agent_online')} · ${c.hours}`
          : `${t(turn.locale, 'assistant.channel.available')} · ${c.hours}`;
    // "How fast do you reply by email?": an asynchronous channel's usual reply time is part of what it offers.
    const replies = c.available && c.kind === 'async' && c.expectedResponseMinutes > 0 ? ` · ${c.expectedResponse}` : '';
    turn.lines.push(`• ${t(turn.locale, 'assistant.channels.item', { name: c.name, availability })}${replies}${c.contact ? ` · ${c.contact}` : ''}`);
  }
}

// "@sapa_help", a Telegram or Instagram handle; not the part of an e-mail address after its name.
const HANDLE = /(?<![\w.@])@[a-z][a-z0-9_]{3,31}\b/gi;
const EMAIL = /\b[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi;

/**
 * "Is +62 811 2345 678 your number?", "apakah sapa-bantuan.com resmi?", "is @sapa_cs on Telegram you?": a plain yes
 * or no for each number, address, link and handle the customer names, before anything else. Official are the numbers
 * and domains an admin listed (the forum's guard uses the same list), this site, and our channels' own contacts.
 * Returns whether any was named.
 */
async function addOfficialCheck(desk: Desk, turn: Turn, text: string, channels: ChannelItem[], origin: string): Promise<boolean> {
  const emails = [...text.matchAll(EMAIL)].map((m) => m[0]);
  const rest = emails.reduce((left, e) => left.replace(e, ' '), text);
  const phones = phonesIn(rest);
  const links = linksIn(rest);
  const handles = [...rest.matchAll(HANDLE)].map((m) => m[0]);
  if (!emails.length && !phones.length && !links.length && !handles.length) return false;
  const official = await officialChannels(desk);
  const domains = [...official.domains, ...[origin].flatMap((o) => (o ? (hostOf(o) ?? []) : []))].map((d) => d.replace(/^www\./, ''));
  const channelOf = (matches: (contact: string) => boolean) => channels.find((c) => c.contact && matches(c.contact))?.name;
  const verdicts: string[] = [];
  for (const number of phones) {
    const canonical = normalisePhone(number);
    const channel = channelOf((contact) => phonesIn(contact).some((p) => normalisePhone(p) === canonical));
    const ours = Boolean(channel) || official.phones.some((p) => normalisePhone(p) === canonical);
    verdicts.push(t(turn.locale, ours ? (channel ? 'assistant.official.phone_channel' : 'assistant.official.phone_yes') : 'assistant.official.phone_no', { number, channel: channel ?? '' }));
    turn.findings.push(`customer asked about ${number}: ${ours ? `official${channel ? ` (${channel})` : ''}` : 'not one of ours'}`);
  }
  for (const address of emails) {
    const host = address.split('@')[1]!.toLowerCase();
    const channel = channelOf((contact) => contact.toLowerCase() === address.toLowerCase());
    const ours = Boolean(channel) || isOfficialHost(host, domains);
    verdicts.push(t(turn.locale, ours ? 'assistant.official.address_yes' : 'assistant.official.address_no', { address }));
    turn.findings.push(`customer asked about ${address}: ${ours ? 'official' : 'not one of ours'}`);
  }
  for (const link of links) {
    const host = hostOf(link) ?? link;
    const ours = isOfficialHost(host, domains);
    verdicts.push(t(turn.locale, ours ? 'assistant.official.link_yes' : 'assistant.official.link_no', { host }));
    turn.findings.push(`customer asked about ${link}: ${ours ? 'our site' : 'not our site'}`);
  }
  for (const handle of handles) {
    const channel = channelOf((contact) => contact.toLowerCase() === handle.toLowerCase());
    verdicts.push(t(turn.locale, channel ? 'assistant.official.handle_yes' : 'assistant.official.handle_no', { handle, channel: channel ?? '' }));
    turn.findings.push(`customer asked about ${handle}: ${channel ? `official (${channel})` : 'not one of ours'}`);
  }
  turn.lines.unshift(...verdicts);
  return true;
}

/**
 * The customer's open cases that people have (handed over or answered by an agent): the ones a customer waits on.
 * Chats the assistant answered alone ("tell me a joke") are not cases anyone will reply to.
 */
async function openCases(desk: Desk, p: Principal, currentCaseId?: string) {
  const { items } = await listCases(desk, p, { status: ['open', 'pending'], limit: 20 });
  return items.filter((c) => !c.withAssistant || c.id === currentCaseId).slice(0, 5);
}

/** The customer's open cases as lines; `items` when the caller has listed them already. */
async function addOwnCases(desk: Desk, turn: Turn, p: Principal, currentCaseId: string, withCurrent = false, items?: CaseView[]): Promise<number> {
  const all = items ?? (await openCases(desk, p, withCurrent ? currentCaseId : undefined));
  // This conversation is a case of its own; once handed over it is the one the customer waits on, listed first.
  const others = withCurrent ? [...all.filter((c) => c.id === currentCaseId), ...all.filter((c) => c.id !== currentCaseId)] : all.filter((c) => c.id !== currentCaseId);
  if (!others.length) {
    turn.lines.push(t(turn.locale, 'assistant.cases.none'));
    return 0;
  }
  for (const c of others) {
    const status = t(turn.locale, `assistant.case_status.${c.status}`);
    turn.lines.push(`• ${t(turn.locale, 'assistant.cases.item', { reference: c.reference, subject: c.subject ?? '—', status: status.startsWith('assistant.') ? c.status : status, ago: ago(turn.locale, c.updatedAt) })}`);
    // A formal complaint awaiting its answer: the date the customer was promised, as the acknowledgement said it.
    const complaint = await caseComplaint(desk, c.id);
    if (complaint && complaint.status !== 'answered') {
      turn.lines.push(`  ${t(turn.locale, 'assistant.cases.complaint', { complaint: complaint.reference, due: formatTime(turn.locale, complaint.dueAt, desk.config.SAPA_TIMEZONE) })}`);
      turn.findings.push(`${c.reference} is formal complaint ${complaint.reference}, answer due ${complaint.dueAt}${complaint.overdue ? ' (overdue)' : ''}`);
    }
  }
  return others.length;
}

/** The customer's other open cases, after an apology for the wait, for someone who says nobody answers them. */
async function addWaiting(desk: Desk, turn: Turn, p: Principal, currentCaseId: string): Promise<void> {
  turn.lines.push(t(turn.locale, 'assistant.slow.sorry'));
  const items = await openCases(desk, p);
  const others = items.filter((c) => c.id !== currentCaseId);
  if (others.length) {
    turn.lines.push(t(turn.locale, 'assistant.slow.cases'));
    await addOwnCases(desk, turn, p, currentCaseId, false, items);
  } else if (p.kind === 'customer') turn.lines.push(t(turn.locale, 'assistant.slow.no_cases'));
  turn.findings.push(`customer says nobody answers them${others.length ? `; open cases: ${others.map((c) => c.reference).join(', ')}` : '; no other open case under this account'}`);
}

/** "25 December (Christmas Day) and 1 January (New Year)" in the customer's language. */
function holidayList(locale: Locale, days: readonly Holiday[]): string {
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const named = days.map((h) => (locale === 'zh-CN' ? `${date.format(Date.parse(`${h.date}T00:00:00Z`))}（${h.name}）` : `${date.format(Date.parse(`${h.date}T00:00:00Z`))} (${h.name})`));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(named);
}

/** "5 minutes", "2 hours" in the customer's language. */
function duration(locale: Locale, minutes: number): string {
  return minutes < 60 ? t(locale, 'assistant.duration.minutes', { n: minutes }) : t(locale, 'assistant.duration.hours', { n: Math.round(minutes / 60) });
}

/**
 * When a person will answer, from the live channel list: live chat's hours, whether it works, whether any agent is
 * online. Never a reply time that nobody is there to keep.
 */
export async function handoffTiming(desk: Desk, locale: Locale, p: Principal, channel = 'web'): Promise<string> {
  const { items } = await supportChannels(desk, locale, p);
  const chat = items.find((c) => c.id === 'live_chat');
  const tz = desk.config.SAPA_TIMEZONE;
  // On WhatsApp, Telegram or the app the person answers there: live chat's state is not the customer's concern, only
  // when agents work.
  if ((!chat || !chat.available) && channel === 'web') {
    // Switched off, down or in maintenance: agents still answer the case from the desk, during their hours; the
    // customer hears when, and which other doors are open now.
    const hours = chat ?? (await agentHours(desk));
    const when = !hours.openNow && hours.nextOpenAt ? t(locale, 'assistant.handoff.chat_down_until', { time: formatTime(locale, hours.nextOpenAt, tz) }) : t(locale, 'assistant.handoff.chat_down');
    const others = items.filter((c) => c.available && c.kind === 'async' && c.id !== 'account_appeal').map((c) => c.name);
    return others.length ? `${when} ${t(locale, 'assistant.handoff.also_reach', { channels: new Intl.ListFormat(locale, { type: 'disjunction' }).format(others) })}` : when;
  }
  const hours = chat ?? (await agentHours(desk));
  if (!hours.openNow) {
    const time = hours.nextOpenAt ? formatTime(locale, hours.nextOpenAt, tz) : (chat?.hours ?? '');
    return hours.holiday ? t(locale, 'assistant.handoff.holiday', { holiday: hours.holiday, time }) : t(locale, 'assistant.handoff.hours_closed', { time });
  }
  if (!chat) return t(locale, 'assistant.handoff.no_agents');
  if (chat.agentsOnline === 0) return t(locale, 'assistant.handoff.no_agents');
  return t(locale, 'assistant.handoff.hours_open', { time: duration(locale, chat.expectedResponseMinutes) });
}


/**
 * A second wallet problem told in the same message ("transfer ke Siti gagal, dan pembayaran 48rb kepotong"): the
 * classifier names one intent per message, so the clauses are read one by one when the customer says there is more.
 */
async function secondProblem(desk: Desk, text: string, intent: string): Promise<string | undefined> {
  if (!mentionsAnother(text)) return undefined;
  const model = await intentModel(desk);
  for (const clause of clausesOf(text)) {
    const c = model.classify(clause);
    // A wallet problem, or a locked account ("另外我的账户也被锁了"), which a person must take too.
    if (c.intent !== intent && (WALLET_TYPES[c.intent] || c.intent === 'account_locked') && c.intent !== 'unauthorized_transaction' && c.confidence >= 0.8) return c.intent;
  }
  return undefined;
}

/**
 * One turn of the assistant: classify, remember the case, look up what the wallet and the status page know,
 * answer in the customer's language, and hand over to a person when that is what helps. `origin` is the public
 * address of this Sapa: links in the reply must work where the reply is read (the widget on the wallet's site, the
 * app, WhatsApp), not only on Sapa's own pages.
 */
export async function converse(desk: Desk, p: Principal, input: AssistantInput, options: { origin?: string } = {}): Promise<AssistantReply> {
  if (p.kind === 'agent') throw new AppError(403, 'forbidden');
  const clientMessageId = input.clientMessageId ?? `assistant-in:${randomUUID()}`;
  const named = input.caseId ? await getCase(desk, p, input.caseId) : undefined;
  // A closed case is not written on: the conversation goes on in a new case that names the closed one.
  const closed = named?.status === 'closed' ? named : undefined;
  const existing = closed ? undefined : named;
  const [state] = existing ? await desk.db.select().from(assistantConversations).where(eq(assistantConversations.caseId, existing.id)) : [];
  // "🙏" or "ok" says nothing of its language: the page's locale, else the customer's own, is the hint.
  const c = await classify(desk, input.text, input.locale ?? p.locale, state?.lang as Lang | undefined);
  const locale = localeOf(c.lang);
  const origin = (options.origin ?? '').replace(/\/+$/, '');
  const ownWallet = (await walletName(desk)) ?? undefined;
  // The cues are written in Simplified Chinese: "請凍結我的帳戶" must read as "请冻结我的账户" to them too.
  const words = inSimplified(input.text);
  const reading = readTurn(c, words, state, ownWallet);

  // The customer's words are part of the case from the first turn: nothing said to the assistant is lost.
  let caseId: string;
  let reference: string;
  let transactionRef: string | null = null;
  // Where the customer is writing: the widget ('web'), or WhatsApp, Telegram, the app when the assistant answers there.
  const caseChannel = existing?.channel ?? 'web';
  let posted: { created: boolean; message: { seq: number } };
  if (existing) {
    caseId = existing.id;
    reference = existing.reference;
    transactionRef = existing.transactionRef;
    // Marked as the assistant's turn: the triage of messages on cases people have (triage.ts) leaves it to this one.
    posted = await postMessage(desk, p, caseId, { body: input.text, clientMessageId, metadata: { via: 'assistant' } });
  } else {
    const created = await createCase(desk, p, {
      // Filed under what the assistant read, not the classifier's first guess: a balance question is not a loss, a
      // freeze request not a locked account, another company's wallet or words to a model not a top-up problem. When
      // the assistant is unsure, the classifier's guess is the best there is.
      category: reading.unsure && !reading.injection ? c.intent : reading.read,
      locale,
      message: { body: input.text, clientMessageId },
      tags: [ASSISTANT_TAG],
    });
    posted = created;
    caseId = created.case.id;
    reference = created.case.reference;
    if (closed && created.created) {
      await postMessage(desk, systemPrincipal, caseId, { body: `Continues the closed case ${closed.reference} (${closed.subject ?? closed.category ?? '—'}).`, clientMessageId: `assistant-continues:${closed.id}:${clientMessageId}`, internal: true, authorKind: 'system' });
    }
  }
  // A retry of a turn already answered (the reply was lost on a flaky network) gets that answer again; running the
  // turn twice would count it twice (a second "not understood" hands over) and post a second handoff note.
  if (!posted.created) {
    const replay = await replayTurn(desk, caseId, reference, clientMessageId, posted.message.seq);
    if (replay) return replay;
  }
  const { reachedAnyway, alreadyHandedOff, chat, secretGiven, phishingFollowUp, complains, freeze, injection, otherWallet, balanceQuestion, product, help, praise, resolved, retracted, fixTime, safeSoFar, notHelped, changeByAgent, wrongRecipient, incoming, vague, unsure, namedRefs, amounts, ownTransfer, answeringQuestion, sideQuestion, lowTurns, switchedFrom } = reading;
  let { intent, earlierIntent } = reading;

  const turn: Turn = { locale, intent, lines: [], findings: [], handoff: false };
  let guide = guideFor(locale, intent);
  // "ok", "seriously?" or words it could not place do not withdraw the question it asked: the answer may come next.
  let awaiting: string | null = chat || unsure ? (state?.awaiting ?? null) : null;
  let linkedRef: string | undefined;
  let accountState: WalletAccount['state'] | undefined;
  // A locked customer's earlier verification case is the one that unlocks the account: no second one is promised.
  let verificationOpen = false;
  // The classifier's confidence is its own intent's: next to another reading it would mislead the person.
  const classifierSaid = intent === c.intent ? `${Math.round(c.confidence * 100)}%` : `read from the message's words; the classifier said ${c.intent} ${Math.round(c.confidence * 100)}%`;
  let intentNote = `${classifierSaid}${phishingFollowUp ? `; from the conversation (a phishing report), this message alone reads as ${c.intent}` : ''}${ownTransfer ? '; read by the classifier as funds_not_received, but the customer sent the money: their outgoing transfer' : ''}`;
  if (unsure && state?.intent) intentNote = `from the conversation; this message alone reads as ${c.intent} ${Math.round(c.confidence * 100)}%, too unsure to act on`;
  if (injection) intentNote = `an instruction to the assistant ("ignore your instructions…"), not acted on; the classifier read ${c.intent} ${Math.round(c.confidence * 100)}%`;
  let priority: 'normal' | 'high' | 'urgent' | undefined;
  let repeat = false;
  let explainedLoss = false;
  // Help-center articles that fit this turn best, first (by slug): the one for the cause the customer named.
  let preferred: string[] = [];
  let unwanted: string | undefined;
  let alsoIntent: string | undefined;
  let alsoLocked = false;
  let helpArticles: ArticleLink[] | undefined;

  if (chat) {
    // "ok" right after a question is not the end of the conversation: the question still stands.
    // "hello?" after a handover asks where the person is: the case and when they answer, not a fresh welcome.
    if (chat === 'greeting' && alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff.waiting', { reference }), await handoffTiming(desk, locale, p, caseChannel));
    else if (chat === 'picture') turn.lines.push(t(locale, alreadyHandedOff ? 'assistant.after_handoff' : 'assistant.picture', { reference }));
    else {
      // "ok" or 🙏 as the first message thanks for nothing yet: it opens the conversation like a greeting.
      // "Anyone there?" in the middle of a conversation is not a new one: no second introduction.
      const knock = asksWhoIsThere(words);
      const key = knock && state ? 'assistant.presence.here' : chat === 'greeting' || !state ? 'assistant.smalltalk.greeting' : awaiting === 'transaction_details' ? 'assistant.smalltalk.waiting' : 'assistant.smalltalk.thanks';
      turn.lines.push(t(locale, key));
      // "Anyone there?" asks about people: whether one is there now, and that asking is enough to reach them.
      if (knock) turn.lines.push(`${t(locale, 'assistant.presence')}${locale === 'zh-CN' ? '' : ' '}${await handoffTiming(desk, locale, p, caseChannel)}`);
      if (knock && state && awaiting === 'transaction_details') turn.lines.push(t(locale, 'assistant.smalltalk.waiting'));
    }
  } else if (answeringQuestion) {
    // No second copy of the guide: say what was noted and pass it on with the rest.
    intentNote = `from the conversation; this answer alone reads as ${c.intent} ${Math.round(c.confidence * 100)}%`;
    let credited = false;
    if (namedRefs.length) {
      const found = await lookUpWallet(desk, p, turn, null, namedRefs);
      linkedRef = found.linkedRef;
    } else if (amounts.length && state?.intent) {
      // The amount picks the transaction to link; the list was shown last turn, so it is not repeated. With two
      // problems on the case, it may be the earlier one's.
      for (const about of new Set([intent, state.intent, ...(earlierIntent ? [earlierIntent] : [])])) {
        const scratch: Turn = { locale, intent: about, lines: [], findings: [], handoff: false };
        const found = await lookUpWallet(desk, p, scratch, null, [], { amounts });
        if (!found.matched) continue;
        linkedRef = found.matched.ref;
        turn.findings.push(`the amount the customer gives matches ${found.matched.ref}`);
        // "500rb, 5 jam lalu, ke Siti" matching a transfer that failed and is being refunded: that is the answer (the
        // money never reached anyone and is on its way back), not a recovery to chase.
        // Money awaited that the wallet shows credited ("sorry, it was 5,000 not 50,000" of a cashback paid two days
        // ago) is answered too: nothing for a person to trace.
        // Not when the customer says they did not make it ("tapi yang 500rb ke Siti bukan saya"): no refund explains that.
        if (deniesMaking(words)) break;
        if (!explainRefund(turn, found) && about === 'funds_not_received' && found.matched.status === 'succeeded' && CREDITS.has(found.matched.type)) {
          turn.lines.push(t(locale, 'assistant.details.credited', { tx: describeTransaction(locale, found.matched) }));
          turn.findings.push(`${found.matched.ref} is credited: told the customer`);
          credited = true;
        }
        break;
      }
    }
    turn.findings.push(`customer says: ${clip(input.text, 300)}`);
    if (!credited) turn.lines.unshift(t(locale, 'assistant.details.noted'), `• ${clip(input.text, 300)}`);
    turn.handoff = !credited;
  } else if (notHelped) {
    // The advice did not help: the same advice again would be a loop.
    intentNote = `from the conversation: what the assistant suggested for ${intent} did not help; this message alone reads as ${c.intent} ${Math.round(c.confidence * 100)}%`;
    turn.lines.push(t(locale, 'assistant.not_helped'));
    turn.findings.push(`the customer says the suggested steps did not help: ${clip(input.text, 300)}`);
    turn.handoff = true;
  } else if (resolved) {
    // The problem went away: nothing more to ask or advise. A person who has the case is told, before they chase it.
    turn.lines.push(t(locale, alreadyHandedOff ? 'assistant.resolved.handed_off' : 'assistant.resolved', { reference }));
    turn.findings.push(`the customer says it is resolved now: "${clip(input.text, 300)}"; check before acting on the case`);
  } else if (retracted) {
    // The report is taken back. The priority stays as it was (whoever holds the phone can write this too): the person
    // who has the case confirms with the customer before closing it.
    turn.lines.push(t(locale, alreadyHandedOff ? 'assistant.retracted.handed_off' : 'assistant.retracted', { reference }));
    turn.findings.push(`the customer now says the transaction is theirs after all: "${clip(input.text, 300)}"; confirm with them before closing (priority left as it was)`);
  } else if (fixTime) {
    // Nothing on the status page: all is running, and for a wallet problem the usual times are the answer.
    if (!(await addFixTime(desk, turn, origin, state?.intent ? COMPONENT[state.intent] : undefined))) {
      turn.lines.push(t(locale, 'assistant.status.ok'));
      if (state?.intent && WALLET_TYPES[state.intent]) turn.lines.push(t(locale, 'assistant.timing'));
    }
    if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (balanceQuestion) {
    await addBalance(desk, turn, p);
    if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (product) {
    // Fees, limits, verification: what the app shows and the desk cannot change here, not a failure to trace.
    // Closing the account: a person, once they know it is the customer and the balance is out.
    intentNote = `a question about ${product}, not a problem; the classifier read ${c.intent} ${Math.round(c.confidence * 100)}%`;
    turn.lines.push(t(locale, `assistant.product.${product}`));
    if (product === 'closure') {
      turn.findings.push(`the customer asks to close their account: ${clip(input.text, 300)}`);
      turn.handoff = true;
    } else if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (help) {
    // What if support cannot solve it, the common problems, keeping evidence: the seed's questions about support itself,
    // answered with the help center's own articles.
    intentNote = `a question about support itself (${help}); the classifier read ${c.intent} ${Math.round(c.confidence * 100)}%`;
    // The widget downloads the record itself; on WhatsApp, Telegram or in the app a person sends it.
    const sentByPerson = help === 'transcript' && caseChannel !== 'web';
    turn.lines.push(t(locale, sentByPerson ? 'assistant.help.transcript_sent' : `assistant.help.${help}`, { url: `${origin}/help/${locale}` }));
    if (sentByPerson) {
      turn.findings.push(`the customer asks for the record of their conversation (transcript): ${clip(input.text, 300)}`);
      turn.handoff = true;
    }
    helpArticles = help === 'faq' ? await popularArticles(desk, locale, 5) : await articlesBySlug(desk, HELP_ARTICLES[help], locale);
    if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (praise) {
    // Praise goes where the people it is for read it: on the last case a person handled (not a closed one, which is
    // not written on); a complaint it is not.
    intentNote = `praise for support, not a complaint; the classifier read ${c.intent} ${Math.round(c.confidence * 100)}%`;
    const handled = p.kind === 'customer' ? (await listCases(desk, p, { limit: 20 })).items.find((other) => other.id !== caseId && !other.withAssistant && other.status !== 'closed') : undefined;
    if (handled) {
      await postMessage(desk, systemPrincipal, handled.id, { body: `The customer praised the help they had, through the assistant (case ${reference}): "${clip(input.text, 300)}"`, clientMessageId: `assistant-praise:${clientMessageId}`, internal: true, authorKind: 'system' });
    }
    turn.lines.push(t(locale, handled ? 'assistant.praise.passed' : 'assistant.praise', { reference: handled?.reference ?? '' }));
  } else if (safeSoFar && intent === 'phishing_report') {
    // "I didn't click it" after a phishing report: reassurance and what to do with the message, not the report again.
    turn.lines.push(t(locale, 'assistant.phishing.safe'));
    if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (otherWallet) {
    // Another company's account is not ours to see or change; money moved between the two would be, and is asked for.
    intentNote = `about another company's wallet (${otherWallet}), not acted on; the classifier read ${c.intent} ${Math.round(c.confidence * 100)}%`;
    turn.lines.push(t(locale, 'assistant.other_wallet', { other: otherWallet, own: ownWallet ?? '' }));
    if (alreadyHandedOff) turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
  } else if (unsure) {
    // After a handover the customer is waiting for a person: their words go to the case, not into a quiz.
    if (alreadyHandedOff) {
      turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
      // "How long?", "what now?", "hello??": when a person answers is the answer.
      if (asksWhenOrWhatNow(words) || waitingForReply(words) || asksSomething(words)) turn.lines.push(await handoffTiming(desk, locale, p, caseChannel));
      // "还要等多久？" about a top-up or a refund: how long those usually take, besides when a person answers.
      if (asksWhen(words) && state?.intent && WALLET_TYPES[state.intent]) turn.lines.push(t(locale, 'assistant.timing'));
      // "What do I do now?" with money taken or a code given away, and nobody there for hours: what protects the
      // account until then, again.
      if (asksWhenOrWhatNow(words) && state?.intent && AT_RISK.has(state.intent)) {
        turn.lines.push(t(locale, 'assistant.urgent.meanwhile'));
        const line = await securityLine(desk);
        if (line) turn.lines.push(t(locale, 'assistant.security_line', { contact: line }));
      }
    } else if (injection) turn.lines.push(guideFor(locale, 'out_of_scope').next);
    // "Should I do it?", "boleh ga?" after a scam report: no, plainly.
    else if (state?.intent === 'phishing_report' && asksPermission(words) && saysLittle(words)) turn.lines.push(t(locale, 'assistant.phishing.no'));
    // "那我现在怎么办", "trus gimana?" after a scam or a loss was reported: what protects the account, again.
    else if (asksWhenOrWhatNow(words) && state?.intent && AT_RISK.has(state.intent)) {
      const { steps, lockedSteps } = guideFor(locale, state.intent);
      const shown = lockedSteps && lockedOut(await accountStateOf(desk, p)) ? lockedSteps : steps;
      turn.lines.push(...shown.map((step) => `• ${step}`));
      const line = await securityLine(desk);
      if (line) turn.lines.push(t(locale, 'assistant.security_line', { contact: line }));
    }
    // Not understood twice: a person takes it; asking a third time in the same breath would be a quiz.
    else if (lowTurns >= 2) turn.lines.push(t(locale, 'assistant.unsure.handoff'));
    // "Kapan balik duitnya?" about a wallet problem: the usual times, which is what the customer asks.
    // "Udh 5 jam gak masuk2" about it: not there yet, which the usual times answer.
    else if (state?.intent && WALLET_TYPES[state.intent] && ((vague && asksWhenOrWhatNow(words)) || (asksWhen(words) && asksSomething(words)) || notArrived(words))) {
      turn.lines.push(t(locale, 'assistant.timing'));
      // An outage on that service right now says more about "when" than the usual times.
      if (COMPONENT[state.intent]) await addFixTime(desk, turn, origin, COMPONENT[state.intent], true);
    }
    else if (vague && state?.intent && WALLET_TYPES[state.intent]) turn.lines.push(t(locale, 'assistant.vague', { what: t(locale, `assistant.problem.${state.intent}`) }));
    else turn.lines.push(c.intent === 'out_of_scope' && c.confidence >= LOW_CONFIDENCE ? guideFor(locale, 'out_of_scope').next : t(locale, 'assistant.unsure'));
  } else {
    // "How do I top up?" is not a failed top-up: no lookup, no questions, no person; the help center's answer.
    // "能先把钱转出来吗" from a locked account: nothing leaves it until a person has verified the customer, so the answer
    // is no, and the way to unlock it, not the transfer guide.
    const asksOut = (intent === 'account_locked' || (Boolean(WALLET_TYPES[intent]) && intent !== 'unauthorized_transaction')) && asksToMoveMoney(words);
    const movingOut = asksOut && lockedOut(await accountStateOf(desk, p));
    if (movingOut && intent !== 'account_locked') {
      intentNote += `; read by the classifier as ${intent}, but the account is locked and the customer asks to move money out`;
      intent = 'account_locked';
      turn.intent = intent;
      guide = guideFor(locale, intent);
    }
    const howTo = (intent === 'topup_failed' || intent === 'payment_failed' || intent === 'transfer_failed') && asksHowTo(words);
    const walletIntent = Boolean(WALLET_TYPES[intent]) && !howTo;
    const found = walletIntent || intent === 'account_locked' || intent === 'login_problem' ? await lookUpWallet(desk, p, turn, transactionRef, namedRefs, { amounts, filter: wrongRecipient ? COMPLETED_TRANSFERS : undefined, cancel: asksToCancel(words), twice: chargedTwice(words) }) : undefined;
    // "My balance went down 500k" when the wallet shows a transfer of 500k that failed and whose refund is on its way:
    // that explains it; no PIN change, no security line, no urgent case (an angry customer still gets a person).
    // Not when the customer says they did not make it: a transfer nobody asked for is a break-in, failed or not.
    if (intent === 'unauthorized_transaction' && !freeze && !incoming && !deniesMaking(words)) explainedLoss = explainRefund(turn, found);
    // A complaint or a request for a person about a top-up, payment or transfer: the person needs that transaction,
    // looked up as the runner-up intent reads it ("mau komplain, top up saya 2 jam belum masuk": complaint 55%,
    // topup_failed 45%), and the customer hears what the wallet shows.
    // "我要投诉，充值失败了" is a complaint about the top-up the classifier read.
    const about =
      intent === 'complaint' || intent === 'human_agent'
        ? c.ranking.find((r) => WALLET_TYPES[r.intent] && r.intent !== 'unauthorized_transaction' && (r.confidence >= 0.1 || (complains && r.intent === c.intent)))
        : undefined;
    // The copy of the turn shares its lines and findings: what the lookup adds goes to this answer and the note.
    if (intent === 'complaint' || intent === 'human_agent') {
      // An amount named in anger ("duit gw 500rb ilang, gw laporin ke OJK", "1 million stuck for a day") is looked up
      // among all the money that moved, so the customer hears what the wallet shows of it, anger or not.
      const lookedUpAs = about?.intent ?? (amounts.length ? 'unauthorized_transaction' : undefined);
      // Without a transaction to look up, the account state is still what the person needs (a locked account).
      const hinted = await lookUpWallet(desk, p, lookedUpAs ? { ...turn, intent: lookedUpAs } : turn, transactionRef, namedRefs, { amounts });
      linkedRef = hinted.linkedRef;
      if (lookedUpAs === 'unauthorized_transaction') explainRefund(turn, hinted);
    }
    linkedRef ??= found?.linkedRef;
    accountState = found?.account?.state;
    // "Cannot log in" on an account the wallet has locked: a new PIN will not open it; the verification path will.
    if (intent === 'login_problem' && (accountState === 'locked' || accountState === 'restricted')) {
      intent = 'account_locked';
      turn.intent = intent;
      guide = guideFor(locale, intent);
      intentNote += '; read by the classifier as login_problem, but the wallet shows the account locked';
    }
    // On a case a person already has, the same problem again gets what is new (the lookups), not the guide again.
    // So does a profile change only an agent can make, asked after the guide was given.
    repeat = (alreadyHandedOff || changeByAgent) && intent === state?.intent;
    // The wallet says the account is not locked: do not promise to unlock it; treat it as a sign-in problem.
    const notLocked = intent === 'account_locked' && accountState === 'active';
    // A phishing report from a customer whose account is locked: no "change your PIN", which they cannot; the lock keeps
    // the scammer out too, and only a person here unlocks it.
    const scamWhileLocked = intent === 'phishing_report' && lockedOut((accountState ??= await accountStateOf(desk, p)));
    // A withdrawal to the customer's own bank has its own cause and steps: there is no sender to ask for a receipt.
    if (intent === 'funds_not_received' && namesWithdrawal(words)) guide = guideFor(locale, 'funds_not_received:withdrawal');
    const shownGuide = notLocked ? guideFor(locale, 'login_problem') : scamWhileLocked && guide.lockedSteps ? { ...guide, steps: guide.lockedSteps } : guide;
    // "Why is support so slow, 3 days and no answer" is not a connection problem: no Wi-Fi tips, but the customer's
    // cases and a person, sooner than later.
    const waiting = intent === 'support_unreachable' && waitingForReply(words);
    if (intent === 'support_unreachable') preferred = waiting ? ['slow-support-response'] : [...reachCauses(words).flatMap((cause) => CAUSE_ARTICLE[cause] ?? []), 'support-unreachable'];
    // "Support is slow to reply" does not help someone whose chat will not load.
    if (intent === 'support_unreachable' && !waiting) unwanted = 'slow-support-response';
    // "How do I turn on 2FA?": the steps themselves, from the help-center article that gives them.
    const setting = intent === 'security_setup' && !repeat ? asksSecuritySetting(words) : null;
    const settingSteps = setting ? await articleSection(desk, SETTING_ARTICLE[setting], locale, '→') : [];
    if (setting) preferred = [SETTING_ARTICLE[setting]];
    const updateMissing = intent === 'app_problem' && updateNotOffered(words);
    // "Gimana caranya lapor ke OJK?": where to take it, from the article that says so. Regulators ask for a complaint
    // with us first, which this case is.
    // "I want to take legal action": the article's legal-help section (a lawyer, LBH, the police), and the record of
    // the case that goes with it.
    const legal = intent === 'complaint' && mentionsLegalAction(words);
    const regulators = intent === 'complaint' && (mentionsRegulator(words) || legal) ? await articleSection(desk, 'escalate-to-regulator', locale, legal ? 'LBH' : 'OJK') : [];
    if (freeze) turn.lines.unshift(t(locale, reportsTakeover(words) ? 'assistant.takeover' : 'assistant.freeze.asked'));
    else if (settingSteps.length) turn.lines.push(t(locale, 'assistant.security.steps'), ...settingSteps);
    else if (regulators.length) {
      turn.lines.push(t(locale, legal ? 'assistant.complaint.legal' : 'assistant.complaint.regulator', { reference }), ...regulators);
      if (legal) turn.lines.push(t(locale, caseChannel === 'web' ? 'assistant.help.transcript' : 'assistant.help.transcript_sent'));
    }
    // "The app says update, the store has none": the usual "update the app" is what cannot be done.
    else if (updateMissing) {
      turn.lines.push(t(locale, 'assistant.app.update_missing'), ...UPDATE_MISSING_STEPS.map((key) => `• ${t(locale, key)}`));
      if (desk.config.SAPA_MIN_APP_VERSION) turn.lines.push(t(locale, 'assistant.app.min_version', { version: desk.config.SAPA_MIN_APP_VERSION }));
    }
    else if (howTo) turn.lines.push(t(locale, 'assistant.howto', { what: t(locale, `assistant.problem.${intent}`) }));
    else if (wrongRecipient && !repeat) {
      // Only the receiving side can return it: a person asks for that, the sooner the better.
      turn.lines.unshift(t(locale, 'assistant.wrong_recipient'));
      // Which transfer, when the wallet shows none that went through or the customer did not say: what the person needs.
      if (!found?.matched && !(givesAmount(words) && givesTime(words))) turn.lines.push(t(locale, 'assistant.wrong_recipient.ask'));
      turn.findings.push('the customer says the transfer went to the wrong recipient: a request to return it is needed');
      intentNote += '; the customer sent it to the wrong recipient';
      priority = 'high';
      turn.handoff = true;
    } else if (explainedLoss) {
      // The refund line above says it all.
    } else if (incoming && (!repeat || asksToSendBack(words))) {
      // Nothing was taken: a person checks where it came from, at the usual pace; the customer is warned of the scam.
      turn.lines.unshift(t(locale, 'assistant.incoming'));
      if (/cashback|返现|返利/i.test(words)) turn.lines.push(t(locale, 'assistant.incoming.cashback'));
      turn.findings.push('money came in that the customer does not recognise: nothing taken; told not to send it back to anyone who asks');
      priority = 'normal';
      turn.handoff = true;
    } else if (guide.cause && !notLocked && !waiting && !repeat && !found?.cancelAnswered) turn.lines.unshift(guide.cause);
    if (movingOut) turn.lines.unshift(t(locale, 'assistant.locked.no_moves'));
    // Said to someone who could not reach support, before the answer to what they asked.
    if (reachedAnyway) turn.lines.unshift(t(locale, 'assistant.reach.here_now'));
    if (changeByAgent) {
      turn.findings.push(`the customer needs an agent to make the change (old number gone, or asked to have it done): ${clip(input.text, 300)}`);
      turn.handoff = true;
    }
    let status: StatusSummary | undefined;
    if (waiting) {
      await addWaiting(desk, turn, p, caseId);
      // Already with a person: when they answer (no second handover says it).
      if (alreadyHandedOff) turn.lines.push(await handoffTiming(desk, locale, p, caseChannel));
      priority = 'high';
      turn.handoff = true;
    } else if (intent === 'service_status' || intent === 'support_unreachable') status = await addStatus(desk, turn);
    else if (COMPONENT[intent]) await addServiceIssue(desk, turn, COMPONENT[intent], found?.shownTxs, reachCauses(words).includes('outage'));
    // For "cannot reach support" with a cause named (a bad signal, an old browser, a server down), the remedy for that
    // cause from the troubleshooter, not every remedy at once; the troubleshooter itself, linked, checks the rest.
    const remedies = intent === 'support_unreachable' && !waiting ? reachCauses(words).flatMap((cause) => (REMEDY[cause] ? [t(locale, REMEDY[cause])] : [])) : [];
    // Live chat down on the status page: it is not the customer's device, and no Wi-Fi tip helps.
    const chatDown = status?.components.some((c) => c.id === 'live_chat' && c.status !== 'operational') ?? false;
    // Someone who cannot reach support hears which doors are open now: the list is read once for the turn.
    const open = intent === 'support_unreachable' && !waiting ? (await supportChannels(desk, locale, p)).items : undefined;
    // "The phone line is always busy": there is no line for general calls; a callback is what there is.
    const phoneBusy = Boolean(open) && reachCauses(words).includes('phone');
    if (phoneBusy && open && !repeat) addPhoneAnswer(turn, open, desk.config.SAPA_TIMEZONE);
    else if (chatDown && !repeat) turn.lines.push(t(locale, 'assistant.reach.chat_down'));
    else if (remedies.length && !repeat) turn.lines.push(...remedies.map((r) => `• ${r}`));
    // An account the wallet has locked already cannot be used: no "change your PIN on another device".
    else if (freeze) turn.lines.push(t(locale, lockedOut(accountState) ? 'assistant.freeze.meanwhile_locked' : 'assistant.freeze.meanwhile'));
    // The transaction found and going to a person says more than the usual tips ("ask the sender for a receipt").
    else if (shownGuide.steps.length && !settingSteps.length && !regulators.length && !updateMissing && !waiting && !repeat && !howTo && !incoming && !wrongRecipient && !explainedLoss && !found?.cancelAnswered && !(found?.needsAgent && found.matched)) turn.lines.push(...shownGuide.steps.map((s) => `• ${s}`));
    // Money taken, a phone lost, a code given away: the wallet's 24-hour security line, when it has one, acts at once.
    if ((intent === 'unauthorized_transaction' && !incoming && !explainedLoss) || (intent === 'phishing_report' && secretGiven)) {
      const line = await securityLine(desk);
      if (line) turn.lines.push(t(locale, 'assistant.security_line', { contact: line }));
    }
    if (intent === 'support_unreachable' && !waiting) turn.lines.push(t(locale, 'assistant.troubleshoot', { url: `${origin}/help/${locale}/troubleshoot` }));
    // A visitor who cannot sign in is the one a locked account keeps out: the appeal form takes a contact.
    if (intent === 'account_locked' && (accountState === 'locked' || accountState === 'restricted' || p.kind === 'visitor')) {
      // "到底什么时候能解锁": no date is promised; it opens when a person has verified the customer (when a person answers
      // is said with the handover).
      if (reading.unlockWhen || asksWhen(words)) turn.lines.push(t(locale, 'assistant.locked.when'));
      // Not signed in: the form asks for a way to reach them, and says so before they go looking for a sign-in.
      turn.lines.push(t(locale, p.kind === 'visitor' ? 'assistant.account.verify_visitor' : 'assistant.account.verify', { url: `${origin}/help/${locale}/troubleshoot#appeal` }));
      // A verification already under way is the one that unlocks the account: the person on it hears of this one, and
      // the customer hears which it is, instead of a second verification racing the first.
      const earlier = accountState && !repeat ? (await openCases(desk, p, caseId)).find((other) => other.id !== caseId && (other.category === 'account_locked' || other.tags.includes('identity_verification'))) : undefined;
      if (earlier) {
        turn.lines.push(t(locale, 'assistant.locked.already_open', { reference: earlier.reference }));
        verificationOpen = true;
        turn.findings.push(`the customer already has a verification case open: ${earlier.reference}`);
        await postMessage(desk, systemPrincipal, earlier.id, {
          body: `The customer wrote again about the locked account, through the assistant: case ${reference}.`,
          clientMessageId: `assistant-locked-again:${caseId}`,
          internal: true,
          authorKind: 'system',
        });
      }
    }
    // For a phishing report, the official contacts only (numbers, addresses): the point is which ones are real.
    if (intent === 'contact_channels' || intent === 'service_hours') {
      // "What is your phone number?": say plainly that there is no line for general calls, and what there is.
      const { items } = await supportChannels(desk, locale, p);
      // "Is this number yours?" is answered by the verdict on the number, not by "we have no phone line".
      const checked = await addOfficialCheck(desk, turn, input.text, items, origin);
      // "Kalo tgl merah buka ga?": the hours hold every day there is no exception for, public holidays included.
      const chat = items.find((c) => c.id === 'live_chat');
      // The desk's own days off (the next five in a year) are the exceptions, named.
      const chatHours = asksAboutDaysOff(words) && chat ? (await effectiveChannels(desk)).find((c) => c.id === 'live_chat')?.hours : undefined;
      if (chat && chatHours) {
        const daysOff = chatHours.alwaysOpen ? [] : upcoming(await holidays(desk), new Date(), desk.config.SAPA_TIMEZONE, 366).slice(0, 5);
        const everyDay = opensEveryDay(chatHours);
        const key = daysOff.length ? (everyDay ? 'assistant.hours.days_off_open_except' : 'assistant.hours.days_off_closed_except') : everyDay ? 'assistant.hours.days_off_open' : 'assistant.hours.days_off_closed';
        turn.lines.unshift(t(locale, key, { hours: chat.hours, days: holidayList(locale, daysOff) }));
        if (chat.holiday && chat.nextOpenAt) turn.lines.unshift(t(locale, 'assistant.hours.holiday_today', { holiday: chat.holiday, time: formatTime(locale, chat.nextOpenAt, desk.config.SAPA_TIMEZONE) }));
      }
      if (asksForPhone(words) && !checked) addPhoneAnswer(turn, items, desk.config.SAPA_TIMEZONE);
      // "Ada akun Instagram resmi?": no support there, and a "CS" account that writes first is a scam.
      if (asksAboutSocialMedia(words)) turn.lines.unshift(t(locale, 'assistant.contact.social'));
      // "Can I get help by SMS?": no, said plainly (a text asking for a code is never us either).
      if (/\bsms\b|短信/i.test(words) && asksForChannel(words)) turn.lines.unshift(t(locale, 'assistant.contact.no_sms'));
      await addChannels(desk, turn, p, false, false, items);
    } else if (intent === 'phishing_report') {
      const { items } = await supportChannels(desk, locale, p);
      await addOfficialCheck(desk, turn, input.text, items, origin);
      await addChannels(desk, turn, p, false, true, items);
    }
    // Someone who cannot reach support needs the doors that are open now, not the closed ones too.
    else if (open) await addChannels(desk, turn, p, true, false, open);
    // "Any update? I reported it two days ago": the cases a person has, and when the customer says they have been
    // waiting, a person to look at why.
    const followedUp = intent === 'case_followup' ? await addOwnCases(desk, turn, p, caseId, alreadyHandedOff) : 0;
    if (intent === 'case_followup' && followedUp && !alreadyHandedOff && (waitingForReply(words) || longWait(words))) {
      turn.findings.push(`customer asks for news and says they have been waiting: ${clip(input.text, 200)}`);
      priority = 'high';
      turn.handoff = true;
    }
    if (found?.needsAgent) turn.handoff = true;
    // (Whatever the first problem is: "my top-up is missing, and I cannot log in on my new phone" reads as login_problem.)
    const second = intent !== 'out_of_scope' && !howTo ? await secondProblem(desk, words, about?.intent ?? intent) : undefined;
    if (second) {
      // Looked up and shown under its own heading; its details are taken later like the first one's.
      const scratch: Turn = { locale, intent: second, lines: [], findings: [], handoff: false };
      const more = await lookUpWallet(desk, p, scratch, null, namedRefs, { amounts });
      // Not twice what the first answer said already (the account's state).
      turn.lines.push(t(locale, 'assistant.also_about', { what: t(locale, `assistant.problem.${second}`) }), ...scratch.lines.filter((line) => !turn.lines.includes(line)));
      turn.findings.push(`the customer also mentions ${second} in the same message`, ...scratch.findings);
      if (more.needsAgent) turn.handoff = true;
      linkedRef ??= more.linkedRef;
      // A locked account goes to a person on the verification path, whatever the first problem was.
      if (second === 'account_locked' && more.account?.state !== 'active') {
        turn.lines.push(t(locale, 'assistant.also_locked'));
        turn.handoff = true;
        alsoLocked = true;
      }
      alsoIntent = second;
    }
    // "They called to say it was a mistake and asked me to send it back": the warning of the scam it is.
    if (intent === 'phishing_report' && moneyCameIn(words) && !sentMoneyBack(words)) turn.lines.push(t(locale, 'assistant.incoming'));
    if (intent === 'phishing_report' && mentionsSafeAccount(words)) turn.lines.unshift(t(locale, 'assistant.phishing.safe_account'));
    // "They asked me to share my screen, boleh ga?": the plain answer first.
    else if (intent === 'phishing_report' && asksForRemote(words) && !secretGiven) turn.lines.unshift(t(locale, 'assistant.phishing.screen'));
    if (intent === 'phishing_report' && secretGiven) {
      // A locked account cannot have its PIN changed by the customer, and keeps the caller out too; a shared screen
      // is ended by removing the app, which "change your PIN" alone does not say.
      turn.lines.push(t(locale, scamWhileLocked ? 'assistant.phishing.shared_locked' : sharedScreen(words) || gaveScreenAway(words) ? 'assistant.phishing.shared_screen' : 'assistant.phishing.shared'));
      turn.findings.push('customer says they already gave the scammer a code, PIN, password or control of their screen: account at risk');
      priority = 'urgent';
      turn.handoff = true;
    } else if (intent === 'phishing_report' && sentMoneyBack(words)) {
      turn.lines.push(t(locale, 'assistant.phishing.paid'));
      turn.findings.push('customer says they already sent money back to whoever asked for it: money lost to a scam, try to stop it');
      priority = 'urgent';
      turn.handoff = true;
    }
    // An amount and a time given with the problem, and nothing on the account to show: asking for them again would
    // be asking what the customer just said; the agent traces it with what they gave.
    if (walletIntent && !found?.matched && givesAmount(words) && givesTime(words)) {
      turn.lines.push(t(locale, 'assistant.details.given'));
      turn.findings.push(`customer says: ${clip(input.text, 300)}`);
      turn.handoff = true;
    }
    const handingOver = turn.handoff || ALWAYS_HANDOFF.has(intent) || soundsAngry(words);
    if (walletIntent && intent !== 'unauthorized_transaction' && !handingOver && !alreadyHandedOff) {
      // Ask for what an agent needs to trace it; the answer is taken as details of this intent next turn.
      if (!found?.known) turn.lines.push(t(locale, p.kind === 'visitor' ? 'assistant.ask.sign_in' : 'assistant.ask.details'));
      else if (!found.shown) turn.lines.push(t(locale, 'assistant.ask.details'));
      else if (!found.matched) turn.lines.push(t(locale, 'assistant.ask.which'));
      // The customer said which one (its amount or reference): nothing left to ask.
      if (!found?.matched) awaiting = 'transaction_details';
    }
    if (notLocked) turn.lines.push(t(locale, 'assistant.account.check'));
    else if (alreadyHandedOff) {
      turn.lines.push(t(locale, 'assistant.after_handoff', { reference }));
      // "How long?", "lama bgt, gw mau ngomong sama orang": when a person answers.
      if ((asksWhenOrWhatNow(words) || asksForPerson(words) || waitingForReply(words)) && !waiting) turn.lines.push(await handoffTiming(desk, locale, p, caseChannel));
    }
    // "I am passing you to a person" would say twice what the handover line says (and "now" when nobody is there).
    // "An agent will reply on your case" only when there is a case a person has.
    // "If it is not credited within an hour, write again" does not fit a top-up the wallet shows failed.
    else if (guide.next && !turn.handoff && intent !== 'human_agent' && !freeze && !howTo && !settingSteps.length && !updateMissing && !(intent === 'case_followup' && !followedUp) && !allFailed(found) && !explainedLoss && !verificationOpen) turn.lines.push(guide.next);
    // The handover line names the case already.
    if (intent === 'phishing_report' && !turn.handoff) turn.lines.push(t(locale, 'assistant.recorded', { reference }));
    if (sideQuestion && !turn.handoff && !alreadyHandedOff) {
      turn.lines.push(t(locale, 'assistant.smalltalk.waiting'));
      awaiting = 'transaction_details';
    }
  }
  const wantsPerson = !chat && !unsure && !otherWallet && !explainedLoss && ALWAYS_HANDOFF.has(intent);
  const handoff = !alreadyHandedOff && (turn.handoff || wantsPerson || soundsAngry(words) || lowTurns >= 2);
  if (switchedFrom) {
    turn.findings.push(`the customer first asked about ${switchedFrom} and had not given its details yet`);
    turn.lines.push(t(locale, handoff ? 'assistant.earlier.handoff' : 'assistant.earlier.open', { what: t(locale, `assistant.problem.${switchedFrom}`) }));
    // Details for either problem are taken from here on.
    awaiting = 'transaction_details';
  }
  if (handoff) {
    // "…with everything above" only when something is above.
    turn.lines.push(t(locale, turn.lines.length ? 'assistant.handoff' : 'assistant.handoff.plain', { reference }));
    turn.lines.push(await handoffTiming(desk, locale, p, caseChannel));
  }

  const rank = (slug: string) => (preferred.includes(slug) ? preferred.indexOf(slug) : preferred.length);
  const articles = helpArticles ?? (unsure || chat || otherWallet || answeringQuestion || repeat || retracted ? [] : (await articlesForIntent(desk, intent, locale)).filter((a) => a.slug !== unwanted).sort((a, b) => rank(a.slug) - rank(b.slug)).slice(0, 3));
  if (articles.length) turn.lines.push(t(locale, 'assistant.articles'), ...articles.map((a) => `• ${a.title}: ${origin}${a.url}`));
  // Written to in Traditional characters, answered in them ("我的帳戶被凍結了" is not answered "您的账户"), for the rest
  // of the conversation too ("好的" shows no script of its own), until the customer writes Simplified.
  // (A Traditional name in a Simplified message, "我叫張偉，充值没到账", is not a customer who writes Traditional.)
  const traditional = (writesTraditional(input.text) || Boolean(state?.traditional)) && !writesSimplified(input.text);
  const reply = traditional ? inTraditionalWording(turn.lines.join('\n')) : turn.lines.join('\n');
  // The confidence of the intent answered (kept from the conversation, it is this message's reading of that intent).
  const confidence = intent === c.intent ? c.confidence : (c.ranking.find((r) => r.intent === intent)?.confidence ?? 0);

  await postMessage(desk, systemPrincipal, caseId, {
    body: reply,
    clientMessageId: `assistant-out:${clientMessageId}`,
    authorKind: 'assistant',
    metadata: { intent, confidence: Number(confidence.toFixed(4)), lang: c.lang, ranking: c.ranking.slice(0, 3), handoff: handoff || alreadyHandedOff, articles: articles.map((a) => a.slug) },
  });

  // A second problem told with the first is kept like one raised before it: its details are matched too.
  if (alsoIntent) earlierIntent = alsoIntent;
  const findings = [...((state?.findings as string[] | undefined) ?? []), ...turn.findings].slice(-20);
  const values = { intent: sideQuestion ? state?.intent : intent, lang: c.lang, traditional, lowConfidenceTurns: lowTurns, awaiting: handoff || alreadyHandedOff ? null : awaiting, handedOff: alreadyHandedOff || handoff, earlierIntent, findings, updatedAt: new Date() };
  await desk.db.insert(assistantConversations).values({ caseId, ...values }).onConflictDoUpdate({ target: assistantConversations.caseId, set: values });
  if (linkedRef && !transactionRef) await updateCase(desk, systemPrincipal, caseId, { transactionRef: linkedRef }, { kind: 'assistant', id: null });

  // "agen" in the middle of a transfer question is still about the transfer: the case stays in that queue.
  const handedOverAs = unsure && !state?.intent ? 'out_of_scope' : intent === 'human_agent' && state?.intent && WALLET_TYPES[state.intent] ? state.intent : intent;
  if (handedOverAs !== intent) intentNote += `; the customer asked for a person (${intent}) during a conversation about ${handedOverAs}`;
  if (handoff) await handOver(desk, caseId, handedOverAs, intentNote, c, locale, findings, input.text, accountState, priority, alsoLocked);
  else if (alreadyHandedOff) {
    // A case already with a person can turn more serious ("and there is a transaction I did not make!", an angry
    // customer): its priority goes up and the person is told, or an urgent report waits at "normal".
    const angry = soundsAngry(words);
    const wanted = !chat && !unsure && !resolved ? (priority ?? PRIORITY[intent] ?? (angry ? 'high' : undefined)) : angry ? 'high' : undefined;
    const current = wanted || angry ? await getCase(desk, systemPrincipal, caseId) : undefined;
    const raise = current && wanted && PRIORITY_RANK[wanted] > (PRIORITY_RANK[current.priority] ?? 0);
    if (current && (raise || (angry && !current.tags.includes('upset')))) {
      await updateCase(desk, systemPrincipal, caseId, { ...(raise ? { priority: wanted } : {}), tags: [...new Set([...current.tags, ...(angry ? ['upset'] : [])])] }, { kind: 'assistant', id: null });
      if (raise) turn.findings.unshift(`new after the handoff: ${intent}${angry ? ', customer upset' : ''}; priority raised from ${current.priority} to ${wanted}`);
    }
    if (!raise && !chat && !unsure && !answeringQuestion && intent !== state?.intent) turn.findings.unshift(`new after the handoff: the customer now asks about ${intent}`);
    // The person reads the customer's own words with what was looked up (the details turn quotes them already).
    if (!chat && !answeringQuestion && !resolved && !retracted && turn.findings.length) turn.findings.push(`customer says: ${clip(input.text, 300)}`);
    // The person on the case should see what the assistant found after the handover too.
    if (turn.findings.length) await postMessage(desk, systemPrincipal, caseId, { body: ['Assistant, after the handoff · looked up:', ...turn.findings.map((f) => `- ${f}`)].join('\n'), clientMessageId: `assistant-note:${clientMessageId}`, internal: true, authorKind: 'system' });
  }
  const understood = !unsure && !chat && !otherWallet && !answeringQuestion && intent !== 'out_of_scope';
  // A case opened with "halo kak" or words the assistant did not understand is named by the first message it did
  // understand, so the queue says what the case is about (unless a person has taken it over or renamed it).
  const subject = understood && existing?.subject && !alreadyHandedOff && (await saysNothing(desk, existing.subject)) ? (subjectFrom(input.text) ?? undefined) : undefined;
  // Once a person has the case, its category is theirs: "any news on my complaint?" on an account_locked case
  // must not move it to another queue.
  if (understood && !handoff && !alreadyHandedOff && !sideQuestion) {
    // A phishing report is recorded for the security team even when no one needs to answer it now.
    const priority = intent === 'phishing_report' ? PRIORITY[intent] : undefined;
    await updateCase(desk, systemPrincipal, caseId, { category: intent, language: locale, ...(priority ? { priority } : {}), ...(subject ? { subject } : {}) }, { kind: 'assistant', id: null });
  } else if (subject) await updateCase(desk, systemPrincipal, caseId, { subject }, { kind: 'assistant', id: null });

  return { intent, confidence, lang: c.lang, reply, articles, handoff: handoff || alreadyHandedOff, caseId, reference };
}

/** Small talk, or words the assistant could not place: no name for a case. */
async function saysNothing(desk: Desk, text: string): Promise<boolean> {
  if (smallTalk(text)) return true;
  const c = await classify(desk, text);
  return c.intent === 'out_of_scope' || c.confidence < LOW_CONFIDENCE;
}

/** The answer the assistant gave to the customer message `clientMessageId`, as it was given. */
async function replayTurn(desk: Desk, caseId: string, reference: string, clientMessageId: string, afterSeq: number): Promise<AssistantReply | undefined> {
  const { items } = await listCaseMessages(desk, systemPrincipal, caseId, afterSeq, 100);
  const answer = items.find((m) => m.clientMessageId === `assistant-out:${clientMessageId}`);
  if (!answer) return undefined;
  const meta = answer.metadata ?? {};
  const lang: Lang = meta.lang === 'zh' || meta.lang === 'id' ? meta.lang : 'en';
  const intent = typeof meta.intent === 'string' ? meta.intent : 'out_of_scope';
  const slugs = Array.isArray(meta.articles) ? meta.articles : [];
  const articles = slugs.length ? (await articlesForIntent(desk, intent, localeOf(lang))).filter((a) => slugs.includes(a.slug)) : [];
  return { intent, confidence: typeof meta.confidence === 'number' ? meta.confidence : 0, lang, reply: answer.body, articles, handoff: meta.handoff === true, caseId, reference };
}

/**
 * An agent who answers a case the assistant still has alone takes it over: the case joins the agents' queue (it
 * gets the handoff tag, as when the assistant asks for a person) and the assistant stops asking its own questions.
 */
export function watchAgentTakeover(desk: Desk): void {
  desk.onStop(
    desk.events.on('message.created', async ({ case: c, message }) => {
      if (message.author.kind !== 'agent' || message.internal || !withAssistant(c.tags)) return;
      await desk.db.update(assistantConversations).set({ handedOff: true, awaiting: null, updatedAt: new Date() }).where(eq(assistantConversations.caseId, c.id));
      await updateCase(desk, systemPrincipal, c.id, { tags: [...c.tags, HANDOFF_TAG] }, { kind: 'agent', id: message.author.id });
    }),
  );
}

/** Puts the case in the agents' queue with what the assistant learned, as an internal note. */
async function handOver(
  desk: Desk,
  caseId: string,
  intent: string,
  intentNote: string,
  c: Classification,
  locale: Locale,
  findings: string[],
  lastText: string,
  accountState?: WalletAccount['state'],
  priority?: 'normal' | 'high' | 'urgent',
  alsoLocked = false,
) {
  const current = await getCase(desk, systemPrincipal, caseId);
  const angry = soundsAngry(inSimplified(lastText));
  // A locked account goes to the identity-verification path, like an appeal from the troubleshooter.
  const verification = (intent === 'account_locked' && accountState !== 'active') || alsoLocked ? ['identity_verification'] : [];
  await updateCase(
    desk,
    systemPrincipal,
    caseId,
    {
      status: 'open',
      category: intent === 'out_of_scope' ? current.category : intent,
      language: locale,
      priority: priority ?? PRIORITY[intent] ?? (angry ? 'high' : current.priority),
      tags: [...new Set([...(current.tags ?? []), HANDOFF_TAG, ...verification, ...(angry ? ['upset'] : [])])],
    },
    { kind: 'assistant', id: null },
  );
  const summary = [
    `Assistant handoff · intent ${intent} (${intentNote}) · language ${locale}`,
    `Ranking of the last message: ${c.ranking
      .slice(0, 3)
      .map((r) => `${r.intent} ${Math.round(r.confidence * 100)}%`)
      .join(', ')}`,
    ...(findings.length ? ['Looked up:', ...findings.map((f) => `- ${f}`)] : ['Nothing was looked up in the wallet.']),
    `Last message: “${clip(lastText, 500)}”`,
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
  const fromCustomer = (m: (typeof messages)[number]) => !m.internal && (m.author.kind === 'customer' || m.author.kind === 'visitor');
  const answerTo = (m: (typeof messages)[number]) => messages.find((r) => r.author.kind === 'assistant' && r.seq > m.seq);
  // Without a message named, the one whose reading decided the case: the latest the assistant answered with an intent
  // (not the opening "hi", which would teach the model that a greeting is a lost transfer).
  const target = input.messageId
    ? messages.find((m) => m.id === input.messageId)
    : ([...messages].reverse().find((m) => fromCustomer(m) && typeof answerTo(m)?.metadata?.intent === 'string' && !smallTalk(m.body)) ?? [...messages].reverse().find(fromCustomer));
  if (!target || !fromCustomer(target)) throw notFound('message');
  const reply = answerTo(target);
  const previous = (reply?.metadata?.intent as string | undefined) ?? kase.category;
  const id = randomUUID();
  // One example per message: correcting it again replaces the earlier correction.
  await desk.db.delete(assistantExamples).where(eq(assistantExamples.messageId, target.id));
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
  // The case moves only when the corrected reading is the one it was filed under, not for a side remark.
  if (previous === kase.category) await updateCase(desk, agent, kase.id, { category: input.intent });
  return { id, text: target.body, intent: input.intent, previousIntent: previous };
}

export async function listExamples(desk: Desk, limit = 500) {
  return desk.db.select().from(assistantExamples).orderBy(desc(assistantExamples.createdAt)).limit(limit);
}
