/**
 * The realtime benchmark's clients, written against the wire protocols directly. On the 2-core machine the load
 * generator and the 2,000 subscribers share the CPU with the two nodes, PostgreSQL and Redis they measure; in
 * production they are other machines. undici cost about 0.17 ms of CPU per post and socket.io-client about 0.035 ms
 * per delivery here, CPU taken from the servers under test. These speak exactly what those libraries put on the
 * wire (HTTP/1.1 keep-alive requests; Engine.IO 4 / Socket.IO 5 text frames over a WebSocket) and nothing more, the
 * way wrk does for HTTP. Everything else (tests, the widget, the console) uses the real client libraries.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { WebSocket } from 'ws';

// ------------------------------------------------------------------------------------------ HTTP/1.1 posts

interface PendingPost {
  head: string;
  body: Buffer;
  resolve: (status: number) => void;
}

/** One keep-alive connection: one request at a time (no pipelining, like a browser or a proxy's upstream pool). */
class HttpConnection {
  private socket: Socket | undefined;
  private current: PendingPost | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
    private readonly onIdle: (connection: HttpConnection) => void,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  send(post: PendingPost): void {
    this.current = post;
    if (!this.socket || this.socket.destroyed) this.open();
    this.socket!.cork();
    this.socket!.write(post.head);
    this.socket!.write(post.body);
    this.socket!.uncork();
    this.timer = setTimeout(() => this.fail(), this.timeoutMs);
  }

  close(): void {
    this.socket?.destroy();
    this.fail();
  }

  private open(): void {
    const socket = tcpConnect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.fail());
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.fail();
    });
  }

  /** A response is complete when its head and `content-length` bytes of body have arrived. */
  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0 || !this.current) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.fail(); // Sapa answers JSON with a length; anything else is a protocol error here.
    const end = headEnd + 4 + Number(length[1]);
    if (this.buffer.length < end) return;
    this.buffer = this.buffer.subarray(end);
    const status = Number(head.slice(9, 12));
    if (/\r\nconnection:\s*close/i.test(head)) this.socket?.destroy();
    this.finish(status);
  }

  private fail(): void {
    if (this.socket && this.current) this.socket.destroy();
    this.finish(0);
  }

  private finish(status: number): void {
    clearTimeout(this.timer);
    const post = this.current;
    this.current = undefined;
    if (!post) return;
    post.resolve(status);
    this.onIdle(this);
  }
}

/** A bounded pool of keep-alive connections to one origin; posts beyond it wait in order for a free connection. */
export class HttpPostPool {
  private readonly idle: HttpConnection[] = [];
  private readonly all: HttpConnection[] = [];
  private readonly waiting: PendingPost[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string, private readonly connections: number, private readonly timeoutMs = 30_000) {
    const url = new URL(origin);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** POSTs a JSON body and resolves with the status code, or 0 when the connection failed or timed out. */
  post(path: string, headers: Record<string, string>, json: string): Promise<number> {
    const body = Buffer.from(json);
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    head += '\r\n';
    return new Promise((resolve) => {
      const post = { head, body, resolve };
      const connection = this.idle.pop() ?? this.grow();
      if (connection) connection.send(post);
      else this.waiting.push(post);
    });
  }

  close(): void {
    for (const c of this.all) c.close();
    for (const p of this.waiting.splice(0)) p.resolve(0);
  }

  private grow(): HttpConnection | undefined {
    if (this.all.length >= this.connections) return undefined;
    const connection = new HttpConnection(this.host, this.port, this.timeoutMs, (c) => {
      const next = this.waiting.shift();
      if (next) c.send(next);
      else this.idle.push(c);
    });
    this.all.push(connection);
    return connection;
  }
}

// ------------------------------------------------------------------------------------------ Socket.IO subscriber

export interface SubscriberOptions {
  /** Origin of the node, e.g. http://127.0.0.1:3000; Sapa's Socket.IO path is /realtime. */
  url: string;
  token: string;
  timeoutMs: number;
  /** Called with every `message` event's payload. */
  onMessage: (message: { seq: number; clientMessageId: string; createdAt: string }) => void;
  onDisconnect: () => void;
}

/**
 * A Socket.IO client reduced to what the benchmark's subscribers do: connect with a token over a WebSocket, answer
 * the server's pings, emit with an acknowledgement, and receive `message` events. Engine.IO packets are one
 * character of type ('0' open, '2' ping, '3' pong, '4' message) and Socket.IO packets inside '4' one more
 * ('0' connect, '2' event, '3' ack, '4' connect error), then an optional ack id and a JSON array.
 */
export class LeanSubscriber {
  private readonly ws: WebSocket;
  private readonly acks = new Map<number, (reply: unknown) => void>();
  private nextAck = 0;
  private connected = false;

  private constructor(private readonly options: SubscriberOptions, onReady: (error?: Error) => void) {
    const url = new URL('/realtime/', options.url.replace(/^http/, 'ws'));
    url.search = 'EIO=4&transport=websocket';
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('message', (data: Buffer) => {
      const text = data.toString();
      const kind = text.charCodeAt(0);
      if (kind === 0x34 /* 4: Socket.IO packet */) this.packet(text, onReady);
      else if (kind === 0x32 /* 2: ping */) this.ws.send('3');
      else if (kind === 0x30 /* 0: Engine.IO open */) this.ws.send(`40${JSON.stringify({ token: options.token })}`);
    });
    this.ws.on('error', (error) => onReady(error));
    this.ws.on('close', () => {
      if (this.connected) options.onDisconnect();
      this.connected = false;
      onReady(new Error('closed before connecting'));
    });
  }

  static connect(options: SubscriberOptions): Promise<LeanSubscriber> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => ready(new Error('connect timed out')), options.timeoutMs);
      const ready = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          subscriber.close();
          reject(error);
        } else resolve(subscriber);
      };
      const subscriber: LeanSubscriber = new LeanSubscriber(options, ready);
    });
  }

  /** Emits an event and resolves with the first argument of the server's acknowledgement. */
  emitWithAck(event: string, payload: unknown): Promise<unknown> {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`no acknowledgement for ${event}`));
      }, this.options.timeoutMs);
      this.acks.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private packet(text: string, onReady: (error?: Error) => void): void {
    const type = text.charCodeAt(1);
    if (type === 0x32 /* 2: event */) {
      // '42["message",{...}]': events of the benchmark's subscriptions carry no ack id.
      if (text.startsWith('42["message",')) {
        const [, message] = JSON.parse(text.slice(2)) as [string, { seq: number; clientMessageId: string; createdAt: string }];
        this.options.onMessage(message);
      }
    } else if (type === 0x33 /* 3: ack */) {
      const bracket = text.indexOf('[');
      const id = Number(text.slice(2, bracket));
      const [reply] = JSON.parse(text.slice(bracket)) as [unknown];
      this.acks.get(id)?.(reply);
      this.acks.delete(id);
    } else if (type === 0x30 /* 0: connected */) {
      this.connected = true;
      onReady();
    } else if (type === 0x34 /* 4: connect error */) {
      const { message } = JSON.parse(text.slice(2)) as { message?: string };
      onReady(new Error(message ?? 'connect_error'));
    }
  }
}
