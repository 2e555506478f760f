// Applies every pending migration to the configured database (DATABASE_URL, else the embedded one) and exits.
import { loadConfig } from '../server/src/kernel/config.js';
import { migrate, openDatabase } from '../server/src/kernel/db/index.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.SAPA_DATA_DIR });
try {
  await migrate(database);
  console.log(`migrations applied (${database.kind})`);
} finally {
  await database.close();
}
