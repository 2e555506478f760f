import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { acceptsRecipient, emailMaxBytes, EmailRefused, receiveEmail, senderOverLimit } from './service.js';

const SMTP = Symbol('email.smtp');
interface SmtpState {
  port?: number;
}
const smtpState = (desk: Desk) => moduleState<SmtpState>(desk, SMTP, () => ({}));

/** The port the inbound SMTP server listens on (useful when SAPA_SMTP_PORT=0 picks a free one). */
export const smtpPort = (desk: Desk) => smtpState(desk).port;

const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The inbound MX for SAPA_EMAIL_DOMAIN: no AUTH, no relaying (RCPT outside the domain → 550), a per-sender hourly
 * limit (→ 451), a size limit (→ 552). A message is acknowledged only after it is stored, so a crash or a database
 * outage makes the sending server retry (451) instead of losing it.
 */
export async function startSmtpServer(desk: Desk): Promise<void> {
  const port = desk.config.SAPA_SMTP_PORT;
  if (port === undefined) return;
  if (!desk.config.SAPA_EMAIL_DOMAIN) desk.log.warn('SAPA_SMTP_PORT is set but SAPA_EMAIL_DOMAIN is not: every recipient will be refused');
  const maxBytes = emailMaxBytes(desk.config);
  const maxMb = desk.config.SAPA_EMAIL_MAX_MB;
  const server = new SMTPServer({
    banner: 'Sapa support inbox',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    socketTimeout: 60_000,
    onMailFrom(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      senderOverLimit(desk, address.address)
        .then((over) => callback(over ? refusal(451, `4.7.1 Too many messages from ${address.address}; please try again later`) : null))
        .catch(() => callback(refusal(451, '4.3.0 Temporary failure; please try again later')));
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (acceptsRecipient(desk.config, address.address)) return callback();
      callback(refusal(550, `5.7.1 <${address.address}>: this server only accepts mail for @${desk.config.SAPA_EMAIL_DOMAIN ?? '(none)'}`));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', () => callback(refusal(451, '4.3.0 Temporary failure; please try again later')));
      stream.on('end', () => {
        // Refused in the dialogue, not bounced later: the sending server tells its user. We never send a "too large"
        // email back ourselves, because the From of an oversized message may be forged and that would be backscatter.
        if (stream.sizeExceeded) {
          return callback(refusal(552, `5.3.4 Message too large: this address accepts emails up to ${maxMb} MB. Please send large files in several emails or attach them in the app`));
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          via: 'smtp' as const,
        };
        receiveEmail(desk, Buffer.concat(chunks), envelope)
          .then((outcome) => callback(null, `2.0.0 ${outcome.kind === 'duplicate' ? 'Already received' : 'Received'}, thank you`))
          .catch((error: unknown) => {
            if (error instanceof EmailRefused) return callback(refusal(error.responseCode, error.message));
            desk.log.error({ err: error }, 'inbound email could not be stored');
            callback(refusal(451, '4.3.0 Temporary failure while storing your message; please try again later'));
          });
      });
    },
  });
  server.on('error', (error) => desk.log.warn({ err: error }, 'SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, desk.config.SAPA_SMTP_HOST, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  smtpState(desk).port = (server.server.address() as AddressInfo).port;
  desk.log.info({ port: smtpState(desk).port, host: desk.config.SAPA_SMTP_HOST }, 'inbound SMTP listening');
  desk.onStop(
    () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  );
}
