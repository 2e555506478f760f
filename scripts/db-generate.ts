// Generates the next migration of one module's set from its schema.ts: `npm run db:generate -- cases [name]`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { migrationSets } from '../server/src/kernel/db/modules.js';

const [name, label] = process.argv.slice(2);
const set = migrationSets.find((s) => s.name === name);
if (!set) {
  console.error(`usage: npm run db:generate -- <${migrationSets.map((s) => s.name).join('|')}> [label]`);
  process.exit(2);
}
// Relative paths: drizzle-kit prefixes './' to the output folder, which breaks an absolute one.
const root = path.relative(process.cwd(), path.resolve('server'));
execFileSync(
  'npx',
  ['drizzle-kit', 'generate', '--dialect=postgresql', `--schema=${path.join(root, set.schema)}`, `--out=${path.join(root, set.folder)}`, ...(label ? [`--name=${label}`] : [])],
  { stdio: 'inherit' },
);
