import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from './errors.js';
import { fromAcceptLanguage, hasMessage, negotiateLocale, t, type Locale } from './i18n.js';
import { sqlState } from './db/index.js';
import { unstorableField } from './text.js';

/** The caller's locale: the request's own `locale` (query or body), the user's, then Accept-Language. */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as { locale?: unknown } | undefined)?.locale;
  const b = req.body && typeof req.body === 'object' ? (req.body as { locale?: unknown }).locale : undefined;
  return negotiateLocale(
    typeof q === 'string' ? q : undefined,
    typeof b === 'string' ? b : undefined,
    // A visitor has no stored language (their principal says 'en' for want of one): their browser's decides.
    req.principal?.kind === 'visitor' ? undefined : req.principal?.locale,
    fromAcceptLanguage(req.headers['accept-language']),
  );
}

export function errorBody(locale: Locale, code: string, details?: unknown, vars: Record<string, string | number> = {}): ErrorBody {
  const key = `error.${code}`;
  const message = hasMessage(key) ? t(locale, key, vars) : code.replace(/_/g, ' ');
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The envelope of an AppError in `locale`; flat details double as message variables ({seconds}, {mb}, …). */
export function appErrorBody(locale: Locale, error: AppError): ErrorBody {
  const vars: Record<string, string | number> = {};
  if (error.details && typeof error.details === 'object' && !Array.isArray(error.details)) {
    for (const [k, v] of Object.entries(error.details)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  }
  if (typeof vars.retryAfterSeconds === 'number') vars.seconds = Math.ceil(vars.retryAfterSeconds);
  const body = errorBody(locale, error.code, error.details, vars);
  if (error.message !== error.code && !hasMessage(`error.${error.code}`)) body.error.message = error.message;
  return body;
}

const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_input' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'file_too_large' },
  FST_PARTS_LIMIT: { status: 413, code: 'body_too_large' },
  FST_FILES_LIMIT: { status: 413, code: 'body_too_large' },
  FST_PROTO_VIOLATION: { status: 400, code: 'invalid_input' },
};

/**
 * A request refused before its body was read (too large, wrong type) leaves the client still writing; answering
 * and closing then makes the client see a broken pipe instead of our 413. Read and discard what is left (bounded)
 * so the client gets the error it can show.
 */
async function drainRequest(req: FastifyRequest): Promise<void> {
  const raw = req.raw;
  if (raw.complete || raw.readableEnded || raw.destroyed) return;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > 64 * 1024 * 1024) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    raw.on('end', done);
    raw.on('error', done);
    raw.on('close', done);
    raw.resume();
  });
}

/** One envelope for every error: AppError, Zod validation, Fastify's own, and the unexpected (logged, never shown). */
export async function handleError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  await drainRequest(req);
  const locale = requestLocale(req);
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    return reply.status(error.status).send(appErrorBody(locale, error));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message,
    }));
    return reply.status(400).send(errorBody(locale, 'invalid_input', details));
  }
  if (error.validation) {
    return reply.status(400).send(errorBody(locale, 'invalid_input', error.validation.map((v) => ({ field: v.instancePath, message: v.message }))));
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return reply.status(mapped.status).send(errorBody(locale, mapped.code));
  if (error.statusCode === 429) {
    const seconds = Number(reply.getHeader('retry-after') ?? 60);
    return reply.status(429).send(errorBody(locale, 'rate_limited', { retryAfterSeconds: seconds }, { seconds }));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
    return reply.status(error.statusCode).send(errorBody(locale, error.statusCode === 404 ? 'not_found' : 'invalid_input'));
  }
  // A database that is unreachable or shutting down is a dependency failure (503), not a bug (500).
  const state = sqlState(error);
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++, e = e.cause) messages.push(e.message);
  const connection = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|PGlite is closed|Cannot use a pool after calling end|the database system is (starting up|shutting down)/i.test(
    messages.join('\n'),
  );
  if (connection || (state && /^(08|57P)/.test(state))) {
    req.log.error({ err: error }, 'database unavailable');
    reply.header('retry-after', '5');
    return reply.status(503).send(errorBody(locale, 'database_unavailable'));
  }
  req.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody(locale, 'internal_error'));
}

/**
 * Refuses text PostgreSQL cannot store (NUL, half an emoji) in the path, the query or a parsed body before
 * validation, with a 400 naming the field as validation errors do (`body.message.body`), instead of failing in the
 * database. Raw bodies (webhooks verify their signatures on the bytes) are left to their routes.
 */
export async function refuseUnstorableText(req: FastifyRequest) {
  for (const [where, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
    const field = unstorableField(value);
    if (field !== undefined) {
      throw new AppError(400, 'invalid_text', undefined, [{ field: [where, field].filter(Boolean).join('.'), message: t(requestLocale(req), 'error.invalid_text') }]);
    }
  }
}

export function handleNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody(requestLocale(req), 'not_found'));
}

/**
 * The security headers helmet sets for these options, worked out once. `@fastify/helmet` builds a new helmet
 * middleware on every request (two hooks, an options merge and a header list each time, about 2.5% of a node's CPU
 * at 1,000 messages/s); the headers never vary between requests, so one synchronous hook sets the list computed here.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
