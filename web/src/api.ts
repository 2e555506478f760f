import { requireTwoFactor } from './account/gate';

// The one door to the Sapa API: same-origin cookie session, CSRF header on writes, one error type.
const CSRF_KEY = 'sapa.console.csrf';
let csrf: string | null = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(CSRF_KEY);

export function setCsrf(token: string | null): void {
  csrf = token;
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}
export const hasCsrf = () => csrf !== null;

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /**
   * The network or the server is down, rather than the request being wrong. A 503 that names one dependency (the
   * wallet, a provider, a retraining that failed) is Sapa answering; only its database being down, or a 503 that is
   * not Sapa's (a proxy, a node shutting down), counts as down.
   */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 504 || (this.status === 503 && (this.code === 'http_503' || this.code === 'database_unavailable'));
  }
}

type Listener = (error: ApiError) => void;
const signedOutListeners = new Set<Listener>();
const reachabilityListeners = new Set<(ok: boolean) => void>();

/** Called when the session is gone (401 on an authenticated call, or a CSRF failure). */
export function onSignedOut(fn: Listener): () => void {
  signedOutListeners.add(fn);
  return () => signedOutListeners.delete(fn);
}
/** Every request reports whether the server answered: the connection indicator listens. */
export function onReachability(fn: (ok: boolean) => void): () => void {
  reachabilityListeners.add(fn);
  return () => reachabilityListeners.delete(fn);
}
const reportReachable = (ok: boolean) => reachabilityListeners.forEach((fn) => fn(ok));

let acceptLanguage = 'en';
export const setApiLocale = (locale: string) => {
  acceptLanguage = locale;
};

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Do not treat a 401 as "signed out" (the login form itself). */
  anonymous?: boolean;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage, ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    reportReachable(false);
    throw new ApiError(0, 'network_error', (error as Error).message);
  }
  if (res.status === 204) {
    reportReachable(true);
    return undefined as T;
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const error = new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, err?.details);
    reportReachable(!error.unreachable);
    if (!options.anonymous && (res.status === 401 || (res.status === 403 && error.code === 'csrf_failed'))) {
      signedOutListeners.forEach((fn) => fn(error));
    }
    // The desk requires two-factor sign-in and this agent has none: not signed out, sent to set it up (account/gate).
    if (res.status === 403 && error.code === 'two_factor_required') requireTwoFactor(error.message);
    throw error;
  }
  reportReachable(true);
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** Builds a query string from defined values; arrays become comma lists. */
export function query(params: Record<string, string | number | string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A random id for idempotent creates (clientMessageId). */
export const clientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
