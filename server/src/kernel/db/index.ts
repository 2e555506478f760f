import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrationSets } from './modules.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type DbKind = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Runs `work` while this node alone holds the cluster's startup lock, so that nodes starting together take turns
   * to migrate and to create first records (admin, demo data). Not re-entrant.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The advisory lock key of `exclusive`. */
const STARTUP_LOCK = 7261001;

/** Runs a raw query and returns its rows; both drivers expose `rows` on the result. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function firstRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * `rows` for a hot statement: on PostgreSQL it runs as a named prepared statement, parsed and planned once per
 * connection instead of on every call (for the message-append statement that is most of the server's cost). The
 * name derives from the text, so statements whose text varies with their inputs each get their own. Works the same
 * inside a transaction; PGlite runs it as an ordinary query.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const compiled = dialect.sqlToQuery(query);
  let name = statementNames.get(compiled.sql);
  if (!name) {
    name = `sapa_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 16)}`;
    // A bounded cache: the texts are a handful per call site.
    if (statementNames.size < 1000) statementNames.set(compiled.sql, name);
  }
  const result = (await db._.session.prepareQuery(compiled, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/** PostgreSQL's SQLSTATE of a driver error, whichever driver threw it (drizzle wraps the original as `cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

/**
 * Two processes on one PGlite directory silently lose writes, so the embedded database is held by one process at a
 * time: a lock file with our pid, taken over only when its owner is gone.
 */
// Directories this process holds: the pid in the lock file cannot tell two opens in one process apart.
const heldHere = new Set<string>();

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dir, 'sapa.lock');
  if (heldHere.has(lockFile)) {
    throw new Error(`The embedded database in ${dir} is in use by process ${process.pid} (this one). Run several nodes on PostgreSQL (DATABASE_URL).`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(lockFile);
      return async () => {
        heldHere.delete(lockFile);
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dir} is in use by process ${owner}. Stop it first, or run several nodes on PostgreSQL (DATABASE_URL).`,
          { cause: error },
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * A PGlite data-directory dump (`dumpDataDir`) that a `memory://` database starts from. Tests use an already
   * migrated one, because initdb is most of the cost of a fresh embedded database.
   */
  template?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const url = options.databaseUrl;
  if (url && !url.startsWith('memory://')) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 20, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: (timeoutMs = 2000) => ping(db, timeoutMs),
      // An advisory lock belongs to a session, so it is taken and released on one connection held for the purpose.
      async exclusive(work) {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
          try {
            return await work();
          } finally {
            await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
          }
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  let unlock = async () => undefined as void;
  if (url?.startsWith('memory://')) {
    client = new PGlite(options.template ? { loadDataDir: new Blob([await readFile(options.template)]) } : {});
  } else {
    const dir = path.resolve(options.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    unlock = await lockDataDir(path.resolve(options.dataDir));
    client = new PGlite(dir);
  }
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    ping: (timeoutMs = 2000) => ping(db, timeoutMs),
    // One process holds an embedded database (see lockDataDir), so there is nobody to take turns with.
    exclusive: (work) => work(),
    close: async () => {
      await client.close();
      await unlock();
    },
  };
}

async function ping(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Applies every module's migrations in dependency order, one node at a time (`exclusive`). */
export async function migrate(database: Database): Promise<void> {
  const { db } = database;
  await database.exclusive(async () => {
    for (const set of migrationSets) {
      const folder = path.join(serverRoot, set.folder);
      if (!existsSync(path.join(folder, 'meta', '_journal.json'))) throw new Error(`missing migrations for ${set.name}: ${folder}`);
      const config = { migrationsFolder: folder, migrationsTable: `migrations_${set.name}`, migrationsSchema: 'sapa_meta' };
      if (database.kind === 'postgres') await migratePg(db as Parameters<typeof migratePg>[0], config);
      else await migratePglite(db as Parameters<typeof migratePglite>[0], config);
    }
  });
}
