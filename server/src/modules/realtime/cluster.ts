// Real processes for the multi-node test and the benchmark: Sapa nodes started like production (`tsx
// server/src/main.ts`), a private Redis we may restart, and a throwaway PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child printed, to show when something fails. */
function tail(child: ChildProcess, lines: string[]): void {
  const push = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', push);
  child.stderr?.on('data', push);
}

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
  /** SIGKILL: the node dies without closing anything. */
  kill(): void;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export interface NodeEnv {
  databaseUrl: string;
  redisUrl?: string;
  redisPrefix?: string;
  adminEmail?: string;
  adminPassword?: string;
  extra?: Record<string, string>;
  /** Extra flags for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** The V8 flags `npm start` runs Sapa with (package.json), so tests and benchmarks run the nodes as production does. */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/** Starts `tsx server/src/main.ts` in one process (no wrapper process, so kill -9 hits the node itself). */
export async function startNodeProcess(env: NodeEnv, readyTimeoutMs = 150_000): Promise<NodeProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sapa-rt-node-'));
  const child = spawn(process.execPath, [...NODE_FLAGS, ...(env.nodeArgs ?? []), '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      SAPA_DATA_DIR: dataDir,
      DATABASE_URL: env.databaseUrl,
      ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : {}),
      ...(env.redisPrefix ? { SAPA_REDIS_PREFIX: env.redisPrefix } : {}),
      SAPA_DEMO: '0',
      SAPA_ADMIN_EMAIL: env.adminEmail ?? 'admin@cluster.test',
      SAPA_ADMIN_PASSWORD: env.adminPassword ?? 'Cluster-Admin-Passphrase-2026!',
      SAPA_LOGIN_MAX_FAILURES: '1000',
      LOG_LEVEL: 'warn',
      ...env.extra,
    },
  });
  const output: string[] = [];
  tail(child, output);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  exit.then(() => rm(dataDir, { recursive: true, force: true })).catch(() => undefined);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`node on ${port} exited while starting:\n${output.slice(-30).join('\n')}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`node on ${port} not ready after ${readyTimeoutMs} ms:\n${output.slice(-30).join('\n')}`);
    }
    await sleep(250);
  }
  return {
    url,
    port,
    child,
    output,
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A Redis server of our own on a free port, so restarting it disturbs nobody else's tests. */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), await mkdtemp(path.join(tmpdir(), 'sapa-rt-redis-')));
    await redis.up();
    return redis;
  }

  /** Starts the server (again) and waits until it answers PING. */
  async up(): Promise<void> {
    if (this.child && this.child.exitCode === null) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    tail(child, this.output);
    this.child = child;
    for (let i = 0; i < 200; i++) {
      if (await this.ping()) return;
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`redis-server on ${this.port} did not start:\n${this.output.slice(-10).join('\n')}`);
  }

  /** `redis-cli shutdown nosave`: everything in it is gone, as after a crash of a cache-only Redis. */
  async shutdown(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await run('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave']).catch(() => child.kill('SIGKILL'));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async ping(): Promise<boolean> {
    try {
      return (await run('redis-cli', ['-p', String(this.port), 'ping'])).trim() === 'PONG';
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}`))));
  });
}

/** A fresh PostgreSQL database on the server `adminUrl` points at; `drop()` removes it. */
export async function createDatabase(adminUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sapa_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
