import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Desk } from '../../kernel/desk.js';
import { maxUploadBytes } from '../../kernel/config.js';
import { negotiateLocale, t } from '../../kernel/i18n.js';
import { guessLanguage, postMessage, systemPrincipal } from '../cases/service.js';
import type { CaseRow } from '../cases/views.js';
import {
  addressOf,
  attachmentBytes,
  contactCustomer,
  DeliveryError,
  lastInboundAt,
  receiveInThread,
  reportDelivery,
  resolveContact,
  type ChannelReceiver,
  type ChannelSender,
  type IncomingFile,
  type Outgoing,
} from '../channels/service.js';
import { normalisePhone } from '../identity/service.js';

// ------------------------------------------------------------------------------------------ webhook payload
// The parts of the WhatsApp Cloud API webhook Sapa reads; everything else is kept as-is in the message metadata.

interface WaMedia {
  id: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
}
export interface WaMessage {
  from: string;
  id: string;
  timestamp?: string;
  type: string;
  text?: { body: string };
  image?: WaMedia;
  document?: WaMedia;
  audio?: WaMedia;
  video?: WaMedia;
  sticker?: WaMedia;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: { name?: { formatted_name?: string }; phones?: { phone?: string }[] }[];
  button?: { text?: string };
  interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string; description?: string } };
  reaction?: { message_id?: string; emoji?: string };
  context?: { id?: string; from?: string };
}
interface WaStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | string;
  recipient_id?: string;
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
}
export interface WaWebhook {
  object?: string;
  entry?: {
    id?: string;
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string; display_phone_number?: string };
        contacts?: { wa_id?: string; profile?: { name?: string } }[];
        messages?: WaMessage[];
        statuses?: WaStatus[];
      };
    }[];
  }[];
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time. */
export function validSignature(secret: string | undefined, raw: Buffer, header: string | undefined): boolean {
  if (!secret || !header || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ------------------------------------------------------------------------------------------ Graph API

export class GraphError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code: number | undefined,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
  /** Server errors, HTTP 429 and WhatsApp's throughput limits are worth retrying; other 4xx are not. */
  get transient() {
    return this.status >= 500 || this.status === 429 || [4, 80007, 130429, 131048, 131056].includes(this.code ?? 0);
  }
}

const apiBase = (desk: Desk) => desk.config.SAPA_WHATSAPP_API_URL.replace(/\/+$/, '');

async function graph(desk: Desk, method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url.startsWith('http') ? url : `${apiBase(desk)}/${url}`, {
      method,
      headers: {
        authorization: `Bearer ${desk.config.SAPA_WHATSAPP_TOKEN}`,
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new GraphError(`WhatsApp API unreachable: ${(error as Error).message}`, 0, undefined);
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON: a proxy's error page; the status says enough.
  }
  if (!res.ok) {
    const e = (json.error ?? {}) as { message?: string; code?: number; error_data?: { details?: string } };
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new GraphError(
      `WhatsApp API ${res.status}${e.code ? ` (#${e.code})` : ''}: ${e.error_data?.details ?? e.message ?? text.slice(0, 200)}`,
      res.status === 0 ? 500 : res.status,
      e.code,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return json;
}

/** Downloads an inbound media object: its URL first, then the bytes (both with the bearer token). */
async function downloadMedia(desk: Desk, media: WaMedia): Promise<{ file: IncomingFile; sha256Matches: boolean | null }> {
  const info = (await graph(desk, 'GET', encodeURIComponent(media.id))) as { url?: string; file_size?: number; sha256?: string; mime_type?: string };
  if (!info.url) throw new GraphError('WhatsApp API gave no media URL', 502, undefined);
  if (info.file_size && info.file_size > maxUploadBytes(desk.config)) {
    return { file: { content: Buffer.alloc(0), filename: media.filename }, sha256Matches: null };
  }
  let res: Response;
  try {
    res = await fetch(info.url, { headers: { authorization: `Bearer ${desk.config.SAPA_WHATSAPP_TOKEN}` }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new GraphError(`WhatsApp media unreachable: ${(error as Error).message}`, 0, undefined);
  }
  if (!res.ok) throw new GraphError(`WhatsApp media download ${res.status}`, res.status, undefined);
  const content = Buffer.from(await res.arrayBuffer());
  const expected = info.sha256 ?? media.sha256;
  const digest = createHash('sha256').update(content).digest();
  const sha256Matches = expected ? expected === digest.toString('hex') || expected === digest.toString('base64') : null;
  return { file: { content, filename: media.filename ?? `whatsapp-${media.id}` }, sha256Matches };
}

// ------------------------------------------------------------------------------------------ inbound

/** The customer's own words in a message ('' for none, null for a reaction to an earlier message). */
function wordsOf(m: WaMessage): string | null {
  switch (m.type) {
    case 'text':
      return m.text?.body ?? '';
    case 'image':
      return m.image?.caption ?? '';
    case 'document':
      return m.document?.caption ?? '';
    case 'video':
      return m.video?.caption ?? '';
    case 'button':
      return m.button?.text ?? '';
    case 'interactive':
      return m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '';
    case 'reaction':
      return null;
    default:
      return '';
  }
}

/** A readable line for message types that carry no text of their own. */
function describe(m: WaMessage): string {
  switch (m.type) {
    case 'text':
      return m.text?.body ?? '';
    case 'image':
      return m.image?.caption ?? '[image]';
    case 'document':
      return m.document?.caption ?? `[document: ${m.document?.filename ?? 'file'}]`;
    case 'location': {
      const l = m.location;
      if (!l) return '[location]';
      const label = [l.name, l.address].filter(Boolean).join(', ');
      return `[location] ${label ? `${label} ` : ''}(${l.latitude}, ${l.longitude}) https://maps.google.com/?q=${l.latitude},${l.longitude}`;
    }
    case 'contacts':
      return `[contact] ${(m.contacts ?? []).map((c) => [c.name?.formatted_name, ...(c.phones ?? []).map((p) => p.phone)].filter(Boolean).join(' ')).join('; ')}`;
    case 'button':
      return m.button?.text ?? '[button]';
    case 'interactive':
      return m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '[interactive reply]';
    case 'reaction':
      return `[reaction ${m.reaction?.emoji ?? ''} to an earlier message]`;
    case 'audio':
      return '[voice or audio message: not stored; please ask the customer to write or send a screenshot]';
    case 'video':
      return `[video${m.video?.caption ? `: ${m.video.caption}` : ''}: not stored]`;
    case 'sticker':
      return '[sticker]';
    default:
      return `[unsupported WhatsApp message type: ${m.type}]`;
  }
}

export async function receiveMessage(desk: Desk, m: WaMessage, profileName: string | undefined) {
  const from = m.from.replace(/\D/g, '');
  const contact = await resolveContact(desk, 'whatsapp', from, { phone: normalisePhone(`+${from}`), name: profileName, locale: guessLanguage(m.text?.body ?? '') });
  const media = m.type === 'image' ? m.image : m.type === 'document' ? m.document : undefined;
  const files: IncomingFile[] = [];
  const mediaInfo: Record<string, unknown> = {};
  if (media?.id) {
    if (!desk.config.SAPA_WHATSAPP_TOKEN) mediaInfo.mediaUnavailable = 'SAPA_WHATSAPP_TOKEN is not set, so the file could not be downloaded';
    else {
      try {
        const got = await downloadMedia(desk, media);
        if (got.file.content.length) files.push(got.file);
        else mediaInfo.mediaUnavailable = 'file larger than the attachment limit';
        if (got.sha256Matches === false) mediaInfo.sha256Mismatch = true;
      } catch (error) {
        // A passing outage fails the delivery so WhatsApp sends it again; a media id it no longer knows never comes back.
        if (!(error instanceof GraphError) || error.transient || error.status === 0) throw error;
        mediaInfo.mediaUnavailable = error.message;
      }
    }
  }
  return receiveInThread(desk, {
    channel: 'whatsapp',
    address: from,
    customerId: contact.customerId,
    providerId: m.id,
    clientMessageId: `wa:${m.id}`,
    body: describe(m) || `[${m.type}]`,
    text: wordsOf(m),
    metadata: { whatsapp: { wamid: m.id, from, type: m.type, timestamp: m.timestamp ?? null, profileName: profileName ?? null, context: m.context ?? null, ...mediaInfo } },
    files,
    locale: guessLanguage(m.text?.body ?? m.image?.caption ?? ''),
    receivedAt: m.timestamp ? new Date(Number(m.timestamp) * 1000) : undefined,
  });
}

/** Takes a verified webhook delivery: messages in order, then delivery statuses of what we sent. */
export async function handleWebhook(desk: Desk, payload: WaWebhook): Promise<{ messages: number; statuses: number }> {
  let messages = 0;
  let statuses = 0;
  const ourNumber = desk.config.SAPA_WHATSAPP_PHONE_NUMBER_ID;
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== 'messages' || !value) continue;
      if (ourNumber && value.metadata?.phone_number_id && value.metadata.phone_number_id !== ourNumber) continue;
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id ?? '', c.profile?.name]));
      for (const m of value.messages ?? []) {
        if (!m?.id || !m.from) continue;
        await receiveMessage(desk, m, names.get(m.from));
        messages++;
      }
      for (const s of value.statuses ?? []) {
        if (!s?.id || !['sent', 'delivered', 'read', 'failed'].includes(s.status)) continue;
        const error = s.status === 'failed' ? (s.errors ?? []).map((e) => `#${e.code ?? '?'} ${e.error_data?.details ?? e.message ?? e.title ?? ''}`.trim()).join('; ') || 'failed' : null;
        await reportDelivery(desk, 'whatsapp', s.id, s.status as 'sent' | 'delivered' | 'read' | 'failed', error);
        statuses++;
      }
    }
  }
  return { messages, statuses };
}

// ------------------------------------------------------------------------------------------ outbound

const WINDOW_MS = 24 * 3600_000;
const templateLanguage = (language: string) => ({ 'zh-CN': 'zh_CN', 'id-ID': 'id', en: 'en' })[negotiateLocale(language)];

async function recipientOf(desk: Desk, caseRow: CaseRow): Promise<string | undefined> {
  const known = await addressOf(desk, caseRow.customerId, 'whatsapp');
  if (known) return known;
  const phone = caseRow.customerId ? (await contactCustomer(desk, caseRow.customerId))?.phone : undefined;
  return phone ? phone.replace(/\D/g, '') : undefined;
}

async function sendPayload(desk: Desk, payload: Record<string, unknown>): Promise<string> {
  const phoneNumberId = encodeURIComponent(desk.config.SAPA_WHATSAPP_PHONE_NUMBER_ID!);
  const res = (await graph(desk, 'POST', `${phoneNumberId}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', ...payload })) as { messages?: { id?: string }[] };
  const id = res.messages?.[0]?.id;
  if (!id) throw new GraphError('WhatsApp API answered without a message id', 502, undefined);
  return id;
}

async function uploadMedia(desk: Desk, bytes: Buffer, mime: string, filename: string): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', mime);
  form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
  const res = (await graph(desk, 'POST', `${encodeURIComponent(desk.config.SAPA_WHATSAPP_PHONE_NUMBER_ID!)}/media`, form)) as { id?: string };
  if (!res.id) throw new GraphError('WhatsApp API answered without a media id', 502, undefined);
  return res.id;
}

const toDeliveryError = (error: unknown) => {
  if (!(error instanceof GraphError)) return error;
  return new DeliveryError(error.message, { permanent: !error.transient, retryAfterSeconds: error.retryAfterSeconds });
};

/** Webhooks are refused (401) without the app secret that signs them: no message can come in. */
export const whatsappReceiver: ChannelReceiver = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_WHATSAPP_APP_SECRET ? null : t(locale, 'whatsapp.unavailable.in')),
};

/**
 * Sends a reply by the Cloud API. Inside the 24-hour customer-service window it is the agent's text (and files);
 * outside it WhatsApp only allows an approved template, so the template goes out instead (asking the customer to
 * reply) and the agent is told on the case.
 */
export const whatsappSender: ChannelSender = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_WHATSAPP_TOKEN && desk.config.SAPA_WHATSAPP_PHONE_NUMBER_ID ? null : t(locale, 'whatsapp.unavailable.out')),
  recipient: (desk, caseRow) => recipientOf(desk, caseRow),
  async send(desk, out: Outgoing) {
    const { caseRow, message } = out;
    const to = await recipientOf(desk, caseRow);
    if (!to) throw new DeliveryError('This customer has no WhatsApp number.', { permanent: true });
    const last = await lastInboundAt(desk, 'whatsapp', to);
    const open = last !== undefined && Date.now() - last.getTime() < WINDOW_MS;
    try {
      if (!open) return { ...(await sendTemplate(desk, caseRow, message.id, to)), recipient: to };
      let first: string | undefined;
      // WhatsApp caps a text at 4096 characters: longer replies go out in parts, in order.
      for (let i = 0; i < message.body.length; i += 4096) {
        const id = await sendPayload(desk, { to, type: 'text', text: { preview_url: false, body: message.body.slice(i, i + 4096) } });
        first ??= id;
      }
      for (const a of out.attachments) {
        const mediaId = await uploadMedia(desk, await attachmentBytes(desk, a), a.mime, a.filename);
        const id = a.mime.startsWith('image/')
          ? await sendPayload(desk, { to, type: 'image', image: { id: mediaId } })
          : await sendPayload(desk, { to, type: 'document', document: { id: mediaId, filename: a.filename } });
        first ??= id;
      }
      return { providerId: first, recipient: to };
    } catch (error) {
      // The window closed in between (WhatsApp's re-engagement error): fall back to the template.
      if (error instanceof GraphError && error.code === 131047) return { ...(await sendTemplate(desk, caseRow, message.id, to).catch((e) => Promise.reject(toDeliveryError(e)))), recipient: to };
      throw toDeliveryError(error);
    }
  },
};

async function sendTemplate(desk: Desk, caseRow: CaseRow, messageId: string, to: string) {
  const name = desk.config.SAPA_WHATSAPP_TEMPLATE;
  const providerId = await sendPayload(desk, {
    to,
    type: 'template',
    template: { name, language: { code: templateLanguage(caseRow.language) }, components: [{ type: 'body', parameters: [{ type: 'text', text: caseRow.reference }] }] },
  });
  await postMessage(desk, systemPrincipal, caseRow.id, {
    body: t(negotiateLocale(caseRow.language), 'whatsapp.note.template_sent', { template: name }),
    clientMessageId: `wa-template:${messageId}`,
    authorKind: 'system',
    internal: true,
    metadata: { whatsapp: { templateFor: messageId, template: name, wamid: providerId }, outbound: false },
  });
  return { providerId, mode: `template:${name}` };
}
