import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { enqueue, type Job } from '../../kernel/jobs.js';
import { clip } from '../../kernel/text.js';
import { messages } from '../cases/schema.js';
import { getCase, getMessageRow, postMessage, presentMessages, systemPrincipal, updateCase } from '../cases/service.js';
import { ASSISTANT_TAG, HANDOFF_TAG, withAssistant, type CaseRow } from '../cases/views.js';
import { customerPrincipal, watchThreads, type InboundInput, type InboundOutcome, type ReplyFailure } from '../channels/service.js';
import { publicBase } from '../status/notify.js';
import { assistantChannels, assistantFirst, type AssistantChannel } from '../support/service.js';
import './messages.js';
import { assistantConversations } from './schema.js';
import { converse, handoffTiming } from './service.js';

// The assistant answering first on WhatsApp, Telegram and the wallet app's chat, as it does in the widget.
//
// A case a message on such a channel opens is tagged `assistant` when an admin turned the assistant on for the
// channel (support setting `assistant_first`), so it stays out of the agents' queue like a widget case the
// assistant holds. Each message stored on a case the assistant still holds queues one job, keyed by the message:
// the webhook only writes that row (it stays fast and never waits for the assistant), a provider's repeated
// delivery finds the job already there, and the job runs `converse` on the stored message, which recognises it by
// its clientMessageId instead of storing it again. The answer is an assistant message on the case; the channels
// module sends it out on the case's channel like an agent's reply. When the assistant cannot answer, the case
// goes to the agents' queue with a note: nobody is left waiting on an assistant that will not answer.
//
// After the assistant hands a case over, the customer's messages wait for the person (triage still reads them). On
// WhatsApp or Telegram silence looks like a dead line, so a message after a quiet spell, with no person in the
// conversation yet, gets one line back: the case it joined and when a person answers.
//
// An answer that cannot be delivered for good (the channel is not configured, the provider refused it, the retries ran
// out, the provider reported it failed) leaves the customer without an answer as surely as a turn that failed: the
// case goes to the agents' queue with a note saying why. A failed attempt that is being retried is not that.

export const TURN_QUEUE = 'assistant.channel_turn';
/** Hands a case over after an assistant reply on it failed for good; one job per failed reply. */
export const UNDELIVERED_QUEUE = 'assistant.reply_undelivered';
/** Attempts of a turn before the case goes to a person: one quick retry for a passing failure. */
const ATTEMPTS_BEFORE_HANDOVER = 2;
/** After a handover, how long the conversation is quiet before a customer's message is acknowledged again. */
const WAITING_QUIET_MS = 30 * 60_000;

interface TurnPayload {
  caseId: string;
  messageId: string;
  clientMessageId: string;
  channel: AssistantChannel;
  /** What the customer wrote ('' for a photo or a voice note without words). */
  text: string;
  /** Set on a message after the handover: acknowledged (when due), not answered. */
  waiting?: boolean;
}

interface UndeliveredPayload {
  caseId: string;
  messageId: string;
  channel: AssistantChannel;
  reason: string;
}

const isAssistantChannel = (channel: string): channel is AssistantChannel => (assistantChannels as readonly string[]).includes(channel);

/** Whether the assistant answers first on this channel now (an admin's setting). */
async function answersFirst(desk: Desk, channel: string): Promise<boolean> {
  return isAssistantChannel(channel) && (await assistantFirst(desk))[channel];
}

/**
 * Turns of one case run one after the other on a node, in the order their jobs were claimed (the order the messages
 * came in): two quick messages must not race on what the assistant remembers of the conversation.
 */
const CHAINS = Symbol('assistant.channelTurnChains');
function oneAtATime<T>(desk: Desk, caseId: string, work: () => Promise<T>): Promise<T> {
  const chains = moduleState(desk, CHAINS, () => new Map<string, Promise<unknown>>());
  const next = (chains.get(caseId) ?? Promise.resolve()).catch(() => undefined).then(work);
  chains.set(caseId, next);
  next
    .finally(() => {
      if (chains.get(caseId) === next) chains.delete(caseId);
    })
    .catch(() => undefined);
  return next;
}

/**
 * The case goes to the agents' queue (handoff tag, open) with an internal note saying why, and the customer is told
 * a person will answer, unless the assistant already answered that message.
 */
async function handOver(desk: Desk, row: CaseRow, clientMessageId: string, why: string): Promise<void> {
  if (!(await moveToPeople(desk, row, `Assistant handoff · the assistant did not answer the customer’s last message on ${row.channel}: ${why}. The case is waiting for a person.`, `assistant-unanswered:${clientMessageId}`))) return;
  await postMessage(desk, systemPrincipal, row.id, {
    body: t(negotiateLocale(row.language), 'assistant.channel.failed', { reference: row.reference }),
    // The key of the assistant's answer to that message: an answer already given is not followed by this one.
    clientMessageId: `assistant-out:${clientMessageId}`,
    authorKind: 'assistant',
    metadata: { handoff: true, unanswered: true },
  });
}

/**
 * The handoff itself: an internal note (stored once under `noteKey`), then the case in the agents' queue (handoff tag,
 * open). False when the assistant no longer holds the case (closed, handed over, taken by an agent): nothing to do.
 */
async function moveToPeople(desk: Desk, row: CaseRow, note: string, noteKey: string): Promise<boolean> {
  if (row.status === 'closed' || !withAssistant(row.tags)) return false;
  await postMessage(desk, systemPrincipal, row.id, { body: note, clientMessageId: noteKey, internal: true, authorKind: 'system' });
  await updateCase(desk, systemPrincipal, row.id, { status: 'open', tags: [...new Set([...row.tags, HANDOFF_TAG])] }, { kind: 'assistant', id: null });
  return true;
}

/**
 * An answer of the assistant's that will never reach the customer: a person takes the case, told why. The customer is
 * not told a person will answer: that message would go out on the channel that just failed.
 */
async function replyUndelivered(desk: Desk, payload: UndeliveredPayload): Promise<void> {
  await oneAtATime(desk, payload.caseId, async () => {
    const row = await getCase(desk, systemPrincipal, payload.caseId);
    const reason = clip(payload.reason.trim(), 500);
    const note = `Assistant handoff · the assistant’s reply to the customer on ${payload.channel} could not be delivered: ${reason}${/[.!?。]$/.test(reason) ? '' : '.'} The customer has not seen it; the case is waiting for a person (answer on another channel if this one cannot reach them).`;
    if (await moveToPeople(desk, row, note, `assistant-undelivered:${payload.messageId}`)) {
      desk.log.warn({ caseId: row.id, messageId: payload.messageId, channel: payload.channel, reason: payload.reason }, 'the assistant’s reply could not be delivered; the case went to a person');
    }
  });
}

/** Queues the handover of a case whose assistant reply failed for good (a watcher of the channels' dispatcher). */
async function queueUndelivered(desk: Desk, failure: ReplyFailure): Promise<void> {
  const { message, channel, reason } = failure;
  // Agents see their own failed replies on the case; only the assistant's leave a customer waiting unseen.
  if (message.authorKind !== 'assistant' || message.internal || !isAssistantChannel(channel)) return;
  const payload: UndeliveredPayload = { caseId: message.caseId, messageId: message.id, channel, reason };
  await enqueue(desk.db, UNDELIVERED_QUEUE, payload, { uniqueKey: `assistant-undelivered:${message.id}`, maxAttempts: 6 });
  setTimeout(() => desk.jobs.wake(), 20).unref();
}

/** One turn: the assistant answers the stored message `clientMessageId` on its case. */
async function answer(desk: Desk, row: CaseRow, payload: TurnPayload): Promise<void> {
  const message = await getMessageRow(desk, payload.messageId);
  if (!message || message.caseId !== row.id || !row.customerId) return;
  const customer = customerPrincipal(row.customerId, negotiateLocale(row.language));
  let said = payload.text.trim();
  // A photo or a document without words: the assistant says it reads words only (converse's answer to a picture).
  if (!said && (await presentMessages(desk, [message]))[0].attachments.length) said = '📷';
  if (said) {
    // `converse` finds the message by its clientMessageId on the case (stored once, by the channel) and answers it;
    // a turn run again after its answer was posted replays that answer instead of posting a second one.
    await converse(desk, customer, { text: clip(said, 20_000), caseId: row.id, locale: row.language, clientMessageId: payload.clientMessageId }, { origin: publicBase(desk) }); // SAPA_PUBLIC_URL, else the address this node serves on
    return;
  }
  // A voice note, a video, a location: nothing the assistant (or, for what Sapa does not store, anyone) can read.
  await postMessage(desk, systemPrincipal, row.id, {
    body: t(negotiateLocale(row.language), 'assistant.channel.words'),
    clientMessageId: `assistant-out:${payload.clientMessageId}`,
    authorKind: 'assistant',
    metadata: { intent: 'unreadable', handoff: false },
  });
}

/**
 * A message on a case the assistant handed over: acknowledged when no person has written to the customer since, and
 * nothing was said to them for a while before it (the handover itself said that what they write is added to the
 * case). The latest word to the customer counts even when it came after this message: a burst is acknowledged once.
 */
async function acknowledgeWaiting(desk: Desk, row: CaseRow, payload: TurnPayload): Promise<void> {
  if (row.status === 'closed' || !row.customerId) return;
  const message = await getMessageRow(desk, payload.messageId);
  if (!message || message.caseId !== row.id) return;
  const [last] = await desk.db
    .select({ authorKind: messages.authorKind, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.caseId, row.id), eq(messages.internal, false), inArray(messages.authorKind, ['agent', 'assistant'])))
    .orderBy(desc(messages.seq))
    .limit(1);
  if (!last || last.authorKind !== 'assistant' || new Date(last.createdAt).getTime() > new Date(message.createdAt).getTime() - WAITING_QUIET_MS) return;
  const locale = negotiateLocale(row.language);
  const timing = await handoffTiming(desk, locale, customerPrincipal(row.customerId, locale), row.channel);
  await postMessage(desk, systemPrincipal, row.id, {
    body: `${t(locale, 'assistant.after_handoff.waiting', { reference: row.reference })}\n${timing}`,
    clientMessageId: `assistant-waiting:${payload.clientMessageId}`,
    authorKind: 'assistant',
    metadata: { handoff: true, waiting: true },
  });
}

async function runTurn(desk: Desk, job: Job<TurnPayload>): Promise<void> {
  const payload = job.payload;
  await oneAtATime(desk, payload.caseId, async () => {
    const row = await getCase(desk, systemPrincipal, payload.caseId);
    if (payload.waiting) return acknowledgeWaiting(desk, row, payload);
    // Closed, handed over, or taken by an agent since the message came: it waits on the case for the person, as in
    // the widget once a person has the conversation.
    if (row.status === 'closed' || !withAssistant(row.tags)) return;
    if (!(await answersFirst(desk, payload.channel))) return handOver(desk, row, payload.clientMessageId, `an admin turned the assistant off for ${payload.channel}`);
    try {
      await answer(desk, row, payload);
    } catch (error) {
      const now = await getCase(desk, systemPrincipal, payload.caseId);
      // Closed in between: a new message opens the next case, where the assistant starts again.
      if (error instanceof AppError && error.code === 'case_closed') return;
      if (job.attempts < ATTEMPTS_BEFORE_HANDOVER) throw error;
      desk.log.error({ err: error, caseId: payload.caseId, messageId: payload.messageId }, 'the assistant could not answer a channel message; handing the case over');
      await handOver(desk, now, payload.clientMessageId, `it failed (${clip(error instanceof Error ? error.message : String(error), 300)})`);
    }
  });
}

/**
 * A customer writing again on a case that was resolved, on a channel where the assistant answers first: as with a new
 * conversation, the assistant answers first (often "thanks", or a new question) and hands the case back to a person
 * when it must, with the case's history. It starts afresh: what it remembered of the earlier problem is dropped.
 */
async function handBack(desk: Desk, row: CaseRow): Promise<CaseRow> {
  await desk.db.delete(assistantConversations).where(eq(assistantConversations.caseId, row.id));
  await updateCase(desk, systemPrincipal, row.id, { tags: [...new Set([...row.tags.filter((tag) => tag !== HANDOFF_TAG), ASSISTANT_TAG])] }, { kind: 'assistant', id: null });
  await postMessage(desk, systemPrincipal, row.id, {
    body: `Reopened by the customer on ${row.channel}: the assistant answers first again, as in a new conversation, and hands the case back to a person when needed.`,
    clientMessageId: `assistant-reopened:${row.id}:${row.lastSeq}`,
    internal: true,
    authorKind: 'system',
  });
  return getCase(desk, systemPrincipal, row.id);
}

/** Queues the assistant's turn for a message stored on a case it holds; called inside the webhook, so kept small. */
async function queueTurn(desk: Desk, input: InboundInput, outcome: InboundOutcome): Promise<void> {
  // A rating replying to the satisfaction survey is the survey's, not a new conversation.
  if (!isAssistantChannel(input.channel) || input.text === null || outcome.claimedBy) return;
  let row = await getCase(desk, systemPrincipal, outcome.caseId);
  if (outcome.reopened && !withAssistant(row.tags) && (await answersFirst(desk, input.channel))) row = await handBack(desk, row);
  if (row.status === 'closed' || !row.tags.includes(ASSISTANT_TAG)) return;
  // Handed over (by the assistant, or taken by a person): only the acknowledgement, when it is due.
  const waiting = !withAssistant(row.tags);
  const payload: TurnPayload = { caseId: row.id, messageId: outcome.messageId, clientMessageId: input.clientMessageId, channel: input.channel, text: input.text ?? input.body, ...(waiting ? { waiting } : {}) };
  try {
    await enqueue(desk.db, TURN_QUEUE, payload, { uniqueKey: `assistant-turn:${outcome.messageId}`, maxAttempts: waiting ? 3 : 6 });
  } catch (error) {
    // An acknowledgement is a courtesy: without it the message still waits on the case for the person.
    if (waiting) return desk.log.warn({ err: error, caseId: row.id }, 'could not queue the acknowledgement of a message after a handover');
    // Without its job the message would wait unseen with an assistant that never answers: a person gets the case.
    // If even that cannot be written, the database is failing and the delivery fails with it (the provider retries).
    desk.log.error({ err: error, caseId: row.id }, 'could not queue the assistant’s turn; handing the case over');
    await handOver(desk, row, input.clientMessageId, 'its turn could not be queued');
    return;
  }
  // Soon after the webhook has answered the provider, not inside it.
  setTimeout(() => desk.jobs.wake(), 20).unref();
}

/** Registers the channel watcher and the turn job (from the assistant module's setup). */
export function setupChannelTurns(desk: Desk): void {
  watchThreads(desk, {
    tagsForNewCase: async (d, channel) => ((await answersFirst(d, channel)) ? [ASSISTANT_TAG] : []),
    stored: queueTurn,
    replyFailed: queueUndelivered,
  });
  desk.jobs.handle<TurnPayload>(TURN_QUEUE, (job) => runTurn(desk, job));
  desk.jobs.handle<UndeliveredPayload>(UNDELIVERED_QUEUE, (job) => replyUndelivered(desk, job.payload));
}
