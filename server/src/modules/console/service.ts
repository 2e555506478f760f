import type { Principal } from '../../kernel/auth.js';
import { isUniqueViolation } from '../../kernel/db/index.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { conflict, notFound, unprocessable } from '../../kernel/errors.js';
import { t, toLocale } from '../../kernel/i18n.js';
import { getCase, listCases, postMessage, systemPrincipal, type ListQuery } from '../cases/service.js';
import type { CaseView } from '../cases/views.js';
import { getAgent, getCustomer, listAgents, updateAgent } from '../identity/service.js';
import { onlineAgents, setAgentStatus } from '../realtime/service.js';
import './events.js';
import * as store from './store.js';

type Agent = Extract<Principal, { kind: 'agent' }>;

// ------------------------------------------------------------------------------------------ inbox

export interface InboxCase extends CaseView {
  customerName: string | null;
  teamId: string | null;
}

const NAMES = Symbol('console.customerNames');

/** Customer names for case cards; names rarely change, so a bounded per-node cache saves a query per card. */
async function customerNames(desk: Desk, ids: string[]): Promise<Map<string, string>> {
  const cache = moduleState(desk, NAMES, () => new Map<string, string>());
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  if (cache.size + missing.length > 5000) cache.clear();
  await Promise.all(
    missing.map(async (id) => {
      const c = await getCustomer(desk, id);
      if (c) cache.set(id, c.name);
    }),
  );
  return new Map(ids.filter((id) => cache.has(id)).map((id) => [id, cache.get(id)!]));
}

/** One page of the inbox: GET /cases with what a case card shows beside it (customer name, team). */
export async function inboxPage(desk: Desk, agent: Agent, query: ListQuery): Promise<{ items: InboxCase[]; nextCursor: string | null }> {
  const page = await listCases(desk, agent, query);
  const ids = page.items.map((c) => c.id);
  const [names, teamOf] = await Promise.all([
    customerNames(desk, page.items.flatMap((c) => (c.customerId ? [c.customerId] : []))),
    store.teamsOfCases(desk.db, ids),
  ]);
  return {
    items: page.items.map((c) => ({ ...c, customerName: c.customerId ? (names.get(c.customerId) ?? null) : null, teamId: teamOf.get(c.id) ?? null })),
    nextCursor: page.nextCursor,
  };
}

// ------------------------------------------------------------------------------------------ queue snapshot

interface OpenCase {
  id: string;
  status: CaseView['status'];
  channel: string;
  category: string;
  assigneeId: string | null;
  createdAt: number;
  waitingSince: number | null;
  /** The assistant is still answering alone: not in the agents' queue (cases/views.ts `withAssistant`). */
  withAssistant: boolean;
}
interface Snapshot {
  at: number;
  cases: OpenCase[];
  /** True when there were more open cases than we scan; counts are then lower bounds. */
  truncated: boolean;
}
interface SnapshotState {
  current?: Snapshot;
  pending?: Promise<Snapshot>;
  dirty: boolean;
}

const SNAPSHOT = Symbol('console.snapshot');
const SCAN_LIMIT = 5000;

/**
 * Open and pending cases, read through the cases service page by page (oldest first, so a case that changes during
 * the scan is not skipped). Cached per node; a case event marks it dirty and the next reader refreshes it.
 */
async function openCases(desk: Desk): Promise<Snapshot> {
  const state = moduleState<SnapshotState>(desk, SNAPSHOT, () => {
    const s: SnapshotState = { dirty: true };
    const mark = () => {
      s.dirty = true;
    };
    desk.onStop(desk.events.on('case.created', mark));
    desk.onStop(desk.events.on('case.updated', mark));
    // A customer writing reopens a pending or resolved case without a case.updated.
    desk.onStop(desk.events.on('message.created', mark));
    return s;
  });
  const age = state.current ? Date.now() - state.current.at : Infinity;
  if (state.current && !state.dirty && age < 15_000) return state.current;
  // A scan already queued after the last change answers everyone who asks meanwhile.
  if (state.pending && !state.dirty) return state.pending;
  state.dirty = false;
  const scan = (state.pending ?? Promise.resolve()).catch(() => undefined).then(() => scanOpenCases(desk));
  state.pending = scan;
  scan.then(
    (snap) => {
      state.current = snap;
      if (state.pending === scan) state.pending = undefined;
    },
    () => {
      state.dirty = true;
      if (state.pending === scan) state.pending = undefined;
    },
  );
  return scan;
}

async function scanOpenCases(desk: Desk): Promise<Snapshot> {
  const found = new Map<string, OpenCase>();
  let cursor: string | undefined;
  let truncated = false;
  do {
    const page = await listCases(desk, systemPrincipal, { status: ['open', 'pending'], sort: 'created', limit: 100, cursor });
    for (const c of page.items) {
      found.set(c.id, {
        id: c.id,
        status: c.status,
        channel: c.channel,
        category: c.category,
        assigneeId: c.assigneeId,
        createdAt: Date.parse(c.createdAt),
        waitingSince: c.waitingSince ? Date.parse(c.waitingSince) : null,
        withAssistant: c.withAssistant,
      });
    }
    cursor = page.nextCursor ?? undefined;
    if (cursor && found.size >= SCAN_LIMIT) {
      truncated = true;
      break;
    }
  } while (cursor);
  return { at: Date.now(), cases: [...found.values()], truncated };
}

export interface InboxCounts {
  mine: number;
  unassigned: number;
  all: number;
  /** Cases where the customer wrote last and nobody has answered yet. */
  waiting: number;
  /** Conversations the assistant is still answering alone (not counted in the others). */
  assistant: number;
  truncated: boolean;
}

/** The agents' queue: open and pending cases a person has, or that the assistant handed over. */
const queueOf = (snap: Snapshot) => snap.cases.filter((c) => !c.withAssistant);

export async function inboxCounts(desk: Desk, agent: Agent): Promise<InboxCounts> {
  const snap = await openCases(desk);
  const queue = queueOf(snap);
  return {
    mine: queue.filter((c) => c.assigneeId === agent.agentId).length,
    unassigned: queue.filter((c) => !c.assigneeId).length,
    all: queue.length,
    waiting: queue.filter((c) => c.waitingSince !== null).length,
    assistant: snap.cases.length - queue.length,
    truncated: snap.truncated,
  };
}

const HOUR = 3600_000;
export const ageBuckets = [
  { id: 'lt1h', max: HOUR },
  { id: '1to4h', max: 4 * HOUR },
  { id: '4to24h', max: 24 * HOUR },
  { id: '1to3d', max: 72 * HOUR },
  { id: 'gt3d', max: Infinity },
] as const;

function bucketOf(ms: number): string {
  return ageBuckets.find((b) => ms < b.max)!.id;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

const PRESENCE_WINDOW_SECONDS = 75;

export type PresenceStatus = 'online' | 'away' | 'offline';

/**
 * Who is there: an agent connected to the realtime server (any node) is online or away as they chose; an agent whose
 * console only reaches the HTTP API (a proxy that blocks WebSocket and long-polling alike) counts by its heartbeat.
 */
export async function presenceList(desk: Desk): Promise<{ agentId: string; name: string; role: string; status: PresenceStatus; lastSeenAt: string | null }[]> {
  const [agents, seen, connected] = await Promise.all([
    listAgents(desk),
    store.recentPresence(desk.db, PRESENCE_WINDOW_SECONDS),
    onlineAgents(desk).catch(() => []),
  ]);
  const byAgent = new Map(seen.map((p) => [p.agentId, p]));
  const live = new Map(connected.map((a) => [a.agentId, a.status]));
  return agents
    .filter((a) => a.active)
    .map((a) => {
      const p = byAgent.get(a.id);
      const status: PresenceStatus = live.get(a.id) ?? (p ? p.status : 'offline');
      return { agentId: a.id, name: a.name, role: a.role, status, lastSeenAt: p ? p.lastSeenAt.toISOString() : null };
    });
}

/** The supervisor's picture of the queue: what is open, where it came from, how old it is, who is there to take it. */
export async function queueOverview(desk: Desk) {
  const [snap, presence] = await Promise.all([openCases(desk), presenceList(desk)]);
  const now = Date.now();
  const queue = queueOf(snap);
  const load = countBy(queue.filter((c) => c.assigneeId), (c) => c.assigneeId!);
  const open = countBy(queue.filter((c) => c.assigneeId && c.status === 'open'), (c) => c.assigneeId!);
  const waiting = queue.filter((c) => c.waitingSince !== null);
  const oldestWaiting = waiting.reduce<number | null>((min, c) => (min === null || c.waitingSince! < min ? c.waitingSince : min), null);
  return {
    generatedAt: new Date(snap.at).toISOString(),
    truncated: snap.truncated,
    totals: {
      open: queue.filter((c) => c.status === 'open').length,
      pending: queue.filter((c) => c.status === 'pending').length,
      unassigned: queue.filter((c) => !c.assigneeId).length,
      waiting: waiting.length,
      oldestWaitingSince: oldestWaiting === null ? null : new Date(oldestWaiting).toISOString(),
      withAssistant: snap.cases.length - queue.length,
    },
    byChannel: countBy(queue, (c) => c.channel),
    byCategory: countBy(queue, (c) => c.category),
    byAge: Object.fromEntries(ageBuckets.map((b) => [b.id, queue.filter((c) => bucketOf(now - c.createdAt) === b.id).length])),
    byWaiting: Object.fromEntries(ageBuckets.map((b) => [b.id, waiting.filter((c) => bucketOf(now - c.waitingSince!) === b.id).length])),
    // `open` is what automatic assignment counts against its limit; pending cases wait on the customer.
    agents: presence.map((p) => ({ ...p, load: load[p.agentId] ?? 0, open: open[p.agentId] ?? 0, pending: (load[p.agentId] ?? 0) - (open[p.agentId] ?? 0) })),
  };
}

// ------------------------------------------------------------------------------------------ presence, preferences

export async function setPresence(desk: Desk, agentId: string, status: 'online' | 'away') {
  const before = (await store.recentPresence(desk.db, PRESENCE_WINDOW_SECONDS)).find((p) => p.agentId === agentId);
  const row = await store.savePresence(desk.db, agentId, status);
  // A change of mind (not every heartbeat) is told to the realtime module, which tells every node and every agent.
  if (before?.status !== status) {
    await setAgentStatus(desk, agentId, status);
    desk.events.emit('agent.presence', { agentId, status });
  }
  return { status: row.status, lastSeenAt: row.lastSeenAt.toISOString() };
}

export const signOffPresence = (desk: Desk, agentId: string) => store.clearPresence(desk.db, agentId);

export async function preferences(desk: Desk, agentId: string) {
  const [row, agent] = await Promise.all([store.preferencesOf(desk.db, agentId), getAgent(desk, agentId)]);
  return { sound: row?.sound ?? true, desktopNotifications: row?.desktopNotifications ?? true, locale: toLocale(agent?.locale) ?? 'en' };
}

export async function setPreferences(desk: Desk, agentId: string, patch: { sound?: boolean; desktopNotifications?: boolean; locale?: string }) {
  const { locale, ...flags } = patch;
  if (Object.keys(flags).length) await store.savePreferences(desk.db, agentId, flags);
  // The agent's language lives with their identity (it is what /me reports); the identity service owns it.
  if (locale) await updateAgent(desk, agentId, { locale });
  return preferences(desk, agentId);
}

// ------------------------------------------------------------------------------------------ teams

export interface TeamView {
  id: string;
  name: string;
  members: { id: string; name: string }[];
  createdAt: string;
}

export async function listTeams(desk: Desk): Promise<TeamView[]> {
  const [teams, members, agents] = await Promise.all([store.allTeams(desk.db), store.memberships(desk.db), listAgents(desk)]);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    members: members
      .filter((m) => m.teamId === team.id && names.has(m.agentId))
      .map((m) => ({ id: m.agentId, name: names.get(m.agentId)! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: team.createdAt.toISOString(),
  }));
}

/** For each of these cases that is with a team, the team's members (who may take it). */
export async function teamMembersOfCases(desk: Desk, caseIds: string[]): Promise<Map<string, Set<string>>> {
  const byCase = await store.teamsOfCases(desk.db, caseIds);
  if (!byCase.size) return new Map();
  const members = new Map<string, Set<string>>();
  for (const m of await store.memberships(desk.db)) members.set(m.teamId, (members.get(m.teamId) ?? new Set()).add(m.agentId));
  return new Map([...byCase].map(([caseId, teamId]) => [caseId, members.get(teamId) ?? new Set<string>()]));
}

async function teamView(desk: Desk, id: string): Promise<TeamView> {
  const team = (await listTeams(desk)).find((x) => x.id === id);
  if (!team) throw notFound();
  return team;
}

async function checkAgents(desk: Desk, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const known = new Set((await listAgents(desk)).filter((a) => a.active).map((a) => a.id));
  if (unique.some((id) => !known.has(id))) throw unprocessable('unknown_assignee');
  return unique;
}

export async function createTeam(desk: Desk, input: { name: string; memberIds?: string[] }): Promise<TeamView> {
  const members = await checkAgents(desk, input.memberIds ?? []);
  let team;
  try {
    team = await store.insertTeam(desk.db, input.name.trim());
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('team_exists');
    throw error;
  }
  await store.setMembers(desk.db, team.id, members);
  return teamView(desk, team.id);
}

export async function updateTeam(desk: Desk, id: string, patch: { name?: string; memberIds?: string[] }): Promise<TeamView> {
  if (!(await store.findTeam(desk.db, id))) throw notFound();
  if (patch.name !== undefined) {
    try {
      await store.renameTeam(desk.db, id, patch.name.trim());
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('team_exists');
      throw error;
    }
  }
  if (patch.memberIds) await store.setMembers(desk.db, id, await checkAgents(desk, patch.memberIds));
  return teamView(desk, id);
}

export async function deleteTeam(desk: Desk, id: string): Promise<void> {
  if (!(await store.deleteTeam(desk.db, id))) throw notFound();
}

export async function caseTeam(desk: Desk, agent: Agent, caseId: string): Promise<TeamView | null> {
  await getCase(desk, agent, caseId);
  const teamId = (await store.teamsOfCases(desk.db, [caseId])).get(caseId);
  return teamId ? teamView(desk, teamId) : null;
}

/**
 * Transfers a case to a team (or takes it away from any). The case's own history belongs to the cases module, so
 * the transfer is recorded as an internal system note on the case: agents see it in the timeline and in the
 * transcript, customers never do.
 */
export async function setCaseTeam(desk: Desk, agent: Agent, caseId: string, teamId: string | null): Promise<TeamView | null> {
  await getCase(desk, agent, caseId);
  const before = (await store.teamsOfCases(desk.db, [caseId])).get(caseId) ?? null;
  if (before === teamId) return teamId ? teamView(desk, teamId) : null;
  const team = teamId ? await store.findTeam(desk.db, teamId) : undefined;
  if (teamId && !team) throw unprocessable('unknown_team');
  await store.setCaseTeam(desk.db, caseId, teamId, agent.agentId);
  const by = (await getAgent(desk, agent.agentId))?.name ?? '';
  const body = team ? t('en', 'console.team_transferred', { team: team.name, agent: by }) : t('en', 'console.team_removed', { agent: by });
  await postMessage(desk, systemPrincipal, caseId, {
    body,
    clientMessageId: `team:${caseId}:${Date.now()}`,
    internal: true,
    authorKind: 'system',
    metadata: { kind: 'team_transfer', teamId, teamName: team?.name ?? null, byAgentId: agent.agentId, byAgentName: by },
  });
  return teamId ? teamView(desk, teamId) : null;
}

// ------------------------------------------------------------------------------------------ canned responses

export interface CannedView {
  id: string;
  title: string;
  shortcut: string;
  bodies: Partial<Record<'en' | 'id-ID' | 'zh-CN', string>>;
  updatedAt: string;
}

const cannedView = (r: store.CannedRow): CannedView => ({ id: r.id, title: r.title, shortcut: r.shortcut, bodies: r.bodies, updatedAt: r.updatedAt.toISOString() });

function cleanBodies(bodies: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, text] of Object.entries(bodies)) if (text && text.trim()) out[locale] = text;
  if (!Object.keys(out).length) throw unprocessable('canned_needs_text');
  return out;
}

export async function listCanned(desk: Desk, q?: string): Promise<CannedView[]> {
  const all = (await store.allCanned(desk.db)).map(cannedView);
  const needle = q?.trim().toLowerCase();
  if (!needle) return all;
  return all.filter((c) => c.shortcut.includes(needle) || c.title.toLowerCase().includes(needle) || Object.values(c.bodies).some((b) => b?.toLowerCase().includes(needle)));
}

export async function createCanned(desk: Desk, agentId: string, input: { title: string; shortcut: string; bodies: Partial<Record<string, string>> }): Promise<CannedView> {
  const bodies = cleanBodies(input.bodies);
  if (await store.findCannedByShortcut(desk.db, input.shortcut)) throw conflict('shortcut_taken');
  try {
    return cannedView(await store.insertCanned(desk.db, { title: input.title.trim(), shortcut: input.shortcut, bodies, createdBy: agentId }));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('shortcut_taken');
    throw error;
  }
}

export async function updateCanned(desk: Desk, id: string, patch: { title?: string; shortcut?: string; bodies?: Partial<Record<string, string>> }): Promise<CannedView> {
  if (!(await store.findCanned(desk.db, id))) throw notFound();
  if (patch.shortcut) {
    const other = await store.findCannedByShortcut(desk.db, patch.shortcut);
    if (other && other.id !== id) throw conflict('shortcut_taken');
  }
  const values: Parameters<typeof store.updateCanned>[2] = {};
  if (patch.title !== undefined) values.title = patch.title.trim();
  if (patch.shortcut !== undefined) values.shortcut = patch.shortcut;
  if (patch.bodies !== undefined) values.bodies = cleanBodies(patch.bodies);
  try {
    return cannedView((await store.updateCanned(desk.db, id, values))!);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('shortcut_taken');
    throw error;
  }
}

export async function deleteCanned(desk: Desk, id: string): Promise<void> {
  if (!(await store.deleteCanned(desk.db, id))) throw notFound();
}
