import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, Db } from './db/index.js';
import type { EventBus } from './events.js';
import type { FileStore } from './files.js';
import type { JobRunner } from './jobs.js';
import type { Metrics } from './metrics.js';

/**
 * Everything a module's service needs from the node it runs on. Services take it as their first argument, so two
 * Sapa apps (two test nodes) can live in one process without shared state.
 */
export interface Desk {
  config: Config;
  database: Database;
  db: Db;
  events: EventBus;
  jobs: JobRunner;
  files: FileStore;
  metrics: Metrics;
  log: Logger;
  /** Per-node state of modules (an index, a loaded model), keyed by the module's own symbol. */
  state: Map<symbol, unknown>;
  /** Functions that stop what modules started, run in reverse order by `stop()`. */
  onStop: (fn: () => Promise<void> | void) => void;
}

/** Gets or lazily creates a module's per-node state. */
export function moduleState<T>(desk: Desk, key: symbol, create: () => T): T {
  if (!desk.state.has(key)) desk.state.set(key, create());
  return desk.state.get(key) as T;
}
