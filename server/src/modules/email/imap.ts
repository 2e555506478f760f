import { ImapFlow } from 'imapflow';
import type { Desk } from '../../kernel/desk.js';
import { enqueue } from '../../kernel/jobs.js';
import { EmailRefused, receiveEmail } from './service.js';
import * as store from './store.js';

export const IMAP_QUEUE = 'email.imap-poll';
const BATCH = 50;

interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  /** Key of the read position: one per account and mailbox. */
  key: string;
}

/** imap(s)://user:password@host:port/Mailbox (default INBOX); `?insecure=1` accepts a self-signed certificate. */
export function imapTarget(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const user = decodeURIComponent(u.username);
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  return { host: u.hostname, port: Number(u.port) || (secure ? 993 : 143), secure, user, pass: decodeURIComponent(u.password), mailbox, key: `${user}@${u.hostname}:${u.port}/${mailbox}` };
}

/**
 * Reads new mail of an existing mailbox by UID, oldest first, and takes each into the inbox. The read position
 * advances only past messages that were stored (or deliberately skipped), so a failure re-reads from there next
 * time; the Message-ID makes re-reading harmless. A changed UIDVALIDITY reads the mailbox again from the start.
 */
export async function pollImap(desk: Desk, url = desk.config.SAPA_IMAP_URL): Promise<{ read: number; stored: number }> {
  if (!url) return { read: 0, stored: 0 };
  const target = imapTarget(url);
  const insecure = new URL(url).searchParams.get('insecure') === '1';
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    tls: { rejectUnauthorized: !insecure },
    socketTimeout: 60_000,
  });
  client.on('error', (error: unknown) => desk.log.warn({ err: error }, 'IMAP connection error'));
  let read = 0;
  let stored = 0;
  await client.connect();
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`IMAP mailbox ${target.mailbox} could not be opened`);
      const uidValidity = Number(box.uidValidity);
      const state = await store.getImapState(desk.db, target.key);
      let last = state && state.uidValidity === uidValidity ? state.lastUid : 0;
      const found = box.exists ? await client.search({ uid: `${last + 1}:*` }, { uid: true }) : [];
      // `n:*` also matches the highest UID when n is past it: keep only what is really new.
      const uids = (found || []).filter((uid) => uid > last).sort((a, b) => a - b).slice(0, BATCH);
      if (uids.length) {
        const messages = await client.fetchAll(uids.join(','), { uid: true, source: true, envelope: true }, { uid: true });
        messages.sort((a, b) => a.uid - b.uid);
        for (const m of messages) {
          if (!m.source) continue;
          read++;
          const to = [...(m.envelope?.to ?? []), ...(m.envelope?.cc ?? [])].map((a) => a.address ?? '').filter(Boolean);
          try {
            const outcome = await receiveEmail(desk, m.source, { from: m.envelope?.from?.[0]?.address, to, via: 'imap' });
            if (outcome.kind === 'stored') stored++;
          } catch (error) {
            // A refusal (e.g. the sender's rate limit) is final for a mailbox we read: skip it, keep reading.
            if (!(error instanceof EmailRefused)) throw error;
            desk.log.warn({ uid: m.uid, reason: error.message }, 'IMAP message skipped');
          }
          last = m.uid;
          await store.setImapState(desk.db, target.key, uidValidity, last);
        }
      } else if (!state || state.uidValidity !== uidValidity) {
        await store.setImapState(desk.db, target.key, uidValidity, last);
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { read, stored };
}

/** Schedules the poll of the next interval; the unique key makes every node agree on one poll per interval. */
export async function scheduleImapPoll(desk: Desk, now = Date.now()): Promise<void> {
  const interval = desk.config.SAPA_IMAP_POLL_SECONDS * 1000;
  const slot = Math.floor(now / interval) + 1;
  await enqueue(desk.db, IMAP_QUEUE, { slot }, { runAt: new Date(slot * interval), uniqueKey: `imap:${slot}`, maxAttempts: 1 });
}

export function setupImap(desk: Desk): void {
  desk.jobs.handle(IMAP_QUEUE, async () => {
    // The next poll is booked first, so a failing mailbox never stops the polling.
    await scheduleImapPoll(desk);
    const result = await pollImap(desk);
    if (result.read) desk.log.info(result, 'IMAP mailbox read');
  });
}

export async function startImap(desk: Desk): Promise<void> {
  if (!desk.config.SAPA_IMAP_URL) return;
  const interval = desk.config.SAPA_IMAP_POLL_SECONDS * 1000;
  // A poll right away (this interval's slot), then one per interval.
  await scheduleImapPoll(desk, Date.now() - interval);
}
