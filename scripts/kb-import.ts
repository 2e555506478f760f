// Loads a folder of knowledge-base articles (<slug>/<locale>.md with front matter, plus categories.json) into the
// configured database: `npm run kb:import -- <folder>` (default: the articles shipped with Sapa). Idempotent: an
// article is matched by slug, only changed translations are written (each with a revision), and the changes are
// printed. Running nodes pick them up within a few seconds (their index refresh).
import path from 'node:path';
import { loadConfig } from '../server/src/kernel/config.js';
import { migrate, openDatabase } from '../server/src/kernel/db/index.js';
import { ArticleContentError, BUNDLED_CONTENT_DIR } from '../server/src/modules/kb/content.js';
import { describeReport, importArticlesToDatabase } from '../server/src/modules/kb/import.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run kb:import -- [folder]   (default: the bundled articles)');
  process.exit(0);
}
const folder = path.resolve(args[0] ?? BUNDLED_CONTENT_DIR);
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.SAPA_DATA_DIR });
try {
  await migrate(database);
  const report = await importArticlesToDatabase(database.db, folder, { mode: 'overwrite' });
  for (const line of describeReport(report)) console.log(line);
} catch (error) {
  if (error instanceof ArticleContentError) {
    console.error(`kb:import: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await database.close();
}
