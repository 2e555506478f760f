import { io, type Socket } from 'socket.io-client';
import type { CaseView, MessageView } from './model.js';

export type LiveState = 'connecting' | 'live' | 'down';

export interface LiveHandlers {
  token(): string | undefined;
  onState(state: LiveState): void;
  /** Called on every (re)connect: the conversation re-subscribes from the last seq it holds. */
  onConnect(): void;
  onMessage(message: MessageView): void;
  onTyping(event: { caseId: string; author?: { kind?: string; name?: string | null }; typing: boolean }): void;
  onReceipt(event: { caseId: string; seq: number; kind: string }): void;
  onCase(view: CaseView): void;
  /** The server refused our token (expired session): get a new one. */
  onAuthError(): void;
}

export type SendAck = { ok: true; message: MessageView } | { ok: false; code: string; message?: string; status?: number };

/**
 * Socket.IO at /realtime with polling first and an upgrade to WebSocket when the network allows it, so it works
 * behind proxies that block WebSocket. When it cannot connect, the conversation falls back to plain HTTP.
 */
export class Live {
  private socket: Socket | undefined;
  state: LiveState = 'connecting';

  constructor(
    private readonly base: string,
    private readonly handlers: LiveHandlers,
  ) {}

  start() {
    if (this.socket) return;
    const url = new URL(this.base);
    const socket = io(url.origin, {
      path: `${url.pathname.replace(/\/$/, '')}/realtime`,
      auth: (cb) => cb({ token: this.handlers.token() }),
      transports: ['polling', 'websocket'],
      tryAllTransports: true,
      withCredentials: false,
      reconnectionDelay: 2000,
      reconnectionDelayMax: 30_000,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.setState('live');
      this.handlers.onConnect();
    });
    socket.on('disconnect', (reason) => {
      this.setState('down');
      // The server hung up on purpose (restart, expired session): Socket.IO leaves that to us, so come back later.
      if (reason === 'io server disconnect') window.setTimeout(() => socket.connect(), 3000);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.setState('down');
      if (/unauthori[sz]ed|invalid_token|401/i.test(`${error.message} ${error.data?.code ?? ''}`)) this.handlers.onAuthError();
    });
    socket.on('message', (m: MessageView) => m && typeof m.seq === 'number' && this.handlers.onMessage(m));
    socket.on('typing', (e: Parameters<LiveHandlers['onTyping']>[0]) => e && this.handlers.onTyping(e));
    socket.on('receipt', (e: Parameters<LiveHandlers['onReceipt']>[0]) => e && this.handlers.onReceipt(e));
    socket.on('session:expired', () => this.handlers.onAuthError());
    socket.on('case:updated', (e: { case?: CaseView }) => e?.case && this.handlers.onCase(e.case));
  }

  private setState(state: LiveState) {
    if (this.state === state) return;
    this.state = state;
    this.handlers.onState(state);
  }

  get connected() {
    return this.state === 'live' && !!this.socket?.connected;
  }

  /** Subscribes to a case; the server replays what came after `afterSeq`. Resolves false when not acknowledged. */
  async subscribe(caseId: string, afterSeq: number): Promise<boolean> {
    const ack = await this.call<{ ok?: boolean }>('subscribe', { caseId, afterSeq }, 8000);
    return !!ack?.ok;
  }

  /** Sends over the socket; undefined when not connected or not acknowledged in time (the caller uses HTTP). */
  async send(caseId: string, body: string, clientMessageId: string, attachmentIds: string[]): Promise<SendAck | undefined> {
    const ack = await this.call<{ ok?: boolean; message?: MessageView; error?: { code?: string; message?: string; status?: number } | string }>(
      'message:send',
      { caseId, body, clientMessageId, ...(attachmentIds.length ? { attachmentIds } : {}) },
      10_000,
    );
    if (!ack) return undefined;
    if (ack.ok && ack.message) return { ok: true, message: ack.message };
    const error = typeof ack.error === 'string' ? { code: ack.error } : (ack.error ?? {});
    return { ok: false, code: error.code ?? 'send_failed', message: error.message, status: error.status };
  }

  typing(caseId: string, typing: boolean) {
    if (this.connected) this.socket!.emit('typing', { caseId, typing });
  }

  receipt(caseId: string, seq: number, kind: 'delivered' | 'read') {
    if (this.connected) this.socket!.emit('receipt', { caseId, seq, kind });
  }

  /** A new token (after re-authenticating): reconnect with it. */
  reauthenticate() {
    if (!this.socket) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  private call<T>(event: string, payload: unknown, timeoutMs: number): Promise<T | undefined> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: T) => resolve(error ? undefined : ack));
    });
  }
}
