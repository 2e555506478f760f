import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import * as store from './store.js';
import { attachmentView, type AttachmentRow, type AttachmentView } from './views.js';

/** What customers and agents may attach: screenshots, photos, PDFs (statements, receipts) and plain text logs. */
export const allowedTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic', 'image/avif', 'application/pdf', 'text/plain']);

const principalId = (p: Principal) => (p.kind === 'agent' ? p.agentId : p.kind === 'customer' ? p.customerId : p.visitorId);

/** Text has no magic number: accept valid UTF-8 without binary control bytes. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  for (const byte of head) if (byte === 0 || (byte < 0x09) || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

export async function detectType(head: Buffer): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikeText(head) ? 'text/plain' : undefined;
}

function safeFilename(name: string | undefined, mime: string): string {
  const cleaned = (name ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(0, 200);
  return cleaned || `attachment.${mime.split('/')[1] ?? 'bin'}`;
}

/**
 * Streams an upload to a temp file while hashing it, then checks its real type from the first bytes and moves it
 * into the file store. Nothing of a refused upload is kept.
 */
export async function storeUpload(desk: Desk, p: Principal, source: Readable & { truncated?: boolean }, filename: string | undefined, maxBytes: number): Promise<AttachmentView> {
  const id = randomUUID();
  const temp = await desk.files.tempPath(`${id}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  const head: Buffer[] = [];
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        done(new AppError(413, 'file_too_large', undefined, { maxBytes, mb: Math.round(maxBytes / 1048576) }));
        return;
      }
      hash.update(chunk);
      if (headSize < 4100) {
        head.push(chunk);
        headSize += chunk.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(temp));
    if (source.truncated) tooLarge = true;
    if (tooLarge) throw new AppError(413, 'file_too_large', undefined, { maxBytes, mb: Math.round(maxBytes / 1048576) });
    if (size === 0) throw new AppError(400, 'empty_file');
    const mime = await detectType(Buffer.concat(head).subarray(0, 4100));
    if (!mime || !allowedTypes.has(mime)) throw new AppError(415, 'file_type_not_allowed', undefined, { detected: mime ?? 'unknown', allowed: [...allowedTypes] });
    const sha256 = hash.digest('hex');
    const storageKey = `attachments/${sha256.slice(0, 2)}/${id}`;
    await desk.files.adopt(storageKey, temp);
    const row = { id, sha256, mime, size, filename: safeFilename(filename, mime), storageKey, uploaderKind: p.kind, uploaderId: principalId(p) };
    await store.insertAttachment(desk.db, row);
    return attachmentView(row);
  } catch (error) {
    await rm(temp, { force: true });
    if (tooLarge && !(error instanceof AppError)) throw new AppError(413, 'file_too_large', undefined, { maxBytes, mb: Math.round(maxBytes / 1048576) });
    throw error;
  }
}

/** The attachment if the principal uploaded it or may see the message it belongs to; else not found. */
export async function readableAttachment(desk: Desk, p: Principal, id: string): Promise<AttachmentRow> {
  const row = await store.findAttachment(desk.db, id);
  if (!row) throw notFound();
  if (row.uploaderId === principalId(p) && row.uploaderKind === p.kind) return row;
  if (!row.caseId || !(await store.findCase(desk.db, row.caseId, p))) throw notFound();
  if (p.kind !== 'agent' && row.messageId) {
    const message = await store.getMessage(desk.db, row.messageId);
    if (message?.internal) throw notFound();
  }
  return row;
}
