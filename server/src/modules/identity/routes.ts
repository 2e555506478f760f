import { z } from 'zod';
import { requireAgent, requirePrincipal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { notFound } from '../../kernel/errors.js';
import type { SapaHttp } from '../../kernel/module.js';
import { clientIp, SESSION_COOKIE } from './http.js';
import * as security from './security.js';
import * as identity from './service.js';

const locale = z.string().max(20).optional();
const device = z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional();
const role = z.enum(['agent', 'supervisor', 'admin']);

export const userSchema = z.object({
  id: z.string(),
  kind: z.enum(['customer', 'agent']),
  role: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable().optional(),
  locale: z.string(),
  twoFactor: z.boolean(),
  visitorId: z.string().optional(),
});

const agentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  locale: z.string(),
  active: z.boolean(),
  createdAt: z.date(),
});

export async function identityRoutes(http: SapaHttp, desk: Desk) {
  const cookieOptions = (secureRequest: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: desk.config.SAPA_COOKIE_SECURE === 'always' || (desk.config.SAPA_COOKIE_SECURE === 'auto' && secureRequest),
    maxAge: desk.config.SAPA_SESSION_DAYS * 86400,
  });

  http.post('/auth/register', {
    config: { csrf: false },
    schema: {
      tags: ['identity'],
      summary: 'Register a customer account',
      body: z.strictObject({
        email: z.string().trim().email().max(254).optional(),
        phone: z.string().trim().regex(/^\+?[\d\s().-]{6,20}$/, 'a phone number with 6 to 20 digits').optional(),
        password: z.string().min(1).max(256),
        name: z.string().trim().min(1).max(200),
        locale,
      }),
      response: { 201: userSchema },
    },
  }, async (req, reply) => reply.status(201).send(await identity.registerCustomer(desk, req.body)));

  http.post('/auth/login', {
    config: { csrf: false },
    schema: {
      tags: ['identity'],
      summary: 'Sign in with email or phone; sets the session cookie',
      body: z.strictObject({ login: z.string().trim().min(1).max(254), password: z.string().min(1).max(256), otp: z.string().max(20).optional().describe('a 6-digit code from the authenticator app, or a recovery code') }),
      response: { 200: z.object({ user: userSchema, csrfToken: z.string() }) },
    },
  }, async (req, reply) => {
    const result = await identity.login(desk, { ...req.body, ip: clientIp(req), userAgent: req.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(req.protocol === 'https'));
    return { user: result.user, csrfToken: result.csrfToken };
  });

  http.post('/auth/logout', {
    config: { beforeTwoFactor: true },
    schema: { tags: ['identity'], summary: 'End the current session', response: { 204: z.null() } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    await identity.logout(desk, p.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  http.get('/me', {
    config: { beforeTwoFactor: true },
    schema: { tags: ['identity'], summary: 'The current user', response: { 200: userSchema } },
  }, async (req) => identity.currentUser(desk, requirePrincipal(req)));

  http.post('/me/password', {
    config: { beforeTwoFactor: true },
    schema: {
      tags: ['identity'],
      summary: 'Change the password; the account’s other signed-in browsers are signed out, and the owner is emailed; a wrong current password 403 invalid_credentials (the session stays), 429 too_many_attempts after repeated ones',
      body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await identity.setPassword(desk, requirePrincipal(req), req.body.currentPassword, req.body.newPassword, clientIp(req), req.headers['user-agent']);
    return reply.status(204).send(null);
  });

  const code = z.string().trim().min(6).max(20);
  const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

  http.get('/me/security', {
    config: { beforeTwoFactor: true },
    schema: {
      tags: ['identity'],
      summary: "The account's security: two-factor sign-in, recovery codes left, recent activity (sign-ins, password and two-factor changes) and signed-in devices",
      response: {
        200: z.object({
          twoFactor: z.boolean(),
          recoveryCodesLeft: z.number(),
          events: z.array(z.object({ type: z.string(), at: z.string(), ip: z.string().nullable(), device: z.string().nullable() })),
          sessions: z.array(z.object({ id: z.string(), current: z.boolean(), createdAt: z.string(), ip: z.string().nullable(), device: z.string().nullable() })),
        }),
      },
    },
  }, async (req) => security.securityOverview(desk, requirePrincipal(req)));

  http.delete('/me/sessions/:id', {
    config: { beforeTwoFactor: true },
    schema: { tags: ['identity'], summary: 'Sign out one of the account’s other devices (the current one signs out with /auth/logout)', params: z.object({ id: z.string().max(64) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await security.endSession(desk, requirePrincipal(req), req.params.id, (id) => identity.forgetSession(desk, id));
    return reply.status(204).send(null);
  });

  http.post('/me/two-factor', {
    config: { beforeTwoFactor: true },
    schema: {
      tags: ['identity'],
      summary: 'Start turning on two-factor sign-in: a new authenticator secret, its otpauth:// link and a QR code (SVG) to scan; 409 two_factor_already_on',
      response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }) },
    },
  }, async (req) => security.beginTwoFactor(desk, requirePrincipal(req)));

  http.post('/me/two-factor/confirm', {
    config: { beforeTwoFactor: true },
    schema: {
      tags: ['identity'],
      summary: 'Turn two-factor sign-in on with a code from the app; returns ten one-time recovery codes, shown only now; 403 invalid_otp, 409 two_factor_not_started',
      body: z.strictObject({ code }),
      response: { 200: recoveryCodes },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    const confirmed = await security.confirmTwoFactor(desk, p, req.body.code, clientIp(req), req.headers['user-agent']);
    // A session that could only set up two-factor sign-in may do everything from its next request.
    identity.forgetSession(desk, p.sessionId);
    return confirmed;
  });

  const policySchema = z.strictObject({ requireAgentTwoFactor: z.boolean() });
  http.get('/security/settings', {
    schema: { tags: ['identity'], summary: "The desk's sign-in policy: whether every agent must use two-factor sign-in (supervisor)", response: { 200: policySchema } },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return security.securityPolicy(desk);
  });

  http.put('/security/settings', {
    schema: {
      tags: ['identity'],
      summary: 'Require two-factor sign-in of every agent (admin): agents without it can then only set it up; 422 two_factor_needed_first while the admin has none',
      body: policySchema,
      response: { 200: policySchema },
    },
  }, async (req) => security.saveSecurityPolicy(desk, requireAgent(req, 'admin'), req.body));

  http.post('/me/two-factor/disable', {
    schema: {
      tags: ['identity'],
      summary: 'Turn two-factor sign-in off: the password and a code from the app or a recovery code; 403 invalid_credentials / otp_required / invalid_otp, 429 too_many_attempts',
      body: z.strictObject({ password: z.string().min(1).max(256), code: code.optional() }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await security.disableTwoFactor(desk, requirePrincipal(req), req.body.password, req.body.code, clientIp(req), req.headers['user-agent']);
    return reply.status(204).send(null);
  });

  http.post('/me/two-factor/recovery-codes', {
    schema: {
      tags: ['identity'],
      summary: 'Replace the recovery codes (the password and a code from the app); the old ones stop working; 403 as for disable, 409 two_factor_off',
      body: z.strictObject({ password: z.string().min(1).max(256), code }),
      response: { 200: recoveryCodes },
    },
  }, async (req) => security.renewRecoveryCodes(desk, requirePrincipal(req), req.body.password, req.body.code, clientIp(req), req.headers['user-agent']));

  http.post('/widget/sessions', {
    config: { csrf: false },
    schema: {
      tags: ['identity'],
      summary: 'Start a widget session, optionally as a customer vouched for by the wallet (identityToken)',
      body: z.strictObject({ visitorId: z.string().max(100).optional(), identityToken: z.string().max(4096).optional(), device, locale }),
      response: {
        201: z.object({
          token: z.string(),
          visitorId: z.string(),
          contact: z.object({ kind: z.enum(['visitor', 'customer']), id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
        }),
      },
    },
  }, async (req, reply) => reply.status(201).send(await identity.createWidgetSession(desk, req.body, clientIp(req), req.headers['user-agent'])));

  // ------------------------------------------------------------------ agents (admins manage, agents list)
  http.get('/agents', {
    schema: { tags: ['agents'], summary: 'List agents', response: { 200: z.object({ items: z.array(agentSchema), nextCursor: z.null() }) } },
  }, async (req) => {
    requireAgent(req);
    return { items: await identity.listAgents(desk), nextCursor: null };
  });

  http.post('/agents', {
    schema: {
      tags: ['agents'],
      summary: 'Invite an agent (admin)',
      body: z.strictObject({ email: z.string().trim().email().max(254), name: z.string().trim().min(1).max(200), role, password: z.string().min(1).max(256), locale }),
      response: { 201: userSchema },
    },
  }, async (req, reply) => {
    requireAgent(req, 'admin');
    return reply.status(201).send(await identity.createAgent(desk, req.body));
  });

  http.patch('/agents/:id', {
    schema: {
      tags: ['agents'],
      summary: 'Change an agent’s name, role, language or deactivate them (admin)',
      params: z.object({ id: z.string().max(100) }),
      body: z.strictObject({ name: z.string().trim().min(1).max(200).optional(), role: role.optional(), active: z.boolean().optional(), locale }),
      response: { 200: agentSchema },
    },
  }, async (req) => {
    requireAgent(req, 'admin');
    if (!(await identity.getAgent(desk, req.params.id))) throw notFound();
    return identity.updateAgent(desk, req.params.id, req.body);
  });

  http.post('/agents/me/tokens', {
    schema: {
      tags: ['agents'],
      summary: 'Create a bearer API token for the signed-in agent (shown once)',
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      response: { 201: z.object({ id: z.string(), token: z.string(), name: z.string() }) },
    },
  }, async (req, reply) => {
    const agent = requireAgent(req);
    return reply.status(201).send(await identity.createApiToken(desk, agent.agentId, req.body.name));
  });
}
