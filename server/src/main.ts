import { ConfigError, loadConfig } from './kernel/config.js';
import { buildApp } from './app.js';

// One node of Sapa: read the configuration, build the app, listen; on SIGTERM/SIGINT drain requests, stop
// background work and close the database so the next start finds every record.
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await buildApp(config);
  const address = await app.listen();
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', 'localhost');
  const lines = [
    '',
    `  Sapa is running at ${url}`,
    `    help center   ${url}/`,
    `    agent console ${url}/agent`,
    `    status page   ${url}/status`,
    `    API docs      ${url}/api/docs`,
    `  database: ${app.desk.database.kind === 'embedded' ? `embedded (${config.SAPA_DATA_DIR})` : 'PostgreSQL'}${config.REDIS_URL ? ', Redis bus on' : ''}`,
  ];
  if (app.demoAdmin) {
    lines.push(`  admin login: ${app.demoAdmin.email} / ${app.demoAdmin.password ?? '(the SAPA_ADMIN_PASSWORD you set)'}`);
    lines.push('  demo agents: rina@demo.sapa.test, liwei@demo.sapa.test / Sapa-Demo-Agent-2026!');
    lines.push('  demo customers: budi@demo.sapa.test, wang.fang@demo.sapa.test, alice@demo.sapa.test / Sapa-Demo-Customer-2026!');
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.desk.log.info({ signal }, 'stopping: draining requests');
    // The drain has its own grace (SAPA_STOP_GRACE_MS); this is the last resort if closing what remains hangs.
    const force = setTimeout(() => process.exit(1), app.desk.config.SAPA_STOP_GRACE_MS + 15_000);
    force.unref();
    try {
      await app.stop();
      process.exit(0);
    } catch (error) {
      app.desk.log.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
