import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import type { Config } from './kernel/config.js';
import { maxUploadBytes } from './kernel/config.js';
import { migrate, openDatabase } from './kernel/db/index.js';
import type { Desk } from './kernel/desk.js';
import { EventBus } from './kernel/events.js';
import { LocalFileStore } from './kernel/files.js';
import { handleError, handleNotFound, refuseUnstorableText, securityHeaders } from './kernel/http.js';
import { JobRunner } from './kernel/jobs.js';
import { createMetrics } from './kernel/metrics.js';
import type { SapaHttp, SapaModule } from './kernel/module.js';
import { assistantModule } from './modules/assistant/index.js';
import { casesModule } from './modules/cases/index.js';
import { callbacksModule } from './modules/callbacks/index.js';
import { appChannelModule } from './modules/app-channel/index.js';
import { telegramModule } from './modules/telegram/index.js';
import { whatsappModule } from './modules/whatsapp/index.js';
import { emailModule } from './modules/email/index.js';
import { channelsModule } from './modules/channels/index.js';
import { consoleModule } from './modules/console/index.js';
import { csatModule } from './modules/csat/index.js';
import { slaModule } from './modules/sla/index.js';
import { complaintsModule } from './modules/complaints/index.js';
import { routingModule } from './modules/routing/index.js';
import { authenticate } from './modules/identity/http.js';
import { helpCenterModule } from './modules/helpcenter/index.js';
import { forumModule } from './modules/forum/index.js';
import { identityModule } from './modules/identity/index.js';
import { kbModule } from './modules/kb/index.js';
import { realtimeModule } from './modules/realtime/index.js';
import { walletModule } from './modules/wallet/index.js';
import { widgetModule } from './modules/widget/index.js';
import { statusModule } from './modules/status/index.js';
import { supportModule } from './modules/support/index.js';
import { seedDemo } from './demo.js';

/** Every capability of Sapa, in dependency order (setup, demo data and start run in this order). */
export const modules: SapaModule[] = [identityModule, walletModule, casesModule, channelsModule, emailModule, whatsappModule, telegramModule, appChannelModule, callbacksModule, widgetModule, consoleModule, kbModule, helpCenterModule, realtimeModule, statusModule, supportModule, assistantModule, forumModule, csatModule, slaModule, complaintsModule, routingModule];

export interface SapaApp {
  http: SapaHttp;
  desk: Desk;
  /** Set when demo data created a throwaway admin. */
  demoAdmin?: { email: string; password: string | null };
  listen(): Promise<string>;
  stop(): Promise<void>;
}

export interface BuildOptions {
  /** Don't start background work (job runner, servers), for tests that drive it by hand. */
  quiet?: boolean;
  /** A migrated PGlite dump for a `memory://` database to start from (see openDatabase). */
  embeddedTemplate?: string;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<SapaApp> {
  const log = pino({ level: config.LOG_LEVEL, base: { pid: process.pid } });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.SAPA_DB_POOL_SIZE, dataDir: config.SAPA_DATA_DIR, template: options.embeddedTemplate });
  const stops: (() => Promise<void> | void)[] = [];
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const metrics = createMetrics();
  const desk: Desk = {
    config,
    database,
    db: database.db,
    events: new EventBus((event, error) => log.error({ err: error, event }, 'event listener failed')),
    jobs: undefined as unknown as JobRunner,
    files: new LocalFileStore(path.resolve(config.SAPA_DATA_DIR, 'files')),
    metrics,
    log,
    state: new Map(),
    onStop: (fn) => stops.push(fn),
  };
  desk.jobs = new JobRunner(database.db, log.child({ part: 'jobs' }), metrics);

  const http = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // One line per request only when debugging; metrics count every request anyway.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    trustProxy: config.SAPA_TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Malformed URLs and the like are refused by the router itself: give them the same envelope.
    frameworkErrors: (error, req, reply) => void handleError(error, req, reply),
  }).withTypeProvider<ZodTypeProvider>();
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.setErrorHandler(handleError);
  http.setNotFoundHandler(handleNotFound);

  await http.register(cookie);
  // Pages set their own Content-Security-Policy; the widget and attachments are embedded from other origins.
  const security = securityHeaders({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: false });
  http.addHook('onRequest', (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  await http.register(multipart, { limits: { fileSize: maxUploadBytes(config), files: 1, fields: 10 } });
  await http.register(swagger, {
    openapi: {
      info: { title: 'Sapa API', version: '1.0.0', description: 'The public contract of Sapa, the support desk for digital wallets.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sapa_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await http.register(swaggerUi, { routePrefix: '/api/docs' });

  http.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  http.addHook('onRequest', authenticate(desk));
  http.addHook('preValidation', refuseUnstorableText);

  http.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  http.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await database.ping(2000);
    if (!ok) reply.status(503).header('retry-after', '5');
    return { ok, database: ok ? 'up' : 'down' };
  });
  http.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  // Setup creates first records (the bootstrap admin), so nodes starting together take turns.
  await database.exclusive(async () => {
    for (const m of modules) await m.setup?.(desk);
  });
  await http.register(
    async (api) => {
      for (const m of modules) if (m.api) await m.api(api as SapaHttp, desk);
    },
    { prefix: '/api/v1' },
  );
  for (const m of modules) if (m.site) await m.site(http, desk);

  let demoAdmin: SapaApp['demoAdmin'];
  if (config.SAPA_DEMO) {
    demoAdmin = await database.exclusive(async () => {
      const admin = await seedDemo(desk);
      for (const m of modules) await m.seedDemo?.(desk);
      return { email: admin.adminEmail, password: admin.adminPassword };
    });
  }
  if (!options.quiet) {
    for (const m of modules) await m.start?.(desk);
    desk.jobs.start();
  }
  await http.ready();

  let stopped = false;
  return {
    http,
    desk,
    demoAdmin,
    listen: () => http.listen({ port: config.PORT, host: config.HOST }),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Requests in flight may finish; one that does not (a body that never arrives, a client gone quiet) would hold
      // the stop until Node's 5-minute request timeout, so after the grace its connection is closed.
      const grace = setTimeout(() => {
        desk.log.warn({ graceMs: config.SAPA_STOP_GRACE_MS }, 'stop: requests still in flight after the grace; closing their connections');
        http.server.closeAllConnections();
      }, config.SAPA_STOP_GRACE_MS);
      try {
        await http.close();
      } finally {
        clearTimeout(grace);
      }
      await desk.jobs.stop();
      for (const fn of stops.reverse()) await fn();
      await database.close();
    },
  };
}
