import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rows, type Db } from './db/index.js';
import type { Metrics } from './metrics.js';

export interface Job<P = unknown> {
  id: number;
  queue: string;
  payload: P;
  attempts: number;
  maxAttempts: number;
}
export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface EnqueueOptions {
  /** Earliest time to run. */
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job with this key is ever created (the later enqueue is a no-op). */
  uniqueKey?: string;
}

/** Thrown by a handler for a failure that retrying cannot fix. */
export class PermanentJobError extends Error {}

/**
 * Writes a job. Pass the transaction of the change that causes it, so the job exists exactly when the change does.
 */
export async function enqueue(db: Db, queue: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
  await db.execute(sql`
    insert into jobs (queue, payload, run_at, max_attempts, unique_key)
    values (${queue}, ${JSON.stringify(payload)}::jsonb, ${(options.runAt ?? new Date()).toISOString()}::timestamptz,
            ${options.maxAttempts ?? 8}, ${options.uniqueKey ?? null})
    on conflict (unique_key) where unique_key is not null do nothing`);
}

interface JobRow {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED under a lease, so any number of nodes share one queue; a job whose
 * node died is retried when its lease runs out. Handlers must therefore be idempotent.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private active: Promise<void> | undefined;
  private wakeRequested = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly options: { pollMs?: number; leaseSeconds?: number; batch?: number } = {},
  ) {}

  handle<P>(queue: string, handler: JobHandler<P>): void {
    this.handlers.set(queue, handler as JobHandler);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(50);
  }

  /** Runs due jobs soon, instead of at the next poll. */
  wake(): void {
    if (!this.running) return;
    if (this.active) this.wakeRequested = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.active;
  }

  /** Runs every due job once (tests use it to make background work deterministic). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tick();
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.active = this.tick()
        .catch((error) => this.log.warn({ err: error }, 'job poll failed; will retry'))
        .then(() => undefined)
        .finally(() => {
          this.active = undefined;
          if (this.running) this.schedule(this.wakeRequested ? 0 : (this.options.pollMs ?? 1000));
          this.wakeRequested = false;
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return 0;
    const lease = this.options.leaseSeconds ?? 120;
    const claimed = await rows<JobRow>(
      this.db,
      sql`update jobs set state = 'running', attempts = attempts + 1,
                 locked_until = now() + make_interval(secs => ${lease})
          where id in (
            select id from jobs
            where queue in (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
              and ((state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now()))
            order by run_at, id
            limit ${this.options.batch ?? 10}
            for update skip locked)
          returning id, queue, payload, attempts, max_attempts`,
    );
    // Started in the order they were queued (RETURNING has no order): jobs that must follow each other on one
    // subject, like the assistant's turns for a burst of WhatsApp messages, chain in that order.
    claimed.sort((a, b) => Number(a.id) - Number(b.id));
    await Promise.all(claimed.map((row) => this.run(row)));
    return claimed.length;
  }

  private async run(row: JobRow): Promise<void> {
    const handler = this.handlers.get(row.queue);
    const job: Job = { id: Number(row.id), queue: row.queue, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts };
    try {
      if (!handler) throw new PermanentJobError(`no handler for queue ${row.queue}`);
      await handler(job);
      await this.db.execute(sql`update jobs set state = 'done', finished_at = now(), locked_until = null, last_error = null where id = ${job.id}`);
      this.metrics.jobsFinished.inc({ queue: row.queue, outcome: 'done' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      // Exponential backoff with a little jitter: 2s, 4s, 8s, … capped at one hour.
      const delay = Math.min(3600, 2 ** job.attempts) + Math.random();
      await this.db.execute(
        permanent
          ? sql`update jobs set state = 'failed', finished_at = now(), locked_until = null, last_error = ${message} where id = ${job.id}`
          : sql`update jobs set state = 'queued', locked_until = null, last_error = ${message},
                  run_at = now() + make_interval(secs => ${delay}) where id = ${job.id}`,
      );
      this.metrics.jobsFinished.inc({ queue: row.queue, outcome: permanent ? 'failed' : 'retry' });
      this.log.warn({ queue: row.queue, jobId: job.id, attempt: job.attempts, permanent, err: message }, 'job failed');
    }
  }
}
