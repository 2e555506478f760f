import { createClient } from 'redis';
import type { Logger } from 'pino';

export type RedisClient = ReturnType<typeof createClient>;
export type RedisState = 'up' | 'down';

/**
 * The node's Redis connection. It reconnects forever with capped backoff, so a Redis restart is a blip: commands
 * issued meanwhile wait in the client's queue and run when it is back. `ready` tells callers whether to rely on
 * Redis now (presence reads, cross-node emits) or degrade to what this node knows.
 */
export class RedisLink {
  readonly client: RedisClient;
  /** What the Socket.IO adapter gets: the same client, with every rejected command marked as handled. */
  readonly forAdapter: RedisClient;
  private readonly duplicates: RedisClient[] = [];
  private readonly readyListeners: (() => void)[] = [];
  private wasDown = false;
  private lastErrorLog = 0;
  private closed = false;

  constructor(url: string, private readonly log: Logger) {
    this.client = createClient({
      url,
      socket: {
        connectTimeout: 3000,
        // 50 ms, 100 ms, 200 ms, … capped at 2 s, with jitter so a fleet does not reconnect in lockstep.
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100),
      },
      // No per-command deadline. node-redis arms an AbortSignal timer for every command by default (5 s), and each
      // one fires, long after its command was answered, costing about 3% of a busy node's CPU. Callers that must not
      // wait use `tryCommand`'s own deadline; announcements wait in the queue through a blip, as on a restart, and
      // the queue is bounded so a Redis that hangs cannot take the node's memory (over it a command fails at once).
      commandOptions: { timeout: 0 },
      commandsQueueMaxLength: 20_000,
    });
    this.watch(this.client, 'main');
    this.forAdapter = this.guard(this.client);
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  get state(): RedisState {
    return this.client.isReady ? 'up' : 'down';
  }

  /** Called every time the connection comes back after being lost. */
  onReconnect(fn: () => void): void {
    this.readyListeners.push(fn);
  }

  /** Starts connecting; resolves once connected or after `waitMs` (the node then starts degraded and keeps trying). */
  async connect(waitMs = 3000): Promise<void> {
    const connecting = this.client.connect().catch((error: unknown) => {
      if (!this.closed) this.log.warn({ err: error }, 'redis: connect failed');
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([connecting, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    if (!this.client.isReady) this.log.warn('redis: not reachable yet; realtime runs on this node alone until it is');
  }

  /** Runs a command only when Redis is up, within a deadline; undefined when it is down or slow. */
  async tryCommand<T>(fn: (client: RedisClient) => Promise<T>, timeoutMs = 1000): Promise<T | undefined> {
    if (!this.client.isReady) return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([fn(this.client), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)))]);
    } catch (error) {
      this.logError(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // The adapter's reader blocks in XREAD; destroying its connection ends that at once instead of after the timeout.
    for (const d of this.duplicates) if (d.isOpen) d.destroy();
    if (this.client.isReady) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.client.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
    }
    if (this.client.isOpen) this.client.destroy();
  }

  private watch(client: RedisClient, name: string): void {
    client.on('error', (error: unknown) => this.logError(error, name));
    if (name !== 'main') return;
    client.on('end', () => (this.wasDown = true));
    client.on('reconnecting', () => (this.wasDown = true));
    client.on('ready', () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      this.log.info('redis: connection restored');
      for (const fn of this.readyListeners) fn();
    });
  }

  private logError(error: unknown, name = 'main'): void {
    if (this.closed) return;
    // A dead Redis produces an error per reconnect attempt; one line per 10 s is enough to see it.
    const now = Date.now();
    if (now - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = now;
    this.log.warn({ err: error instanceof Error ? error.message : String(error), connection: name }, 'redis: unavailable');
  }

  /**
   * The adapter fires some commands without awaiting them (session writes, PUB/SUB publishes); if Redis is gone when
   * they fail, their rejections would be unhandled and take the process down. Marking every returned promise as
   * handled keeps the rejection for whoever awaits it. Duplicates (the adapter's reader and subscriber) are tracked
   * so `close` can end them.
   */
  private guard(client: RedisClient, duplicate = false): RedisClient {
    // One wrapper per method, made on first use: the adapter looks its commands up for every message it publishes.
    const wrappers = new Map<PropertyKey, { of: unknown; fn: unknown }>();
    return new Proxy(client, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        const known = wrappers.get(property);
        if (known?.of === value) return known.fn;
        const fn = this.wrap(target, property, value as (...a: unknown[]) => unknown, duplicate);
        wrappers.set(property, { of: value, fn });
        return fn;
      },
    });
  }

  private wrap(target: RedisClient, property: PropertyKey, value: (...a: unknown[]) => unknown, duplicate: boolean): unknown {
    if (property === 'duplicate') {
      return () => {
        const copy = target.duplicate();
        this.watch(copy, 'adapter');
        this.duplicates.push(copy);
        return this.guard(copy, true);
      };
    }
    // The adapter awaits its connections' connect() in a chain nobody catches; one that is closed before Redis was
    // ever reachable must not reject there.
    if (duplicate && property === 'connect') return () => target.connect().catch(() => target);
    return (...args: unknown[]) => {
      const result = value.apply(target, args);
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, () => undefined);
      return result;
    };
  }
}
