import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import { Counter, Gauge, Histogram } from 'prom-client';
import { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { errorBody } from '../../kernel/http.js';
import type { Locale } from '../../kernel/i18n.js';
import { visibleText } from '../../kernel/text.js';
import * as cases from '../cases/service.js';
import { caseShownTo, historyShownTo, messageShownTo, type CaseView, type MessageView } from '../cases/views.js';
import { getAgent, getCustomer, listAgents, resolveToken } from '../identity/service.js';
import { SESSION_COOKIE } from '../identity/http.js';
import type { Ack, AckError, Author, ClientToServerEvents, InterServerEvents, RelayEnvelope, ServerToClientEvents, SocketData } from './events.js';
import { ownerRooms, rooms } from './events.js';
import { RateLimiter } from './limits.js';
import { ClusterPresence, type PresenceEntry } from './presence.js';
import { RedisLink } from './redis.js';
import { relayingAdapter, RELAY_EVENT } from './relay.js';
import { CaseSequencer } from './sequencer.js';
import * as store from './store.js';
import { recordReceipt } from './receipts.js';
import { setAgentStatus } from './service.js';

type SapaServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type SapaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** One live subscription of one socket to one case. */
interface Subscription {
  caseId: string;
  sequencer: CaseSequencer<MessageView>;
}

/** This node's state about one connected socket (never shared: the token stays here). */
interface Connection {
  socket: SapaSocket;
  principal: Principal;
  author: Author;
  token: string;
  limiter: RateLimiter;
  subscriptions: Map<string, Subscription>;
  /** Cases this principal was found allowed to see. */
  allowed: Set<string>;
  /** Cases this connection is typing in: when it stops by itself, and whether only agents were told. */
  typing: Map<string, { timer: NodeJS.Timeout; internal: boolean }>;
  viewing: Set<string>;
  validatedAt: number;
}

export interface RealtimeNode {
  nodeId: string;
  io: SapaServer;
  redis: RedisLink | undefined;
  presence: ClusterPresence;
  /** Closes client connections so the HTTP server can close (runs before Fastify closes). */
  disconnectClients(): void;
  /** Delivers a relay envelope on this node and, with Redis, on every other. */
  relay(envelope: RelayEnvelope): void;
  /** Emits to rooms on every node (this node only while Redis is down). */
  broadcast<E extends keyof ServerToClientEvents>(to: string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  connections(): number;
  stop(): Promise<void>;
}

/**
 * Writes one event to one socket, bypassing the adapter. With connection-state recovery on, Socket.IO sends even a
 * single socket's events through the adapter, which (with Redis) appends each to the cluster stream for every node
 * to read, and (without) keeps each in memory to replay after a reconnect. Messages need neither: a reconnecting
 * client re-syncs from its last seq, and a replayed copy would only arrive twice. This is what `socket.emit` does
 * with recovery off.
 */
type DirectSocket = { packet(packet: { type: number; data: unknown[] }, options: Record<string, unknown>): void };
const EVENT_PACKET = 2; // socket.io-parser's PacketType.EVENT
function sendDirect<E extends keyof ServerToClientEvents>(socket: SapaSocket, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
  (socket as unknown as DirectSocket).packet({ type: EVENT_PACKET, data: [event, ...args] }, {});
}
if (typeof (Socket.prototype as unknown as Partial<DirectSocket>).packet !== 'function') {
  throw new Error('realtime: socket.io no longer has Socket#packet; sendDirect needs updating');
}

/**
 * A `message` event encoded once per node, written to each subscriber as is: the same Socket.IO packet and
 * WebSocket frame Socket.IO's own room broadcasts reuse (the adapter's `_encode`), instead of a JSON encoding and a
 * frame per subscriber. Like sendDirect it bypasses the adapter (no copy in the cluster stream or recovery buffer).
 */
interface PreEncoded {
  packets: unknown[];
  opts: Record<string, unknown>;
}
type EncodingAdapter = { _encode?: (packet: { type: number; data: unknown[]; nsp: string }, opts: Record<string, unknown>) => unknown[] };
type EngineClient = { client: { conn: { readyState: string }; writeToEngine(packets: unknown[], opts: Record<string, unknown>): void } };

const TYPING_TTL_MS = 8000;
const PRESENCE_HEARTBEAT_MS = 3000;
const TAIL_CHECK_MS = 5000;
const REVALIDATE_MS = 45_000;
const RELAY_BATCH_MAX = 64;

// Client payloads: the same limits as the HTTP routes.
const id = z.string().min(1).max(100);
const schemas = {
  subscribe: z.object({ caseId: id, afterSeq: z.coerce.number().int().min(0).default(0) }),
  unsubscribe: z.object({ caseId: id }),
  'message:send': z.strictObject({
    caseId: id,
    body: z.string().max(20_000).refine((v) => visibleText(v).length > 0, 'must contain some text'),
    clientMessageId: z.string().trim().min(1).max(200),
    attachmentIds: z.array(id).max(20).optional(),
    internal: z.boolean().optional(),
  }),
  typing: z.object({ caseId: id, typing: z.boolean(), internal: z.boolean().optional() }),
  receipt: z.object({ caseId: id, seq: z.number().int().min(1), kind: z.enum(['delivered', 'read']) }),
  viewing: z.object({ caseId: id, viewing: z.boolean() }),
  'presence:set': z.object({ status: z.enum(['online', 'away']) }),
  'inbox:subscribe': z.object({}).passthrough(),
  'inbox:unsubscribe': z.object({}).passthrough(),
};
type ClientEvent = keyof typeof schemas;

/** A database that cannot be reached is a 503 for HTTP; for a socket it is an error the client retries. */
function isDatabaseDown(error: unknown): boolean {
  const text = String(error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : error);
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code;
  return (
    /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|PGlite is closed|pool after calling end/i.test(text) ||
    (typeof code === 'string' && /^(08|57P)/.test(code))
  );
}

export function startRealtime(desk: Desk, httpServer: HttpServer): RealtimeNode {
  const log = desk.log.child({ part: 'realtime' });
  const nodeId = randomUUID();
  const prefix = desk.config.SAPA_REDIS_PREFIX;
  const redis = desk.config.REDIS_URL ? new RedisLink(desk.config.REDIS_URL, log) : undefined;
  const connections = new Map<string, Connection>();
  const byCase = new Map<string, Set<Subscription>>();
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;

  const metrics = {
    connections: new Gauge({ name: 'sapa_realtime_connections', help: 'Socket.IO connections on this node', registers: [desk.metrics.registry], collect() { this.set(connections.size); } }),
    events: new Counter({ name: 'sapa_realtime_client_events_total', help: 'Client events by event and outcome', labelNames: ['event', 'outcome'] as const, registers: [desk.metrics.registry] }),
    delivered: new Counter({ name: 'sapa_realtime_messages_emitted_total', help: 'Messages written to sockets, by path', labelNames: ['path'] as const, registers: [desk.metrics.registry] }),
    transit: new Histogram({
      name: 'sapa_realtime_relay_transit_seconds',
      help: 'From a node announcing a message to another node receiving it (through Redis)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [desk.metrics.registry],
    }),
    relayed: new Counter({
      name: 'sapa_realtime_relay_announcements_total',
      help: 'Announcements this node sent to the cluster, and the stream entries that carried them',
      labelNames: ['unit'] as const,
      registers: [desk.metrics.registry],
    }),
    redisUp: new Gauge({ name: 'sapa_realtime_redis_up', help: '1 when Redis is configured and reachable', registers: [desk.metrics.registry], collect() { this.set(redis?.ready ? 1 : 0); } }),
  };

  // Bound once: a labelled inc() per delivery would hash its labels thousands of times a second.
  const deliveredSubscription = metrics.delivered.labels('subscription');
  const deliveredInbox = metrics.delivered.labels('inbox');
  const relayedEntries = metrics.relayed.labels('entry');
  const relayedEnvelopes = metrics.relayed.labels('envelope');

  const io: SapaServer = new Server(httpServer, {
    path: '/realtime',
    serveClient: false,
    transports: ['polling', 'websocket'],
    // A message body is at most 20,000 characters; nothing a client sends needs more.
    maxHttpBufferSize: 256 * 1024,
    // The widget is embedded on the wallet's own sites: allow any origin without credentials (it sends a token).
    cors: { origin: '*' },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(redis ? { adapter: relayingAdapter(redis, prefix, (envelope) => receive(envelope, true)) } : {}),
  });

  // ------------------------------------------------------------------------------------------ fan-out

  // Live messages reach every local subscriber as one shared object: encode it once, on its first write.
  const encoded = new WeakMap<MessageView, PreEncoded>();
  // And customers one shared copy of it, without the team's metadata (the assistant's intent and confidence).
  const customerCopies = new WeakMap<MessageView, MessageView>();
  function customerCopy(message: MessageView): MessageView {
    let copy = customerCopies.get(message);
    if (!copy) customerCopies.set(message, (copy = messageShownTo({ kind: 'customer' }, message)));
    return copy;
  }
  const encodingAdapter = io.of('/').adapter as unknown as EncodingAdapter;
  const canPreEncode = typeof encodingAdapter._encode === 'function';
  function sendMessage(socket: SapaSocket, message: MessageView): void {
    const { client } = socket as unknown as Partial<EngineClient>;
    if (!canPreEncode || typeof client?.writeToEngine !== 'function') return sendDirect(socket, 'message', message);
    let enc = encoded.get(message);
    if (!enc) {
      const opts: Record<string, unknown> = { preEncoded: true };
      enc = { packets: encodingAdapter._encode!({ type: EVENT_PACKET, data: ['message', message], nsp: '/' }, opts), opts };
      encoded.set(message, enc);
    }
    // What Socket#packet checks too: a closing connection gets nothing more.
    if (client.conn.readyState !== 'open') return;
    client.writeToEngine(enc.packets, enc.opts);
  }

  const broadcast: RealtimeNode['broadcast'] = (to, event, ...args) => {
    if (!to.length) return;
    // While Redis is down a cluster emit would wait for it, holding back this node's own sockets too.
    const target = redis && !redis.ready ? io.local : io;
    target.to(to).emit(event, ...args);
  };

  function deliverMessage(message: MessageView, again: boolean): void {
    const subs = byCase.get(message.caseId);
    if (subs) for (const sub of subs) sub.sequencer.offer(message);
    if (again) return;
    // Agents watching the inbox get every case's messages; those subscribed to this case already had it above.
    const inbox = io.of('/').adapter.rooms.get(rooms.inbox);
    if (!inbox) return;
    for (const socketId of inbox) {
      const conn = connections.get(socketId);
      if (!conn || conn.principal.kind !== 'agent' || conn.subscriptions.has(message.caseId)) continue;
      sendMessage(conn.socket, message);
      deliveredInbox.inc();
    }
  }

  function receive(envelope: RelayEnvelope, remote = false): void {
    if (stopping) return;
    if (envelope.kind === 'message') {
      if (remote && envelope.at) metrics.transit.observe(Math.max(0, Date.now() - envelope.at) / 1000);
      deliverMessage(envelope.message, envelope.again === true);
    } else if (envelope.kind === 'presence') {
      if (envelope.status) presence.setStatus(envelope.agentId, envelope.status);
      presence.scheduleRefresh();
    } else if (envelope.kind === 'viewing') presence.scheduleRefresh();
  }

  // Envelopes announced in one turn of the event loop (under load, every post whose database work finished in it)
  // share one stream entry: one XADD, one entry for every node to read and decode, instead of one per message.
  // Capped, so a burst of long messages does not make one huge stream entry.
  let outbox: RelayEnvelope[] = [];
  function flushRelay(): void {
    if (!outbox.length) return;
    const batch = outbox;
    outbox = [];
    relayedEntries.inc();
    relayedEnvelopes.inc(batch.length);
    (io as unknown as Server).to(rooms.relay).emit(RELAY_EVENT, ...batch);
  }

  function relay(envelope: RelayEnvelope): void {
    receive(envelope);
    // Without Redis this node is the whole cluster; with it, the adapter's stream carries the envelope to the rest.
    if (!redis) return;
    if (!outbox.length) setImmediate(flushRelay);
    outbox.push(envelope);
    if (outbox.length >= RELAY_BATCH_MAX) flushRelay();
  }

  // ------------------------------------------------------------------------------------------ presence

  const presence = new ClusterPresence({
    nodeId,
    prefix,
    redis,
    log,
    connections: () => connections.size,
    statuses: (ids) => store.agentStatuses(desk.db, ids),
    names: async (ids) => {
      const all = await listAgents(desk);
      const wanted = new Set(ids);
      return new Map(all.filter((a) => wanted.has(a.id)).map((a) => [a.id, a.name]));
    },
    onPresence: (entry) => io.local.to(rooms.agents).emit('presence', entry),
    onViewing: (caseId, agents) => io.local.to([rooms.case(caseId), rooms.inbox]).emit('viewing', { caseId, agents }),
  });

  async function presenceChanged(envelope: RelayEnvelope): Promise<void> {
    await presence.publish();
    relay(envelope);
  }

  // ------------------------------------------------------------------------------------------ handshake

  function handshakeToken(socket: SapaSocket): { token?: string; via: 'token' | 'cookie' } {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (typeof auth?.token === 'string' && auth.token) return { token: auth.token, via: 'token' };
    const header = socket.handshake.headers.cookie;
    // The cookie plugin's own parser (ready once the app registered the plugin): cookies read as for HTTP requests.
    return { token: header ? fastifyCookie.parse(header)[SESSION_COOKIE] : undefined, via: 'cookie' };
  }

  /** A cookie rides along with any page's request: accept it only from Sapa's own pages (no cross-site hijack). */
  function sameOrigin(socket: SapaSocket): boolean {
    const origin = socket.handshake.headers.origin;
    if (!origin) return true;
    try {
      const o = new URL(origin);
      if (o.host === socket.handshake.headers.host) return true;
      return Boolean(desk.config.SAPA_PUBLIC_URL && new URL(desk.config.SAPA_PUBLIC_URL).origin === o.origin);
    } catch {
      return false;
    }
  }

  function refusal(message: 'unauthorized' | 'unavailable' | 'two_factor_required', data?: Record<string, unknown>): Error {
    return Object.assign(new Error(message), { data: { code: message, ...data } });
  }

  // Names shown with typing indicators; a minute-old name is fine, a query per connection (thousands at a
  // reconnect storm) is not.
  const authors = new Map<string, { author: Author; until: number }>();
  async function authorOf(p: Principal): Promise<Author> {
    if (p.kind === 'visitor') return { kind: 'visitor', id: p.visitorId, name: null };
    const key = p.kind === 'agent' ? `a:${p.agentId}` : `c:${p.customerId}`;
    const hit = authors.get(key);
    if (hit && hit.until > Date.now()) return hit.author;
    const author: Author =
      p.kind === 'agent'
        ? { kind: 'agent', id: p.agentId, name: (await getAgent(desk, p.agentId))?.name ?? null }
        : { kind: 'customer', id: p.customerId, name: (await getCustomer(desk, p.customerId))?.name ?? null };
    if (authors.size > 10_000) authors.clear();
    authors.set(key, { author, until: Date.now() + 60_000 });
    return author;
  }

  // The raw token stays in this process (socket.data goes to Redis with recovery sessions).
  const tokens = new WeakMap<SapaSocket, string>();
  io.use(async (socket, next) => {
    const { token, via } = handshakeToken(socket);
    if (!token || (via === 'cookie' && !sameOrigin(socket))) return next(refusal('unauthorized'));
    try {
      const session = await resolveToken(desk, token);
      if (!session) return next(refusal('unauthorized'));
      // An agent who must first set up two-factor sign-in sees no conversations, live ones included.
      if (session.twoFactorPending) return next(refusal('two_factor_required'));
      socket.data.principal = session.principal;
      socket.data.author = await authorOf(session.principal);
      tokens.set(socket, token);
      next();
    } catch (error) {
      log.warn({ err: error }, 'realtime: cannot authenticate a connection');
      next(refusal('unavailable', { retryAfterMs: 5000 }));
    }
  });

  // ------------------------------------------------------------------------------------------ connections

  io.on('connection', (socket) => {
    const token = tokens.get(socket);
    const principal = socket.data.principal;
    if (!token || !principal) {
      socket.disconnect(true);
      return;
    }
    const conn: Connection = {
      socket,
      principal,
      author: socket.data.author,
      token,
      limiter: new RateLimiter(),
      subscriptions: new Map(),
      allowed: new Set(),
      typing: new Map(),
      viewing: new Set(),
      validatedAt: Date.now(),
    };
    connections.set(socket.id, conn);
    if (principal.kind === 'agent') {
      void socket.join([rooms.agents, rooms.agent(principal.agentId)]);
      if (presence.addAgentSocket(principal.agentId, socket.id)) void presenceChanged({ kind: 'presence', agentId: principal.agentId });
    } else if (principal.kind === 'customer') {
      void socket.join([rooms.customer(principal.customerId), ...(principal.visitorId ? [rooms.visitor(principal.visitorId)] : [])]);
    } else {
      void socket.join(rooms.visitor(principal.visitorId));
    }

    handle(conn, 'subscribe', (p) => subscribe(conn, p.caseId, p.afterSeq));
    handle(conn, 'unsubscribe', async (p) => {
      unsubscribe(conn, p.caseId);
      return {};
    });
    handle(conn, 'message:send', async (p) => {
      const result = await cases.postMessage(desk, conn.principal, p.caseId, {
        body: p.body,
        clientMessageId: p.clientMessageId,
        attachmentIds: p.attachmentIds,
        internal: p.internal,
      });
      conn.allowed.add(p.caseId);
      stopTyping(conn, p.caseId);
      // A retried send is answered from the database; announce it again in case the first attempt's node died
      // between storing and announcing it (subscribers drop what they already have).
      if (!result.created) relay({ kind: 'message', message: result.message, again: true });
      return { message: messageShownTo(conn.principal, result.message), created: result.created };
    });
    handle(conn, 'typing', async (p) => {
      await ensureAllowed(conn, p.caseId);
      setTyping(conn, p.caseId, p.typing, p.internal === true && conn.principal.kind === 'agent');
      return {};
    });
    handle(conn, 'receipt', async (p) => {
      const result = await recordReceipt(desk, conn.principal, p.caseId, p.seq, p.kind);
      conn.allowed.add(p.caseId);
      return { ...result };
    });
    handle(conn, 'viewing', async (p) => {
      const agentId = requireAgentConnection(conn);
      await ensureAllowed(conn, p.caseId);
      setViewing(conn, agentId, p.caseId, p.viewing);
      return {};
    });
    handle(conn, 'presence:set', async (p) => {
      await setAgentStatus(desk, requireAgentConnection(conn), p.status);
      return { status: p.status };
    });
    handle(conn, 'inbox:subscribe', async () => {
      requireAgentConnection(conn);
      await socket.join(rooms.inbox);
      sendDirect(socket, 'presence:list', await presenceList());
      return {};
    });
    handle(conn, 'inbox:unsubscribe', async () => {
      await socket.leave(rooms.inbox);
      return {};
    });

    socket.on('disconnect', () => {
      connections.delete(socket.id);
      for (const caseId of [...conn.subscriptions.keys()]) unsubscribe(conn, caseId);
      for (const caseId of [...conn.typing.keys()]) stopTyping(conn, caseId);
      if (conn.principal.kind === 'agent') {
        const agentId = conn.principal.agentId;
        let viewingChanged = false;
        for (const caseId of conn.viewing) viewingChanged = presence.setViewing(caseId, agentId, socket.id, false) || viewingChanged;
        const last = presence.removeAgentSocket(agentId, socket.id);
        if (last || viewingChanged) void presenceChanged({ kind: 'presence', agentId });
      }
    });
  });

  /** Validates, rate-limits and answers one client event; every failure becomes an error acknowledgement. */
  function handle<E extends ClientEvent>(conn: Connection, event: E, fn: (payload: z.output<(typeof schemas)[E]>) => Promise<Record<string, unknown>>): void {
    const listener = (payload: unknown, ack?: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
      const locale = conn.principal.locale;
      const waitMs = conn.limiter.take(event);
      if (waitMs > 0) {
        metrics.events.inc({ event, outcome: 'rate_limited' });
        reply(errorAck(locale, new AppError(429, 'rate_limited', undefined, { retryAfterSeconds: Math.ceil(waitMs / 1000), retryAfterMs: waitMs })));
        return;
      }
      const parsed = schemas[event].safeParse(payload ?? {});
      if (!parsed.success) {
        metrics.events.inc({ event, outcome: 'invalid' });
        const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'payload', message: i.message }));
        reply(errorAck(locale, new AppError(400, 'invalid_input', undefined, details)));
        return;
      }
      fn(parsed.data as z.output<(typeof schemas)[E]>).then(
        (result) => {
          metrics.events.inc({ event, outcome: 'ok' });
          reply({ ok: true, ...result });
        },
        (error: unknown) => {
          metrics.events.inc({ event, outcome: 'error' });
          reply(errorAck(locale, error));
        },
      );
    };
    (conn.socket as unknown as Socket).on(event as string, listener);
  }

  function errorAck(locale: Locale, error: unknown): AckError {
    if (error instanceof AppError) {
      const vars: Record<string, string | number> = {};
      if (error.details && typeof error.details === 'object' && !Array.isArray(error.details)) {
        for (const [k, v] of Object.entries(error.details)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
      }
      if (typeof vars.retryAfterSeconds === 'number') vars.seconds = vars.retryAfterSeconds;
      return { ok: false, ...errorBody(locale, error.code, error.details, vars) };
    }
    if (isDatabaseDown(error)) return { ok: false, ...errorBody(locale, 'database_unavailable', { retryAfterMs: 5000 }) };
    log.error({ err: error }, 'realtime: event failed');
    return { ok: false, ...errorBody(locale, 'internal_error') };
  }

  function requireAgentConnection(conn: Connection): string {
    if (conn.principal.kind !== 'agent') throw new AppError(403, 'forbidden');
    return conn.principal.agentId;
  }

  async function ensureAllowed(conn: Connection, caseId: string): Promise<void> {
    if (conn.allowed.has(caseId)) return;
    await cases.getCase(desk, conn.principal, caseId);
    conn.allowed.add(caseId);
  }

  // ------------------------------------------------------------------------------------------ subscriptions

  async function subscribe(conn: Connection, caseId: string, afterSeq: number): Promise<Record<string, unknown>> {
    const agent = conn.principal.kind === 'agent';
    const socket = conn.socket;
    const principal = conn.principal;
    const sequencer = new CaseSequencer<MessageView>({
      cursor: afterSeq,
      seesInternal: agent,
      emit: (message) => {
        sendMessage(socket, agent ? message : customerCopy(message));
        deliveredSubscription.inc();
      },
      fetchAfter: async (after, limit) => (await cases.listCaseMessages(desk, principal, caseId, after, limit)).items,
      onError: (error) => log.warn({ err: error, caseId }, 'realtime: catching up a subscription failed; retrying'),
    });
    // Registered before the case is read, so what is stored from then on waits in the sequencer (it emits nothing
    // before start) instead of slipping past the replay.
    const sub: Subscription = { caseId, sequencer };
    const previous = conn.subscriptions.get(caseId);
    if (previous) dropSubscription(conn, previous);
    conn.subscriptions.set(caseId, sub);
    const set = byCase.get(caseId) ?? new Set<Subscription>();
    set.add(sub);
    byCase.set(caseId, set);
    let lastSeq: number;
    try {
      const row = await cases.getCase(desk, principal, caseId);
      conn.allowed.add(caseId);
      if (!previous) await socket.join(agent ? [rooms.case(caseId), rooms.caseAgents(caseId)] : [rooms.case(caseId)]);
      lastSeq = await sequencer.start(row.lastSeq);
    } catch (error) {
      if (conn.subscriptions.get(caseId) === sub) dropSubscription(conn, sub);
      throw error;
    }
    const viewers = presence.viewersOf(caseId);
    if (viewers.length) sendDirect(socket, 'viewing', { caseId, agents: viewers });
    return { lastSeq };
  }

  function dropSubscription(conn: Connection, sub: Subscription): void {
    sub.sequencer.close();
    if (conn.subscriptions.get(sub.caseId) === sub) conn.subscriptions.delete(sub.caseId);
    const set = byCase.get(sub.caseId);
    set?.delete(sub);
    if (set && !set.size) byCase.delete(sub.caseId);
  }

  function unsubscribe(conn: Connection, caseId: string): void {
    const sub = conn.subscriptions.get(caseId);
    if (sub) dropSubscription(conn, sub);
    stopTyping(conn, caseId);
    void conn.socket.leave(rooms.case(caseId));
    void conn.socket.leave(rooms.caseAgents(caseId));
    if (conn.principal.kind === 'agent' && conn.viewing.has(caseId)) setViewing(conn, conn.principal.agentId, caseId, false);
  }

  // ------------------------------------------------------------------------------------------ typing, viewing

  function setTyping(conn: Connection, caseId: string, typing: boolean, internal: boolean): void {
    const before = conn.typing.get(caseId);
    clearTimeout(before?.timer);
    const target = redis && !redis.ready ? io.local : io;
    const tell = (value: boolean, toAgentsOnly: boolean) =>
      target
        .to(toAgentsOnly ? rooms.caseAgents(caseId) : rooms.case(caseId))
        .except(conn.socket.id)
        .emit('typing', { caseId, author: conn.author, typing: value });
    if (!typing) {
      conn.typing.delete(caseId);
      // "Stopped" goes to whoever was told "typing" (an internal note's typing never reached the customer).
      tell(false, before ? before.internal : internal);
      return;
    }
    if (before && before.internal !== internal) tell(false, before.internal);
    // A client that stops without saying so (closed tab, lost network) stops typing after a few seconds.
    const timer = setTimeout(() => stopTyping(conn, caseId), TYPING_TTL_MS);
    timer.unref();
    conn.typing.set(caseId, { timer, internal });
    tell(true, internal);
  }

  function stopTyping(conn: Connection, caseId: string): void {
    const current = conn.typing.get(caseId);
    if (current) setTyping(conn, caseId, false, current.internal);
  }

  function setViewing(conn: Connection, agentId: string, caseId: string, viewing: boolean): void {
    if (viewing) conn.viewing.add(caseId);
    else conn.viewing.delete(caseId);
    if (presence.setViewing(caseId, agentId, conn.socket.id, viewing)) void presenceChanged({ kind: 'viewing', caseId });
  }

  async function presenceList(): Promise<PresenceEntry[]> {
    await presence.refresh();
    const agents = await listAgents(desk);
    return agents.filter((a) => a.active).map((a) => ({ agentId: a.id, name: a.name, status: presence.statusOf(a.id) }));
  }

  // ------------------------------------------------------------------------------------------ domain events

  const ownersCopy = (c: CaseView) => caseShownTo({ kind: 'customer' }, c);

  const unlisten = [
    desk.events.on('message.created', ({ message }) => relay({ kind: 'message', message, at: Date.now() })),
    desk.events.on('case.created', ({ case: c }) => {
      broadcast([rooms.inbox], 'case:created', { case: c });
      broadcast(ownerRooms(c), 'case:created', { case: ownersCopy(c) });
    }),
    desk.events.on('case.updated', ({ case: c, changes, actor }) => {
      broadcast([rooms.inbox, rooms.caseAgents(c.id)], 'case:updated', { case: c, changes, actor });
      // The owner gets their copy (a handover changes what the widget shows), named by the changes they may see.
      broadcast(ownerRooms(c), 'case:updated', { case: ownersCopy(c), changes: changes.filter((type) => historyShownTo({ kind: 'customer' }, type)) });
    }),
    desk.events.on('message.delivery', ({ caseId, messageId, seq, status }) =>
      broadcast([rooms.case(caseId), rooms.inbox], 'message:delivery', { caseId, messageId, seq, status }),
    ),
  ];

  // ------------------------------------------------------------------------------------------ background

  /** Catches every subscription up from the database (Redis came back, or is down and cannot tell us). */
  let resyncing = false;
  async function resyncAll(): Promise<void> {
    if (resyncing || stopping) return;
    resyncing = true;
    try {
      const all = [...byCase.values()].flatMap((set) => [...set]);
      // A few at a time, so catching up thousands of subscriptions does not flood the database.
      for (let i = 0; i < all.length && !stopping; i += 8) await Promise.all(all.slice(i, i + 8).map((s) => s.sequencer.catchUp()));
    } finally {
      resyncing = false;
    }
  }

  function every(ms: number, fn: () => Promise<void> | void): void {
    const timer = setInterval(() => {
      if (stopping) return;
      Promise.resolve()
        .then(fn)
        .catch((error: unknown) => log.warn({ err: error }, 'realtime: background task failed'));
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  every(PRESENCE_HEARTBEAT_MS, async () => {
    await presence.publish();
    await presence.refresh({ reloadStatuses: true });
  });

  // The node that stored a message may die before announcing it, and a Redis outage may drop an announcement:
  // recently active cases are compared with what subscribers have, and the ones behind catch up.
  every(TAIL_CHECK_MS, async () => {
    if (!byCase.size) return;
    const recent = await cases.listCases(desk, cases.systemPrincipal, { sort: 'recent', limit: 100 });
    for (const c of recent.items) for (const sub of byCase.get(c.id) ?? []) sub.sequencer.hint(c.messageCount);
  });

  if (redis) {
    every(2000, async () => {
      if (!redis.ready) await resyncAll();
    });
    redis.onReconnect(() => {
      // Once right away and once when the adapter's own connections are surely back.
      setTimeout(() => void resyncAll(), 500).unref();
      setTimeout(() => void resyncAll(), 3000).unref();
      void presence.publish().then(() => presence.refresh({ reloadStatuses: true }));
    });
  }

  // Sessions end (logout, deactivated agent): a connection does not outlive its session by more than a minute.
  every(15_000, async () => {
    const due = [...connections.values()].filter((c) => Date.now() - c.validatedAt > REVALIDATE_MS).slice(0, 500);
    for (const conn of due) {
      const session = await resolveToken(desk, conn.token);
      conn.validatedAt = Date.now();
      if (!session) {
        sendDirect(conn.socket, 'session:expired');
        conn.socket.disconnect(true);
      }
    }
  });

  // ------------------------------------------------------------------------------------------ lifecycle

  const node: RealtimeNode = {
    nodeId,
    io,
    redis,
    presence,
    relay,
    broadcast,
    connections: () => connections.size,
    disconnectClients() {
      // Closing the transports (not a Socket.IO "server disconnect") makes clients reconnect, to another node.
      io.engine.close();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      for (const off of unlisten) off();
      presence.stop();
      io.engine.close();
      for (const conn of connections.values()) for (const sub of conn.subscriptions.values()) sub.sequencer.close();
      await presence.withdraw();
      // Closing the adapter stops its stream reader; the HTTP server is Fastify's to close, not Socket.IO's.
      await io.of('/').adapter.close();
      await redis?.close();
    },
  };
  if (redis) void redis.connect().then(() => presence.publish());
  log.debug({ nodeId, redis: Boolean(redis) }, 'realtime: started');
  return node;
}
