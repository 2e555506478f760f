import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import { onTwoFactorRequired, requireTwoFactor, twoFactorRequired } from './account/gate';
import { ApiError, onReachability } from './api';
import type { CaseView, MessageView, PresenceEntry, PresenceStatus } from './types';

/**
 * The console's live connection: Socket.IO at /realtime with the session cookie, and an honest state for the UI.
 * live         the socket is connected: pushes arrive as they happen
 * polling      the socket is not available but the API answers: screens refresh every few seconds
 * reconnecting the socket was live and dropped; screens poll meanwhile
 * offline      the API does not answer (or the browser says it is offline): what is shown may be out of date
 * paused       the desk requires two-factor sign-in and this agent has none yet: no live connection until it is on
 */
export type ConnState = 'connecting' | 'live' | 'polling' | 'reconnecting' | 'offline' | 'paused';

export interface Author {
  kind: 'customer' | 'visitor' | 'agent' | 'assistant' | 'system';
  id: string | null;
  name: string | null;
}
export interface ServerEvents {
  'case:created': { case: CaseView };
  /** `actor`: who made the change (agents only get it); absent from older servers. */
  'case:updated': { case: CaseView; changes: string[]; actor?: { kind: string; id: string | null } };
  message: MessageView;
  presence: PresenceEntry;
  'presence:list': PresenceEntry[];
  typing: { caseId: string; author: Author; typing: boolean };
  viewing: { caseId: string; agents: { id: string; name: string }[] };
  receipt: { caseId: string; seq: number; kind: 'delivered' | 'read'; by?: { kind: string; id: string } };
  'message:delivery': { caseId: string; messageId: string; seq: number; status: MessageView['deliveryStatus'] };
  'session:expired': undefined;
  /** Ours, not the server's: the socket (re)connected, so whatever a screen shows must be fetched again. */
  resync: undefined;
}
type EventName = keyof ServerEvents;
type Handler<E extends EventName> = (payload: ServerEvents[E]) => void;
type Ack = { ok: true } & Record<string, unknown>;
type AckError = { ok: false; error: { code: string; message: string } };

const serverEvents: EventName[] = ['case:created', 'case:updated', 'message', 'presence', 'presence:list', 'typing', 'viewing', 'receipt', 'message:delivery', 'session:expired'];

class Live {
  state: ConnState = 'connecting';
  private socket: Socket | null = null;
  private connected = false;
  private everLive = false;
  private httpOk = true;
  private online = navigator.onLine;
  private started = false;
  /** Refused until two-factor sign-in is on (account/gate): not retried, since the answer would be the same. */
  private paused = false;
  private readonly handlers = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<() => void>();
  private readonly caseSubs = new Map<string, () => number>();
  private presence: 'online' | 'away' = 'online';
  private stopFns: (() => void)[] = [];

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const onOnline = () => {
      this.online = true;
      this.recompute();
      if (!this.paused) this.socket?.connect();
      // Whatever happened while the browser was offline, screens fetch it now rather than trust what they show.
      this.dispatch('resync', undefined);
    };
    const onOffline = () => {
      this.online = false;
      this.recompute();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.stopFns.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      onReachability((ok) => {
        if (ok === this.httpOk) return;
        this.httpOk = ok;
        this.recompute();
      }),
      // A request refused for want of two-factor sign-in: a connected socket is closed too (the desk's policy changed).
      onTwoFactorRequired(() => this.pause()),
    );
    // Loaded after sign-in, so the login screen does not pay for the client.
    const { io } = await import('socket.io-client');
    if (!this.started) return;
    if (twoFactorRequired()) {
      this.pause();
      return;
    }
    const socket = io({ path: '/realtime', withCredentials: true, reconnectionDelay: 1000, reconnectionDelayMax: 10_000, timeout: 10_000 });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.everLive = true;
      this.recompute();
      void this.emit('inbox:subscribe', {}).catch(() => undefined);
      if (this.presence === 'away') void this.emit('presence:set', { status: 'away' }).catch(() => undefined);
      for (const [caseId, lastSeq] of this.caseSubs) void this.emit('subscribe', { caseId, afterSeq: lastSeq() }).catch(() => undefined);
      this.dispatch('resync', undefined);
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      this.recompute();
      // The server closed us on purpose (a deploy, a restart): socket.io does not retry that by itself.
      if (reason === 'io server disconnect') setTimeout(() => this.started && !this.paused && socket.connect(), 2000);
    });
    socket.on('connect_error', (error: Error) => {
      this.connected = false;
      // Refused until two-factor sign-in is on: the console goes to set it up, and the socket stays closed.
      if (error.message === 'two_factor_required') requireTwoFactor();
      this.recompute();
    });
    for (const name of serverEvents) socket.on(name, (payload: unknown) => this.dispatch(name, payload as ServerEvents[typeof name]));
    this.recompute();
  }

  /** Closes the live connection for good (until the page reloads): the server refuses it until two-factor is on. */
  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.socket?.close();
    this.connected = false;
    this.recompute();
  }

  stop(): void {
    this.started = false;
    this.paused = false;
    this.socket?.close();
    this.socket = null;
    this.connected = false;
    this.everLive = false;
    this.caseSubs.clear();
    this.stopFns.forEach((fn) => fn());
    this.stopFns = [];
    this.state = 'connecting';
    this.stateListeners.forEach((fn) => fn());
  }

  private recompute(): void {
    const next: ConnState = this.paused
      ? 'paused'
      : this.connected
        ? 'live'
        : !this.online || !this.httpOk
          ? 'offline'
          : this.everLive
            ? 'reconnecting'
            : this.socket
              ? 'polling'
              : 'connecting';
    if (next === this.state) return;
    this.state = next;
    this.stateListeners.forEach((fn) => fn());
  }

  get isLive(): boolean {
    return this.connected;
  }

  subscribeState(fn: () => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  on<E extends EventName>(event: E, fn: Handler<E>): () => void {
    const set = this.handlers.get(event) ?? new Set();
    set.add(fn as (payload: never) => void);
    this.handlers.set(event, set);
    return () => set.delete(fn as (payload: never) => void);
  }

  private dispatch<E extends EventName>(event: E, payload: ServerEvents[E]): void {
    for (const fn of this.handlers.get(event) ?? []) {
      try {
        (fn as Handler<E>)(payload);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Emits with an acknowledgement; rejects when not connected, on timeout, or with the server's error. */
  emit(event: string, payload: unknown, timeoutMs = 8000): Promise<Ack> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.reject(new ApiError(0, 'not_connected', 'not connected'));
    return new Promise((resolve, reject) => {
      socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, reply: Ack | AckError | undefined) => {
        if (err) reject(new ApiError(0, 'timeout', err.message));
        else if (!reply || reply.ok !== true) {
          const e = (reply as AckError | undefined)?.error;
          reject(new ApiError(400, e?.code ?? 'realtime_error', e?.message ?? 'error'));
        } else resolve(reply);
      });
    });
  }

  /** Follows one case: replays after lastSeq() now and after every reconnect. */
  subscribeCase(caseId: string, lastSeq: () => number): () => void {
    this.caseSubs.set(caseId, lastSeq);
    if (this.connected) void this.emit('subscribe', { caseId, afterSeq: lastSeq() }).catch(() => undefined);
    return () => {
      if (this.caseSubs.get(caseId) !== lastSeq) return;
      this.caseSubs.delete(caseId);
      if (this.connected) void this.emit('unsubscribe', { caseId }).catch(() => undefined);
    };
  }

  setPresence(status: 'online' | 'away'): void {
    this.presence = status;
    if (this.connected) void this.emit('presence:set', { status }).catch(() => undefined);
  }

  /** Fire-and-forget events (typing, viewing, receipts) are simply skipped while not live. */
  tell(event: string, payload: unknown): void {
    if (this.connected) void this.emit(event, payload).catch(() => undefined);
  }
}

export const live = new Live();

export function useConnState(): ConnState {
  return useSyncExternalStore(
    (fn) => live.subscribeState(fn),
    () => live.state,
  );
}

export type { PresenceStatus };

/**
 * Keeps a screen's list fresh: `load` now, every `everyMs` (for what no event announces), and once shortly after a burst
 * of the live events `listen` subscribes with the `soon` it is given (never put off for ever by a steady stream of them).
 * Returns the cleanup, for a useEffect.
 */
export function keepFresh(load: () => void, everyMs: number, listen: (soon: () => void) => (() => void)[]): () => void {
  let timer: number | undefined;
  const soon = () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      load();
    }, 800);
  };
  load();
  const every = setInterval(load, everyMs);
  const offs = listen(soon);
  return () => {
    clearInterval(every);
    clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
