import nodemailer, { type Transporter } from 'nodemailer';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { addressOf, attachmentBytes, contactCustomer, DeliveryError, type ChannelReceiver, type ChannelSender, type Outgoing } from '../channels/service.js';
import type { CaseRow } from '../cases/views.js';
import { fromAddress, mailDomain, replyAddress } from './service.js';
import * as store from './store.js';
import { randomBytes } from 'node:crypto';

const TRANSPORT = Symbol('email.transport');

function transport(desk: Desk): Transporter {
  return moduleState(desk, TRANSPORT, () => {
    const t = nodemailer.createTransport({ url: desk.config.SAPA_SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    desk.onStop(() => t.close());
    return t;
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function recipientOf(desk: Desk, caseRow: CaseRow): Promise<string | undefined> {
  const thread = await store.threadOfCase(desk.db, caseRow.id);
  if (thread) return thread.address;
  if (!caseRow.customerId) return undefined;
  return (await contactCustomer(desk, caseRow.customerId))?.email ?? (await addressOf(desk, caseRow.customerId, 'email'));
}

/** Our Message-ID for a Sapa message: the same on every retry, so a receiver that got it twice can tell. */
export const outboundMessageId = (messageId: string, domain: string) => `<sapa.${messageId}@${domain}>`;

function subjectOf(caseRow: CaseRow, threadSubject: string | null | undefined, replying: boolean): string {
  const locale = negotiateLocale(caseRow.language);
  const base = threadSubject || caseRow.subject || t(locale, 'email.subject.default');
  const tagged = base.includes(caseRow.reference) ? base : `${base} [${caseRow.reference}]`;
  return replying ? `Re: ${tagged}` : tagged;
}

/** Mail comes in by the SMTP server (a port and the domain it accepts) or by polling a mailbox (IMAP). */
export const emailReceiver: ChannelReceiver = {
  unavailable(desk, locale = 'en') {
    if (desk.config.SAPA_IMAP_URL) return null;
    if (desk.config.SAPA_SMTP_PORT !== undefined && desk.config.SAPA_EMAIL_DOMAIN) return null;
    if (desk.config.SAPA_SMTP_PORT !== undefined) return t(locale, 'email.unavailable.in_no_domain');
    return t(locale, 'email.unavailable.in');
  },
};

/**
 * Sends an agent's reply by SMTP: threaded under the customer's last email (In-Reply-To/References), with a reply
 * address that carries the case token, a plain-text part and a simple HTML part. SMTP 5xx answers are permanent.
 */
export const emailSender: ChannelSender = {
  unavailable(desk, locale = 'en') {
    if (!desk.config.SAPA_SMTP_URL) return t(locale, 'email.unavailable.out');
    if (!fromAddress(desk.config)) return t(locale, 'email.unavailable.out_no_sender');
    return null;
  },
  recipient: (desk, caseRow) => recipientOf(desk, caseRow),
  async send(desk, out: Outgoing) {
    const { caseRow, message } = out;
    const to = await recipientOf(desk, caseRow);
    if (!to) throw new DeliveryError('This customer has no email address.', { permanent: true });
    const domain = mailDomain(desk.config) ?? 'sapa.invalid';
    let thread = await store.threadOfCase(desk.db, caseRow.id);
    // A first email on a case that began elsewhere starts its own email conversation (and reply token).
    thread ??= await store.createThread(desk.db, { caseId: caseRow.id, token: randomBytes(8).toString('hex'), address: to, subject: caseRow.subject, references: [] });
    const locale = negotiateLocale(caseRow.language);
    const footer = t(locale, 'email.footer', { reference: caseRow.reference });
    const id = outboundMessageId(message.id, domain);
    const references = thread.references.filter((r) => r !== id);
    const files = await Promise.all(out.attachments.map(async (a) => ({ filename: a.filename, contentType: a.mime, content: await attachmentBytes(desk, a) })));
    try {
      await transport(desk).sendMail({
        from: fromAddress(desk.config),
        to,
        replyTo: replyAddress(desk.config, thread.token),
        subject: subjectOf(caseRow, thread.subject, Boolean(thread.lastInboundId)),
        messageId: id,
        inReplyTo: thread.lastInboundId ?? undefined,
        references: references.length ? references : undefined,
        text: `${message.body}\n\n-- \n${footer}\n`,
        html: `<div style="white-space:pre-wrap">${escapeHtml(message.body)}</div><hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
        attachments: files,
        headers: {
          // Marks our own mail so it is never taken in again, and asks the customer's server not to auto-answer it.
          'X-Sapa-Loop': domain,
          'X-Sapa-Case': caseRow.reference,
          'X-Auto-Response-Suppress': 'OOF, AutoReply',
        },
      });
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      const reason = `SMTP ${e.responseCode ?? e.code ?? 'error'}: ${(e.message ?? String(error)).slice(0, 300)}`;
      throw new DeliveryError(reason, { permanent: typeof e.responseCode === 'number' && e.responseCode >= 500 });
    }
    await store.insertEmail(desk.db, { messageId: id, direction: 'out', caseId: caseRow.id, sapaMessageId: message.id, fromAddress: fromAddress(desk.config) ?? null, subject: caseRow.subject });
    await store.addToThread(desk.db, caseRow.id, id, {});
    return { providerId: id, recipient: to };
  },
};
