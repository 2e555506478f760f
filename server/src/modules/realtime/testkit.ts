// Helpers for the realtime tests and benchmark: a Socket.IO client that behaves like the widget (reconnects,
// re-subscribes from its last seq, tries the next node when one dies) and promise wrappers for acknowledgements.
import { io, type Socket as ClientSocket, type ManagerOptions, type SocketOptions } from 'socket.io-client';

export type { ClientSocket };
export interface AckReply {
  ok: boolean;
  error?: { code: string; message: string; details?: unknown };
  [key: string]: unknown;
}
export interface WireMessage {
  id: string;
  caseId: string;
  seq: number;
  body: string;
  internal: boolean;
  clientMessageId: string;
  author: { kind: string; id: string | null; name: string | null };
  deliveryStatus: string;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(15);
  }
}

type Options = Partial<ManagerOptions & SocketOptions>;

/** Connects and resolves once connected; rejects with the server's refusal (e.g. `unauthorized`). */
export function connect(url: string, options: Options = {}, timeoutMs = 10_000): Promise<ClientSocket> {
  const socket = io(url, { path: '/realtime', transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connect timed out'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Emits with an acknowledgement and resolves with the server's answer. */
export function call(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<AckReply> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<AckReply>;
}

/** Records every event of one name a socket receives. */
export function record<T = unknown>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/**
 * A client like the widget: connected to one of several nodes, subscribed to some cases. On any disconnect it
 * connects again (the next node if this one is gone) and subscribes from the last seq it saw. It keeps every
 * message it receives, duplicates included, so a test can check the server sent each exactly once.
 */
export class ResyncingClient {
  readonly received: WireMessage[] = [];
  readonly lastSeq = new Map<string, number>();
  socket: ClientSocket | undefined;
  reconnects = 0;
  private closed = false;
  private nodeIndex = 0;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    private readonly options: Options = {},
  ) {}

  get node(): string {
    return this.urls[this.nodeIndex % this.urls.length];
  }

  async start(): Promise<void> {
    await this.open();
  }

  async subscribe(caseId: string, afterSeq = 0): Promise<AckReply> {
    if (!this.lastSeq.has(caseId)) this.lastSeq.set(caseId, afterSeq);
    return call(this.socket!, 'subscribe', { caseId, afterSeq: this.lastSeq.get(caseId) });
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private open(): Promise<void> {
    this.connecting ??= this.openLoop().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async openLoop(): Promise<void> {
    for (let attempt = 0; !this.closed && attempt < 200; attempt++) {
      try {
        const socket = await connect(this.node, { auth: { token: this.token }, ...this.options }, 3000);
        this.socket = socket;
        socket.on('message', (m: WireMessage) => {
          this.received.push(m);
          if (m.seq > (this.lastSeq.get(m.caseId) ?? 0)) this.lastSeq.set(m.caseId, m.seq);
        });
        socket.on('disconnect', () => {
          if (this.closed) return;
          this.reconnects++;
          void this.open();
        });
        // Re-sync every case from the last seq seen: nothing depends on the server remembering us.
        for (const [caseId, seq] of this.lastSeq) {
          const ack = await call(socket, 'subscribe', { caseId, afterSeq: seq }, 5000);
          if (!ack.ok) throw new Error(`resubscribe failed: ${JSON.stringify(ack.error)}`);
        }
        return;
      } catch {
        this.socket?.close();
        this.nodeIndex++;
        await sleep(100);
      }
    }
  }

  /** Seqs received for a case, in arrival order. */
  seqs(caseId: string): number[] {
    return this.received.filter((m) => m.caseId === caseId).map((m) => m.seq);
  }
}
