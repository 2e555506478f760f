import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, settle, startNode, type TestNode, uid } from '../../testing.js';
import { FakeImapServer } from './fake-imap.js';
import { FakeSmtpSink } from './fake-smtp-sink.js';
import { pollImap, startImap } from './imap.js';
import { smtpPort } from './smtp.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let node: TestNode;
let sink: FakeSmtpSink;
let admin: ApiClient;

beforeAll(async () => {
  sink = await new FakeSmtpSink().start();
  node = await startNode({
    SAPA_SMTP_PORT: '0',
    SAPA_EMAIL_DOMAIN: 'support.example',
    SAPA_SMTP_URL: sink.url,
    SAPA_EMAIL_RATE_PER_HOUR: '6',
    SAPA_EMAIL_MAX_MB: '0.25',
  });
  admin = new ApiClient(node.url);
  await admin.asAdmin();
}, 180_000);
afterAll(async () => {
  await node?.stop();
  await sink?.stop();
});

function fixture(name: string, vars: Record<string, string>): Buffer {
  let raw = readFileSync(path.join(dir, name)).toString('latin1');
  for (const [k, v] of Object.entries({ UNIQUE: uid(), TO: 'help@support.example', ...vars })) raw = raw.replaceAll(`{{${k}}}`, v);
  expect(raw).not.toMatch(/\{\{[A-Z_]+\}\}/);
  return Buffer.from(raw, 'latin1');
}

async function send(raw: Buffer, envelope: { from: string; to: string[] }) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort(node.app.desk), secure: false, ignoreTLS: true });
  try {
    return await t.sendMail({ envelope, raw });
  } finally {
    t.close();
  }
}

/** Runs due jobs until `check` holds (the reply's dispatch starts right after the HTTP answer). */

const casesOf = async (q: string) => (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(q)}`)).body.items as { id: string; reference: string; subject: string; customerId: string; status: string }[];
const messagesOf = async (caseId: string) => (await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

async function agentReply(caseId: string, body: string) {
  const r = await admin.post(`/api/v1/cases/${caseId}/messages`, { body, clientMessageId: uid() });
  expect(r.status).toBe(201);
  return r.body as { id: string };
}

const message = async (caseId: string, id: string) => (await messagesOf(caseId)).find((m) => m.id === id)!;

describe('email in: SMTP to cases', () => {
  it('opens one case for a GB2312 email, and the same Message-ID delivered again (even concurrently) stays one message', async () => {
    const tag = uid();
    const from = `wang-${tag}@example.org`;
    const raw = fixture('python-gb2312.eml', { TAG: tag, FROM: from });
    await Promise.all([1, 2, 3].map(() => send(raw, { from, to: ['help@support.example'] })));
    await send(raw, { from, to: ['help@support.example'] });
    const found = await casesOf(tag);
    expect(found).toHaveLength(1);
    expect(found[0].subject).toBe(`转账失败 ${tag}`);
    const items = await messagesOf(found[0].id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ body: '我的转账失败了，钱还没退回。', channel: 'email', clientMessageId: `email:first-${tag}@example.org`, author: { kind: 'customer' } });
    const identities = await admin.get(`/api/v1/customers/${found[0].customerId}/identities`);
    expect(identities.body.identities).toEqual([expect.objectContaining({ channel: 'email', address: from })]);
  });

  it('decodes the sample clients (GB18030, Big5, Latin-1, Windows-1252, HTML-only) into what the customer wrote', async () => {
    const samples = [
      { file: 'foxmail-gb18030.eml', subject: '付款被扣两次', body: '您好，\n\n我昨天在吉野家𠮷用钱包付款，被扣了两次钱，订单号 TX-PAY-2002。请尽快退款。\n\n王芳', quoted: '原始邮件' },
      { file: 'big5-taiwan.eml', subject: '帳戶被凍結', body: '客服您好：\n\n我的帳戶被凍結了，無法轉帳。請協助解凍，謝謝。\n\n陳先生 敬上' },
      { file: 'latin1.eml', subject: 'Überweisung fehlgeschlagen', body: 'Guten Tag,\n\nmeine Überweisung über 50 Euro ist fehlgeschlagen, aber das Geld wurde abgebucht.\nKönnen Sie das prüfen? Grüße aus München,\nJürgen Müller' },
      { file: 'windows-1252.eml', subject: 'Payment “declined” – charged', body: 'Hello – my payment of €12.50 was “declined” twice, but I was charged.\nPlease refund. Thanks, Zoë' },
      { file: 'html-only.eml', subject: 'Account locked', body: 'Hi, my account is locked.\n\nPlease help here or there (https://example.org/help).' },
    ];
    for (const s of samples) {
      const from = `sample-${uid()}@example.net`;
      await send(fixture(s.file, { FROM: from }), { from, to: ['help@support.example'] });
      const [c] = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
      expect(c?.subject, s.file).toBe(s.subject);
      const [m] = await messagesOf(c.id);
      expect(m.body, s.file).toBe(s.body);
      if (s.quoted) expect(m.metadata.email.fullText).toContain(s.quoted);
      if (s.file === 'html-only.eml') expect(m.metadata.email.html).not.toMatch(/<script|onclick|<img|javascript:/i);
    }
  });

  it('stores inline images and PDF attachments with their SHA-256, and refuses disallowed types', async () => {
    const from = `files-${uid()}@example.net`;
    await send(fixture('inline-image.eml', { FROM: from }), { from, to: ['help@support.example'] });
    await send(fixture('pdf-attachment.eml', { FROM: from }), { from, to: ['help@support.example'] });
    const found = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
    expect(found).toHaveLength(2);
    const all = (await Promise.all(found.map((c: { id: string }) => messagesOf(c.id)))).flat();
    const png = readFileSync(path.join(dir, 'inline-image.eml')).toString('latin1');
    const pngBytes = Buffer.from(/Content-Disposition: inline; filename="error.png"\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(png)![1].replace(/\s/g, ''), 'base64');
    const inline = all.find((m) => m.attachments.some((a: { filename: string }) => a.filename === 'error.png'));
    expect(inline.attachments[0]).toMatchObject({ mime: 'image/png', sha256: sha256(pngBytes), size: pngBytes.length });
    const pdfMessage = all.find((m) => m.attachments.some((a: { filename: string }) => a.filename === 'statement.pdf'));
    expect(pdfMessage.body).toBe('Attached is my bank statement showing the debit.');
    expect(pdfMessage.attachments).toHaveLength(1);
    expect(pdfMessage.metadata.skippedAttachments).toEqual([{ filename: 'invoice.exe', reason: 'file_type_not_allowed' }]);
    const download = await admin.get(pdfMessage.attachments[0].url);
    expect(download.status).toBe(200);
    expect(download.headers.get('x-sha256')).toBe(pdfMessage.attachments[0].sha256);
  });

  it('refuses mail for other domains (550), oversized mail (552) and a sender over the hourly limit (451)', async () => {
    const from = `limits-${uid()}@example.net`;
    const small = (n: number) => Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: note ${n}\r\nMessage-ID: <limit-${n}-${uid()}@example.net>\r\n\r\nhello ${n}\r\n`);
    await expect(send(small(0), { from, to: ['someone@elsewhere.example'] })).rejects.toMatchObject({ responseCode: 550 });
    const big = Buffer.concat([small(1), Buffer.alloc(400 * 1024, 'a')]);
    const tooLarge = await send(big, { from, to: ['help@support.example'] }).catch((e: { responseCode: number; response: string }) => e);
    expect(tooLarge).toMatchObject({ responseCode: 552 });
    for (let i = 2; i < 8; i++) await send(small(i), { from, to: ['help@support.example'] });
    await expect(send(small(8), { from, to: ['help@support.example'] })).rejects.toMatchObject({ responseCode: 451 });
    const found = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
    expect(found).toHaveLength(6);
  });

  it('drops mail loops: our own Message-ID or the X-Sapa-Loop header never opens a case', async () => {
    const from = `loop-${uid()}@example.net`;
    const own = Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: echo\r\nMessage-ID: <sapa.${randomUUID()}@support.example>\r\n\r\nour own words\r\n`);
    const marked = Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: echo 2\r\nX-Sapa-Loop: support.example\r\nMessage-ID: <${uid()}@example.net>\r\n\r\nforwarded back\r\n`);
    await send(own, { from, to: ['help@support.example'] });
    await send(marked, { from, to: ['help@support.example'] });
    expect((await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items).toHaveLength(0);
  });
});

describe('email threading and replies', () => {
  it('threads replies from Gmail (References), Outlook (reply token, no References), Apple Mail and the subject tag into one case', async () => {
    const from = `budi-${uid()}@example.net`;
    const first = `<start-${uid()}@example.net>`;
    await send(Buffer.from(`From: Budi <${from}>\r\nTo: help@support.example\r\nSubject: Top up belum masuk\r\nMessage-ID: ${first}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSaldo belum masuk\r\n`), { from, to: ['help@support.example'] });
    const [c] = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
    const reply = await agentReply(c.id, 'Halo Budi, kami cek dulu ya.');
    const out = await settle(node, async () => sink.received.find((m) => m.parsed.text?.includes('Halo Budi, kami cek dulu ya.')));
    const ourId = out.parsed.messageId!;
    expect(ourId).toBe(`<sapa.${reply.id}@support.example>`);
    expect(out.parsed.inReplyTo).toBe(first);
    expect(out.parsed.subject).toBe(`Re: Top up belum masuk [${c.reference}]`);
    expect(out.envelope.to).toEqual([from]);
    const replyTo = out.parsed.replyTo!.value[0].address!;
    expect(replyTo).toMatch(/^reply\+[0-9a-f]{16}@support\.example$/);
    expect(out.parsed.html).toContain('Halo Budi, kami cek dulu ya.');
    expect(out.parsed.headers.get('x-sapa-loop')).toBe('support.example');
    await settle(node, async () => (await message(c.id, reply.id)).deliveryStatus === 'sent');

    await send(fixture('gmail-reply.eml', { FROM: from, REF: c.reference, IN_REPLY_TO: ourId, REFERENCES: `${first} ${ourId}` }), { from, to: ['help@support.example'] });
    await send(fixture('outlook-reply.eml', { FROM: from, TO: replyTo, REF: 'no tag' }), { from, to: [replyTo] });
    await send(fixture('apple-mail.eml', { FROM: from, IN_REPLY_TO: ourId, REFERENCES: ourId }), { from, to: ['help@support.example'] });
    await send(Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: about ${c.reference}\r\nMessage-ID: <tagged-${uid()}@example.net>\r\n\r\nOne more thing.\r\n`), { from, to: ['help@support.example'] });
    const items = await messagesOf(c.id);
    expect(items.map((m) => m.body)).toEqual([
      'Saldo belum masuk',
      'Halo Budi, kami cek dulu ya.',
      'Halo Kak,\n\nSaldo saya masih belum masuk, padahal sudah 2 jam. Mohon dicek lagi ya 🙏\nNomor transaksi: TX-TOPUP-1001',
      'Hello,\n\nI still cannot log in after changing my phone. The OTP never arrives.\n\nRegards,\nAlice Tan',
      "My refund for TX-TRF-1003 still hasn't arrived. It's been 3 days now.",
      'One more thing.',
    ]);
    expect(items[2].metadata.email.fullText).toContain('> Halo Budi, kami sedang mengecek top up Anda.');
    expect(items[3].metadata.email.fullText).toContain('From: Sapa Support');
    expect((await casesOf(from))).toHaveLength(1);

    // The next reply threads under the customer's latest email.
    await agentReply(c.id, 'Sudah kami proses.');
    const second = await settle(node, async () => sink.received.find((m) => m.parsed.text?.includes('Sudah kami proses.')));
    const refs = [second.parsed.references ?? []].flat();
    expect(refs).toContain(first);
    expect(refs).toContain(ourId);
    expect(second.parsed.inReplyTo).toMatch(/^<tagged-/);
  });

  it('opens a new, linked case when someone else replies to a customer’s case', async () => {
    const owner = `owner-${uid()}@example.net`;
    const stranger = `stranger-${uid()}@example.net`;
    const first = `<own-${uid()}@example.net>`;
    await send(Buffer.from(`From: ${owner}\r\nTo: help@support.example\r\nSubject: Locked\r\nMessage-ID: ${first}\r\n\r\nMy account is locked\r\n`), { from: owner, to: ['help@support.example'] });
    const [original] = await casesOf(owner);
    await send(Buffer.from(`From: ${stranger}\r\nTo: help@support.example\r\nSubject: Re: Locked [${original.reference}]\r\nIn-Reply-To: ${first}\r\nMessage-ID: <other-${uid()}@example.net>\r\n\r\nI have the same problem\r\n`), { from: stranger, to: ['help@support.example'] });
    const originalMessages = await messagesOf(original.id);
    expect(originalMessages.filter((m) => m.author.kind === 'customer')).toHaveLength(1);
    const [other] = await casesOf(stranger);
    expect(other.id).not.toBe(original.id);
    expect(other.customerId).not.toBe(original.customerId);
    const note = originalMessages.find((m) => m.author.kind === 'system');
    expect(note).toMatchObject({ internal: true });
    expect(note!.body).toContain(other.reference);
    const otherMessages = await messagesOf(other.id);
    expect(otherMessages[0].metadata.relatedCase).toMatchObject({ caseId: original.id, reason: 'other_sender' });
    expect(otherMessages.some((m) => m.internal && m.body.includes(original.reference))).toBe(true);
  });

  it('puts a reply to a case merged into another in that other case', async () => {
    const owner = `merged-${uid()}@example.net`;
    const first = `<dup-${uid()}@example.net>`;
    await send(Buffer.from(`From: ${owner}\r\nTo: help@support.example\r\nSubject: Top up missing\r\nMessage-ID: ${first}\r\n\r\nMy top up is missing\r\n`), { from: owner, to: ['help@support.example'] });
    await send(Buffer.from(`From: ${owner}\r\nTo: help@support.example\r\nSubject: Still no balance\r\nMessage-ID: <keep-${uid()}@example.net>\r\n\r\nMy balance did not change\r\n`), { from: owner, to: ['help@support.example'] });
    const both = await casesOf(owner);
    expect(both).toHaveLength(2);
    const dup = both.find((c) => c.subject === 'Top up missing')!;
    const keep = both.find((c) => c.subject === 'Still no balance')!;
    expect((await admin.post(`/api/v1/cases/${dup.id}/merge`, { intoCaseId: keep.id })).status).toBe(200);
    await send(Buffer.from(`From: ${owner}\r\nTo: help@support.example\r\nSubject: Re: Top up missing\r\nIn-Reply-To: ${first}\r\nReferences: ${first}\r\nMessage-ID: <again-${uid()}@example.net>\r\n\r\nAny news?\r\n`), { from: owner, to: ['help@support.example'] });
    expect(await casesOf(owner)).toHaveLength(2);
    expect((await messagesOf(keep.id)).some((m) => m.author.kind === 'customer' && m.body.startsWith('Any news?'))).toBe(true);
    expect((await messagesOf(dup.id)).some((m) => m.body.startsWith('Any news?'))).toBe(false);
  });

  it('notes auto-replies without answering them, and marks a bounced reply failed', async () => {
    const from = `away-${uid()}@example.net`;
    await send(Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: OTP\r\nMessage-ID: <otp-${uid()}@example.net>\r\n\r\nNo OTP\r\n`), { from, to: ['help@support.example'] });
    const [c] = await casesOf(from);
    const reply = await agentReply(c.id, 'Which number?');
    const out = await settle(node, async () => sink.received.find((m) => m.parsed.text?.includes('Which number?') && m.envelope.to[0] === from));
    await admin.patch(`/api/v1/cases/${c.id}`, { status: 'pending' });
    const sentBefore = sink.received.length;
    await send(fixture('auto-reply.eml', { FROM: from, REF: c.reference, IN_REPLY_TO: out.parsed.messageId! }), { from, to: ['help@support.example'] });
    const afterAuto = await messagesOf(c.id);
    const auto = afterAuto[afterAuto.length - 1];
    expect(auto).toMatchObject({ internal: true, author: { kind: 'system' } });
    expect(auto.body).toContain('out of the office');
    expect((await admin.get(`/api/v1/cases/${c.id}`)).body.status).toBe('pending');

    await send(fixture('bounce.eml', { FROM: from, OUTBOUND_ID: out.parsed.messageId! }), { from: '', to: ['support@support.example'] });
    const bounced = await message(c.id, reply.id);
    expect(bounced.deliveryStatus).toBe('failed');
    expect(bounced.deliveryError).toMatch(/5\.1\.1.*User unknown/);
    await node.app.desk.jobs.drain();
    expect(sink.received.length).toBe(sentBefore);
    expect(await casesOf('MAILER-DAEMON')).toHaveLength(0);
  });
});

describe('email out: retries and failures', () => {
  const openCase = async () => {
    const from = `retry-${uid()}@example.net`;
    await send(Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: Retry\r\nMessage-ID: <r-${uid()}@example.net>\r\n\r\nPlease answer\r\n`), { from, to: ['help@support.example'] });
    const [c] = await casesOf(from);
    return { c, from };
  };
  const dueNow = () => node.app.desk.db.execute(sql`update jobs set run_at = now() where queue = 'channels.outbound' and state = 'queued'`);

  it('retries a temporary SMTP failure with backoff and shows it on the message, then delivers', async () => {
    const { c, from } = await openCase();
    sink.failNext(2, 451);
    const reply = await agentReply(c.id, 'Retry answer');
    const firstFailure = await settle(node, async () => {
      const m = await message(c.id, reply.id);
      return m.deliveryError ? m : undefined;
    });
    expect(firstFailure).toMatchObject({ deliveryStatus: 'queued' });
    expect(firstFailure.deliveryError).toMatch(/Attempt 1 failed: SMTP 451/);
    await dueNow();
    await settle(node, async () => (await message(c.id, reply.id)).deliveryError?.startsWith('Attempt 2'));
    await dueNow();
    const sent = await settle(node, async () => {
      const m = await message(c.id, reply.id);
      return m.deliveryStatus === 'sent' ? m : undefined;
    });
    expect(sent.deliveryError).toBeNull();
    expect(sink.received.filter((m) => m.envelope.to[0] === from && m.parsed.text?.includes('Retry answer'))).toHaveLength(1);
  });

  it('marks a permanently refused reply failed at once (no retries)', async () => {
    const { c } = await openCase();
    sink.failNext(1, 550);
    const reply = await agentReply(c.id, 'Nobody home');
    const failed = await settle(node, async () => {
      const m = await message(c.id, reply.id);
      return m.deliveryStatus === 'failed' ? m : undefined;
    });
    expect(failed.deliveryError).toMatch(/SMTP 550/);
  });

  it('emails a reply on a web case when the agent chooses email, and refuses a channel the customer cannot be reached on', async () => {
    const customer = new ApiClient(node.url);
    const me = await customer.asNewCustomer('Web Person');
    const c = await customer.post('/api/v1/cases', { subject: 'Web question', message: { body: 'Hello from the web', clientMessageId: uid() } });
    const r = await admin.post(`/api/v1/cases/${c.body.id}/replies`, { body: 'Answer by email', clientMessageId: uid(), channel: 'email' });
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe('email');
    const out = await settle(node, async () => sink.received.find((m) => m.envelope.to[0] === me.email));
    expect(out.parsed.subject).toBe(`Web question [${c.body.reference}]`);
    const none = await admin.post(`/api/v1/cases/${c.body.id}/replies`, { body: 'By WhatsApp?', clientMessageId: uid(), channel: 'telegram' });
    expect(none.status).toBe(422);
  });

  it('marks replies failed with a clear reason when outbound email is not configured', async () => {
    const { c } = await openCase();
    const config = node.app.desk.config;
    const url = config.SAPA_SMTP_URL;
    config.SAPA_SMTP_URL = undefined;
    try {
      const reply = await agentReply(c.id, 'Will not go');
      const failed = await settle(node, async () => {
        const m = await message(c.id, reply.id);
        return m.deliveryStatus === 'failed' ? m : undefined;
      });
      expect(failed.deliveryError).toMatch(/SAPA_SMTP_URL is unset/);
      const explicit = await admin.post(`/api/v1/cases/${c.id}/replies`, { body: 'Email please', clientMessageId: uid(), channel: 'email' });
      expect(explicit.status).toBe(422);
      expect(explicit.body.error.code).toBe('channel_not_configured');
    } finally {
      config.SAPA_SMTP_URL = url;
    }
  });
});

describe('IMAP polling of an existing mailbox', () => {
  it('reads new mail by UID once, skips what SMTP already delivered, and survives a rebuilt mailbox without duplicates', async () => {
    const imap = await new FakeImapServer().start();
    try {
      const from = `imap-${uid()}@example.net`;
      const shared = Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: Via both\r\nMessage-ID: <both-${uid()}@example.net>\r\n\r\nsame email twice\r\n`);
      await send(shared, { from, to: ['help@support.example'] });
      imap.append(shared);
      imap.append(fixture('big5-taiwan.eml', { FROM: from }));
      const first = await pollImap(node.app.desk, imap.url);
      expect(first).toEqual({ read: 2, stored: 1 });
      expect(imap.commands.some((c) => c.startsWith('UID FETCH'))).toBe(true);
      const found = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
      expect(found.map((c: { subject: string }) => c.subject).sort()).toEqual(['Via both', '帳戶被凍結']);
      const big5 = found.find((c: { subject: string }) => c.subject === '帳戶被凍結');
      expect((await messagesOf(big5.id))[0].metadata.email.via).toBe('imap');

      expect(await pollImap(node.app.desk, imap.url)).toEqual({ read: 0, stored: 0 });
      const [c] = found;
      imap.append(Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: Re: ${c.subject} [${c.reference}]\r\nMessage-ID: <next-${uid()}@example.net>\r\n\r\nfollow-up by IMAP\r\n`));
      expect(await pollImap(node.app.desk, imap.url)).toEqual({ read: 1, stored: 1 });
      expect((await messagesOf(c.id)).map((m) => m.body)).toContain('follow-up by IMAP');

      imap.rebuild();
      expect(await pollImap(node.app.desk, imap.url)).toEqual({ read: 3, stored: 0 });
      const again = (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent(from)}`)).body.items;
      expect(again).toHaveLength(2);
      const total = (await Promise.all(again.map((x: { id: string }) => messagesOf(x.id)))).flat();
      expect(total).toHaveLength(3);
      await expect(pollImap(node.app.desk, imap.url.replace('imap-pass', 'wrong'))).rejects.toThrow();

      // Configured, the poll runs from a job (one per interval across nodes) and books the next one.
      imap.append(Buffer.from(`From: ${from}\r\nTo: help@support.example\r\nSubject: Scheduled poll\r\nMessage-ID: <poll-${uid()}@example.net>\r\n\r\nfound by the job\r\n`));
      node.app.desk.config.SAPA_IMAP_URL = imap.url;
      try {
        await startImap(node.app.desk);
        await settle(node, async () => (await admin.get(`/api/v1/cases?channel=email&limit=100&q=${encodeURIComponent('Scheduled poll')}`)).body.items.length === 1);
        const next = ((await node.app.desk.db.execute(sql`select count(*)::int as n from jobs where queue = 'email.imap-poll' and state = 'queued' and run_at > now()`)) as unknown as { rows: { n: number }[] }).rows[0];
        expect(Number(next.n)).toBeGreaterThanOrEqual(1);
      } finally {
        node.app.desk.config.SAPA_IMAP_URL = undefined;
      }
    } finally {
      await imap.stop();
    }
  });
});
