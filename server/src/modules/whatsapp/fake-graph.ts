import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the fake accepted, as the Cloud API would have delivered it. */
export interface GraphSent {
  id: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

interface Failure {
  count: number;
  status: number;
  error: Record<string, unknown>;
  retryAfter?: number;
}

const fbtrace = () => randomBytes(9).toString('base64url');
const graphError = (message: string, code: number, details?: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: fbtrace(), ...extra },
});

/**
 * A faithful local stand-in for the parts of the WhatsApp Cloud API (Graph API) Sapa calls: sending messages,
 * uploading and downloading media. It checks the bearer token and the payload shapes, answers with the Graph API's
 * real error envelope, and can fail the next N sends (5xx, 429) or refuse free text outside the 24-hour window.
 */
export class FakeGraphApi {
  readonly sent: GraphSent[] = [];
  readonly uploads: { id: string; mime: string; bytes: Buffer; filename: string }[] = [];
  /** Inbound media the webhook can reference by id. */
  readonly media = new Map<string, { bytes: Buffer; mime: string }>();
  /** wa_ids whose 24-hour window is closed: free text to them fails with #131047. */
  readonly windowClosed = new Set<string>();
  requests = 0;
  /** The next N media downloads answer 503. */
  mediaFailures = 0;
  private failures: Failure[] = [];
  private server: Server;
  port = 0;

  constructor(
    readonly token = 'wa-test-token',
    readonly phoneNumberId = '106540352242922',
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => this.json(res, 500, graphError(error.message, 1)));
    });
  }

  get url() {
    return `http://127.0.0.1:${this.port}/v21.0`;
  }

  /** The next `count` sends fail with this HTTP status (default: the Graph API's generic 500). */
  failNext(count: number, status = 500, retryAfter?: number) {
    const error =
      status === 429
        ? graphError('(#130429) Rate limit hit', 130429, 'Cloud API message throughput has been reached.')
        : status >= 500
          ? graphError('An unknown error has occurred.', 1, undefined, { is_transient: true })
          : graphError('(#100) Invalid parameter', 100, 'Parameter value is not valid');
    this.failures.push({ count, status, error, retryAfter });
  }

  /** Adds inbound media (what a customer sent) and returns its id. */
  addMedia(bytes: Buffer, mime: string): string {
    const id = String(Date.now()) + randomBytes(4).readUInt32BE().toString();
    this.media.set(id, { bytes, mime });
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

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return this.json(res, 401, graphError('Invalid OAuth access token - Cannot parse access token', 190));
    }
    const download = /^\/media-download\/([\w.-]+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      if (this.mediaFailures > 0) {
        this.mediaFailures--;
        return this.json(res, 503, graphError('Service temporarily unavailable', 2, undefined, { is_transient: true }));
      }
      const m = this.media.get(download[1]);
      if (!m) return this.json(res, 404, graphError('Media not found', 100));
      res.writeHead(200, { 'content-type': m.mime, 'content-length': String(m.bytes.length) });
      return res.end(m.bytes);
    }
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v21.0') return this.json(res, 400, graphError('Unknown path components', 2500));
    if (req.method === 'GET' && parts.length === 2) {
      const m = this.media.get(parts[1]);
      if (!m) return this.json(res, 400, graphError(`Unsupported get request. Object with ID '${parts[1]}' does not exist`, 100));
      return this.json(res, 200, {
        messaging_product: 'whatsapp',
        url: `http://127.0.0.1:${this.port}/media-download/${parts[1]}`,
        mime_type: m.mime,
        sha256: createHash('sha256').update(m.bytes).digest('hex'),
        file_size: m.bytes.length,
        id: parts[1],
      });
    }
    if (req.method !== 'POST' || parts.length !== 3 || !['messages', 'media'].includes(parts[2])) {
      return this.json(res, 400, graphError('Unsupported request', 100));
    }
    if (parts[1] !== this.phoneNumberId) {
      return this.json(res, 400, graphError(`Unsupported post request. Object with ID '${parts[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, undefined, { error_subcode: 33 }));
    }
    if (parts[2] === 'media') return this.upload(req, res, raw);
    const failure = this.failures[0];
    if (failure) {
      if (--failure.count <= 0) this.failures.shift();
      return this.json(res, failure.status, failure.error, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return this.json(res, 400, graphError('(#100) Invalid parameter', 100, 'Request body is not valid JSON'));
    }
    const problem = this.validate(body);
    if (problem) return this.json(res, 400, graphError('(#100) Invalid parameter', 100, problem));
    const to = String(body.to);
    if (body.type !== 'template' && this.windowClosed.has(to)) {
      return this.json(res, 400, graphError('(#131047) Re-engagement message', 131047, 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.', { error_subcode: 2494010 }));
    }
    const id = `wamid.${randomBytes(24).toString('base64url')}`;
    this.sent.push({ id, to, type: String(body.type), body });
    return this.json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id }] });
  }

  private validate(b: Record<string, unknown>): string | undefined {
    if (b.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
    if (typeof b.to !== 'string' || !/^\+?\d{6,15}$/.test(b.to)) return 'to must be a phone number (wa_id)';
    const obj = (k: string) => (b[k] && typeof b[k] === 'object' ? (b[k] as Record<string, unknown>) : undefined);
    switch (b.type) {
      case 'text': {
        const body = obj('text')?.body;
        if (typeof body !== 'string' || !body.trim()) return 'text.body is required';
        if (body.length > 4096) return 'text.body is longer than 4096 characters';
        return undefined;
      }
      case 'template': {
        const t = obj('template');
        const lang = t?.language as { code?: unknown } | undefined;
        if (typeof t?.name !== 'string' || typeof lang?.code !== 'string') return 'template.name and template.language.code are required';
        return undefined;
      }
      case 'image':
      case 'document': {
        const m = obj(b.type);
        if (!m || (typeof m.id !== 'string' && typeof m.link !== 'string')) return `${b.type}.id or ${b.type}.link is required`;
        if (typeof m.id === 'string' && !this.uploads.some((u) => u.id === m.id)) return `${b.type}.id is not an uploaded media id`;
        return undefined;
      }
      default:
        return `type ${String(b.type)} is not supported by this fake`;
    }
  }

  private async upload(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData().catch(() => undefined);
    const file = form?.get('file');
    if (!form || form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob) || typeof form.get('type') !== 'string') {
      return this.json(res, 400, graphError('(#100) Invalid parameter', 100, 'messaging_product, type and file are required (multipart/form-data)'));
    }
    const id = String(Date.now()) + randomBytes(4).readUInt32BE().toString();
    this.uploads.push({ id, mime: String(form.get('type')), bytes: Buffer.from(await file.arrayBuffer()), filename: (file as File).name ?? 'file' });
    return this.json(res, 200, { id });
  }
}
