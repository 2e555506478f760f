import type { Logger } from 'pino';
import type { RedisLink } from './redis.js';
import type { AgentStatus } from './store.js';

export type PresenceStatus = AgentStatus | 'offline';
export interface PresenceEntry {
  agentId: string;
  name: string;
  status: PresenceStatus;
}
export interface Viewer {
  id: string;
  name: string;
}

/** What one node publishes about itself: its connection count, its connected agents, who views which case there. */
interface NodeSnapshot {
  node: string;
  connections: number;
  agents: Record<string, number>;
  viewing: Record<string, string[]>;
}

export interface PresenceDeps {
  nodeId: string;
  prefix: string;
  redis: RedisLink | undefined;
  log: Logger;
  connections: () => number;
  /** Chosen statuses (online/away) of these agents; agents without one are online. */
  statuses: (agentIds: string[]) => Promise<Map<string, AgentStatus>>;
  names: (agentIds: string[]) => Promise<Map<string, string>>;
  /** Cluster-wide presence of an agent changed: tell this node's agents. */
  onPresence: (entry: PresenceEntry) => void;
  /** Who views a case changed: tell this node's sockets in that case. */
  onViewing: (caseId: string, viewers: Viewer[]) => void;
  /** A snapshot lives this long unless its node renews it: a node that dies takes its agents offline after it. */
  ttlMs?: number;
}

/**
 * Presence and "agent is viewing" across every node. Each node knows its own connections exactly and publishes them
 * as a snapshot with a TTL (a heartbeat key); every node merges all live snapshots itself and tells its own sockets
 * what changed. A node that stops cleanly deletes its snapshot; one that dies stops renewing it and its agents go
 * offline when it expires. Without Redis the node's own connections are the whole picture.
 */
export class ClusterPresence {
  private readonly agentSockets = new Map<string, Set<string>>();
  private readonly viewers = new Map<string, Map<string, Set<string>>>();
  private readonly remote = new Map<string, { snapshot: NodeSnapshot; expiresAt: number }>();
  private presenceView = new Map<string, AgentStatus>();
  private viewingView = new Map<string, string[]>();
  private readonly statusCache = new Map<string, AgentStatus>();
  private readonly nameCache = new Map<string, string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private reloadStatuses = false;
  readonly ttlMs: number;
  /** Nodes with a live snapshot, this one included (1 without Redis). */
  nodes = 1;

  constructor(private readonly deps: PresenceDeps) {
    this.ttlMs = deps.ttlMs ?? 10_000;
  }

  private get nodeKey() {
    return `${this.deps.prefix}:rt:node:${this.deps.nodeId}`;
  }
  private get nodesKey() {
    return `${this.deps.prefix}:rt:nodes`;
  }

  /** Returns true when this is the agent's first connection on this node. */
  addAgentSocket(agentId: string, socketId: string): boolean {
    const set = this.agentSockets.get(agentId) ?? new Set<string>();
    set.add(socketId);
    this.agentSockets.set(agentId, set);
    return set.size === 1;
  }

  /** Returns true when that was the agent's last connection on this node. */
  removeAgentSocket(agentId: string, socketId: string): boolean {
    const set = this.agentSockets.get(agentId);
    if (!set?.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.agentSockets.delete(agentId);
    return true;
  }

  /** Returns true when the set of agents viewing the case on this node changed. */
  setViewing(caseId: string, agentId: string, socketId: string, viewing: boolean): boolean {
    const byAgent = this.viewers.get(caseId) ?? new Map<string, Set<string>>();
    const sockets = byAgent.get(agentId) ?? new Set<string>();
    const before = sockets.size > 0;
    if (viewing) sockets.add(socketId);
    else sockets.delete(socketId);
    if (sockets.size) byAgent.set(agentId, sockets);
    else byAgent.delete(agentId);
    if (byAgent.size) this.viewers.set(caseId, byAgent);
    else this.viewers.delete(caseId);
    return before !== sockets.size > 0;
  }

  /** The chosen status changed (this node or a hint from another): believe it until the next reload. */
  setStatus(agentId: string, status: AgentStatus): void {
    this.statusCache.set(agentId, status);
  }

  /** Agents who are connected somewhere, with their status; offline agents are not listed. */
  list(): PresenceEntry[] {
    return [...this.presenceView].map(([agentId, status]) => ({ agentId, name: this.nameCache.get(agentId) ?? '', status }));
  }

  statusOf(agentId: string): PresenceStatus {
    return this.presenceView.get(agentId) ?? 'offline';
  }

  viewersOf(caseId: string): Viewer[] {
    return (this.viewingView.get(caseId) ?? []).map((id) => ({ id, name: this.nameCache.get(id) ?? '' }));
  }

  /** Writes this node's snapshot (heartbeat). Without Redis, or while it is down, there is nothing to write. */
  async publish(): Promise<void> {
    const redis = this.deps.redis;
    if (!redis) return;
    const snapshot: NodeSnapshot = {
      node: this.deps.nodeId,
      connections: this.deps.connections(),
      agents: Object.fromEntries([...this.agentSockets].map(([id, s]) => [id, s.size])),
      viewing: Object.fromEntries([...this.viewers].map(([caseId, byAgent]) => [caseId, [...byAgent.keys()]])),
    };
    const expiresAt = Date.now() + this.ttlMs;
    await redis.tryCommand((c) =>
      c.multi().set(this.nodeKey, JSON.stringify(snapshot), { PX: this.ttlMs }).zAdd(this.nodesKey, { score: expiresAt, value: this.deps.nodeId }).exec(),
    );
  }

  /** Removes this node's snapshot, so its agents go offline everywhere now rather than at expiry. */
  async withdraw(): Promise<void> {
    await this.deps.redis?.tryCommand((c) => c.multi().del(this.nodeKey).zRem(this.nodesKey, this.deps.nodeId).exec());
  }

  /** Recomputes soon; several requests within a few milliseconds make one read. */
  scheduleRefresh(delayMs = 20): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, delayMs);
    this.refreshTimer.unref();
  }

  /** Reads every node's snapshot, merges, and reports what changed since the last time. */
  refresh(options: { reloadStatuses?: boolean } = {}): Promise<void> {
    if (options.reloadStatuses) this.reloadStatuses = true;
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.compute()
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'presence: refresh failed'))
      .finally(() => {
        this.refreshing = undefined;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
  }

  private async readRemote(): Promise<void> {
    const redis = this.deps.redis;
    const now = Date.now();
    if (redis) {
      const ids = await redis.tryCommand(async (c) => {
        await c.zRemRangeByScore(this.nodesKey, '-inf', now);
        return c.zRangeByScore(this.nodesKey, now, '+inf');
      });
      if (ids) {
        const others = ids.filter((id) => id !== this.deps.nodeId);
        const raw = others.length ? await redis.tryCommand((c) => c.mGet(others.map((id) => `${this.deps.prefix}:rt:node:${id}`))) : [];
        if (raw) {
          this.remote.clear();
          others.forEach((id, i) => {
            const text = raw[i];
            if (!text) return;
            try {
              this.remote.set(id, { snapshot: JSON.parse(text) as NodeSnapshot, expiresAt: now + this.ttlMs });
            } catch {
              // A snapshot we cannot read counts as absent.
            }
          });
        }
      }
    }
    // Redis down: keep believing what other nodes last said until it would have expired anyway.
    for (const [id, entry] of this.remote) if (entry.expiresAt < now) this.remote.delete(id);
    this.nodes = 1 + this.remote.size;
  }

  private async compute(): Promise<void> {
    await this.readRemote();
    const connected = new Set(this.agentSockets.keys());
    const viewing = new Map<string, Set<string>>();
    for (const [caseId, byAgent] of this.viewers) viewing.set(caseId, new Set(byAgent.keys()));
    for (const { snapshot } of this.remote.values()) {
      for (const id of Object.keys(snapshot.agents ?? {})) connected.add(id);
      for (const [caseId, ids] of Object.entries(snapshot.viewing ?? {})) {
        const set = viewing.get(caseId) ?? new Set<string>();
        for (const id of ids) set.add(id);
        viewing.set(caseId, set);
      }
    }
    const ids = [...connected];
    const unknownStatus = this.reloadStatuses ? ids : ids.filter((id) => !this.statusCache.has(id));
    this.reloadStatuses = false;
    if (unknownStatus.length) {
      const found = await this.deps.statuses(unknownStatus);
      for (const id of unknownStatus) this.statusCache.set(id, found.get(id) ?? 'online');
    }
    const viewerIds = new Set<string>();
    for (const set of viewing.values()) for (const id of set) viewerIds.add(id);
    const unnamed = [...new Set([...ids, ...viewerIds])].filter((id) => !this.nameCache.has(id));
    if (unnamed.length) {
      const names = await this.deps.names(unnamed);
      for (const id of unnamed) this.nameCache.set(id, names.get(id) ?? '');
    }

    const presence = new Map(ids.map((id) => [id, this.statusCache.get(id) ?? ('online' as const)]));
    for (const [id, status] of presence) {
      if (this.presenceView.get(id) !== status) this.deps.onPresence({ agentId: id, name: this.nameCache.get(id) ?? '', status });
    }
    for (const id of this.presenceView.keys()) {
      if (!presence.has(id)) this.deps.onPresence({ agentId: id, name: this.nameCache.get(id) ?? '', status: 'offline' });
    }
    this.presenceView = presence;

    const nextViewing = new Map([...viewing].map(([caseId, set]) => [caseId, [...set].sort()]));
    for (const [caseId, agentIds] of nextViewing) {
      if ((this.viewingView.get(caseId) ?? []).join(',') !== agentIds.join(',')) {
        this.deps.onViewing(caseId, agentIds.map((id) => ({ id, name: this.nameCache.get(id) ?? '' })));
      }
    }
    for (const caseId of this.viewingView.keys()) if (!nextViewing.has(caseId)) this.deps.onViewing(caseId, []);
    this.viewingView = nextViewing;
  }
}
