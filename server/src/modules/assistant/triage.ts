import { conceptsIn, inSimplified } from '../../../../nlu/src/index.js';
import type { Desk } from '../../kernel/desk.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { clip } from '../../kernel/text.js';
import { getCase, postMessage, systemPrincipal, updateCase } from '../cases/service.js';
import { withAssistant, type CaseView, type MessageView } from '../cases/views.js';
import { securityLine } from '../support/service.js';
import { asksHowTo, moneyCameIn, sharedSecret, soundsAngry, wantsFreeze } from './cues.js';
import './messages.js';
import { classify, PRIORITY_RANK } from './service.js';

// The assistant answers the conversations it holds; every other customer message (an email, WhatsApp or Telegram with
// the assistant off, the app, the widget once a person has the case) waits for a person. Those are read too, so that
// what cannot wait does not wait at "normal": money taken, a phone lost, a code given to a scammer go to the top of
// the queue, an angry customer is marked, and a case that came in as "other" is filed under what it is about. The
// customer hears nothing from this; the person on the case sees an internal note.

const URGENT_CONFIDENCE = 0.7;
const FILING_CONFIDENCE = 0.8;

// Words of money gone or taken: only a message with one of these (or a case's first message, to file it) is worth
// the classifier's time; a busy desk takes thousands of messages a second.
const AT_RISK = new Set(['notme', 'deducted', 'withdraw', 'twice']);

/** What triage changed on the case, for the note; empty when nothing. */
export async function triageMessage(desk: Desk, kase: CaseView, message: MessageView): Promise<string[]> {
  const text = message.body.trim();
  if (!text) return [];
  // The case as the message found it (no query per message); a change re-reads it below.
  const current = kase;
  // The cues are written in Simplified Chinese.
  const words = inSimplified(text);
  const freeze = wantsFreeze(words);
  const shared = sharedSecret(words);
  const angry = soundsAngry(words);
  const filing = current.category === 'other' && message.seq === 1;
  const worthReading = filing || freeze || shared || conceptsIn(text).some((c) => AT_RISK.has(c));
  const c = worthReading ? await classify(desk, text) : undefined;
  // Money that came in unrecognised took nothing: the person sees it at the case's pace.
  const urgent = freeze || (c?.intent === 'unauthorized_transaction' && c.confidence >= URGENT_CONFIDENCE && !moneyCameIn(words)) || (c?.intent === 'phishing_report' && shared);
  const wanted = urgent ? 'urgent' : angry ? 'high' : undefined;
  const raise = wanted && PRIORITY_RANK[wanted] > (PRIORITY_RANK[current.priority] ?? 0) ? wanted : undefined;
  const tag = angry && !current.tags.includes('upset');
  // "How do I top up?" is not a failed top-up: not filed as one.
  const file = current.category !== 'other' ? undefined : freeze ? 'unauthorized_transaction' : filing && c && c.intent !== 'out_of_scope' && c.confidence >= FILING_CONFIDENCE && !asksHowTo(words) ? c.intent : undefined;
  if (!raise && !tag && !file) return [];
  // Tags as they are now: another change may have come since the message.
  const fresh = tag ? await getCase(desk, systemPrincipal, kase.id) : current;
  await updateCase(
    desk,
    systemPrincipal,
    kase.id,
    { ...(raise ? { priority: raise } : {}), ...(tag ? { tags: [...new Set([...fresh.tags, 'upset'])] } : {}), ...(file ? { category: file } : {}) },
    { kind: 'assistant', id: null },
  );
  const what = freeze ? 'a request to freeze the account' : c ? `${c.intent} ${Math.round(c.confidence * 100)}%` : 'an upset customer';
  const changes = [
    ...(raise ? [`priority raised from ${current.priority} to ${raise}`] : []),
    ...(tag ? ['customer upset'] : []),
    ...(file ? [`filed under ${file}`] : []),
  ];
  // Filing alone shows in the case's history; a note is for what the person must act on.
  if (!raise && !tag) return changes;
  await postMessage(desk, systemPrincipal, kase.id, {
    body: `Triage · the customer’s message reads as ${what}: ${changes.join('; ')}.\n“${clip(text, 300)}”`,
    clientMessageId: `assistant-triage:${message.id}`,
    internal: true,
    authorKind: 'system',
  });
  // Money taken or a phone lost cannot wait for the person's shift: the wallet's 24-hour line, once per case, on the
  // customer's channel (as the assistant gives it in its own conversations).
  if (urgent) {
    const locale = negotiateLocale(current.language);
    const line = await securityLine(desk);
    if (line) {
      await postMessage(desk, systemPrincipal, kase.id, { body: t(locale, 'assistant.security_line', { contact: line }), clientMessageId: `assistant-security-line:${kase.id}`, authorKind: 'assistant' });
      changes.push('the customer was given the security line');
    }
  }
  return changes;
}

/** Reads every customer message on cases people have, on the node that stored it. */
export function watchCustomerMessages(desk: Desk): void {
  desk.onStop(
    desk.events.on('message.created', async ({ case: kase, message }) => {
      if ((message.author.kind !== 'customer' && message.author.kind !== 'visitor') || message.internal) return;
      // The assistant's own conversations: it reads and answers those itself.
      if (withAssistant(kase.tags) || message.metadata?.via === 'assistant') return;
      await triageMessage(desk, kase, message);
    }),
  );
}
