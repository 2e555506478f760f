import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import type { Locale } from './i18n.js';

export type AgentRole = 'agent' | 'supervisor' | 'admin';

/** Whether a form's token matches its cookie (both present), compared in constant time: the no-JS forms' CSRF check. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  return Boolean(a && b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b)));
}

/** Who is making a request. Resolved once per request by the identity module. */
export type Principal =
  | { kind: 'agent'; agentId: string; role: AgentRole; locale: Locale; sessionId: string }
  | { kind: 'customer'; customerId: string; visitorId?: string; locale: Locale; sessionId: string }
  | { kind: 'visitor'; visitorId: string; locale: Locale; sessionId: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** How the principal was authenticated; cookie sessions need a CSRF token for writes. */
    authVia?: 'cookie' | 'bearer';
    locale: Locale;
  }
}

const rank: Record<AgentRole, number> = { agent: 1, supervisor: 2, admin: 3 };

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError(401, 'unauthorized');
  return req.principal;
}

export function requireAgent(req: FastifyRequest, minimum: AgentRole = 'agent') {
  const p = requirePrincipal(req);
  if (p.kind !== 'agent') throw new AppError(403, 'forbidden');
  if (rank[p.role] < rank[minimum]) throw new AppError(403, 'forbidden');
  return p;
}

export function isAgent(p: Principal | undefined, minimum: AgentRole = 'agent'): p is Extract<Principal, { kind: 'agent' }> {
  return p?.kind === 'agent' && rank[p.role] >= rank[minimum];
}

/** Customers and widget visitors: the people a case belongs to. */
export function requireContact(req: FastifyRequest) {
  const p = requirePrincipal(req);
  if (p.kind === 'agent') throw new AppError(403, 'forbidden');
  return p;
}
