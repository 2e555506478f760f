import type { Desk } from '../../kernel/desk.js';
import { listAgents } from '../identity/service.js';
import type { PresenceEntry, PresenceStatus } from './presence.js';
import { realtimeState } from './state.js';
import * as store from './store.js';

export { caseReceipts, messageReceipts, recordReceipt } from './receipts.js';
export type { PresenceEntry, PresenceStatus } from './presence.js';

export interface RealtimeHealth {
  /** Nodes with a live heartbeat, this one included (only with Redis). */
  nodes?: number;
  /** Socket.IO connections on this node. */
  connections: number;
  redis: 'up' | 'down' | 'off';
}

/** For the status module's monitors: is realtime running here, how busy, and is the cross-node bus up. */
export function realtimeHealth(desk: Desk): RealtimeHealth {
  const node = realtimeState(desk).node;
  if (!node) return { connections: 0, redis: desk.config.REDIS_URL ? 'down' : 'off' };
  if (!node.redis) return { connections: node.connections(), redis: 'off' };
  return { nodes: node.presence.nodes, connections: node.connections(), redis: node.redis.state };
}

/**
 * Agents connected on any node right now, with the status they chose ("is live chat staffed now": any `online`).
 * Read fresh from every node's heartbeat; on a node that runs no realtime server (tests, jobs-only) it is empty.
 */
export async function onlineAgents(desk: Desk): Promise<{ agentId: string; name: string; status: 'online' | 'away' }[]> {
  const node = realtimeState(desk).node;
  if (!node) return [];
  await node.presence.refresh();
  return node.presence.list().flatMap((e) => (e.status === 'offline' ? [] : [{ agentId: e.agentId, name: e.name, status: e.status }]));
}

/** Every active agent with their presence (offline when not connected anywhere). */
export async function agentPresence(desk: Desk): Promise<PresenceEntry[]> {
  const online = new Map((await onlineAgents(desk)).map((a) => [a.agentId, a.status as PresenceStatus]));
  const agents = await listAgents(desk);
  return agents.filter((a) => a.active).map((a) => ({ agentId: a.id, name: a.name, status: online.get(a.id) ?? 'offline' }));
}

/** An agent chooses online or away; every node learns it, and it survives reconnects. */
export async function setAgentStatus(desk: Desk, agentId: string, status: 'online' | 'away'): Promise<void> {
  await store.setAgentStatus(desk.db, agentId, status);
  const node = realtimeState(desk).node;
  if (!node) return;
  node.presence.setStatus(agentId, status);
  node.relay({ kind: 'presence', agentId, status });
}
