import { createHash } from 'node:crypto';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './e2e/build.js';
import { migrate, type Db } from './server/src/kernel/db/index.js';
import type {} from './server/src/testing.js';

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await pgliteTemplate());
  if (project.name === 'e2e') ensureBuilt();
  const admin = process.env.SAPA_TEST_DATABASE_URL;
  if (!admin || project.name !== 'api-postgres') return;
  // The "postgres" project's test files each create a database named with this run's prefix; all go at the end.
  const prefix = `sapa_test_${process.pid}_${Date.now().toString(36)}`;
  project.provide('pgAdminUrl', admin);
  project.provide('pgRunPrefix', prefix);
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [`${prefix}_`]);
    for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
    await c.end();
  };
}

/**
 * A migrated embedded database, dumped once and loaded by every in-memory test node: PGlite's initdb takes seconds,
 * loading a dump a fraction of that. The file is named after the migrations and PGlite version it was made from.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  hash.update((await readFile('node_modules/@electric-sql/pglite/package.json')).toString());
  for (const file of await migrationFiles('server/src')) hash.update(file).update(await readFile(file));
  const target = path.join(tmpdir(), `sapa-pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
  if (await stat(target).then(() => true, () => false)) return target;
  const client = new PGlite();
  await migrate({ db: drizzle(client) as unknown as Db, kind: 'embedded', ping: async () => true, exclusive: (work) => work(), close: () => client.close() });
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  const partial = `${target}.${process.pid}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, target);
  return target;
}

async function migrationFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && full.split(path.sep).includes('migrations')) found.push(full);
  }
  return found.sort();
}
