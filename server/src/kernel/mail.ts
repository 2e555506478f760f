import nodemailer, { type Transporter } from 'nodemailer';
import type { Desk } from './desk.js';
import { moduleState } from './desk.js';
import { PermanentJobError } from './jobs.js';

// Sapa's own notices by email (status-page subscriptions, account-security alerts), sent from jobs so a stuck or
// failing SMTP server is retried later. Customer conversations by email go through the email channel instead.

const MAILER = Symbol('kernel.mailer');

export const emailConfigured = (desk: Desk) => Boolean(desk.config.SAPA_SMTP_URL);

function mailer(desk: Desk): Transporter {
  return moduleState(desk, MAILER, () => {
    // Short timeouts: a stuck server must fail the job (and retry later) well inside the job's lease.
    const url = new URL(desk.config.SAPA_SMTP_URL!);
    const transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    desk.onStop(() => transport.close());
    return transport;
  });
}

export interface Notice {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The sender's display name ("Sapa Status"); the address is SAPA_EMAIL_FROM's, else `<mailbox>@SAPA_EMAIL_DOMAIN`. */
  from: { name: string; mailbox: string };
  headers?: Record<string, string>;
}

/** The address of SAPA_EMAIL_FROM ("Name <a@b>" or "a@b"), else `mailbox@SAPA_EMAIL_DOMAIN`. */
function senderAddress(desk: Desk, mailbox: string): string {
  const configured = desk.config.SAPA_EMAIL_FROM;
  if (configured) return /<([^>]+)>/.exec(configured)?.[1] ?? configured.trim();
  return `${mailbox}@${desk.config.SAPA_EMAIL_DOMAIN ?? 'localhost'}`;
}

/** Sends one notice; without SAPA_SMTP_URL the job fails for good with that reason (and the log says so), never silently. */
export async function sendNotice(desk: Desk, notice: Notice): Promise<void> {
  if (!emailConfigured(desk)) {
    desk.log.error({ to: notice.to, subject: notice.subject }, 'email not sent: SAPA_SMTP_URL is not set');
    throw new PermanentJobError('SAPA_SMTP_URL is not set');
  }
  await mailer(desk).sendMail({
    from: `${notice.from.name} <${senderAddress(desk, notice.from.mailbox)}>`,
    to: notice.to,
    subject: notice.subject,
    text: notice.text,
    html: notice.html,
    headers: notice.headers,
  });
}
