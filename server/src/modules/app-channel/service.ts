import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Desk } from '../../kernel/desk.js';
import { t } from '../../kernel/i18n.js';
import { getCase, getMessageRow, guessLanguage, presentMessages, systemPrincipal } from '../cases/service.js';
import type { CaseRow } from '../cases/views.js';
import { addressOf, contactCustomer, DeliveryError, receiveInThread, resolveContact, type ChannelReceiver, type ChannelSender, type Outgoing } from '../channels/service.js';

/** How far a signed request's timestamp may be from our clock: a captured request cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

export const signatureOf = (secret: string, timestamp: string, body: Buffer | string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;

/** `X-Sapa-Signature: sha256=HMAC-SHA256(secret, "<X-Sapa-Timestamp>.<raw body>")`, fresh and compared in constant time. */
export function verifySigned(secret: string | undefined, raw: Buffer, timestamp: string | undefined, signature: string | undefined, now = Date.now()): boolean {
  if (!secret || !timestamp || !signature || !/^\d{9,11}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, raw));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface AppMessageInput {
  customerRef: string;
  text: string;
  externalId: string;
  attachments?: { filename?: string; contentBase64: string }[];
  customer?: { name?: string; email?: string; phone?: string; locale?: string };
  locale?: string;
}

/** A message from the wallet app's in-app chat, posted by the app's backend for a customer (their wallet id). */
export async function receiveAppMessage(desk: Desk, input: AppMessageInput) {
  const contact = await resolveContact(desk, 'app', input.customerRef, {
    walletRef: input.customerRef,
    name: input.customer?.name,
    email: input.customer?.email,
    phone: input.customer?.phone,
    locale: input.customer?.locale ?? input.locale,
  });
  const outcome = await receiveInThread(desk, {
    channel: 'app',
    address: input.customerRef,
    customerId: contact.customerId,
    providerId: input.externalId,
    clientMessageId: `app:${input.externalId}`,
    body: input.text,
    text: input.text,
    metadata: { app: { externalId: input.externalId, customerRef: input.customerRef } },
    files: (input.attachments ?? []).map((a) => ({ content: Buffer.from(a.contentBase64, 'base64'), filename: a.filename })),
    locale: input.locale ?? input.customer?.locale ?? guessLanguage(input.text),
  });
  const row = await getCase(desk, systemPrincipal, outcome.caseId);
  const message = await getMessageRow(desk, outcome.messageId);
  return { duplicate: outcome.duplicate, caseId: row.id, reference: row.reference, messageId: outcome.messageId, seq: message?.seq ?? 0 };
}

// ------------------------------------------------------------------------------------------ attachments for the app

const LINK_SECONDS = 7 * 24 * 3600;

/** A download link the app's backend can fetch without a Sapa session (signed, expiring). */
export function attachmentLink(desk: Desk, attachmentId: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + LINK_SECONDS;
  const signature = createHmac('sha256', desk.config.SAPA_APP_WEBHOOK_SECRET ?? '').update(`${attachmentId}.${expires}`).digest('hex');
  const path = `/api/v1/channels/app/attachments/${attachmentId}?expires=${expires}&signature=${signature}`;
  return desk.config.SAPA_PUBLIC_URL ? `${desk.config.SAPA_PUBLIC_URL.replace(/\/+$/, '')}${path}` : path;
}

export function validLink(desk: Desk, attachmentId: string, expires: number, signature: string): boolean {
  const secret = desk.config.SAPA_APP_WEBHOOK_SECRET;
  if (!secret || expires < Date.now() / 1000) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${attachmentId}.${expires}`).digest('hex'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ------------------------------------------------------------------------------------------ outbound

async function recipientOf(desk: Desk, caseRow: CaseRow): Promise<string | undefined> {
  return (await addressOf(desk, caseRow.customerId, 'app')) ?? (caseRow.customerId ? ((await contactCustomer(desk, caseRow.customerId))?.walletRef ?? undefined) : undefined);
}

/** The app backend's messages are refused (401) unless signed with the shared secret: without it none comes in. */
export const appReceiver: ChannelReceiver = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_APP_WEBHOOK_SECRET ? null : t(locale, 'app_channel.unavailable.in')),
};

/**
 * Agent replies reach the app through its backend: a signed POST to SAPA_APP_WEBHOOK_URL. 2xx is delivered to the
 * backend; 429 and 5xx are retried (honouring Retry-After); other 4xx mean the backend refused it for good.
 */
export const appSender: ChannelSender = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_APP_WEBHOOK_URL && desk.config.SAPA_APP_WEBHOOK_SECRET ? null : t(locale, 'app_channel.unavailable.out')),
  recipient: recipientOf,
  async send(desk, out: Outgoing) {
    const customerRef = await recipientOf(desk, out.caseRow);
    if (!customerRef) throw new DeliveryError('This customer has no wallet id for the app.', { permanent: true });
    const [view] = await presentMessages(desk, [out.message]);
    const body = JSON.stringify({
      id: out.message.id,
      type: 'message.created',
      createdAt: new Date().toISOString(),
      customerRef,
      case: { id: out.caseRow.id, reference: out.caseRow.reference, status: out.caseRow.status, subject: out.caseRow.subject },
      message: {
        id: view.id,
        seq: view.seq,
        body: view.body,
        author: { kind: view.author.kind, name: view.author.name },
        createdAt: view.createdAt,
        attachments: view.attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, url: attachmentLink(desk, a.id) })),
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await fetch(desk.config.SAPA_APP_WEBHOOK_URL!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Sapa-Webhook/1',
          'x-sapa-delivery': out.message.id,
          'x-sapa-timestamp': timestamp,
          'x-sapa-signature': signatureOf(desk.config.SAPA_APP_WEBHOOK_SECRET!, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new DeliveryError(`App webhook unreachable: ${(error as Error).message}`);
    }
    const text = (await res.text().catch(() => '')).slice(0, 200);
    if (!res.ok) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new DeliveryError(`App webhook answered ${res.status}${text ? `: ${text}` : ''}`, {
        permanent: res.status < 500 && res.status !== 429 && res.status !== 408,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      });
    }
    return { providerId: out.message.id, recipient: customerRef };
  },
};
