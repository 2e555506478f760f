import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, testDatabaseUrl } from '../../testing.js';
import { openDatabase, preparedRows, rows, type Database } from './index.js';

let database: Database;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sapa-db-'));
  const databaseUrl = testDatabase() === 'postgres' ? await testDatabaseUrl() : 'memory://';
  // A pool of three: one connection for the statement cache check, others for the lock holders.
  database = await openDatabase({ databaseUrl, dataDir, poolSize: 3 });
});
afterAll(async () => {
  await database?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('prepared statements', () => {
  it('answer like ordinary queries, inside and outside a transaction', async () => {
    const { db } = database;
    expect(await preparedRows<{ n: number }>(db, sql`select ${2}::int + 1 as n`)).toEqual([{ n: 3 }]);
    expect(await preparedRows<{ n: number }>(db, sql`select ${40}::int + 1 as n`)).toEqual([{ n: 41 }]);
    await db.execute(sql`create table if not exists prepared_probe (v int)`);
    await expect(
      db.transaction(async (tx) => {
        await preparedRows(tx, sql`insert into prepared_probe values (${7}) returning v`);
        expect(await preparedRows(tx, sql`select v from prepared_probe`)).toEqual([{ v: 7 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await preparedRows(db, sql`select v from prepared_probe`)).toEqual([]);
  });

  it.runIf(testDatabase() === 'postgres')('are prepared once per connection on PostgreSQL, one per distinct text', async () => {
    const { db } = database;
    // Hold every other connection so that all the queries below share one.
    await db.transaction(async (tx) => {
      const before = await rows<{ name: string }>(tx, sql`select name from pg_prepared_statements where name like 'sapa\\_%'`);
      await preparedRows(tx, sql`select ${1}::int as a`);
      await preparedRows(tx, sql`select ${2}::int as a`);
      await preparedRows(tx, sql`select ${3}::int as b`);
      const after = await rows<{ name: string }>(tx, sql`select name from pg_prepared_statements where name like 'sapa\\_%'`);
      expect(after.length - before.length).toBe(2);
    });
  });
});

describe.runIf(testDatabase() === 'postgres')('startup lock', () => {
  it('lets one node at a time through', async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 50));
      inside--;
    };
    // On PostgreSQL each call holds its own connection, as separate nodes would.
    await Promise.all([database.exclusive(work), database.exclusive(work)]);
    expect(most).toBe(1);
  });
});
