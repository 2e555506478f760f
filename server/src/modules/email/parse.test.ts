import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanSubject, foldQuoted, htmlToText, parseEmail, sanitizeEmailHtml } from './parse.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string, vars: Record<string, string> = {}) => {
  let raw = readFileSync(path.join(dir, name)).toString('latin1');
  const all = { FROM: 'someone@example.org', TO: 'help@support.example', REF: 'SP-ABCDEF', UNIQUE: 'u1', IN_REPLY_TO: '<sapa.00000000-0000-4000-8000-000000000001@support.example>', REFERENCES: '<a@x> <sapa.00000000-0000-4000-8000-000000000001@support.example>', OUTBOUND_ID: '<sapa.00000000-0000-4000-8000-000000000002@support.example>', ...vars };
  for (const [k, v] of Object.entries(all)) raw = raw.replaceAll(`{{${k}}}`, v);
  return Buffer.from(raw, 'latin1');
};

describe('parsing real-world email', () => {
  it('folds Gmail quoted history and the "-- " signature but keeps the full text', async () => {
    const m = await parseEmail(fixture('gmail-reply.eml'));
    expect(m.visibleText).toBe('Halo Kak,\n\nSaldo saya masih belum masuk, padahal sudah 2 jam. Mohon dicek lagi ya 🙏\nNomor transaksi: TX-TOPUP-1001');
    expect(m.signature).toContain('Budi Santoso');
    expect(m.quotedText).toMatch(/^On Mon, 3 Mar 2025 at 10:02, Sapa Support/);
    expect(m.fullText).toContain('> Terima kasih sudah menunggu.');
    expect(m.inReplyTo).toEqual(['<sapa.00000000-0000-4000-8000-000000000001@support.example>']);
    expect(m.references).toEqual(['<a@x>', '<sapa.00000000-0000-4000-8000-000000000001@support.example>']);
    expect(m.autoReply).toBe(false);
  });

  it('folds Outlook\'s "From: … Sent: …" history from a base64 body and reads Thread-Index', async () => {
    const m = await parseEmail(fixture('outlook-reply.eml'));
    expect(m.visibleText).toBe('Hello,\n\nI still cannot log in after changing my phone. The OTP never arrives.\n\nRegards,\nAlice Tan');
    expect(m.quotedText).toMatch(/^_{10,}\nFrom: Sapa Support/);
    expect(m.threadIndexRoot).toBe(Buffer.from('AQHbjBdDn1uTd7pK0kKh3L0mWq7xCLNkX2Zw', 'base64').subarray(0, 22).toString('base64'));
    expect(m.inReplyTo).toEqual([]);
  });

  it('folds Apple Mail quotes and "Sent from my iPhone"', async () => {
    const m = await parseEmail(fixture('apple-mail.eml'));
    expect(m.visibleText).toBe("My refund for TX-TRF-1003 still hasn't arrived. It's been 3 days now.");
    expect(m.signature).toBe('Sent from my iPhone');
  });

  it('decodes Foxmail GB18030 (including a 4-byte character) and folds the 原始邮件 block', async () => {
    const m = await parseEmail(fixture('foxmail-gb18030.eml'));
    expect(m.subject).toBe('付款被扣两次');
    expect(m.from?.name).toBe('王芳');
    expect(m.visibleText).toBe('您好，\n\n我昨天在吉野家𠮷用钱包付款，被扣了两次钱，订单号 TX-PAY-2002。请尽快退款。\n\n王芳');
    expect(m.quotedText).toContain('发件人');
  });

  it('decodes Big5, ISO-8859-1 and Windows-1252', async () => {
    const big5 = await parseEmail(fixture('big5-taiwan.eml'));
    expect(big5.subject).toBe('帳戶被凍結');
    expect(big5.visibleText).toContain('我的帳戶被凍結了，無法轉帳。');
    const latin1 = await parseEmail(fixture('latin1.eml'));
    expect(latin1.subject).toBe('Überweisung fehlgeschlagen');
    expect(latin1.from?.name).toBe('Jürgen Müller');
    expect(latin1.visibleText).toContain('Können Sie das prüfen? Grüße aus München,');
    const cp1252 = await parseEmail(fixture('windows-1252.eml'));
    expect(cp1252.subject).toBe('Payment “declined” – charged');
    expect(cp1252.visibleText).toBe('Hello – my payment of €12.50 was “declined” twice, but I was charged.\nPlease refund. Thanks, Zoë');
  });

  it('sanitises HTML-only mail and derives its text without scripts or tracking pixels', async () => {
    const m = await parseEmail(fixture('html-only.eml'));
    expect(m.html).not.toMatch(/script|onclick|iframe|img|javascript|style/i);
    expect(m.html).toContain('<b>account</b>');
    expect(m.visibleText).toBe('Hi, my account is locked.\n\nPlease help here or there (https://example.org/help).');
  });

  it('keeps inline images and attachments with their bytes', async () => {
    const inline = await parseEmail(fixture('inline-image.eml'));
    expect(inline.attachments).toHaveLength(1);
    expect(inline.attachments[0]).toMatchObject({ filename: 'error.png', contentType: 'image/png', inline: true, cid: 'error-image@sender' });
    const pdf = await parseEmail(fixture('pdf-attachment.eml'));
    expect(pdf.attachments.map((a) => a.filename)).toEqual(['statement.pdf', 'invoice.exe']);
  });

  it('recognises auto-replies, bounces and loops', async () => {
    const ooo = await parseEmail(fixture('auto-reply.eml'));
    expect(ooo.autoReply).toBe(true);
    const bounce = await parseEmail(fixture('bounce.eml', { FROM: 'gone@example.org' }));
    expect(bounce.bounce).toMatchObject({ recipient: 'gone@example.org', status: '5.1.1', action: 'failed', permanent: true });
    expect(bounce.bounce?.originalMessageIds).toContain('<sapa.00000000-0000-4000-8000-000000000002@support.example>');
    expect(bounce.bounce?.diagnostic).toContain('User unknown');
    expect(bounce.autoReply).toBe(false);
    const plain = Buffer.from('From: a@b.example\r\nTo: help@support.example\r\nSubject: hi\r\nMessage-ID: <sapa.00000000-0000-4000-8000-000000000003@support.example>\r\n\r\nhello\r\n');
    expect((await parseEmail(plain, { ownDomain: 'support.example' })).loop).toBe(true);
    expect((await parseEmail(plain, { ownDomain: 'other.example' })).loop).toBe(false);
    const bulk = Buffer.from('From: news@shop.example\r\nTo: help@support.example\r\nSubject: Sale\r\nPrecedence: bulk\r\n\r\nbuy\r\n');
    expect((await parseEmail(bulk)).autoReply).toBe(true);
  });

  it('synthesises a stable Message-ID for mail without one', async () => {
    const raw = Buffer.from('From: a@b.example\r\nTo: help@support.example\r\nSubject: x\r\n\r\nno id\r\n');
    const [a, b] = await Promise.all([parseEmail(raw), parseEmail(raw)]);
    expect(a.messageId).toMatch(/^<[0-9a-f]{64}@no-message-id\.sapa>$/);
    expect(a.messageId).toBe(b.messageId);
  });

  it('cleans subjects and text helpers', () => {
    expect(cleanSubject('Re: RE: Fwd: 回复：转账失败 [SP-ABCDEF]')).toBe('转账失败');
    expect(foldQuoted('only\n> quoted\n> more').visible).toBe('only');
    expect(foldQuoted('> all quoted').visible).toBe('> all quoted');
    expect(htmlToText(sanitizeEmailHtml('<p>a &amp; b</p><p>c<br>d</p>'))).toBe('a & b\nc\nd');
  });
});
