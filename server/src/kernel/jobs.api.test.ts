import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type TestNode } from '../testing.js';
import { rows } from './db/index.js';
import { enqueue, PermanentJobError } from './jobs.js';

let node: TestNode;
beforeAll(async () => {
  node = await startNode({}, { listen: false, quiet: true });
});
afterAll(async () => node?.stop());

describe('the job queue', () => {
  it('runs a job once per success, retries failures with backoff, and gives up on permanent errors', async () => {
    const { desk } = node.app;
    const seen: string[] = [];
    let flaky = 0;
    desk.jobs.handle<{ n: string }>('test.ok', async (job) => void seen.push(job.payload.n));
    desk.jobs.handle('test.flaky', async () => {
      flaky++;
      throw new Error('smtp timeout');
    });
    desk.jobs.handle('test.permanent', async () => {
      throw new PermanentJobError('recipient refused');
    });
    await enqueue(desk.db, 'test.ok', { n: 'a' });
    await enqueue(desk.db, 'test.ok', { n: 'b' }, { uniqueKey: 'only-once' });
    await enqueue(desk.db, 'test.ok', { n: 'c' }, { uniqueKey: 'only-once' });
    await enqueue(desk.db, 'test.ok', { n: 'later' }, { runAt: new Date(Date.now() + 3600_000) });
    await enqueue(desk.db, 'test.flaky', {}, { maxAttempts: 2 });
    await enqueue(desk.db, 'test.permanent', {});
    await desk.jobs.drain();
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(flaky).toBe(1);
    const states = await rows<{ queue: string; state: string; attempts: number; last_error: string | null; delayed: boolean }>(
      desk.db,
      sql`select queue, state, attempts, last_error, run_at > now() as delayed from jobs where queue like 'test.%' order by id`,
    );
    expect(states.find((s) => s.queue === 'test.flaky')).toMatchObject({ state: 'queued', attempts: 1, last_error: 'smtp timeout', delayed: true });
    expect(states.find((s) => s.queue === 'test.permanent')).toMatchObject({ state: 'failed', last_error: 'recipient refused' });
    expect(states.filter((s) => s.queue === 'test.ok' && s.state === 'done')).toHaveLength(2);
    // Due again: the second attempt is the last one.
    await desk.db.execute(sql`update jobs set run_at = now() where queue = 'test.flaky'`);
    await desk.jobs.drain();
    expect(flaky).toBe(2);
    const [last] = await rows<{ state: string }>(desk.db, sql`select state from jobs where queue = 'test.flaky'`);
    expect(last.state).toBe('failed');
  });

  it('takes back a job whose node died mid-run when its lease expires', async () => {
    const { desk } = node.app;
    let runs = 0;
    desk.jobs.handle('test.lease', async () => void runs++);
    await enqueue(desk.db, 'test.lease', {});
    await desk.db.execute(sql`update jobs set state = 'running', locked_until = now() - interval '1 second', attempts = 1 where queue = 'test.lease'`);
    await desk.jobs.drain();
    expect(runs).toBe(1);
  });
});
