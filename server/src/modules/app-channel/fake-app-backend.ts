import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureOf, verifySigned } from './service.js';

/** What the wallet app's backend sends Sapa for a customer's chat message: a signed POST to the app channel. */
export function postAppMessage(sapaUrl: string, secret: string, message: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(message);
  const ts = String(Math.floor(Date.now() / 1000));
  return fetch(`${sapaUrl}/api/v1/channels/app/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sapa-timestamp': ts, 'x-sapa-signature': signatureOf(secret, ts, body) }, body });
}

export interface AppDelivery {
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * The wallet app's backend as Sapa sees it in tests: it receives reply webhooks, refuses a bad signature with 401
 * (as a real receiver must), records what arrived, and can answer the next N deliveries with an error status.
 */
export class FakeAppBackend {
  readonly deliveries: AppDelivery[] = [];
  rejectedSignatures = 0;
  private failures: { count: number; status: number; retryAfter?: number }[] = [];
  private server: Server;
  port = 0;

  constructor(readonly secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const h = (k: string) => (typeof req.headers[k] === 'string' ? (req.headers[k] as string) : undefined);
        if (!verifySigned(this.secret, raw, h('x-sapa-timestamp'), h('x-sapa-signature'))) {
          this.rejectedSignatures++;
          res.writeHead(401).end('bad signature');
          return;
        }
        const failure = this.failures[0];
        if (failure) {
          if (--failure.count <= 0) this.failures.shift();
          res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {}).end('temporarily unavailable');
          return;
        }
        this.deliveries.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
  }

  get url() {
    return `http://127.0.0.1:${this.port}/sapa-webhook`;
  }

  failNext(count: number, status = 503, retryAfter?: number) {
    this.failures.push({ count, status, retryAfter });
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
}
