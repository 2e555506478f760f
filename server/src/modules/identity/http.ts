import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { requestLocale } from '../../kernel/http.js';
import { resolveToken } from './service.js';

export const SESSION_COOKIE = 'sapa_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on public endpoints (login, register) that a stale cookie must not block. */
    csrf?: boolean;
    /** true on what an agent may use before setting up the two-factor sign-in the desk requires (set-up, sign-out). */
    beforeTwoFactor?: boolean;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * Resolves who is calling (bearer token first, then the session cookie) and enforces CSRF on cookie-authenticated
 * writes. Runs for every request; routes then ask for the principal they need.
 */
export function authenticate(desk: Desk) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const bearer = bearerToken(req.headers.authorization);
    let pending = false;
    if (bearer) {
      const session = await resolveToken(desk, bearer);
      if (!session) throw new AppError(401, 'invalid_token');
      req.principal = session.principal;
      req.authVia = 'bearer';
      pending = session.twoFactorPending;
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      const session = cookie ? await resolveToken(desk, cookie) : undefined;
      if (session && session.kind === 'cookie') {
        req.principal = session.principal;
        req.authVia = 'cookie';
        pending = session.twoFactorPending;
        if (unsafe.has(req.method) && req.routeOptions.config?.csrf !== false && req.headers['x-csrf-token'] !== session.csrfToken) {
          req.locale = requestLocale(req);
          throw new AppError(403, 'csrf_failed');
        }
      }
    }
    req.locale = requestLocale(req);
    if (pending && req.url.startsWith('/api/') && req.routeOptions.config?.beforeTwoFactor !== true) throw new AppError(403, 'two_factor_required');
  };
}

export function clientIp(req: FastifyRequest): string {
  return req.ip || '0.0.0.0';
}
