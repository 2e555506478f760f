/**
 * The one error type that routes and services throw. Its code is the stable, snake_case `error.code` of the
 * API's envelope; its message key is looked up in the caller's language by the HTTP error handler.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message?: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'not_found') => new AppError(404, what === 'not_found' ? 'not_found' : `${what}_not_found`);
export const forbidden = (code = 'forbidden') => new AppError(403, code);
export const unauthorized = (code = 'unauthorized') => new AppError(401, code);
export const conflict = (code: string, details?: unknown) => new AppError(409, code, undefined, details);
export const invalid = (code: string, details?: unknown) => new AppError(400, code, undefined, details);
export const unprocessable = (code: string, details?: unknown) => new AppError(422, code, undefined, details);
export const unavailable = (code: string, retryAfterSeconds = 5) =>
  new AppError(503, code, undefined, undefined, { 'retry-after': String(retryAfterSeconds) });
export const tooMany = (retryAfterSeconds: number, code = 'rate_limited') =>
  new AppError(429, code, undefined, { retryAfterSeconds }, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
