import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotSent {
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument';
  chatId: string;
  messageId: number;
  text?: string;
  file?: { name: string; mime: string; bytes: Buffer };
}

/**
 * A local stand-in for the Telegram Bot API methods Sapa uses (getFile, file downloads, sendMessage, sendPhoto,
 * sendDocument): it checks the bot token and parameters, answers with the Bot API's `{ ok, error_code, description,
 * parameters }` envelope, and can fail the next N calls (429 with retry_after, 5xx, 403 blocked).
 */
export class FakeBotApi {
  readonly sent: BotSent[] = [];
  readonly files = new Map<string, { path: string; bytes: Buffer }>();
  readonly blocked = new Set<string>();
  private failures: { count: number; code: number; description: string; retryAfter?: number }[] = [];
  private nextMessageId = 1000;
  private server: Server;
  port = 0;

  constructor(readonly token = '123456:TEST-bot-token') {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => this.reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${error.message}` }));
    });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  failNext(count: number, code = 502, retryAfter?: number) {
    const description = code === 429 ? `Too Many Requests: retry after ${retryAfter ?? 1}` : code >= 500 ? 'Bad Gateway' : 'Bad Request: chat not found';
    this.failures.push({ count, code, description, retryAfter });
  }

  /** A file a customer sent; returns its file_id. */
  addFile(bytes: Buffer, path: string): string {
    const id = `AgAC${randomBytes(12).toString('base64url')}`;
    this.files.set(id, { path, bytes });
    return id;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, code: number, description: string, retryAfter?: number) {
    this.reply(res, code, { ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) });
  }

  private async params(req: IncomingMessage, raw: Buffer, url: URL): Promise<Map<string, string | File>> {
    const out = new Map<string, string | File>(url.searchParams);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json') && raw.length) {
      for (const [k, v] of Object.entries(JSON.parse(raw.toString('utf8')) as Record<string, unknown>)) out.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    } else if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [k, v] of form) out.set(k, v);
    }
    return out;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (file[1] !== this.token) return this.fail(res, 401, 'Unauthorized');
      const found = [...this.files.values()].find((f) => f.path === file[2]);
      if (!found) return this.fail(res, 404, 'Not Found');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(found.bytes);
    }
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!call) return this.fail(res, 404, 'Not Found');
    if (call[1] !== this.token) return this.fail(res, 401, 'Unauthorized');
    const method = call[2];
    const p = await this.params(req, Buffer.concat(chunks), url);
    if (method === 'getFile') {
      const id = p.get('file_id');
      const f = typeof id === 'string' ? this.files.get(id) : undefined;
      if (!f) return this.fail(res, 400, 'Bad Request: invalid file_id');
      return this.reply(res, 200, { ok: true, result: { file_id: id, file_unique_id: String(id).slice(-8), file_size: f.bytes.length, file_path: f.path } });
    }
    if (!['sendMessage', 'sendPhoto', 'sendDocument'].includes(method)) return this.fail(res, 404, 'Not Found: method not found');
    const failure = this.failures[0];
    if (failure) {
      if (--failure.count <= 0) this.failures.shift();
      return this.fail(res, failure.code, failure.description, failure.retryAfter);
    }
    const chatId = p.get('chat_id');
    if (typeof chatId !== 'string' || !/^-?\d+$/.test(chatId)) return this.fail(res, 400, 'Bad Request: chat_id is empty');
    if (this.blocked.has(chatId)) return this.fail(res, 403, 'Forbidden: bot was blocked by the user');
    const sent: BotSent = { method: method as BotSent['method'], chatId, messageId: this.nextMessageId++ };
    if (method === 'sendMessage') {
      const text = p.get('text');
      if (typeof text !== 'string' || !text.trim()) return this.fail(res, 400, 'Bad Request: message text is empty');
      if (text.length > 4096) return this.fail(res, 400, 'Bad Request: message is too long');
      sent.text = text;
    } else {
      const f = p.get(method === 'sendPhoto' ? 'photo' : 'document');
      if (!(f instanceof Blob)) return this.fail(res, 400, `Bad Request: there is no ${method === 'sendPhoto' ? 'photo' : 'document'} in the request`);
      sent.file = { name: (f as File).name, mime: f.type, bytes: Buffer.from(await f.arrayBuffer()) };
    }
    this.sent.push(sent);
    return this.reply(res, 200, { ok: true, result: { message_id: sent.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, ...(sent.text ? { text: sent.text } : {}) } });
  }
}
