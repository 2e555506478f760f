import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type SapaApp } from './app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the "postgres" project may create databases on, and this run's name prefix for them. */
    pgAdminUrl: string;
    pgRunPrefix: string;
    /** A migrated embedded database to start each in-memory node from (vitest.global-setup.ts). */
    pgliteTemplate: string;
  }
}
import { loadConfig } from './kernel/config.js';

/**
 * Test helpers: a real Sapa node on a real database and a real port. The database is the embedded PGlite (in
 * memory) unless the test project runs on PostgreSQL (SAPA_TEST_DB=postgres), in which case every node of a test
 * file shares a fresh database of that file, so that files running side by side never see each other's rows.
 */
export const testDatabase = (): 'embedded' | 'postgres' => (process.env.SAPA_TEST_DB === 'postgres' ? 'postgres' : 'embedded');

let fileDatabase: Promise<string> | undefined;

/** This test file's PostgreSQL database, created on first use; vitest's global teardown drops it with the run. */
export function testDatabaseUrl(): Promise<string> {
  fileDatabase ??= (async () => {
    const admin = inject('pgAdminUrl');
    if (!admin) throw new Error('no PostgreSQL test database: set SAPA_TEST_DATABASE_URL and run through vitest');
    const name = `${inject('pgRunPrefix')}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`create database ${name}`);
    } finally {
      await client.end();
    }
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  return fileDatabase;
}

export interface TestNode {
  app: SapaApp;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export const ADMIN = { email: 'admin@sapa.test', password: 'Test-Admin-Passphrase-2026!' };

/**
 * Waits for background work to reach a state: runs the node's due jobs, checks, and tries again every 50 ms. Returns
 * the check's value, or fails after `rounds` tries (jobs such as outbound sends and the assistant's turns run on the
 * node's own schedule; draining makes a test deterministic instead of timing-dependent).
 */
export async function settle<T>(node: TestNode, check: () => Promise<T | undefined | false>, rounds = 100): Promise<T> {
  for (let i = 0; i < rounds; i++) {
    await node.app.desk.jobs.drain();
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}

export async function startNode(env: Record<string, string> = {}, options: { listen?: boolean; quiet?: boolean } = {}): Promise<TestNode> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sapa-test-'));
  const databaseUrl = testDatabase() === 'postgres' ? await testDatabaseUrl() : 'memory://';
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SAPA_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SAPA_ADMIN_EMAIL: ADMIN.email,
    SAPA_ADMIN_PASSWORD: ADMIN.password,
    SAPA_LOGIN_MAX_FAILURES: '1000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp(config, { quiet: options.quiet, embeddedTemplate: databaseUrl === 'memory://' ? inject('pgliteTemplate') : undefined });
  const url = options.listen === false ? '' : await app.listen();
  return {
    app,
    url,
    dataDir,
    async stop() {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A cookie-jar HTTP client that behaves like a browser or an app: session cookie, CSRF header, bearer token. */
export class ApiClient {
  cookies = new Map<string, string>();
  csrf: string | undefined;
  bearer: string | undefined;
  locale: string | undefined;
  constructor(public base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.locale) h['accept-language'] = this.locale;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (typeof body === 'string') {
      payload = body;
      h['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const value = kv.slice(i + 1);
      if (value) this.cookies.set(kv.slice(0, i).trim(), value);
      else this.cookies.delete(kv.slice(0, i).trim());
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }
  get<T = any>(path: string, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('PATCH', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('PUT', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('DELETE', path, undefined, headers);
  }

  async login(login: string, password: string): Promise<Reply> {
    const r = await this.post('/api/v1/auth/login', { login, password });
    if (r.status === 200) this.csrf = (r.body as { csrfToken: string }).csrfToken;
    return r;
  }
  /** Registers and signs in a fresh customer. */
  async asNewCustomer(name = 'Test Customer', locale = 'en'): Promise<{ id: string; email: string }> {
    const email = `c-${Math.random().toString(36).slice(2)}@sapa.test`;
    const password = 'Plum-Orbit-Lantern-93!';
    const r = await this.post('/api/v1/auth/register', { email, password, name, locale });
    if (r.status !== 201) throw new Error(`register failed: ${r.status} ${r.text}`);
    await this.login(email, password);
    return { id: (r.body as { id: string }).id, email };
  }
  async asVisitor(extra: Record<string, unknown> = {}): Promise<{ token: string; visitorId: string }> {
    const r = await this.post('/api/v1/widget/sessions', extra);
    if (r.status !== 201) throw new Error(`widget session failed: ${r.status} ${r.text}`);
    const body = r.body as { token: string; visitorId: string };
    this.bearer = body.token;
    return body;
  }
  /** Has `admin` create an agent with `role`, and signs in as them. */
  async asNewAgent(admin: ApiClient, role: 'agent' | 'supervisor' | 'admin' = 'agent', name = 'Test Agent'): Promise<{ id: string; email: string }> {
    const email = `${role}-${Math.random().toString(36).slice(2)}@sapa.test`;
    const password = 'Quartz-Harbor-Violet-61!';
    const r = await admin.post('/api/v1/agents', { email, name, role, password });
    if (r.status !== 201) throw new Error(`agent not created: ${r.status} ${r.text}`);
    await this.login(email, password);
    return { id: (r.body as { id: string }).id, email };
  }
  async asAdmin(): Promise<void> {
    const r = await this.login(ADMIN.email, ADMIN.password);
    if (r.status !== 200) throw new Error(`admin login failed: ${r.status} ${r.text}`);
  }
}

export const uid = () => Math.random().toString(36).slice(2, 10);
