import { defineConfig } from 'vitest/config';

// Projects: unit tests once; API tests (*.api.test.ts) on the embedded database, and again on PostgreSQL when
// SAPA_TEST_DATABASE_URL is set; browser journeys (e2e/) once, on the embedded database, after the rest and two at a
// time (each has its own node, database and browser, and the global setup builds what they load first): beside the API
// tests they only slowed each other down.
const api = ['server/**/*.api.test.ts'];
const withPostgres = Boolean(process.env.SAPA_TEST_DATABASE_URL);

export default defineConfig({
  test: {
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Most test time is waiting on sockets, timers and the database, so files run side by side even on two cores.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['server/**/*.test.ts', 'nlu/**/*.test.ts', 'widget/**/*.test.ts', 'web/**/*.test.ts'], exclude: [...api, '**/node_modules/**'] },
      },
      { extends: true, test: { name: 'api-embedded', include: api, env: { SAPA_TEST_DB: 'embedded' } } },
      ...(withPostgres ? [{ extends: true as const, test: { name: 'api-postgres', include: api, env: { SAPA_TEST_DB: 'postgres' } } }] : []),
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], env: { SAPA_TEST_DB: 'embedded' }, sequence: { groupOrder: 1 }, maxWorkers: 2, testTimeout: 90_000 } },
    ],
  },
});
