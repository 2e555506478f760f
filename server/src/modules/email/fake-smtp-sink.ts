import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A local SMTP server standing in for the outbound relay (SAPA_SMTP_URL) in tests: it keeps what it receives, and
 * can refuse the next N messages with a given SMTP reply (451 to test retries, 550 for permanent failures).
 */
export class FakeSmtpSink {
  readonly received: SunkMail[] = [];
  private failures: { count: number; code: number; text: string } = { count: 0, code: 451, text: '' };
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.failures.count > 0) {
            this.failures.count--;
            return callback(Object.assign(new Error(this.failures.text), { responseCode: this.failures.code }));
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) }, raw, parsed });
              callback(null, 'queued');
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  /** The next `count` messages are refused with this SMTP code. */
  failNext(count: number, code = 451, text = code >= 500 ? '5.1.1 Recipient address rejected: User unknown' : '4.3.2 Try again later') {
    this.failures = { count, code, text };
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
