import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Namespace } from 'socket.io';
import { MessageType, type ClusterMessage } from 'socket.io-adapter';
import type { RelayEnvelope } from './events.js';
import { rooms } from './events.js';
import type { RedisLink } from './redis.js';

export const RELAY_EVENT = 'sapa:relay';

interface ObservableAdapter {
  uid: string;
  onMessage(message: ClusterMessage, offset?: string): void;
  restoreSession(pid: string, offset: string): Promise<unknown>;
  broadcast(packet: { type: number; data: unknown[] }, opts: BroadcastOptions): Promise<void> | void;
  /** ClusterAdapter: adds this node's uid and namespace, appends to the stream; failures are only logged. */
  publish?: (message: { type: MessageType; data: unknown }) => void;
  /** The stream reader's entry point, before the entry is decoded. */
  onRawMessage?: (raw: { uid?: string }, offset: string) => void;
}
interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
  flags?: Record<string, unknown>;
}

/**
 * The Redis Streams adapter, with one addition: broadcasts to the relay room (which no socket joins) are handed to
 * `onRelay` on every other node instead of being written to sockets. Messages travel that way so each node can
 * deliver them to its own subscribers in seq order and exactly once (see sequencer.ts), while riding the adapter's
 * stream: an XADD issued while Redis restarts waits in the client's queue, and readers resume from their last
 * offset, so nothing published is lost to a blip.
 */
export function relayingAdapter(redis: RedisLink, prefix: string, onRelay: (envelope: RelayEnvelope) => void) {
  const base = createAdapter(redis.forAdapter, {
    streamName: `${prefix}:rt:stream`,
    channelPrefix: `${prefix}:rt`,
    sessionKeyPrefix: `${prefix}:rt:session:`,
    // A short block lets a stopping node's reader return promptly; it costs one idle round trip per 2 s.
    blockTimeInMs: 2000,
    maxLen: 10_000,
    onlyPlaintext: true,
  });
  // A plain function: Socket.IO calls it with `new`, and it returns the adapter object.
  return function sapaAdapter(nsp: Namespace) {
    const adapter = base(nsp);
    const observable = adapter as unknown as ObservableAdapter;
    if (typeof observable.onMessage !== 'function' || typeof observable.uid !== 'string') {
      throw new Error('realtime: the Socket.IO adapter no longer exposes onMessage; the relay needs updating');
    }
    // Restoring a recovered connection reads Redis; while Redis is down that read would wait in the client's
    // queue and hold the handshake. Without it the client simply gets a fresh session (and re-syncs, as always).
    const restoreSession = observable.restoreSession.bind(adapter);
    observable.restoreSession = (pid, offset) => {
      if (!redis.ready) return Promise.reject(new Error('redis is down'));
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        restoreSession(pid, offset),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('redis is slow')), 1000))),
      ]).finally(() => clearTimeout(timer));
    };
    // A relay broadcast only needs its stream entry. The adapter would also encode it a second time and look up the
    // relay room's sockets (there are none) for a local delivery; the relay already delivered it here (server.ts).
    const broadcast = observable.broadcast.bind(adapter);
    const publish = observable.publish?.bind(adapter);
    observable.broadcast = (packet, opts) => {
      if (publish && opts.rooms.size === 1 && opts.rooms.has(rooms.relay) && !opts.flags?.local) {
        publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [rooms.relay], except: [], flags: opts.flags ?? {} } } });
        return;
      }
      return broadcast(packet, opts);
    };
    // Every node reads its own entries back from the stream, and the adapter decodes each (a JSON.parse of the whole
    // message) before dropping it as its own: drop it before decoding.
    const onRawMessage = observable.onRawMessage?.bind(adapter);
    if (onRawMessage) {
      observable.onRawMessage = (raw, offset) => {
        if (raw?.uid === observable.uid) return;
        onRawMessage(raw, offset);
      };
    }
    const onMessage = observable.onMessage.bind(adapter);
    observable.onMessage = (message, offset) => {
      if (message.type === MessageType.BROADCAST && message.uid !== observable.uid && message.nsp === nsp.name) {
        const envelopes = relayed(message.data);
        if (envelopes) {
          for (const envelope of envelopes) onRelay(envelope);
          return;
        }
      }
      onMessage(message, offset);
    };
    return adapter;
  };
}

/** The envelopes of a relay broadcast: its event's arguments (one or several, announced in the same turn). */
function relayed(data: unknown): RelayEnvelope[] | undefined {
  const { packet, opts } = (data ?? {}) as { packet?: { data?: unknown }; opts?: { rooms?: unknown } };
  if (!Array.isArray(packet?.data) || packet.data[0] !== RELAY_EVENT) return undefined;
  if (!Array.isArray(opts?.rooms) || !opts.rooms.includes(rooms.relay)) return undefined;
  return (packet.data.slice(1) as unknown[]).filter((e): e is RelayEnvelope => Boolean(e) && typeof e === 'object' && typeof (e as { kind?: unknown }).kind === 'string');
}
