import { z } from 'zod';
import { canonicalTimeZone } from './i18n.js';

// Every setting Sapa reads from the environment, validated once at start. A bad value stops the process with a
// message naming the variable, instead of failing later in some request.
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  optionalText.refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
    message: `must start with ${protocols.join(' or ')}`,
  });

export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SAPA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres://', 'postgresql://', 'memory://']),
  /** Connections each node keeps to a PostgreSQL server (not used by the embedded database). */
  SAPA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  REDIS_URL: url(['redis://', 'rediss://']),
  /** Prefix of every Redis key and channel Sapa uses, so several deployments (or test runs) can share one Redis. */
  SAPA_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, : _ -').default('sapa'),
  SAPA_PUBLIC_URL: url(['http://', 'https://']),
  SAPA_ADMIN_EMAIL: optionalText.refine((v) => v === undefined || /^[^@\s]+@[^@\s]+$/.test(v), {
    message: 'must be an email address',
  }),
  SAPA_ADMIN_PASSWORD: optionalText,
  SAPA_DEMO: flag.default(false),
  /** On stop, how long requests still in flight may finish before their connections are closed. */
  SAPA_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** A conversation the assistant answered alone is resolved after this many quiet hours (0: never). */
  SAPA_ASSISTANT_IDLE_HOURS: z.coerce.number().min(0).max(24 * 365).default(24),
  SAPA_WIDGET_JWT_SECRET: optionalText,
  SAPA_WIDGET_JWT_PUBLIC_KEY: optionalText,
  SAPA_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(10),
  SAPA_WALLET_URL: url(['http://', 'https://']),
  SAPA_WALLET_TOKEN: optionalText,
  SAPA_WALLET_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  SAPA_SMTP_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  SAPA_SMTP_HOST: z.string().default('127.0.0.1'),
  SAPA_EMAIL_DOMAIN: optionalText,
  SAPA_SMTP_URL: url(['smtp://', 'smtps://']),
  SAPA_IMAP_URL: url(['imap://', 'imaps://']),
  SAPA_EMAIL_FROM: optionalText,
  SAPA_WHATSAPP_VERIFY_TOKEN: optionalText,
  SAPA_WHATSAPP_APP_SECRET: optionalText,
  SAPA_WHATSAPP_TOKEN: optionalText,
  SAPA_WHATSAPP_API_URL: url(['http://', 'https://']).default('https://graph.facebook.com/v21.0'),
  SAPA_WHATSAPP_PHONE_NUMBER_ID: optionalText,
  SAPA_TELEGRAM_SECRET: optionalText,
  SAPA_TELEGRAM_BOT_TOKEN: optionalText,
  SAPA_TELEGRAM_API_URL: url(['http://', 'https://']).default('https://api.telegram.org'),
  SAPA_APP_WEBHOOK_URL: url(['http://', 'https://']),
  SAPA_APP_WEBHOOK_SECRET: optionalText,
  /** Largest inbound email accepted over SMTP (bigger mail is refused with 552 during the SMTP dialogue). */
  SAPA_EMAIL_MAX_MB: z.coerce.number().positive().max(200).default(25),
  /** Emails accepted per sender address per hour; beyond it SMTP answers 451 (try later). */
  SAPA_EMAIL_RATE_PER_HOUR: z.coerce.number().int().positive().default(20),
  SAPA_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Approved WhatsApp template sent instead of free text outside the 24-hour customer-service window. */
  SAPA_WHATSAPP_TEMPLATE: z.string().min(1).default('sapa_case_update'),
  SAPA_PHONE_WEBHOOK_SECRET: optionalText,
  SAPA_MIN_APP_VERSION: optionalText.refine((v) => v === undefined || /^\d+(\.\d+){0,3}$/.test(v), {
    message: 'must be a version like 5.2.0',
  }),
  SAPA_TIMEZONE: z.string().default('Asia/Jakarta').refine((v) => canonicalTimeZone(v) !== undefined, { message: 'must be an IANA time zone, such as Asia/Jakarta' }),
  // Synthetic monitors: `componentId=url` pairs of the wallet's own health endpoints, checked every interval
  // (0 turns the scheduler off); this many consecutive failures open an incident, as many successes resolve it.
  SAPA_MONITOR_URLS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((pair) => /^\s*[a-z0-9_]+=https?:\/\/\S+\s*$/.test(pair)),
    { message: 'must be componentId=http(s)://… pairs separated by commas' },
  ),
  SAPA_MONITOR_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(60),
  SAPA_MONITOR_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  /** How long before a scheduled maintenance its subscribers hear about it. */
  SAPA_MAINTENANCE_NOTICE_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  SAPA_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  SAPA_TRUST_PROXY: flag.default(false),
  SAPA_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SAPA_SESSION_DAYS: z.coerce.number().int().positive().default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Sapa cannot start: bad configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment-like record; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k]]));
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`),
    );
  }
  const config = parsed.data;
  if (config.SAPA_ADMIN_EMAIL && !config.SAPA_ADMIN_PASSWORD) {
    throw new ConfigError(['SAPA_ADMIN_PASSWORD: required when SAPA_ADMIN_EMAIL is set']);
  }
  return config;
}

export const maxUploadBytes = (config: Config) => Math.floor(config.SAPA_MAX_UPLOAD_MB * 1024 * 1024);
