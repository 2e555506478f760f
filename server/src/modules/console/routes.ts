import { z } from 'zod';
import { requireAgent } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import type { SapaHttp } from '../../kernel/module.js';
import { caseSchema } from '../cases/routes.js';
import { caseChannels, caseStatuses } from '../cases/schema.js';
import * as service from './service.js';

const id = z.string().min(1).max(100);
const locale = z.enum(['en', 'id-ID', 'zh-CN']);
const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();

const teamSchema = z.object({ id: z.string(), name: z.string(), members: z.array(z.object({ id: z.string(), name: z.string() })), createdAt: z.string() });
const shortcut = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'letters, digits, - and _; at most 40');
const bodies = z.strictObject({ en: z.string().max(5000).optional(), 'id-ID': z.string().max(5000).optional(), 'zh-CN': z.string().max(5000).optional() });
const cannedSchema = z.object({ id: z.string(), title: z.string(), shortcut: z.string(), bodies: z.record(z.string(), z.string()), updatedAt: z.string() });
const presenceStatus = z.enum(['online', 'away']);
const countMap = z.record(z.string(), z.number().int());
const preferencesSchema = z.object({ sound: z.boolean(), desktopNotifications: z.boolean(), locale });

/** What the agent console needs beside the cases and identity APIs: inbox cards and counts, queue, teams, canned replies. */
export async function consoleRoutes(http: SapaHttp, desk: Desk) {
  // ------------------------------------------------------------------ inbox
  http.get('/console/inbox', {
    schema: {
      tags: ['console'],
      summary: 'A page of the inbox: GET /cases with the customer’s name and the team on every card',
      querystring: z.object({
        status: listOf(z.enum(caseStatuses)),
        channel: listOf(z.enum(caseChannels)),
        category: listOf(z.string().regex(/^[a-z_]{2,40}$/)),
        language: z.string().max(10).optional(),
        assignee: z.string().max(100).optional(),
        holder: z.enum(['assistant', 'people']).optional(),
        q: z.string().max(200).optional(),
        sort: z.enum(['recent', 'waiting', 'created']).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
        cursor: z.string().max(300).optional(),
      }),
      response: { 200: z.object({ items: z.array(caseSchema.extend({ customerName: z.string().nullable(), teamId: z.string().nullable() })), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => service.inboxPage(desk, requireAgent(req), req.query));

  http.get('/console/counts', {
    schema: {
      tags: ['console'],
      summary: 'Open and pending cases per inbox view (mine, unassigned, all, waiting for a reply; with the assistant, apart from the rest)',
      response: { 200: z.object({ mine: z.number().int(), unassigned: z.number().int(), all: z.number().int(), waiting: z.number().int(), assistant: z.number().int(), truncated: z.boolean() }) },
    },
  }, async (req) => service.inboxCounts(desk, requireAgent(req)));

  http.get('/console/overview', {
    schema: {
      tags: ['console'],
      summary: 'Queue overview for supervisors: open cases by channel, category and age; agents online and their load',
      response: {
        200: z.object({
          generatedAt: z.string(),
          truncated: z.boolean(),
          totals: z.object({ open: z.number(), pending: z.number(), unassigned: z.number(), waiting: z.number(), oldestWaitingSince: z.string().nullable(), withAssistant: z.number() }),
          byChannel: countMap,
          byCategory: countMap,
          byAge: countMap,
          byWaiting: countMap,
          agents: z.array(z.object({ agentId: z.string(), name: z.string(), role: z.string(), status: z.enum(['online', 'away', 'offline']), lastSeenAt: z.string().nullable(), load: z.number().int().describe('open and pending cases held'), open: z.number().int().describe('open cases held: what automatic assignment counts'), pending: z.number().int() })),
        }),
      },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return service.queueOverview(desk);
  });

  // ------------------------------------------------------------------ presence and preferences
  http.get('/console/presence', {
    schema: {
      tags: ['console'],
      summary: 'Every active agent with online / away / offline',
      response: { 200: z.object({ items: z.array(z.object({ agentId: z.string(), name: z.string(), role: z.string(), status: z.enum(['online', 'away', 'offline']), lastSeenAt: z.string().nullable() })) }) },
    },
  }, async (req) => {
    requireAgent(req);
    return { items: await service.presenceList(desk) };
  });

  http.put('/console/presence', {
    schema: {
      tags: ['console'],
      summary: 'Set my presence; the console repeats it as a heartbeat (an agent unseen for 75 s is offline)',
      body: z.strictObject({ status: presenceStatus }),
      response: { 200: z.object({ status: presenceStatus, lastSeenAt: z.string() }) },
    },
  }, async (req) => service.setPresence(desk, requireAgent(req).agentId, req.body.status));

  http.delete('/console/presence', {
    schema: { tags: ['console'], summary: 'Go offline (signing out)', response: { 204: z.null() } },
  }, async (req, reply) => {
    await service.signOffPresence(desk, requireAgent(req).agentId);
    return reply.status(204).send(null);
  });

  http.get('/console/preferences', {
    schema: { tags: ['console'], summary: 'My console settings', response: { 200: preferencesSchema } },
  }, async (req) => service.preferences(desk, requireAgent(req).agentId));

  http.put('/console/preferences', {
    schema: {
      tags: ['console'],
      summary: 'Change my console settings: notification sound, desktop notifications, language',
      body: z.strictObject({ sound: z.boolean().optional(), desktopNotifications: z.boolean().optional(), locale: locale.optional() }),
      response: { 200: preferencesSchema },
    },
  }, async (req) => service.setPreferences(desk, requireAgent(req).agentId, req.body));

  // ------------------------------------------------------------------ teams
  http.get('/teams', {
    schema: { tags: ['teams'], summary: 'Teams and their members', response: { 200: z.object({ items: z.array(teamSchema), nextCursor: z.null() }) } },
  }, async (req) => {
    requireAgent(req);
    return { items: await service.listTeams(desk), nextCursor: null };
  });

  http.post('/teams', {
    schema: {
      tags: ['teams'],
      summary: 'Create a team (supervisor)',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), memberIds: z.array(id).max(500).optional() }),
      response: { 201: teamSchema },
    },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    return reply.status(201).send(await service.createTeam(desk, req.body));
  });

  http.patch('/teams/:id', {
    schema: {
      tags: ['teams'],
      summary: 'Rename a team or set its members (supervisor)',
      params: z.object({ id }),
      body: z.strictObject({ name: z.string().trim().min(1).max(100).optional(), memberIds: z.array(id).max(500).optional() }),
      response: { 200: teamSchema },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return service.updateTeam(desk, req.params.id, req.body);
  });

  http.delete('/teams/:id', {
    schema: { tags: ['teams'], summary: 'Delete a team; its cases keep their assignee (supervisor)', params: z.object({ id }), response: { 204: z.null() } },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    await service.deleteTeam(desk, req.params.id);
    return reply.status(204).send(null);
  });

  http.get('/console/cases/:id/team', {
    schema: { tags: ['teams'], summary: 'The team a case is with', params: z.object({ id }), response: { 200: z.object({ team: teamSchema.nullable() }) } },
  }, async (req) => ({ team: await service.caseTeam(desk, requireAgent(req), req.params.id) }));

  http.put('/console/cases/:id/team', {
    schema: {
      tags: ['teams'],
      summary: 'Transfer a case to a team (null: to no team); recorded as an internal note',
      params: z.object({ id }),
      body: z.strictObject({ teamId: id.nullable() }),
      response: { 200: z.object({ team: teamSchema.nullable() }) },
    },
  }, async (req) => ({ team: await service.setCaseTeam(desk, requireAgent(req), req.params.id, req.body.teamId) }));

  // ------------------------------------------------------------------ canned responses
  http.get('/canned-responses', {
    schema: {
      tags: ['canned responses'],
      summary: 'Saved replies, by shortcut; q filters by shortcut, title or text',
      querystring: z.object({ q: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(cannedSchema), nextCursor: z.null() }) },
    },
  }, async (req) => {
    requireAgent(req);
    return { items: await service.listCanned(desk, req.query.q), nextCursor: null };
  });

  http.post('/canned-responses', {
    schema: {
      tags: ['canned responses'],
      summary: 'Create a saved reply (supervisor); text per locale with {{customer.name}}, {{case.reference}}, {{agent.name}}',
      body: z.strictObject({ title: z.string().trim().min(1).max(200), shortcut, bodies }),
      response: { 201: cannedSchema },
    },
  }, async (req, reply) => {
    const agent = requireAgent(req, 'supervisor');
    return reply.status(201).send(await service.createCanned(desk, agent.agentId, req.body));
  });

  http.patch('/canned-responses/:id', {
    schema: {
      tags: ['canned responses'],
      summary: 'Change a saved reply (supervisor)',
      params: z.object({ id }),
      body: z.strictObject({ title: z.string().trim().min(1).max(200).optional(), shortcut: shortcut.optional(), bodies: bodies.optional() }),
      response: { 200: cannedSchema },
    },
  }, async (req) => {
    requireAgent(req, 'supervisor');
    return service.updateCanned(desk, req.params.id, req.body);
  });

  http.delete('/canned-responses/:id', {
    schema: { tags: ['canned responses'], summary: 'Delete a saved reply (supervisor)', params: z.object({ id }), response: { 204: z.null() } },
  }, async (req, reply) => {
    requireAgent(req, 'supervisor');
    await service.deleteCanned(desk, req.params.id);
    return reply.status(204).send(null);
  });
}
