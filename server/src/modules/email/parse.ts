import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/** What Sapa needs from an email, decoded from whatever charset and transfer encoding it came in. */
export interface ParsedEmail {
  /** With angle brackets, as in headers; synthesised from the bytes when the sender gave none. */
  messageId: string;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: Address | null;
  replyTo: Address | null;
  to: Address[];
  cc: Address[];
  date: string | null;
  /** The whole text (the text part, else text derived from the sanitised HTML). */
  fullText: string;
  /** What the customer wrote this time: quoted history and signature folded away. */
  visibleText: string;
  quotedText: string;
  signature: string;
  /** Sanitised HTML (no scripts, handlers, remote images, styles), or null. */
  html: string | null;
  attachments: EmailFile[];
  headers: Map<string, string>;
  threadIndexRoot: string | null;
  autoReply: boolean;
  bounce: BounceReport | null;
  loop: boolean;
  sha256: string;
}

export interface Address {
  address: string;
  name: string;
}

export interface EmailFile {
  content: Buffer;
  filename?: string;
  contentType: string;
  inline: boolean;
  cid?: string;
}

export interface BounceReport {
  /** The Message-IDs the bounce quotes (of the message that could not be delivered). */
  originalMessageIds: string[];
  recipient: string | null;
  status: string | null;
  action: string | null;
  diagnostic: string | null;
  /** false for "delayed" reports: the server is still trying. */
  permanent: boolean;
}

export interface ParseOptions {
  /** Our own Message-ID domain and addresses: mail that comes from them is a loop. */
  ownDomain?: string;
  ownAddresses?: string[];
}

const addresses = (v: AddressObject | AddressObject[] | undefined): Address[] =>
  (Array.isArray(v) ? v : v ? [v] : []).flatMap((o) => o.value).filter((a) => a.address).map((a) => ({ address: a.address!.trim().toLowerCase(), name: (a.name ?? '').trim() }));

/** mailparser gives one id as a string and several as an array; headers may also hold several in one string. */
export function messageIds(v: string | string[] | undefined): string[] {
  const all = (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.match(/<[^<>\s]+>/g) ?? (s.trim() ? [`<${s.trim().replace(/^<|>$/g, '')}>`] : []));
  return [...new Set(all)];
}

const headerText = (v: unknown): string => {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(headerText).join(', ');
  if (typeof v === 'object' && 'value' in (v as object)) {
    const o = v as { value: unknown; params?: Record<string, string> };
    return [headerText(o.value), ...Object.entries(o.params ?? {}).map(([k, p]) => `${k}=${p}`)].join('; ');
  }
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  return String(v);
};

// ------------------------------------------------------------------------------------------ HTML

/** Sanitised HTML for display: structure and links only; no scripts, styles, frames, forms or remote images. */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'sub', 'sup'],
    allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return entities[e.toLowerCase()] ?? m;
  });

/** Plain text from (already sanitised) HTML: block ends become line breaks, links keep their target. */
export function htmlToText(html: string): string {
  const blocks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)>/gi, '\n')
    .replace(/<hr\s*\/?>/gi, '\n________________________________\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => {
      const text = label.replace(/<[^>]+>/g, '').trim();
      const target = decodeEntities(href).replace(/^mailto:/, '');
      return text && text !== target ? `${text} (${target})` : target;
    });
  const text = decodeEntities(sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'title', 'head'] }));
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ------------------------------------------------------------------------------------------ quoted history

const attribution = [
  /^On .{4,300}wrote:$/i, // Gmail, Apple Mail, Thunderbird
  /^在.{2,200}写道[:：]$/, // Gmail zh-CN
  /^.{0,120}于.{2,200}写道[:：]$/,
  /^.{0,120}於.{2,200}寫道[:：]$/, // zh-TW
  /^Pada .{4,300}menulis:$/i, // Indonesian Gmail
  /^Le .{4,300}a écrit ?:$/i,
  /^Am .{4,300}schrieb .{0,200}:$/i,
];
const separator = [
  /^-{2,}\s*(Original Message|Forwarded message|Pesan Asli|Pesan Terusan|原始邮件|原始郵件|转发邮件|Ursprüngliche Nachricht)\s*-{2,}/i,
  /^-{5,}\s*Original\s*-{5,}$/i, // QQ Mail in English
];
const headerStart = /^\*?(From|发件人|寄件者|Dari|Von|De)\*?\s*[:：]/i;
const headerNext = /^\*?(Sent|Date|To|Subject|发送时间|寄件日期|收件人|主题|Dikirim|Tanggal|Kepada|Subjek|Gesendet|Envoyé)\*?\s*[:：]/i;
const signatureLine = /^(Sent from my |Sent from (Mail|Outlook|Yahoo)|Get Outlook for |Sent via |发自我的|来自我的|從我的 iPhone 傳送|Dikirim dari |Enviado desde )/i;

/**
 * Splits what the customer wrote from the history their client quoted below it and their signature. Nothing is
 * thrown away: the caller keeps the full text; this only decides what an agent sees first.
 */
export function foldQuoted(text: string): { visible: string; quoted: string; signature: string } {
  const lines = text.replace(/\r\n?/g, '\n').replace(/&nbsp;/g, ' ').split('\n');
  const clean = lines.map((l) => l.replace(/\u00a0/g, ' ').trim());
  let cut = lines.length;
  for (let i = 0; i < lines.length && cut === lines.length; i++) {
    const line = clean[i];
    if (!line) continue;
    const joined = i + 1 < lines.length ? `${line} ${clean[i + 1]}` : line;
    if (attribution.some((r) => r.test(line))) cut = i;
    else if (attribution.some((r) => r.test(joined)) && /^On |^Pada |^Le |^Am /i.test(line)) cut = i;
    else if (separator.some((r) => r.test(line))) cut = i;
    else if (/^_{10,}$/.test(line) && clean.slice(i + 1, i + 4).some((l) => headerStart.test(l))) cut = i;
    else if (headerStart.test(line) && clean.slice(i + 1, i + 5).some((l) => headerNext.test(l))) cut = i;
    else if (line.startsWith('>') && clean.slice(i).every((l) => !l || l.startsWith('>'))) cut = i;
  }
  let sig = cut;
  for (let i = 0; i < cut; i++) {
    if (lines[i] === '-- ' || lines[i] === '--' || signatureLine.test(clean[i])) {
      sig = i;
      break;
    }
  }
  const visible = lines.slice(0, sig).join('\n').trim();
  return {
    visible: visible || text.trim(),
    quoted: lines.slice(cut).join('\n').trim(),
    signature: lines.slice(sig, cut).join('\n').trim(),
  };
}

// ------------------------------------------------------------------------------------------ classification

/** Out-of-office and other machine answers (RFC 3834, and the headers common clients actually send). */
export function isAutoReply(headers: Map<string, string>, subject: string): boolean {
  const h = (name: string) => (headers.get(name) ?? '').toLowerCase().trim();
  if (h('auto-submitted') && h('auto-submitted') !== 'no') return true;
  if (['x-autoreply', 'x-autorespond', 'x-auto-reply', 'x-autoreply-from', 'x-mail-autoreply', 'x-autogenerated'].some((k) => headers.has(k))) return true;
  if (/^(bulk|junk|list|auto_reply|auto-reply)$/.test(h('precedence'))) return true;
  if (h('x-precedence') === 'auto_reply' || h('x-auto-response-suppress') === 'all' && /auto|reply/i.test(subject)) return true;
  return /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|autoreply|abwesenheit|自动回复|自動回覆|balasan otomatis|tidak di kantor|sedang cuti)\b/i.test(subject.trim()) ||
    /^(自动回复|自動回覆)/.test(subject.trim());
}

function reportFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2].trim());
  }
  return out;
}

/** A delivery status notification (RFC 3464), or a MAILER-DAEMON message that looks like one. */
function bounceOf(mail: ParsedMail, headers: Map<string, string>, raw: Buffer): BounceReport | null {
  const contentType = (headers.get('content-type') ?? '').toLowerCase();
  const from = addresses(mail.from)[0]?.address ?? '';
  const fromDaemon = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i.test(from);
  const report = contentType.includes('multipart/report') && contentType.includes('delivery-status');
  if (!report && !fromDaemon) return null;
  const status = mail.attachments.find((a) => a.contentType === 'message/delivery-status');
  const fields = status ? reportFields(status.content.toString('utf8').split(/\n\s*\n/).slice(1).join('\n') || status.content.toString('utf8')) : new Map<string, string>();
  const quoted = mail.attachments.filter((a) => a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822');
  const ids = new Set<string>();
  for (const part of quoted) {
    const m = /^Message-ID:\s*(<[^>]+>)/im.exec(part.content.toString('utf8'));
    if (m) ids.add(m[1]);
  }
  // Some servers quote the original only in the text: find our own ids anywhere in the report.
  for (const m of raw.toString('latin1').matchAll(/<sapa\.[0-9a-f-]{36}@[^>\s]+>/gi)) ids.add(m[0]);
  for (const id of [...messageIds(mail.inReplyTo), ...messageIds(mail.references)]) ids.add(id);
  const action = fields.get('action')?.toLowerCase() ?? null;
  const statusCode = fields.get('status') ?? /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(mail.text ?? '')?.[1] ?? null;
  return {
    originalMessageIds: [...ids],
    recipient: fields.get('final-recipient')?.replace(/^rfc822;\s*/i, '') ?? null,
    status: statusCode,
    action,
    diagnostic: fields.get('diagnostic-code')?.replace(/^smtp;\s*/i, '') ?? (mail.text ?? '').trim().split('\n').slice(-3).join(' ').slice(0, 300),
    permanent: action ? action === 'failed' : !statusCode?.startsWith('4'),
  };
}

// ------------------------------------------------------------------------------------------ parse

export async function parseEmail(raw: Buffer, options: ParseOptions = {}): Promise<ParsedEmail> {
  // skipHtmlToText: `text` then comes only from a real text part; HTML-only mail gets text from the sanitised HTML.
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true, keepDeliveryStatus: true, maxHtmlLengthToParse: 2_000_000 });
  const headers = new Map<string, string>();
  for (const [k, v] of mail.headers) headers.set(k.toLowerCase(), headerText(v));
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const messageId = messageIds(mail.messageId)[0] ?? `<${sha256}@no-message-id.sapa>`;
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim();
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitizeEmailHtml(mail.html) : null;
  // The sender's own text part is the most faithful rendering of what they wrote.
  const fullText = (mail.text?.trim() ? mail.text : html ? htmlToText(html) : '').replace(/\r\n?/g, '\n').trim();
  const folded = foldQuoted(fullText);
  const ownDomain = options.ownDomain?.toLowerCase();
  const from = addresses(mail.from)[0] ?? null;
  const loop =
    headers.has('x-sapa-loop') ||
    Boolean(ownDomain && new RegExp(`^<sapa\\.[^@]+@${ownDomain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>$`, 'i').test(messageId)) ||
    Boolean(from && options.ownAddresses?.includes(from.address));
  const threadIndex = headers.get('thread-index');
  let threadIndexRoot: string | null = null;
  if (threadIndex) {
    const bytes = Buffer.from(threadIndex.trim(), 'base64');
    if (bytes.length >= 22) threadIndexRoot = bytes.subarray(0, 22).toString('base64');
  }
  const bounce = bounceOf(mail, headers, raw);
  return {
    messageId,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    subject,
    from,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date: mail.date ? mail.date.toISOString() : null,
    fullText,
    visibleText: folded.visible,
    quotedText: folded.quoted,
    signature: folded.signature,
    html,
    attachments: bounce ? [] : mail.attachments.filter(isFile).map(toFile),
    headers,
    threadIndexRoot,
    autoReply: !bounce && isAutoReply(headers, subject),
    bounce,
    loop,
    sha256,
  };
}

const isFile = (a: Attachment) => a.contentType !== 'message/delivery-status' && a.contentType !== 'text/rfc822-headers' && a.size > 0;
const toFile = (a: Attachment): EmailFile => ({
  content: a.content,
  filename: a.filename,
  contentType: a.contentType,
  inline: a.contentDisposition === 'inline' || Boolean(a.related),
  cid: a.cid,
});

/** Strips reply and forward prefixes and our own case tag from a subject (for the subject of a new case). */
export function cleanSubject(subject: string): string {
  let s = subject.replace(/\[?SP-[A-HJ-NP-Z2-9]{6}\]?/g, ' ');
  for (let i = 0; i < 5; i++) s = s.replace(/^\s*(re|fw|fwd|aw|wg|sv|vs|回复|回覆|答复|转发|轉寄|balas|trs)\s*(\[\d+\])?\s*[:：]\s*/i, '');
  return s.replace(/\s+/g, ' ').trim();
}
