import { timingSafeEqual } from 'node:crypto';
import { maxUploadBytes } from '../../kernel/config.js';
import type { Desk } from '../../kernel/desk.js';
import { t } from '../../kernel/i18n.js';
import { guessLanguage } from '../cases/service.js';
import type { CaseRow } from '../cases/views.js';
import { addressOf, attachmentBytes, DeliveryError, receiveInThread, resolveContact, type ChannelReceiver, type ChannelSender, type IncomingFile, type Outgoing } from '../channels/service.js';

// ------------------------------------------------------------------------------------------ updates
// The parts of a Bot API Update Sapa reads; the rest stays in the message metadata.

interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}
interface TgFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}
export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: { id: number; type?: string; title?: string; first_name?: string; last_name?: string; username?: string };
  date?: number;
  edit_date?: number;
  text?: string;
  caption?: string;
  photo?: (TgFile & { width?: number; height?: number })[];
  document?: TgFile;
  voice?: TgFile;
  audio?: TgFile;
  video?: TgFile;
  sticker?: TgFile & { emoji?: string };
  location?: { latitude: number; longitude: number };
  contact?: { phone_number?: string; first_name?: string; last_name?: string; user_id?: number };
}
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
}

export function validSecret(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ------------------------------------------------------------------------------------------ Bot API

export class BotApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BotApiError';
  }
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

const apiBase = (desk: Desk) => desk.config.SAPA_TELEGRAM_API_URL.replace(/\/+$/, '');

async function bot<T>(desk: Desk, method: string, body: Record<string, unknown> | FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${apiBase(desk)}/bot${desk.config.SAPA_TELEGRAM_BOT_TOKEN}/${method}`, {
      method: 'POST',
      headers: body instanceof FormData ? {} : { 'content-type': 'application/json' },
      body: body instanceof FormData ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new BotApiError(`Telegram Bot API unreachable: ${(error as Error).message}`, 0);
  }
  const json = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: T; error_code?: number; description?: string; parameters?: { retry_after?: number } };
  if (!res.ok || !json.ok) {
    const status = json.error_code ?? res.status;
    throw new BotApiError(`Telegram ${method} ${status}: ${json.description ?? res.statusText}`, status, json.parameters?.retry_after);
  }
  return json.result as T;
}

async function download(desk: Desk, file: TgFile, fallbackName: string): Promise<IncomingFile | undefined> {
  // The Bot API serves files up to 20 MB; larger ones, or larger than our limit, are noted instead of fetched.
  if (file.file_size && file.file_size > Math.min(maxUploadBytes(desk.config), 20 * 1024 * 1024)) return undefined;
  const info = await bot<{ file_path?: string }>(desk, 'getFile', { file_id: file.file_id });
  if (!info.file_path) return undefined;
  let res: Response;
  try {
    res = await fetch(`${apiBase(desk)}/file/bot${desk.config.SAPA_TELEGRAM_BOT_TOKEN}/${info.file_path}`, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new BotApiError(`Telegram file download failed: ${(error as Error).message}`, 0);
  }
  if (!res.ok) throw new BotApiError(`Telegram file download ${res.status}`, res.status);
  return { content: Buffer.from(await res.arrayBuffer()), filename: file.file_name ?? info.file_path.split('/').pop() ?? fallbackName };
}

// ------------------------------------------------------------------------------------------ inbound

function describe(m: TgMessage): string {
  if (m.text) return m.text;
  if (m.caption) return m.caption;
  if (m.photo) return '[photo]';
  if (m.document) return `[document: ${m.document.file_name ?? 'file'}]`;
  if (m.location) return `[location] (${m.location.latitude}, ${m.location.longitude}) https://maps.google.com/?q=${m.location.latitude},${m.location.longitude}`;
  if (m.contact) return `[contact] ${[m.contact.first_name, m.contact.last_name, m.contact.phone_number].filter(Boolean).join(' ')}`;
  if (m.voice || m.audio) return '[voice or audio message: not stored; please ask the customer to write or send a screenshot]';
  if (m.video) return '[video: not stored]';
  if (m.sticker) return `[sticker ${m.sticker.emoji ?? ''}]`.replace(' ]', ']');
  return '[unsupported Telegram message]';
}

/** Takes one update: a message (or an edit, kept as a new message) continues the chat's case. Other updates are acknowledged. */
export async function handleUpdate(desk: Desk, update: TgUpdate) {
  const edited = Boolean(update.edited_message);
  const m = update.message ?? update.edited_message;
  if (!m?.chat || typeof m.message_id !== 'number') return { stored: false };
  if (m.from?.is_bot) return { stored: false };
  const chatId = String(m.chat.id);
  const name = [m.from?.first_name ?? m.chat.first_name, m.from?.last_name ?? m.chat.last_name].filter(Boolean).join(' ') || m.from?.username || m.chat.title;
  const contact = await resolveContact(desk, 'telegram', chatId, { name, locale: m.from?.language_code });
  const files: IncomingFile[] = [];
  const info: Record<string, unknown> = {};
  const media = m.photo?.length ? m.photo[m.photo.length - 1] : m.document;
  if (media) {
    if (!desk.config.SAPA_TELEGRAM_BOT_TOKEN) info.mediaUnavailable = 'SAPA_TELEGRAM_BOT_TOKEN is not set, so the file could not be downloaded';
    else {
      try {
        const file = await download(desk, media, m.photo ? 'photo.jpg' : 'document');
        if (file) files.push(file);
        else info.mediaUnavailable = 'file larger than the attachment limit';
      } catch (error) {
        // Passing trouble fails the update so Telegram delivers it again; a refused file id never will work.
        if (!(error instanceof BotApiError) || error.transient) throw error;
        info.mediaUnavailable = error.message;
      }
    }
  }
  const providerId = edited ? `${chatId}:${m.message_id}:edit:${m.edit_date ?? update.update_id}` : `${chatId}:${m.message_id}`;
  const text = describe(m);
  const outcome = await receiveInThread(desk, {
    channel: 'telegram',
    address: chatId,
    customerId: contact.customerId,
    providerId,
    clientMessageId: `tg:${providerId}`,
    body: edited ? `(edited) ${text}` : text,
    // An edit is the same message again: kept for the agents, not a new question for the assistant.
    text: edited ? null : (m.text ?? m.caption ?? m.sticker?.emoji ?? ''),
    metadata: { telegram: { updateId: update.update_id, chatId, messageId: m.message_id, from: m.from ?? null, edited, ...info } },
    files,
    locale: m.from?.language_code ?? guessLanguage(text),
    receivedAt: m.date ? new Date(m.date * 1000) : undefined,
  });
  return { stored: !outcome.duplicate, caseId: outcome.caseId };
}

// ------------------------------------------------------------------------------------------ outbound

const recipientOf = (desk: Desk, caseRow: CaseRow) => addressOf(desk, caseRow.customerId, 'telegram');

const toDeliveryError = (error: unknown) =>
  error instanceof BotApiError ? new DeliveryError(error.message, { permanent: !error.transient, retryAfterSeconds: error.retryAfterSeconds }) : error;

/** Webhooks are refused (401) unless they carry the secret token: without it no message can come in. */
export const telegramReceiver: ChannelReceiver = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_TELEGRAM_SECRET ? null : t(locale, 'telegram.unavailable.in')),
};

/** Replies by sendMessage (split at Telegram's 4096 characters) and files by sendPhoto/sendDocument. */
export const telegramSender: ChannelSender = {
  unavailable: (desk, locale = 'en') => (desk.config.SAPA_TELEGRAM_BOT_TOKEN ? null : t(locale, 'telegram.unavailable.out')),
  recipient: recipientOf,
  async send(desk, out: Outgoing) {
    const chatId = await recipientOf(desk, out.caseRow);
    if (!chatId) throw new DeliveryError('This customer has no Telegram chat.', { permanent: true });
    let first: string | undefined;
    try {
      for (let i = 0; i < out.message.body.length; i += 4096) {
        const sent = await bot<{ message_id: number }>(desk, 'sendMessage', { chat_id: chatId, text: out.message.body.slice(i, i + 4096) });
        first ??= `${chatId}:${sent.message_id}`;
      }
      for (const a of out.attachments) {
        const form = new FormData();
        const photo = a.mime.startsWith('image/') && a.mime !== 'image/heic';
        form.set('chat_id', chatId);
        form.set(photo ? 'photo' : 'document', new Blob([new Uint8Array(await attachmentBytes(desk, a))], { type: a.mime }), a.filename);
        const sent = await bot<{ message_id: number }>(desk, photo ? 'sendPhoto' : 'sendDocument', form);
        first ??= `${chatId}:${sent.message_id}`;
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
    return { providerId: first, recipient: chatId };
  },
};
