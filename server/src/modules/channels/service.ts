import { Readable } from 'node:stream';
import type { Principal } from '../../kernel/auth.js';
import { maxUploadBytes } from '../../kernel/config.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { AppError, notFound, unprocessable } from '../../kernel/errors.js';
import { negotiateLocale, t, type Locale } from '../../kernel/i18n.js';
import { enqueue, type Job } from '../../kernel/jobs.js';
import { readableAttachment, storeUpload } from '../cases/attachments.js';
import { createCase, getCase, getMessageRow, listCaseMessages, listCases, postMessage, presentMessages, setMessageDelivery, systemPrincipal, type CreateCaseInput } from '../cases/service.js';
import type { AttachmentRow, CaseRow, CaseView, MessageRow, MessageView } from '../cases/views.js';
import { createContactCustomer, findCustomerContact } from '../identity/service.js';
import * as store from './store.js';

export type ContactChannel = 'email' | 'whatsapp' | 'telegram' | 'app' | 'phone';
/** The chat-like channels, whose messages arrive through `receiveInThread` and continue the contact's current case. */
export const threadChannels = ['whatsapp', 'telegram', 'app'] as const;
/** Channels a reply can be sent out on. */
export const outboundChannels = ['email', 'whatsapp', 'telegram', 'app'] as const;
export type OutboundChannel = (typeof outboundChannels)[number];
const isOutbound = (c: string): c is OutboundChannel => (outboundChannels as readonly string[]).includes(c);

// ------------------------------------------------------------------------------------------ senders

export interface Outgoing {
  message: MessageRow;
  caseRow: CaseRow;
  attachments: AttachmentRow[];
  /** 1 for the first try. */
  attempt: number;
}

export interface SendResult {
  providerId?: string;
  recipient?: string;
  /** How it went out when not as a plain message (e.g. a WhatsApp template). */
  mode?: string;
}

/** What a channel module plugs into the dispatcher. */
export interface ChannelSender {
  /**
   * Why the channel cannot send at all (not configured), or null when it can: in English unless a locale is given
   * (delivery errors are stored and logged in English; admins read it in their own language).
   */
  unavailable(desk: Desk, locale?: Locale): string | null;
  /** The address this case's customer is reached at on this channel, if any. */
  recipient(desk: Desk, caseRow: CaseRow): Promise<string | undefined>;
  send(desk: Desk, out: Outgoing): Promise<SendResult>;
}

/** A failed send. `permanent` failures are not retried; `retryAfterSeconds` overrides the backoff. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly retryAfterSeconds?: number;
  constructor(message: string, options: { permanent?: boolean; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

const SENDERS = Symbol('channels.senders');
const senders = (desk: Desk) => moduleState(desk, SENDERS, () => new Map<OutboundChannel, ChannelSender>());

export function registerSender(desk: Desk, channel: OutboundChannel, sender: ChannelSender): void {
  senders(desk).set(channel, sender);
}

/** What a channel module tells the desk about receiving: why its messages cannot come in at all (not configured). */
export interface ChannelReceiver {
  /** Why no message can come in on the channel in this process (e.g. every webhook is refused), or null; English unless a locale is given. */
  unavailable(desk: Desk, locale?: Locale): string | null;
}

const RECEIVERS = Symbol('channels.receivers');
const receivers = (desk: Desk) => moduleState(desk, RECEIVERS, () => new Map<OutboundChannel, ChannelReceiver>());

export function registerReceiver(desk: Desk, channel: OutboundChannel, receiver: ChannelReceiver): void {
  receivers(desk).set(channel, receiver);
}

/**
 * Why a conversation on a channel cannot work in this process, or null when it can: messages cannot come in (the
 * webhook would refuse every delivery) or replies cannot go out (they would fail), because the channel is not
 * configured. Said for admins, in their language (English unless given): it names the settings to give.
 */
export function channelUnavailable(desk: Desk, channel: OutboundChannel, locale: Locale = 'en'): string | null {
  const receiver = receivers(desk).get(channel);
  const sender = senders(desk).get(channel);
  if (!receiver && !sender) return t(locale, 'channels.unavailable.not_installed', { channel });
  const problems = [
    receiver ? receiver.unavailable(desk, locale) : t(locale, 'channels.unavailable.no_receiver', { channel }),
    sender ? sender.unavailable(desk, locale) : t(locale, 'channels.unavailable.no_sender', { channel }),
  ];
  const found = problems.filter((p): p is string => Boolean(p));
  // Chinese sentences follow one another without a space.
  return found.length ? found.join(locale === 'zh-CN' ? '' : ' ') : null;
}

/** Whether Sapa can send on a channel now, and reach this case's customer there. */
export async function canReach(desk: Desk, channel: OutboundChannel, caseRow: CaseRow): Promise<boolean> {
  const sender = senders(desk).get(channel);
  return Boolean(sender && !sender.unavailable(desk) && (await sender.recipient(desk, caseRow)));
}

// ------------------------------------------------------------------------------------------ contacts

export interface ContactHints {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  walletRef?: string | null;
  locale?: string | null;
}

/** Acts as a channel contact: their messages are theirs, and they see only their own cases. */
export function customerPrincipal(customerId: string, locale: Locale = 'en'): Principal {
  return { kind: 'customer', customerId, locale, sessionId: 'channel' };
}

/**
 * The customer behind a channel address, created on first contact. An existing customer with the same wallet id,
 * email or phone is the same person and is linked instead of duplicated. Safe under concurrent first messages: the
 * new customer's id derives from the address, and the identity row is unique per (channel, address).
 */
export async function resolveContact(desk: Desk, channel: ContactChannel, addressInput: string, hints: ContactHints = {}): Promise<{ customerId: string; identityId: string; created: boolean }> {
  const address = addressInput.trim();
  const displayName = hints.name?.trim().slice(0, 200) || undefined;
  const known = await store.findIdentity(desk.db, channel, address);
  if (known) {
    await store.touchIdentity(desk.db, known.id, displayName);
    return { customerId: known.customerId, identityId: known.id, created: false };
  }
  const keys = { email: hints.email?.trim().toLowerCase() || null, phone: hints.phone || null, walletRef: hints.walletRef || null };
  let customer = await findCustomerContact(desk, keys);
  let created = false;
  if (!customer) {
    const id = store.nameUuid(`customer:${channel}:${address}`);
    await createContactCustomer(desk, {
      id,
      name: displayName ?? address,
      email: keys.email,
      phone: keys.phone,
      walletRef: keys.walletRef,
      locale: negotiateLocale(hints.locale),
    });
    // Lost a race on email/phone/wallet to another insert: that row is the customer.
    customer = (await findCustomerContact(desk, { id })) ?? (await findCustomerContact(desk, keys));
    if (!customer) throw new Error(`could not create the customer of ${channel} contact`);
    created = customer.id === id;
  }
  const customerId = await store.mergeTarget(desk.db, customer.id);
  const identityId = store.nameUuid(`identity:${channel}:${address}`);
  await store.insertIdentity(desk.db, { id: identityId, channel, address, customerId, displayName });
  const identity = await store.findIdentity(desk.db, channel, address);
  return { customerId: identity?.customerId ?? customerId, identityId: identity?.id ?? identityId, created };
}

/** The address of this customer (or anyone merged with them) on a channel, most recently seen first. */
export async function addressOf(desk: Desk, customerId: string | null, channel: ContactChannel): Promise<string | undefined> {
  if (!customerId) return undefined;
  const ids = await store.linkedCustomerIds(desk.db, customerId);
  const found = await store.identitiesOf(desk.db, ids);
  return found.find((i) => i.channel === channel)?.address;
}

export async function contactCustomer(desk: Desk, customerId: string) {
  return findCustomerContact(desk, { id: customerId });
}

/** Whether two customers are the same person (same id, or merged by an agent). */
export async function sameContact(desk: Desk, a: string | null, b: string | null): Promise<boolean> {
  if (!a || !b) return false;
  if (a === b) return true;
  return (await store.linkedCustomerIds(desk.db, a)).includes(b);
}

// ------------------------------------------------------------------------------------------ attachments

export interface IncomingFile {
  content: Buffer;
  filename?: string;
}

export interface StoredFiles {
  ids: string[];
  /** Files that were not kept, with the reason (type not allowed, too large, empty). */
  skipped: { filename: string; reason: string }[];
}

/** Stores inbound files as attachments of the principal, with the same checks as uploads. */
export async function storeFiles(desk: Desk, p: Principal, files: IncomingFile[]): Promise<StoredFiles> {
  const out: StoredFiles = { ids: [], skipped: [] };
  for (const file of files) {
    try {
      const view = await storeUpload(desk, p, Readable.from([file.content]), file.filename, maxUploadBytes(desk.config));
      out.ids.push(view.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.skipped.push({ filename: file.filename ?? 'attachment', reason: error.code });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ inbound

/**
 * createCase, safe for concurrent deliveries: a request that loses the creation race replays the winner's case,
 * possibly before the winner has stored its first message; wait for that message (briefly) instead of seeing none.
 */
export async function openCase(desk: Desk, p: Principal, input: CreateCaseInput): Promise<{ created: boolean; case: CaseView; message: MessageView | undefined }> {
  const opened = await createCase(desk, p, input);
  if (opened.message) return opened;
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const [first] = (await listCaseMessages(desk, systemPrincipal, opened.case.id, 0, 1)).items;
    if (first) return { ...opened, message: first };
  }
  return { ...opened, message: undefined };
}

export interface InboundInput {
  channel: ContactChannel;
  /** The contact's address on the channel (wa_id, chat id, wallet sub). */
  address: string;
  customerId: string;
  /** The provider's id of this message: the same id is stored once. */
  providerId: string;
  clientMessageId: string;
  body: string;
  /**
   * What the customer wrote in this message (a text, a caption, a button's title), as `body` may hold Sapa's own
   * description of what it was ("[photo]", "[voice or audio message: …]"): '' for a message without words (a photo,
   * a voice note), null for one that asks nothing new (a reaction, an edit). Undefined: `body` is the customer's words.
   */
  text?: string | null;
  metadata: Record<string, unknown>;
  files?: IncomingFile[];
  subject?: string;
  locale?: string;
  receivedAt?: Date;
}

export interface InboundOutcome {
  duplicate: boolean;
  caseId: string;
  messageId: string;
  caseCreated: boolean;
  /** The message reopened a case that was resolved. */
  reopened: boolean;
  /** The watcher that took the message as a reply to what it asked on the resolved case (see `claimsReply`), or null. */
  claimedBy: string | null;
}

/**
 * What another module adds to chat-like conversations (the assistant answering first on WhatsApp, Telegram, the
 * app). The channels module does not know who watches; a watcher must be fast, as it runs inside the webhook.
 */
export interface ThreadWatcher {
  /** Tags for the case a message on `channel` is about to open. A failure is logged and opens the case untagged. */
  tagsForNewCase?(desk: Desk, channel: ContactChannel, input: InboundInput): Promise<string[]>;
  /**
   * Whether a message on a resolved case replies to something this watcher asked there (a satisfaction survey's "5"):
   * returns the watcher's name to claim it, and the message is stored without reopening the case, with
   * `outcome.claimedBy` set to that name (also on repeated deliveries). Must be fast and should not throw.
   */
  claimsReply?(desk: Desk, caseRow: CaseRow, input: InboundInput): Promise<string | null>;
  /**
   * After a message is stored in its case, and again for every repeated delivery of it (`outcome.duplicate`), so
   * work a crash lost between storing and this call is made up by the provider's retry. It should not throw: an
   * error fails the delivery (the provider sends it again).
   */
  stored?(desk: Desk, input: InboundInput, outcome: InboundOutcome): Promise<void>;
  /**
   * A reply (by an agent or the assistant) failed for good on its channel: the channel cannot send, the provider
   * refused it, the retries ran out, or the provider reported it failed. Not called for a failed attempt that will be
   * retried. Called again when the failure is reported again (a provider's repeated report, a rerun of the job), so it
   * must be idempotent. It should be quick; an error makes the dispatcher (or the provider) report the failure again.
   */
  replyFailed?(desk: Desk, failure: ReplyFailure): Promise<void>;
}

export interface ReplyFailure {
  message: MessageRow;
  channel: OutboundChannel;
  /** Why, as shown on the message (`deliveryError`). */
  reason: string;
}

const WATCHERS = Symbol('channels.threadWatchers');
const watchers = (desk: Desk) => moduleState(desk, WATCHERS, () => [] as ThreadWatcher[]);

export function watchThreads(desk: Desk, watcher: ThreadWatcher): void {
  watchers(desk).push(watcher);
}

async function tagsForNewCase(desk: Desk, input: InboundInput): Promise<string[] | undefined> {
  const tags: string[] = [];
  for (const w of watchers(desk)) {
    try {
      tags.push(...((await w.tagsForNewCase?.(desk, input.channel, input)) ?? []));
    } catch (error) {
      desk.log.warn({ err: error, channel: input.channel }, 'a thread watcher failed to tag a new case; it opens untagged');
    }
  }
  return tags.length ? [...new Set(tags)] : undefined;
}

async function claimant(desk: Desk, row: CaseRow, input: InboundInput): Promise<string | null> {
  if (row.status !== 'resolved') return null;
  for (const w of watchers(desk)) {
    try {
      const name = await w.claimsReply?.(desk, row, input);
      if (name) return name;
    } catch (error) {
      // Unclaimed, the message does what any other does: it reopens the case for a person.
      desk.log.warn({ err: error, caseId: row.id }, 'a thread watcher failed to read a reply on a resolved case');
    }
  }
  return null;
}

async function afterStored(desk: Desk, input: InboundInput, outcome: InboundOutcome): Promise<InboundOutcome> {
  for (const w of watchers(desk)) await w.stored?.(desk, input, outcome);
  return outcome;
}

/** Tells the watchers that a reply failed for good; the first error is thrown once every watcher has been told. */
async function replyFailed(desk: Desk, messageId: string, channel: OutboundChannel, reason: string, message?: MessageRow): Promise<void> {
  const list = watchers(desk).filter((w) => w.replyFailed);
  if (!list.length) return;
  const row = message ?? (await getMessageRow(desk, messageId));
  if (!row) return;
  let failed: unknown;
  for (const w of list) {
    try {
      await w.replyFailed!(desk, { message: row, channel, reason });
    } catch (error) {
      failed ??= error;
    }
  }
  if (failed !== undefined) throw failed;
}

const ownerOf = (row: { customerId: string | null; language: string }, fallback: string) =>
  customerPrincipal(row.customerId ?? fallback, negotiateLocale(row.language));

async function attachFiles(desk: Desk, p: Principal, input: InboundInput) {
  const stored = input.files?.length ? await storeFiles(desk, p, input.files) : { ids: [], skipped: [] };
  const metadata = stored.skipped.length ? { ...input.metadata, skippedAttachments: stored.skipped } : input.metadata;
  return { attachmentIds: stored.ids, metadata };
}

/**
 * Stores a message of a chat-like conversation (WhatsApp, Telegram, the app): it continues the contact's current
 * case, or opens one when there is none or it is closed. Never stores one provider message twice, even when the
 * provider delivers it several times at once, and never opens two cases for concurrent first messages.
 */
export async function receiveInThread(desk: Desk, input: InboundInput): Promise<InboundOutcome> {
  const seen = await store.findInbound(desk.db, input.channel, input.providerId);
  if (seen) {
    const claimedBy = ((await getMessageRow(desk, seen.messageId))?.metadata as { claimedBy?: unknown } | null | undefined)?.claimedBy;
    return afterStored(desk, input, { duplicate: true, caseId: seen.caseId, messageId: seen.messageId, caseCreated: false, reopened: false, claimedBy: typeof claimedBy === 'string' ? claimedBy : null });
  }
  const record = async (caseId: string, message: MessageView, created: boolean, caseCreated: boolean, reopened = false, claimedBy: string | null = null): Promise<InboundOutcome> => {
    await store.recordInbound(desk.db, { channel: input.channel, providerId: input.providerId, caseId, messageId: message.id, address: input.address, receivedAt: input.receivedAt ?? new Date() });
    return afterStored(desk, input, { duplicate: !created, caseId, messageId: message.id, caseCreated, reopened: created && reopened, claimedBy });
  };
  for (let round = 0; round < 4; round++) {
    const thread = await store.getThread(desk.db, input.channel, input.address);
    if (thread) {
      const row = await getCase(desk, systemPrincipal, thread.caseId);
      if (row.status !== 'closed') {
        const p = ownerOf(row, input.customerId);
        const { attachmentIds, metadata } = await attachFiles(desk, p, input);
        const claimedBy = await claimant(desk, row, input);
        try {
          const posted = await postMessage(desk, p, row.id, {
            body: input.body,
            clientMessageId: input.clientMessageId,
            attachmentIds,
            channel: input.channel,
            metadata: claimedBy ? { ...metadata, claimedBy } : metadata,
            keepsStatus: Boolean(claimedBy),
          });
          return record(row.id, posted.message, posted.created, false, row.status === 'resolved' && !claimedBy, claimedBy);
        } catch (error) {
          // Closed between our read and our write: open the next case below.
          if (!(error instanceof AppError && error.code === 'case_closed')) throw error;
        }
      }
    }
    const generation = (thread?.generation ?? 0) + 1;
    const p = customerPrincipal(input.customerId, negotiateLocale(input.locale));
    const { attachmentIds, metadata } = await attachFiles(desk, p, input);
    const opened = await openCase(desk, p, {
      channel: input.channel,
      viaChannel: true,
      subject: input.subject,
      locale: input.locale,
      tags: await tagsForNewCase(desk, input),
      idempotencyKey: `thread:${input.channel}:${input.address}:${generation}`,
      message: { body: input.body, clientMessageId: input.clientMessageId, attachmentIds },
      messageMetadata: metadata,
    });
    await store.advanceThread(desk.db, input.channel, input.address, opened.case.id, generation);
    if (opened.message?.clientMessageId === input.clientMessageId) return record(opened.case.id, opened.message, opened.created, opened.created);
    // A concurrent first message opened this case: ours joins it on the next round.
    if (opened.case.status === 'closed') continue;
    const owner = ownerOf({ customerId: opened.case.customerId, language: opened.case.language }, input.customerId);
    const again = await attachFiles(desk, owner, input);
    try {
      const posted = await postMessage(desk, owner, opened.case.id, { body: input.body, clientMessageId: input.clientMessageId, attachmentIds: again.attachmentIds, channel: input.channel, metadata: again.metadata });
      return record(opened.case.id, posted.message, posted.created, false);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'case_closed')) throw error;
    }
  }
  throw new Error(`could not place ${input.channel} message ${input.providerId} in a case`);
}

/** Marks a provider message id as stored (for adapters that create or thread cases themselves, like email). */
export async function rememberInbound(desk: Desk, channel: ContactChannel, providerId: string, caseId: string, messageId: string, address?: string): Promise<void> {
  await store.recordInbound(desk.db, { channel, providerId, caseId, messageId, address });
}

export const findInbound = (desk: Desk, channel: ContactChannel, providerId: string) => store.findInbound(desk.db, channel, providerId);
export const lastInboundAt = (desk: Desk, channel: ContactChannel, address: string) => store.lastInboundAt(desk.db, channel, address);

// ------------------------------------------------------------------------------------------ outbound

export const OUTBOUND_QUEUE = 'channels.outbound';
const MAX_ATTEMPTS = 8;

interface OutboundPayload {
  messageId: string;
  channel: OutboundChannel;
  /** Attempts made by earlier jobs of this delivery (a provider's retry-after starts a new job). */
  before?: number;
}

/**
 * Sends a stored message out on a channel from a job (retried with backoff). Idempotent: a message goes out on a
 * channel at most once however often this is called. A channel that cannot send marks the message failed at once,
 * so nothing waits silently.
 */
export async function dispatch(desk: Desk, messageId: string, channel: OutboundChannel, caseId: string): Promise<void> {
  const claimed = await store.claimOutbound(desk.db, { messageId, channel, caseId });
  if (!claimed) {
    // Already dispatched: at most make sure its job exists (the unique key makes this a no-op when it does).
    const existing = await store.getOutbound(desk.db, messageId, channel);
    if (existing?.status === 'queued') await enqueue(desk.db, OUTBOUND_QUEUE, { messageId, channel } satisfies OutboundPayload, { uniqueKey: `out:${messageId}:${channel}`, maxAttempts: MAX_ATTEMPTS });
    return;
  }
  const sender = senders(desk).get(channel);
  const reason = sender ? sender.unavailable(desk) : `The ${channel} channel is not installed on this Sapa.`;
  if (reason) {
    await store.updateOutbound(desk.db, messageId, channel, { status: 'failed', lastError: reason });
    await setMessageDelivery(desk, messageId, 'failed', reason);
    await replyFailed(desk, messageId, channel, reason);
    return;
  }
  await setMessageDelivery(desk, messageId, 'queued');
  await enqueue(desk.db, OUTBOUND_QUEUE, { messageId, channel } satisfies OutboundPayload, { uniqueKey: `out:${messageId}:${channel}`, maxAttempts: MAX_ATTEMPTS });
  desk.jobs.wake();
}

async function attachmentsOf(desk: Desk, message: MessageRow): Promise<AttachmentRow[]> {
  const [view] = await presentMessages(desk, [message]);
  return Promise.all(view.attachments.map((a) => readableAttachment(desk, systemPrincipal, a.id)));
}

/** The bytes of an attachment, for channels that upload files to the provider. */
export async function attachmentBytes(desk: Desk, row: AttachmentRow): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await desk.files.get(row.storageKey)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function runOutbound(desk: Desk, job: Job<OutboundPayload>): Promise<void> {
  const { messageId, channel } = job.payload;
  const attempt = (job.payload.before ?? 0) + job.attempts;
  const record = await store.getOutbound(desk.db, messageId, channel);
  // Given up on by an earlier run whose watchers did not all hear of it (one threw, so the job ran again): tell them.
  if (record?.status === 'failed') return replyFailed(desk, messageId, channel, record.lastError ?? 'failed');
  // Already sent by an earlier run: never send twice.
  if (record && record.status !== 'queued') return;
  const message = await getMessageRow(desk, messageId);
  if (!message) return;
  const sender = senders(desk).get(channel);
  const fail = async (reason: string) => {
    await store.updateOutbound(desk.db, messageId, channel, { status: 'failed', lastError: reason, attempts: attempt });
    await setMessageDelivery(desk, messageId, 'failed', reason);
    await replyFailed(desk, messageId, channel, reason, message);
  };
  if (!sender) return fail(`The ${channel} channel is not installed on this Sapa.`);
  const unavailable = sender.unavailable(desk);
  if (unavailable) return fail(unavailable);
  const caseRow = await getCase(desk, systemPrincipal, message.caseId);
  try {
    const result = await sender.send(desk, { message, caseRow, attachments: await attachmentsOf(desk, message), attempt });
    await store.updateOutbound(desk.db, messageId, channel, {
      status: 'sent',
      providerId: result.providerId ?? null,
      recipient: result.recipient ?? null,
      mode: result.mode ?? null,
      attempts: attempt,
      lastError: null,
      sentAt: new Date(),
    });
    await setMessageDelivery(desk, messageId, 'sent');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof DeliveryError && error.permanent;
    if (permanent || attempt >= MAX_ATTEMPTS) return fail(permanent ? reason : `${reason} (gave up after ${attempt} attempts)`);
    await store.updateOutbound(desk.db, messageId, channel, { attempts: attempt, lastError: reason });
    await setMessageDelivery(desk, messageId, 'queued', `Attempt ${attempt} failed: ${reason}. Retrying.`);
    const retryAfter = error instanceof DeliveryError ? error.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) {
      // The provider said when: a new job at that time instead of the runner's own backoff.
      await enqueue(desk.db, OUTBOUND_QUEUE, { messageId, channel, before: attempt } satisfies OutboundPayload, {
        runAt: new Date(Date.now() + Math.max(1, retryAfter) * 1000),
        uniqueKey: `out:${messageId}:${channel}:a${attempt + 1}`,
        maxAttempts: MAX_ATTEMPTS - attempt,
      });
      return;
    }
    throw error;
  }
}

const STATUS_RANK: Record<string, number> = { stored: 0, queued: 1, sent: 2, delivered: 3, read: 4 };

/**
 * A provider's report on a message we sent (WhatsApp statuses, a bounce). Reports may arrive out of order: a later
 * state is never overwritten by an earlier one; a failure always wins.
 */
export async function reportDelivery(desk: Desk, channel: OutboundChannel, providerId: string, status: 'sent' | 'delivered' | 'read' | 'failed', error: string | null = null): Promise<boolean> {
  const record = await store.findOutboundByProvider(desk.db, channel, providerId);
  if (!record) return false;
  return applyDelivery(desk, record, status, error);
}

/** The same, when the adapter knows our message id (a bounce quoting our Message-ID, the app's receipts). */
export async function reportDeliveryOfMessage(desk: Desk, channel: OutboundChannel, messageId: string, status: 'sent' | 'delivered' | 'read' | 'failed', error: string | null = null): Promise<boolean> {
  const record = await store.getOutbound(desk.db, messageId, channel);
  if (!record) return false;
  return applyDelivery(desk, record, status, error);
}

async function applyDelivery(desk: Desk, record: store.OutboundRow, status: 'sent' | 'delivered' | 'read' | 'failed', error: string | null): Promise<boolean> {
  if (status !== 'failed' && (record.status === 'failed' || STATUS_RANK[status] <= STATUS_RANK[record.status])) return true;
  await store.updateOutbound(desk.db, record.messageId, record.channel, { status, lastError: error });
  await setMessageDelivery(desk, record.messageId, status, error);
  // The provider gave up on it (an undeliverable number, a bounce): as final as a refused send.
  if (status === 'failed' && isOutbound(record.channel)) await replyFailed(desk, record.messageId, record.channel, error ?? `The ${record.channel} provider reported the message as not delivered.`);
  return true;
}

export const outboundRecord = (desk: Desk, messageId: string, channel: OutboundChannel) => store.getOutbound(desk.db, messageId, channel);

const SWEEP = Symbol('channels.sweep');

/** Registers the dispatcher: replies by agents and the assistant go out on the channel of their message. */
export function setupDispatch(desk: Desk): void {
  desk.jobs.handle<OutboundPayload>(OUTBOUND_QUEUE, (job) => runOutbound(desk, job));
  // The customer's next WhatsApp, Telegram or app message about a merged case lands in the case it was merged into
  // (where agents can answer on that channel), not in a new case.
  desk.events.on('case.merged', async ({ source, target }) => store.moveThreads(desk.db, source.id, target.id));
  desk.events.on('message.created', async ({ case: c, message }) => {
    if (!shouldSend(message)) return;
    await dispatch(desk, message.id, message.channel as OutboundChannel, c.id);
  });
}

function shouldSend(message: MessageView): boolean {
  if (message.internal || !isOutbound(message.channel)) return false;
  // Sapa's own words to the customer (a satisfaction survey) go out when they say so; its notes for agents never do.
  if (message.author.kind === 'system') return message.metadata?.outbound === true;
  if (message.author.kind !== 'agent' && message.author.kind !== 'assistant') return false;
  return message.metadata?.outbound !== false;
}

/** Queues replies whose dispatch was lost (the node stopped between storing a reply and queueing it). */
export async function sweepUndispatched(desk: Desk, olderThanSeconds = 30): Promise<number> {
  let queued = 0;
  for (const item of await store.undispatched(desk.db, [...senders(desk).keys()], olderThanSeconds)) {
    const message = await getMessageRow(desk, item.messageId);
    if (message && isOutbound(item.channel)) {
      await dispatch(desk, message.id, item.channel, message.caseId);
      queued++;
    }
  }
  return queued;
}

/** Runs the sweep now and every minute while the node lives. */
export function startSweeper(desk: Desk): void {
  const sweep = () => sweepUndispatched(desk).catch((error: unknown) => desk.log.warn({ err: error }, 'outbound sweep failed; will retry'));
  const timer = setInterval(() => void sweep(), 60_000);
  timer.unref();
  moduleState(desk, SWEEP, () => timer);
  desk.onStop(() => clearInterval(timer));
  void sweep();
}

// ------------------------------------------------------------------------------------------ agents

export interface ReplyInput {
  body: string;
  clientMessageId: string;
  channel?: CaseRow['channel'];
  attachmentIds?: string[];
}

/** An agent's reply on a chosen channel (default: the case's own); refused when the customer cannot be reached there. */
export async function replyOnChannel(desk: Desk, agent: Principal, caseId: string, input: ReplyInput) {
  const row = await getCase(desk, agent, caseId);
  const channel = input.channel ?? row.channel;
  if (isOutbound(channel)) {
    const sender = senders(desk).get(channel);
    const reason = sender ? sender.unavailable(desk) : 'not installed';
    if (reason) throw unprocessable('channel_not_configured', { channel, reason });
    if (!(await sender!.recipient(desk, row))) throw unprocessable('channel_unreachable', { channel });
  }
  return postMessage(desk, agent, caseId, { body: input.body, clientMessageId: input.clientMessageId, attachmentIds: input.attachmentIds, channel, metadata: { replyChannel: channel } });
}

export interface IdentityView {
  id: string;
  channel: string;
  address: string;
  displayName: string | null;
  customerId: string;
  createdAt: string;
  lastSeenAt: string;
}

const identityView = (i: store.IdentityRow): IdentityView => ({
  id: i.id,
  channel: i.channel,
  address: i.address,
  displayName: i.displayName,
  customerId: i.customerId,
  createdAt: i.createdAt.toISOString(),
  lastSeenAt: i.lastSeenAt.toISOString(),
});

/** Everything known about a contact across channels: their identities and the cases of every linked customer. */
export async function contactOverview(desk: Desk, agent: Principal, customerId: string): Promise<{ customerId: string; linkedCustomerIds: string[]; identities: IdentityView[]; cases: CaseView[] }> {
  const customer = await findCustomerContact(desk, { id: customerId });
  if (!customer) throw notFound();
  const linked = await store.linkedCustomerIds(desk.db, customerId);
  const identities = await store.identitiesOf(desk.db, linked);
  const cases: CaseView[] = [];
  for (const id of linked) cases.push(...(await listCases(desk, agent, { customerId: id, limit: 100 })).items);
  cases.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  return { customerId, linkedCustomerIds: linked.filter((id) => id !== customerId), identities: identities.map(identityView), cases };
}

/**
 * Agents link what they know is one person: the given identities (and every identity of the given customers) move
 * to the target customer, and the customers they came from are recorded as merged into it.
 */
export async function linkContacts(desk: Desk, agent: Principal, input: { customerId: string; identityIds?: string[]; customerIds?: string[] }) {
  const target = await findCustomerContact(desk, { id: input.customerId });
  if (!target) throw notFound();
  const identities: store.IdentityRow[] = [];
  for (const id of input.identityIds ?? []) {
    const row = await store.getIdentity(desk.db, id);
    if (!row) throw unprocessable('identity_not_found', { identityId: id });
    identities.push(row);
  }
  const sources = new Set(input.customerIds ?? []);
  for (const id of sources) {
    if (!(await findCustomerContact(desk, { id }))) throw unprocessable('customer_not_found', { customerId: id });
  }
  if (sources.has(target.id)) throw unprocessable('cannot_link_to_itself');
  identities.push(...(await store.identitiesOf(desk.db, [...sources])));
  for (const i of identities) if (i.customerId !== target.id) sources.add(i.customerId);
  await store.moveIdentities(desk.db, identities.filter((i) => i.customerId !== target.id).map((i) => i.id), target.id);
  const agentId = agent.kind === 'agent' && agent.agentId !== 'system' ? agent.agentId : null;
  for (const source of sources) if (source !== target.id) await store.insertMerge(desk.db, source, target.id, agentId);
  return contactOverview(desk, agent, target.id);
}
