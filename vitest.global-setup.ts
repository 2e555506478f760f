import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type {} from './server/src/testing.js';

// With SAPA_TEST_DATABASE_URL (a PostgreSQL server where we may create databases), the "postgres" test project
// gets a fresh database for this run, dropped afterwards.
export default async function setup(project: TestProject) {
  const admin = process.env.SAPA_TEST_DATABASE_URL;
  if (!admin) return;
  const name = `sapa_test_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  project.provide('pgUrl', url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
