import { NETWORK_ERROR, type ApiReply, type Locale, type RequestOptions } from '../types.js';

export function networkError(cause: unknown): Error {
  const error = new Error(cause instanceof Error ? cause.message : 'network error');
  error.name = NETWORK_ERROR;
  return error;
}

export const isNetworkError = (error: unknown) => error instanceof Error && error.name === NETWORK_ERROR;

/** `/api/v1` + path on Sapa, with `?locale=` so every error message comes back in the customer's language. */
export function apiUrl(base: string, path: string, locale: Locale): string {
  const url = new URL(`api/v1${path}`, base);
  if (!url.searchParams.has('locale')) url.searchParams.set('locale', locale);
  return url.href;
}

/**
 * One JSON call to Sapa. Any HTTP answer resolves (the caller decides what a 404 or 409 means); only "could not
 * reach Sapa" rejects, with a NetworkError, so callers can tell "try again later" from "the server said no".
 * Cookies are never sent: the widget authenticates with its bearer token only.
 */
export async function request<T>(base: string, locale: Locale, path: string, options: RequestOptions = {}): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = window.setTimeout(() => controller?.abort(), options.timeoutMs ?? 15_000);
  let res: Response;
  try {
    res = await fetch(apiUrl(base, path, locale), { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'omit', cache: 'no-store', signal: controller?.signal });
  } catch (error) {
    throw networkError(error);
  } finally {
    window.clearTimeout(timer);
  }
  let data: unknown = null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      data = await res.json();
    } catch {
      // A truncated body on a flaky network: treat like no answer at all, so the caller retries.
      throw networkError(new Error('incomplete response'));
    }
  }
  const envelope = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const error = !res.ok
    ? {
        code: typeof envelope?.code === 'string' ? envelope.code : `http_${res.status}`,
        message: typeof envelope?.message === 'string' ? envelope.message : `HTTP ${res.status}`,
      }
    : undefined;
  return { ok: res.ok, status: res.status, data: data as T, error, headers: res.headers };
}

/** Worth trying again later: Sapa or something in between is overloaded, restarting or down. */
export const isTransient = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;
