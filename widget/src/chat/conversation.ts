import { NETWORK_ERROR, type ApiReply, type RequestOptions, type Store, type WidgetHost } from '../types.js';
import { Live } from './live.js';
import { isMine, sapaWords, transient, type AssistantReply, type AttachmentView, type CaseView, type Contact, type MessageView } from './model.js';
import { newId, Outbox, type OutboxItem } from './outbox.js';
import { chatText, type ChatKey } from './strings.js';

interface StoredSession {
  token: string;
  visitorId: string;
  contact: Contact;
  /** Who the identity token this session was opened with names (its `sub`); null when anonymous. */
  sub: string | null;
}

interface StoredConversation {
  contactId: string | null;
  /** The case id, or `new:<id>` until the first message creates the case. */
  key: string;
  caseId: string | null;
  /** 'assistant' while the assistant answers; 'case' once a person has taken over (or there is no assistant). */
  mode: 'assistant' | 'case';
  handedOff?: boolean;
}

/** A restricted wallet account and where to appeal (from GET /support/channels for this customer). */
export interface AccountNotice {
  state: string;
  message: string;
  appeal?: { page?: string };
}

export type Connection = 'connecting' | 'live' | 'polling' | 'offline' | 'unreachable';

export interface Snapshot {
  started: boolean;
  contact: Contact | null;
  notice: ChatKey | null;
  caseView: CaseView | null;
  messages: MessageView[];
  handedOff: boolean;
  account: AccountNotice | null;
  outbox: OutboxItem[];
  sendingId: string | null;
  mode: 'assistant' | 'case';
  connection: Connection;
  typing: string | null;
  readSeq: number;
  deliveredSeq: number;
  cases: CaseView[] | null;
  loading: boolean;
}

type SendOutcome = 'sent' | 'retry' | 'failed';

const ASSISTANT_MISSING_TTL = 6 * 3600_000;
// A queued message older than this skips the assistant: a bot answer minutes later to a stale question helps nobody.
const ASSISTANT_FRESH_MS = 60_000;
const THREAD_CACHE = 80;

/** The `sub` claim of a JWT, read without verifying (only to notice that the signed-in customer changed). */
export function jwtSub(token: string): string | null {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

/** Who a token names: its `sub`, or (unreadable) the token itself, so one session serves one identity. */
const identityKey = (token: string) => jwtSub(token) ?? `t:${fingerprint(token)}`;

/** A short fingerprint, so a rejected identity token is remembered without storing the token itself. */
function fingerprint(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

const isNetwork = (e: unknown) => e instanceof Error && e.name === NETWORK_ERROR;

/** The browser's IANA time zone (`Asia/Jakarta`), or undefined where very old engines cannot tell. */
export function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

class RetryLater extends Error {}

/**
 * One customer's conversation with support: the widget session, the case, its messages, the offline outbox and the
 * live connection (Socket.IO, else HTTP polling). The UI renders `snapshot()` and calls the actions.
 */
export class Conversation {
  private readonly store: Store;
  private readonly outbox: Outbox;
  private readonly live: Live;
  private readonly listeners = new Set<() => void>();
  private session: StoredSession | undefined;
  private sessionPromise: Promise<StoredSession> | undefined;
  private conv: StoredConversation;
  private messages: MessageView[] = [];
  private caseView: CaseView | null = null;
  private cases: CaseView[] | null = null;
  private started = false;
  private loading = false;
  private notice: ChatKey | null = null;
  private connection: Connection = 'connecting';
  private typing: { name: string; until: number } | null = null;
  private readSeq = 0;
  private deliveredSeq = 0;
  private sendingId: string | null = null;
  private flushing: Promise<void> | undefined;
  private unread = 0;
  private timer = 0;
  private failures = 0;
  private polls = 0;
  private booted = false;
  private typingSent = 0;
  private typingStop = 0;
  private receipted = '';
  private account: AccountNotice | null = null;

  constructor(private readonly host: WidgetHost) {
    this.store = host.store;
    this.outbox = new Outbox(host.store);
    this.session = this.store.get<StoredSession>('session');
    this.conv = this.store.get<StoredConversation>('conversation') ?? this.draft(this.session?.contact.id ?? null);
    const cached = this.store.get<{ caseId: string; items: MessageView[] }>('thread');
    if (cached && cached.caseId === this.conv.caseId && Array.isArray(cached.items)) this.messages = cached.items;
    this.live = new Live(host.base, {
      token: () => this.session?.token,
      onState: (state) => {
        if (state === 'live') this.setConnection('live');
        else if (this.connection === 'live') this.setConnection('polling');
        this.schedule(state === 'live' ? 0 : 500);
      },
      onConnect: () => {
        if (this.conv.caseId) void this.subscribe();
        void this.flush();
      },
      onMessage: (m) => this.receive([m], true),
      onTyping: (e) => {
        if (e.caseId !== this.conv.caseId || !e.author || e.author.kind === 'visitor' || e.author.kind === 'customer') return;
        this.typing = e.typing ? { name: e.author.name ?? '', until: Date.now() + 8000 } : null;
        this.emit();
        if (e.typing) window.setTimeout(() => this.emit(), 8100);
      },
      onReceipt: (e) => {
        const by = (e as { author?: { kind?: string }; by?: { kind?: string } }).author ?? (e as { by?: { kind?: string } }).by;
        if (e.caseId !== this.conv.caseId || by?.kind === 'visitor' || by?.kind === 'customer') return;
        if (e.kind === 'read') this.readSeq = Math.max(this.readSeq, e.seq);
        this.deliveredSeq = Math.max(this.deliveredSeq, e.seq);
        this.emit();
      },
      onCase: (view) => {
        if (view.id === this.conv.caseId) {
          this.caseView = view;
          this.emit();
        }
      },
      onAuthError: () => {
        this.dropSession();
        void this.ensureSession().then(() => this.live.reauthenticate(), () => undefined);
      },
    });
    host.on('open', () => {
      this.unread = 0;
      host.setUnread(0);
      this.markRead();
      this.schedule(0);
    });
    host.on('identify', () => void this.reidentify());
    window.addEventListener('online', () => this.schedule(0));
    window.addEventListener('offline', () => this.setConnection('offline'));
    window.addEventListener('storage', (e) => {
      // Another tab sent (or queued) something: show the same outbox here.
      if (e.key?.startsWith('sapa:')) this.emit();
    });
  }

  // ------------------------------------------------------------------------------------------ state

  subscribe$(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }

  snapshot(): Snapshot {
    const contactId = this.session?.contact.id;
    const outbox = this.outbox.all().filter((i) => i.conversation === this.conv.key && (!i.contactId || !contactId || i.contactId === contactId));
    const sentIds = new Set(this.messages.map((m) => m.clientMessageId));
    return {
      started: this.started,
      contact: this.session?.contact ?? null,
      notice: this.notice,
      caseView: this.caseView,
      messages: this.messages,
      handedOff: !!this.conv.handedOff,
      account: this.account,
      outbox: outbox.filter((i) => !sentIds.has(i.clientMessageId)),
      sendingId: this.sendingId,
      mode: this.conv.mode,
      connection: this.connection,
      typing: this.typing && this.typing.until > Date.now() ? this.typing.name : null,
      readSeq: this.readSeq,
      deliveredSeq: this.deliveredSeq,
      cases: this.cases,
      loading: this.loading,
    };
  }

  private draft(contactId: string | null): StoredConversation {
    const missing = Date.now() - (this.store.get<number>('assistantMissing') ?? 0) < ASSISTANT_MISSING_TTL;
    return { contactId, key: `new:${newId('c')}`, caseId: null, mode: missing ? 'case' : 'assistant' };
  }

  private saveConversation() {
    this.store.set('conversation', this.conv);
  }

  private saveThread() {
    if (this.conv.caseId) this.store.set('thread', { caseId: this.conv.caseId, items: this.messages.slice(-THREAD_CACHE) });
  }

  private setConnection(c: Connection) {
    // "Offline" is the device's own state; online but without an answer from Sapa is "unreachable".
    if (c === 'offline' && navigator.onLine !== false) c = 'unreachable';
    if (this.connection !== c) {
      this.connection = c;
      this.emit();
    }
  }

  private lastSeq() {
    return this.messages.length ? this.messages[this.messages.length - 1].seq : 0;
  }

  // ------------------------------------------------------------------------------------------ API

  private async api<T>(path: string, options: RequestOptions = {}, retried = false): Promise<ApiReply<T>> {
    const session = await this.ensureSession();
    const reply = await this.host.request<T>(path, { ...options, token: session.token });
    if (reply.status === 401 && !retried) {
      // The widget session expired or was revoked: open a new one (same visitor, same history) and try once more.
      this.dropSession();
      return this.api<T>(path, options, true);
    }
    return reply;
  }

  private dropSession() {
    this.session = undefined;
    this.store.remove('session');
  }

  /** The widget session for whoever is using the page now: resumed, or opened with POST /widget/sessions. */
  ensureSession(): Promise<StoredSession> {
    const wanted = this.host.settings.identityToken;
    const rejected = wanted !== undefined && this.store.get<string>('rejectedIdentity') === fingerprint(wanted);
    const identity = wanted && !rejected ? identityKey(wanted) : null;
    if (wanted && rejected) this.notice = 'identityFailed';
    const s = this.session;
    if (s && (identity ? s.sub === identity : s.contact.kind === 'visitor')) return Promise.resolve(s);
    this.sessionPromise ??= this.openSession(wanted && !rejected ? wanted : undefined).finally(() => (this.sessionPromise = undefined));
    return this.sessionPromise;
  }

  private async openSession(identityToken: string | undefined): Promise<StoredSession> {
    const d = this.host.diagnostics();
    const previous = this.session ?? this.store.get<StoredSession>('session');
    // An anonymous visitor keeps its history across reloads by resuming its visitorId.
    const visitorId = previous?.contact.kind === 'visitor' ? previous.visitorId : (this.store.get<string>('visitorId') ?? undefined);
    const device = { os: d.os, browser: d.browser, device: d.device, appVersion: d.appVersion, timeZone: d.timeZone, screen: d.screen, connection: d.connection };
    const body = { ...(visitorId ? { visitorId } : {}), ...(identityToken ? { identityToken } : {}), device, locale: this.host.locale() };
    const reply = await this.host.request<{ token: string; visitorId: string; contact: Contact }>('/widget/sessions', { body });
    if (reply.status === 401 && identityToken) {
      // The wallet's token was refused (expired, forged, not configured): say so gently and go on as a guest.
      this.store.set('rejectedIdentity', fingerprint(identityToken));
      this.notice = 'identityFailed';
      this.emit();
      return this.openSession(undefined);
    }
    if (!reply.ok) throw transient(reply.status) ? new RetryLater(reply.error?.message) : new Error(reply.error?.message ?? `HTTP ${reply.status}`);
    if (identityToken) this.notice = null;
    else if (this.host.settings.identityToken) this.notice = 'identityFailed';
    const session: StoredSession = { token: reply.data.token, visitorId: reply.data.visitorId, contact: reply.data.contact, sub: identityToken ? identityKey(identityToken) : null };
    this.session = session;
    this.store.set('session', session);
    if (session.contact.kind === 'visitor') this.store.set('visitorId', session.visitorId);
    return session;
  }

  /** The page signed a customer in or out: a new session, and that person's conversation. */
  private async reidentify() {
    try {
      await this.ensureSession();
      if (this.conv.contactId !== this.session?.contact.id) {
        await this.resolveConversation();
        await this.loadMessages();
      }
      this.live.reauthenticate();
    } catch (error) {
      this.fail(error);
    }
  }

  // ------------------------------------------------------------------------------------------ lifecycle

  start() {
    if (this.booted) return;
    this.booted = true;
    void this.boot();
  }

  private async boot() {
    this.loading = !this.messages.length && !!this.conv.caseId;
    this.emit();
    try {
      await this.ensureSession();
      void this.loadAccount();
      await this.resolveConversation();
      await this.loadMessages();
      this.setConnection('polling');
      this.failures = 0;
      this.live.start();
      // Only a start that reached Sapa counts: else the next tick starts again (the case header, the transcript
      // button and the case list all come from it).
      this.started = true;
    } catch (error) {
      this.fail(error);
    } finally {
      this.loading = false;
      this.emit();
    }
    this.schedule(this.started ? 0 : undefined);
  }

  private fail(error: unknown) {
    if (isNetwork(error) || error instanceof RetryLater) {
      this.failures++;
      this.setConnection('offline');
    } else this.host.report(error);
  }

  /** A locked or restricted wallet account is told so, with where to appeal (only Sapa knows, with our token). */
  private async loadAccount() {
    try {
      const reply = await this.api<{ account?: AccountNotice | null }>('/support/channels');
      if (reply.ok) {
        this.account = reply.data?.account ?? null;
        this.emit();
      }
    } catch {
      // Unreachable: the next start asks again; the chat itself does not depend on it.
    }
  }

  /** Which case this is: the one we were in, else (a returning or identified customer) their latest open one. */
  private async resolveConversation() {
    const contactId = this.session?.contact.id ?? null;
    if (this.conv.contactId !== contactId && this.conv.contactId !== null) {
      this.conv = this.draft(contactId);
      this.messages = [];
      this.caseView = null;
      this.store.remove('thread');
    }
    this.conv.contactId = contactId;
    this.saveConversation();
    const list = await this.api<{ items: CaseView[] }>('/cases?limit=50');
    if (!list.ok) return;
    this.cases = list.data.items;
    const hasDraft = this.outbox.all().some((i) => i.conversation === this.conv.key);
    if (!this.conv.caseId && !hasDraft) {
      const latest = this.cases.find((c) => c.status === 'open' || c.status === 'pending');
      if (latest) this.enterCase(latest);
    }
    this.emit();
  }

  private enterCase(view: CaseView) {
    this.conv = { contactId: this.session?.contact.id ?? null, key: view.id, caseId: view.id, mode: 'case' };
    this.caseView = view;
    this.messages = [];
    this.readSeq = this.deliveredSeq = 0;
    this.saveConversation();
  }

  /** Everything after the last seq we hold, page by page. */
  private async loadMessages(): Promise<void> {
    const caseId = this.conv.caseId;
    if (!caseId) return;
    const head = await this.api<CaseView>(`/cases/${encodeURIComponent(caseId)}`);
    if (head.status === 404) {
      // Gone, or not this person's (the identity changed): start afresh rather than show an error.
      this.conv = this.draft(this.session?.contact.id ?? null);
      this.messages = [];
      this.caseView = null;
      this.saveConversation();
      return;
    }
    if (head.ok) this.caseView = head.data;
    else if (transient(head.status)) throw new RetryLater();
    await this.poll(false);
  }

  private async poll(countUnread: boolean) {
    const caseId = this.conv.caseId;
    if (!caseId) return;
    for (let page = 0; page < 20; page++) {
      const reply = await this.api<{ items: MessageView[]; nextCursor: string | null }>(`/cases/${encodeURIComponent(caseId)}/messages?afterSeq=${this.lastSeq()}&limit=100`);
      if (!reply.ok) {
        if (transient(reply.status)) throw new RetryLater();
        return;
      }
      if (caseId !== this.conv.caseId) return;
      this.receive(reply.data.items, countUnread);
      if (!reply.data.nextCursor || !reply.data.items.length) break;
    }
  }

  /** Merges messages (from the socket, a poll or a send) by seq, and clears their outbox entries. */
  private receive(items: MessageView[], countUnread: boolean) {
    let added = 0;
    let theirs = 0;
    for (const m of items) {
      if (m.caseId !== this.conv.caseId || m.internal) continue;
      const i = this.messages.findIndex((x) => x.id === m.id || x.seq === m.seq);
      if (i >= 0) {
        this.messages[i] = m;
        continue;
      }
      this.messages.push(m);
      added++;
      if (isMine(m)) this.outbox.remove(m.clientMessageId);
      else {
        theirs++;
        // A person answered: the assistant step is over.
        if (m.author.kind === 'agent' && this.conv.mode === 'assistant') {
          this.conv.mode = 'case';
          this.saveConversation();
        }
      }
    }
    if (!added) return;
    this.messages.sort((a, b) => a.seq - b.seq);
    this.messages = [...this.messages];
    if (theirs) this.typing = null;
    this.saveThread();
    if (countUnread && theirs && !this.host.isOpen()) {
      this.unread += theirs;
      this.host.setUnread(this.unread);
    }
    this.markRead();
    this.emit();
  }

  /** Tells the agent how far the customer has received and read (over the socket, else the REST fallback). */
  private markRead() {
    const caseId = this.conv.caseId;
    const last = [...this.messages].reverse().find((m) => !isMine(m));
    if (!caseId || !last) return;
    const kind = this.host.isOpen() && document.visibilityState !== 'hidden' ? 'read' : 'delivered';
    const key = `${caseId}:${last.seq}:${kind}`;
    if (this.receipted === key || (kind === 'delivered' && this.receipted === `${caseId}:${last.seq}:read`)) return;
    this.receipted = key;
    if (this.live.connected) this.live.receipt(caseId, last.seq, kind);
    else void this.api(`/cases/${encodeURIComponent(caseId)}/receipts`, { body: { seq: last.seq, kind } }).catch(() => (this.receipted = ''));
  }

  /** Without the socket, how far the agent has read comes from GET /cases/:id/receipts. */
  private async pollReceipts(caseId: string) {
    const reply = await this.api<{ items: { by: { kind: string }; delivered: { seq: number } | null; read: { seq: number } | null }[] }>(`/cases/${encodeURIComponent(caseId)}/receipts`);
    if (!reply.ok || caseId !== this.conv.caseId) return;
    for (const r of reply.data.items) {
      if (r.by.kind !== 'agent') continue;
      this.readSeq = Math.max(this.readSeq, r.read?.seq ?? 0);
      this.deliveredSeq = Math.max(this.deliveredSeq, r.delivered?.seq ?? 0, r.read?.seq ?? 0);
    }
  }

  private async subscribe() {
    const caseId = this.conv.caseId;
    if (caseId) await this.live.subscribe(caseId, this.lastSeq());
  }

  /**
   * The heartbeat: sends what waits in the outbox and, when the socket is not live, polls for new messages. It runs
   * soon after anything changes and backs off while Sapa is unreachable (2 s, 4 s, … 30 s).
   */
  private schedule(delay?: number) {
    window.clearTimeout(this.timer);
    const open = this.host.isOpen() && document.visibilityState !== 'hidden';
    const wait =
      delay ??
      (this.failures ? Math.min(30_000, 2000 * 2 ** Math.min(this.failures - 1, 4)) : this.live.connected ? 30_000 : open ? 3000 : 15_000);
    this.timer = window.setTimeout(() => void this.tick(), wait);
  }

  private async tick() {
    try {
      if (!this.started) {
        await this.boot();
        return;
      }
      await this.ensureSession();
      if (!this.cases) await this.resolveConversation();
      await this.flush();
      if (!this.live.connected && this.conv.caseId) {
        await this.poll(true);
        if (++this.polls % 5 === 0) {
          const caseId = this.conv.caseId;
          const head = await this.api<CaseView>(`/cases/${encodeURIComponent(caseId)}`);
          if (head.ok && caseId === this.conv.caseId) this.caseView = head.data;
          await this.pollReceipts(caseId);
          this.emit();
        }
      }
      this.failures = 0;
      if (!this.live.connected) this.setConnection('polling');
      this.live.start();
    } catch (error) {
      this.fail(error);
    }
    this.schedule();
  }

  // ------------------------------------------------------------------------------------------ sending

  /** The customer wrote something: it goes to the outbox first, so nothing is lost whatever the network does. */
  write(body: string, attachments: AttachmentView[] = []) {
    const text = body.trim() || attachments.map((a) => a.filename).join(', ');
    if (!text) return;
    if (this.caseView?.status === 'closed') this.startNew('case');
    const reachable = this.connection !== 'offline' && this.connection !== 'unreachable' && navigator.onLine !== false;
    this.outbox.add({
      clientMessageId: newId('m'),
      body: text,
      attachments,
      conversation: this.conv.key,
      contactId: this.session?.contact.id ?? null,
      // The assistant reads text only: a message with files goes to a person.
      viaAssistant: this.conv.mode === 'assistant' && reachable && !attachments.length,
      state: 'waiting',
      createdAt: new Date().toISOString(),
    });
    this.stopTyping();
    this.emit();
    void this.flush().then(() => this.schedule());
  }

  retry(clientMessageId: string) {
    this.outbox.retry(clientMessageId);
    this.emit();
    void this.flush();
  }

  discard(clientMessageId: string) {
    this.outbox.remove(clientMessageId);
    this.emit();
  }

  /** Sends the outbox in order, one at a time, in one tab at a time (Web Locks where the browser has them). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = async () => {
      let contactId: string;
      try {
        contactId = (await this.ensureSession()).contact.id;
      } catch (error) {
        this.fail(error);
        return;
      }
      for (let guard = 0; guard < 200; guard++) {
        const item = this.outbox.next(contactId);
        if (!item) return;
        this.sendingId = item.clientMessageId;
        this.emit();
        let outcome: SendOutcome;
        try {
          outcome = await this.sendItem(item);
        } catch (error) {
          if (!isNetwork(error) && !(error instanceof RetryLater)) this.host.report(error);
          outcome = 'retry';
          this.fail(error);
        }
        this.sendingId = null;
        this.emit();
        if (outcome === 'retry') return;
      }
    };
    const locks = (navigator as Navigator & { locks?: { request(name: string, o: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<void>): Promise<void> } }).locks;
    let ran = false;
    const runOnce = () => {
      ran = true;
      return run();
    };
    // Web Locks can exist and still refuse (SecurityError in sandboxed frames and other opaque origins, which have no
    // storage shared between tabs either): then send unguarded rather than never.
    const guarded = locks
      ? Promise.resolve()
          .then(() => locks.request('sapa-outbox', { ifAvailable: true }, async (lock) => (lock ? runOnce() : undefined)))
          .catch((error: unknown) => {
            if (ran) throw error;
            return runOnce();
          })
      : run();
    this.flushing = guarded.finally(() => {
      this.flushing = undefined;
      this.sendingId = null;
      this.emit();
    });
    return this.flushing;
  }

  private async sendItem(item: OutboxItem): Promise<SendOutcome> {
    const attachmentIds = item.attachments.map((a) => a.id);
    const fresh = Date.now() - Date.parse(item.createdAt) < ASSISTANT_FRESH_MS;
    const caseId = item.conversation.startsWith('new:') ? null : item.conversation;
    const toAssistant = item.viaAssistant && fresh && !attachmentIds.length && this.conv.key === item.conversation && this.conv.mode === 'assistant';
    if (toAssistant && caseId) {
      const outcome = await this.askAssistant(item);
      if (outcome) return outcome;
    }
    if (!caseId) {
      // The first message opens the case itself, with the device diagnostics and channel; the assistant then answers
      // on that case (it recognises the message by its clientMessageId and does not store it twice).
      const outcome = await this.createCase(item, attachmentIds);
      if (outcome === 'sent' && toAssistant && this.conv.caseId) {
        try {
          await this.askAssistant({ ...item, conversation: this.conv.caseId });
        } catch (error) {
          // The message is on the case already: without the assistant's answer a person answers it.
          this.fail(error);
        }
      }
      return outcome;
    }

    const ack = this.live.connected ? await this.live.send(caseId, item.body, item.clientMessageId, attachmentIds) : undefined;
    if (ack?.ok) return this.delivered(item, ack.message);
    // Not acknowledged over the socket (or refused): HTTP says exactly what happened, and is idempotent too.
    const reply = await this.api<MessageView>(`/cases/${encodeURIComponent(caseId)}/messages`, {
      body: { body: item.body, clientMessageId: item.clientMessageId, ...(attachmentIds.length ? { attachmentIds } : {}) },
    });
    if (reply.ok) return this.delivered(item, reply.data);
    if (reply.status === 409 || reply.status === 404) {
      // The case was closed (or is gone): this message opens a new one, and what was queued behind it follows.
      const key = caseId === this.conv.caseId ? this.startNew('case') : `new:${newId('c')}`;
      this.outbox.reassign(caseId, key);
      return this.createCase({ ...item, conversation: key }, attachmentIds);
    }
    return this.refused(item, reply);
  }

  private async createCase(item: OutboxItem, attachmentIds: string[]): Promise<SendOutcome> {
    const d = this.host.diagnostics();
    const diagnostics: Record<string, unknown> = {
      os: d.os,
      browser: d.browser,
      device: d.device,
      ...(d.appVersion ? { appVersion: d.appVersion } : {}),
      locale: d.locale,
      timeZone: d.timeZone,
      // When it was written, not when the network finally let it through.
      clientTime: item.createdAt,
      sentAt: d.clientTime,
      screen: d.screen,
      connection: d.connection,
      userAgent: d.userAgent,
      pageUrl: location.href.slice(0, 300),
    };
    const reply = await this.api<CaseView & { message: MessageView }>('/cases', {
      body: {
        message: { body: item.body, clientMessageId: item.clientMessageId, ...(attachmentIds.length ? { attachmentIds } : {}) },
        diagnostics,
        locale: this.host.locale(),
        channel: this.host.settings.appVersion ? 'app' : 'web',
      },
    });
    if (!reply.ok) return this.refused(item, reply);
    const { message, ...view } = reply.data;
    if (this.conv.key === item.conversation) {
      this.conv = { ...this.conv, key: view.id, caseId: view.id };
      this.caseView = view;
      this.saveConversation();
      if (this.live.connected) void this.subscribe();
    }
    this.outbox.reassign(item.conversation, view.id);
    this.cases = [view, ...(this.cases ?? []).filter((c) => c.id !== view.id)];
    return this.delivered(item, message);
  }

  private delivered(item: OutboxItem, message: MessageView): SendOutcome {
    this.outbox.remove(item.clientMessageId);
    this.receive([message], false);
    this.emit();
    return 'sent';
  }

  private refused(item: OutboxItem, reply: ApiReply<unknown>): SendOutcome {
    if (transient(reply.status)) throw new RetryLater(reply.error?.message);
    // Sapa said no (too long, attachment gone, …): keep it visible with Sapa's words, for the customer to retry.
    this.outbox.update(item.clientMessageId, { state: 'failed', error: sapaWords(reply), status: reply.status });
    return 'failed';
  }

  /**
   * The assistant answers first when it exists; undefined means "send it to a person instead". The assistant keeps
   * the conversation on a case itself (the customer's words and its replies), idempotent on clientMessageId.
   */
  private async askAssistant(item: OutboxItem): Promise<SendOutcome | undefined> {
    const reply = await this.api<AssistantReply>('/assistant/messages', {
      body: { text: item.body, ...(this.conv.caseId ? { caseId: this.conv.caseId } : {}), locale: this.host.locale(), clientMessageId: item.clientMessageId },
      timeoutMs: 20_000,
    });
    // No assistant on this Sapa (the route is missing): go straight to a person, and remember it for a while.
    if (reply.status === 404) {
      this.store.set('assistantMissing', Date.now());
      this.conv.mode = 'case';
      this.saveConversation();
      return undefined;
    }
    if (transient(reply.status)) throw new RetryLater(reply.error?.message);
    // Refused (too long for the assistant, say) or not understood: a person gets it instead.
    if (!reply.ok || typeof reply.data?.caseId !== 'string') return undefined;
    const caseId = reply.data.caseId;
    if (this.conv.key === item.conversation && this.conv.caseId !== caseId) {
      this.conv = { ...this.conv, key: caseId, caseId };
      if (this.live.connected) void this.subscribe();
    }
    this.outbox.reassign(item.conversation, caseId);
    if (reply.data.handoff || item.handoff) {
      this.conv.mode = 'case';
      this.conv.handedOff = true;
    }
    this.saveConversation();
    try {
      // Both the customer's message and the answer are on the case now, with their seq.
      await this.loadMessages();
    } catch (error) {
      this.fail(error);
    }
    this.outbox.remove(item.clientMessageId);
    if (!this.cases?.some((c) => c.id === caseId) && this.caseView) this.cases = [this.caseView, ...(this.cases ?? [])];
    this.emit();
    return 'sent';
  }

  /**
   * The customer asks for a person. While the assistant holds the conversation the request goes through it, so Sapa
   * hands over properly (tags, a summary for the agent, when a person will answer); otherwise it is a plain message.
   */
  handoff() {
    const viaAssistant = this.conv.mode === 'assistant' && !!this.conv.caseId;
    this.outbox.add({
      clientMessageId: newId('m'),
      body: chatText(this.host.locale(), 'handoffText'),
      attachments: [],
      conversation: this.conv.key,
      contactId: this.session?.contact.id ?? null,
      viaAssistant,
      handoff: true,
      state: 'waiting',
      createdAt: new Date().toISOString(),
    });
    if (!viaAssistant) {
      this.conv.mode = 'case';
      this.conv.handedOff = true;
      this.saveConversation();
    }
    this.emit();
    void this.flush();
  }

  // ------------------------------------------------------------------------------------------ other actions

  /** Starts a fresh conversation; returns its draft key. */
  startNew(mode?: 'assistant' | 'case'): string {
    this.conv = this.draft(this.session?.contact.id ?? null);
    if (mode) this.conv.mode = mode;
    this.messages = [];
    this.caseView = null;
    this.readSeq = this.deliveredSeq = 0;
    this.saveConversation();
    this.store.remove('thread');
    this.emit();
    return this.conv.key;
  }

  async listCases(): Promise<void> {
    try {
      const reply = await this.api<{ items: CaseView[] }>('/cases?limit=50');
      if (reply.ok) this.cases = reply.data.items;
    } catch (error) {
      this.fail(error);
    }
    this.emit();
  }

  async openCase(view: CaseView) {
    this.enterCase(view);
    this.store.remove('thread');
    this.loading = true;
    this.emit();
    try {
      await this.loadMessages();
      if (this.live.connected) void this.subscribe();
    } catch (error) {
      this.fail(error);
    }
    this.loading = false;
    this.emit();
  }

  /** The case's full record as an HTML file, for the customer to keep (it needs the bearer token, hence fetch). */
  async downloadTranscript(): Promise<string | undefined> {
    const caseId = this.conv.caseId;
    if (!caseId) return undefined;
    const locale = this.host.locale();
    try {
      const session = await this.ensureSession();
      const url = new URL(`api/v1/cases/${encodeURIComponent(caseId)}/transcript`, this.host.base);
      const query: Record<string, string> = { format: 'html', download: '1', locale };
      // Times in the customer's own zone (Sapa names it on the page); without one, Sapa uses the case's device record.
      const tz = timeZone();
      if (tz) query.tz = tz;
      url.search = new URLSearchParams(query).toString();
      const res = await fetch(url.href, { headers: { authorization: `Bearer ${session.token}` }, credentials: 'omit' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return body?.error?.message ?? chatText(locale, 'refused', { status: res.status });
      }
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = `sapa-${this.caseView?.reference ?? caseId}.html`;
      a.rel = 'noopener';
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
      return undefined;
    } catch (error) {
      // The browser's own text ("Failed to fetch") means nothing to a customer.
      if (!isNetwork(error) && !(error instanceof TypeError) && !(error instanceof RetryLater)) this.host.report(error);
      return chatText(locale, 'unreachableShort');
    }
  }

  /** Lets the agent see that the customer is typing (throttled; stops after a pause or on send). */
  typed() {
    const caseId = this.conv.caseId;
    if (!caseId || !this.live.connected) return;
    if (Date.now() - this.typingSent > 3000) {
      this.typingSent = Date.now();
      this.live.typing(caseId, true);
    }
    window.clearTimeout(this.typingStop);
    this.typingStop = window.setTimeout(() => this.stopTyping(), 4000);
  }

  private stopTyping() {
    window.clearTimeout(this.typingStop);
    if (this.typingSent && this.conv.caseId) this.live.typing(this.conv.caseId, false);
    this.typingSent = 0;
  }

  token(): string | undefined {
    return this.session?.token;
  }

  caseId(): string | null {
    return this.conv.caseId;
  }

  /** An API call in this session, for the chat's other views (a 401 opens a new session and retries once). */
  call<T>(path: string, options?: RequestOptions): Promise<ApiReply<T>> {
    return this.api<T>(path, options);
  }

  /** A formal complaint was filed on this case: it is for people now, so the assistant no longer answers here. */
  complained(caseId: string) {
    if (caseId !== this.conv.caseId || this.conv.mode === 'case') return;
    this.conv.mode = 'case';
    this.conv.handedOff = true;
    this.saveConversation();
    this.emit();
  }
}
