import { randomBytes, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { Config } from '../../kernel/config.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { continuedIn } from '../cases/merge.js';
import { findCaseByReference, getCase, guessLanguage, postMessage, systemPrincipal } from '../cases/service.js';
import type { CaseRow, MessageView } from '../cases/views.js';
import { customerPrincipal, openCase, reportDeliveryOfMessage, resolveContact, sameContact, storeFiles } from '../channels/service.js';
import { cleanSubject, parseEmail, type ParsedEmail } from './parse.js';
import * as store from './store.js';

export interface Envelope {
  /** MAIL FROM (empty for bounces). */
  from?: string;
  /** RCPT TO addresses (IMAP: the To/Cc/Delivered-To headers). */
  to: string[];
  via: 'smtp' | 'imap';
}

export type ReceiveOutcome =
  | { kind: 'stored'; caseId: string; messageId: string; caseCreated: boolean; relatedCaseId?: string }
  | { kind: 'duplicate'; caseId: string | null }
  | { kind: 'auto_reply' | 'bounce' | 'loop' | 'ignored'; caseId?: string | null };

/** An email refused with an SMTP status (the SMTP server answers it; IMAP just skips the message). */
export class EmailRefused extends Error {
  constructor(public readonly responseCode: number, message: string) {
    super(message);
    this.name = 'EmailRefused';
  }
}

// ------------------------------------------------------------------------------------------ addresses

export const emailMaxBytes = (config: Config) => Math.floor(config.SAPA_EMAIL_MAX_MB * 1024 * 1024);

/** The domain of our Message-IDs and reply addresses. */
export function mailDomain(config: Config): string | undefined {
  return config.SAPA_EMAIL_DOMAIN?.toLowerCase() ?? config.SAPA_EMAIL_FROM?.split('@')[1]?.replace(/>.*$/, '').toLowerCase();
}

/** The address replies are sent from: SAPA_EMAIL_FROM, else support@SAPA_EMAIL_DOMAIN. */
export function fromAddress(config: Config): string | undefined {
  if (config.SAPA_EMAIL_FROM) return config.SAPA_EMAIL_FROM;
  return config.SAPA_EMAIL_DOMAIN ? `support@${config.SAPA_EMAIL_DOMAIN.toLowerCase()}` : undefined;
}

const bareAddress = (a: string) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim().toLowerCase();

export function acceptsRecipient(config: Config, address: string): boolean {
  const domain = config.SAPA_EMAIL_DOMAIN?.toLowerCase();
  return Boolean(domain) && bareAddress(address).endsWith(`@${domain}`);
}

export const replyAddress = (config: Config, token: string) => {
  const domain = config.SAPA_EMAIL_DOMAIN?.toLowerCase();
  return domain ? `reply+${token}@${domain}` : undefined;
};

/** Whether this sender has used up its hourly allowance (counted over every node, from the stored mail). */
export async function senderOverLimit(desk: Desk, address: string): Promise<boolean> {
  if (!address) return false;
  const since = new Date(Date.now() - 3600_000);
  return (await store.countReceivedFrom(desk.db, bareAddress(address), since)) >= desk.config.SAPA_EMAIL_RATE_PER_HOUR;
}

// ------------------------------------------------------------------------------------------ receive

const MAX_BODY = 20_000;
const MAX_FULL_TEXT = 100_000;
const MAX_HTML = 200_000;
const REFERENCE = /\bSP-[A-HJ-NP-Z2-9]{6}\b/;

function bodyOf(mail: ParsedEmail): string {
  const text = mail.visibleText.trim();
  if (text) return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}…` : text;
  const names = mail.attachments.map((a) => a.filename ?? a.contentType);
  return names.length ? `[${names.join(', ')}]` : `(${mail.subject || 'empty email'})`;
}

function metadataOf(mail: ParsedEmail, envelope: Envelope): Record<string, unknown> {
  return {
    email: {
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      from: mail.from,
      replyTo: mail.replyTo,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      date: mail.date,
      via: envelope.via,
      envelopeFrom: envelope.from || null,
      rawSha256: mail.sha256,
      threadIndex: mail.headers.get('thread-index') ?? null,
      folded: { quoted: Boolean(mail.quotedText), signature: Boolean(mail.signature) },
      fullText: mail.fullText.slice(0, MAX_FULL_TEXT),
      html: mail.html && mail.html.length <= MAX_HTML ? mail.html : null,
      autoReply: mail.autoReply || undefined,
    },
  };
}

/** The case an email answers: reply token, then Message-ID references, then the case tag, then Outlook's thread. */
async function threadedCase(desk: Desk, mail: ParsedEmail, recipients: string[]): Promise<CaseRow | undefined> {
  const domain = desk.config.SAPA_EMAIL_DOMAIN?.toLowerCase();
  const load = async (id: string | null | undefined) => (id ? getCase(desk, systemPrincipal, id).catch(() => undefined) : undefined);
  for (const r of recipients) {
    const m = /^reply\+([a-z0-9]{6,40})@(.+)$/i.exec(bareAddress(r));
    if (m && m[2] === domain) {
      const thread = await store.threadByToken(desk.db, m[1]);
      const found = await load(thread?.caseId);
      if (found) return found;
    }
  }
  const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
  if (ids.length) {
    const known = await store.findEmails(desk.db, ids);
    for (const id of ids) {
      const found = await load(known.find((k) => k.messageId === id)?.caseId);
      if (found) return found;
    }
  }
  const tag = REFERENCE.exec(mail.subject)?.[0];
  if (tag) {
    const found = await findCaseByReference(desk, tag);
    if (found) return found;
  }
  if (mail.threadIndexRoot) return load(await store.latestCaseOfThreadIndex(desk.db, mail.threadIndexRoot));
  return undefined;
}

async function keepRaw(desk: Desk, raw: Buffer, sha256: string): Promise<string> {
  const key = `email/raw/${sha256.slice(0, 2)}/${sha256}.eml`;
  // Written to a private temp file first: the same email arriving twice at once must not share one partial file.
  const temp = await desk.files.tempPath(`${randomUUID()}.eml`);
  try {
    await writeFile(temp, raw);
    await desk.files.adopt(key, temp);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return key;
}

/**
 * Takes one inbound email (from SMTP or IMAP) into the inbox: a new case, the next message of its case, a note of an
 * auto-reply, or a bounce marking our message failed. Idempotent by Message-ID: the same email twice is one message.
 */
export async function receiveEmail(desk: Desk, raw: Buffer, envelope: Envelope): Promise<ReceiveOutcome> {
  const domain = mailDomain(desk.config);
  const own = [fromAddress(desk.config)].filter((a): a is string => Boolean(a)).map(bareAddress);
  const mail = await parseEmail(raw, { ownDomain: domain, ownAddresses: own });
  const seen = await store.findEmail(desk.db, mail.messageId);
  if (seen) return { kind: 'duplicate', caseId: seen.caseId };

  const rawKey = await keepRaw(desk, raw, mail.sha256);
  const sender = mail.from?.address ?? (envelope.from ? bareAddress(envelope.from) : '');
  const row = {
    messageId: mail.messageId,
    direction: 'in' as const,
    fromAddress: sender || null,
    envelopeFrom: envelope.from ? bareAddress(envelope.from) : null,
    subject: mail.subject.slice(0, 500),
    threadIndexRoot: mail.threadIndexRoot,
    rawKey,
    rawSha256: mail.sha256,
    size: raw.length,
  };

  // Never answer ourselves: a message of ours coming back would start a mail loop.
  if (mail.loop) {
    await store.insertEmail(desk.db, { ...row, kind: 'loop' });
    desk.log.warn({ messageId: mail.messageId }, 'email loop detected; message dropped');
    return { kind: 'loop' };
  }

  if (mail.bounce) {
    let caseId: string | null = null;
    const bounced = await store.findEmails(desk.db, mail.bounce.originalMessageIds);
    for (const original of bounced.filter((b) => b.direction === 'out' && b.sapaMessageId)) {
      caseId = original.caseId;
      if (mail.bounce.permanent) {
        const reason = `Bounced${mail.bounce.recipient ? ` by ${mail.bounce.recipient}` : ''}: ${[mail.bounce.status, mail.bounce.diagnostic].filter(Boolean).join(' ')}`.slice(0, 500);
        await reportDeliveryOfMessage(desk, 'email', original.sapaMessageId!, 'failed', reason);
      }
    }
    await store.insertEmail(desk.db, { ...row, kind: 'bounce', caseId });
    return { kind: 'bounce', caseId };
  }

  if (!sender) {
    await store.insertEmail(desk.db, { ...row, kind: 'ignored' });
    return { kind: 'ignored' };
  }
  if (envelope.via === 'smtp' && mail.from && (await senderOverLimit(desk, mail.from.address))) {
    throw new EmailRefused(451, `4.7.1 Too many messages from ${mail.from.address}; please try again later`);
  }

  const recipients = [...envelope.to, ...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address), mail.headers.get('delivered-to') ?? ''].filter(Boolean);
  const threaded = await threadedCase(desk, mail, recipients);
  // A reply to a duplicate an agent merged continues in the case it was merged into.
  const target = threaded && threaded.status === 'closed' ? ((await continuedIn(desk, threaded)) ?? threaded) : threaded;
  const metadata = metadataOf(mail, envelope);
  const clientMessageId = `email:${mail.messageId.slice(1, -1)}`.slice(0, 300);

  // Out-of-office and similar: agents see it on the case, nobody is answered, the case does not reopen.
  if (mail.autoReply) {
    if (target) {
      const note = await postMessage(desk, systemPrincipal, target.id, {
        body: t(negotiateLocale(target.language), 'email.note.auto_reply', { from: sender, text: bodyOf(mail).slice(0, 2000) }),
        clientMessageId,
        authorKind: 'system',
        internal: true,
        channel: 'email',
        metadata: { ...metadata, outbound: false },
      });
      await store.insertEmail(desk.db, { ...row, kind: 'auto_reply', caseId: target.id, sapaMessageId: note.message.id });
    } else {
      await store.insertEmail(desk.db, { ...row, kind: 'auto_reply' });
    }
    return { kind: 'auto_reply', caseId: target?.id ?? null };
  }

  const contact = await resolveContact(desk, 'email', sender, { email: sender, name: mail.from?.name, locale: guessLanguage(`${mail.subject} ${mail.visibleText}`) });
  const replyTo = mail.replyTo?.address ?? sender;
  const body = bodyOf(mail);

  if (target && target.status !== 'closed' && (await sameContact(desk, target.customerId, contact.customerId))) {
    const owner = customerPrincipal(target.customerId!, negotiateLocale(target.language));
    const files = await storeFiles(desk, owner, mail.attachments);
    try {
      const posted = await postMessage(desk, owner, target.id, {
        body,
        clientMessageId,
        attachmentIds: files.ids,
        channel: 'email',
        metadata: files.skipped.length ? { ...metadata, skippedAttachments: files.skipped } : metadata,
      });
      await ensureThread(desk, target.id, replyTo, mail);
      await store.addToThread(desk.db, target.id, mail.messageId, { lastInboundId: mail.messageId, address: replyTo });
      await store.insertEmail(desk.db, { ...row, caseId: target.id, sapaMessageId: posted.message.id });
      return { kind: 'stored', caseId: target.id, messageId: posted.message.id, caseCreated: false };
    } catch (error) {
      // Closed between our read and our write: it becomes a new case below, linked to this one.
      if (!(error instanceof AppError && error.code === 'case_closed')) throw error;
    }
  }

  const owner = customerPrincipal(contact.customerId);
  const files = await storeFiles(desk, owner, mail.attachments);
  const related = target ? { caseId: target.id, reference: target.reference, reason: target.status === 'closed' ? 'closed' : 'other_sender' } : undefined;
  const opened = await openCase(desk, owner, {
    channel: 'email',
    viaChannel: true,
    subject: cleanSubject(mail.subject) || mail.subject || undefined,
    idempotencyKey: `email:${mail.messageId}`,
    message: { body, clientMessageId, attachmentIds: files.ids },
    messageMetadata: { ...metadata, ...(files.skipped.length ? { skippedAttachments: files.skipped } : {}), ...(related ? { relatedCase: related } : {}) },
  });
  // The first message is this email, unless a concurrent delivery of it is still writing (then it soon will be).
  const message = opened.message ?? (await postMessage(desk, owner, opened.case.id, { body, clientMessageId, attachmentIds: [], channel: 'email', metadata })).message;
  await ensureThread(desk, opened.case.id, replyTo, mail);
  await store.insertEmail(desk.db, { ...row, caseId: opened.case.id, sapaMessageId: message.id });
  if (related && target && opened.created) await noteRelated(desk, target, opened.case.id, opened.case.reference, sender, related.reason, message);
  return { kind: 'stored', caseId: opened.case.id, messageId: message.id, caseCreated: opened.created, relatedCaseId: related?.caseId };
}

async function ensureThread(desk: Desk, caseId: string, address: string, mail: ParsedEmail) {
  const existing = await store.threadOfCase(desk.db, caseId);
  if (existing) return existing;
  return store.createThread(desk.db, {
    caseId,
    token: randomBytes(8).toString('hex'),
    address,
    subject: cleanSubject(mail.subject) || null,
    references: [mail.messageId],
    lastInboundId: mail.messageId,
  });
}

/** Cross-notes for agents when an email answering one case was opened as another (another sender, or closed). */
async function noteRelated(desk: Desk, original: CaseRow, newCaseId: string, newReference: string, sender: string, reason: string, first: MessageView) {
  const locale = negotiateLocale(original.language);
  await postMessage(desk, systemPrincipal, original.id, {
    body: t(locale, reason === 'closed' ? 'email.note.followup_opened' : 'email.note.other_sender', { from: sender, reference: newReference }),
    clientMessageId: `email-related:${first.id}`,
    authorKind: 'system',
    internal: true,
    metadata: { relatedCaseId: newCaseId, outbound: false },
  });
  await postMessage(desk, systemPrincipal, newCaseId, {
    body: t(locale, 'email.note.related_to', { reference: original.reference }),
    clientMessageId: `email-related-back:${first.id}`,
    authorKind: 'system',
    internal: true,
    metadata: { relatedCaseId: original.id, outbound: false },
  });
}

export const emailThreadOfCase = (desk: Desk, caseId: string) => store.threadOfCase(desk.db, caseId);
