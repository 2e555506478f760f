import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// The browser journeys load the console and the widget as the server serves them, from web/dist and widget/dist. The
// test run's global setup builds them once, before any journey starts: journeys run side by side, and two builds
// writing one dist at the same time would break both.

const root = path.resolve(import.meta.dirname, '..');

/** The newest modification time of any file below `dir`. */
const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));

/** Builds the console when its sources are newer than web/dist (the server serves dist as is). */
function ensureConsoleBuilt(): void {
  const built = path.join(root, 'web/dist/index.html');
  const sources = Math.max(newest(path.join(root, 'web/src')), statSync(path.join(root, 'web/vite.config.ts')).mtimeMs, statSync(path.join(root, 'web/index.html')).mtimeMs);
  if (!existsSync(built) || statSync(built).mtimeMs < sources) execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
}

/** Builds the widget when its sources are newer than widget/dist (the server serves dist as is). */
function ensureWidgetBuilt(): void {
  const built = path.join(root, 'widget/dist/widget.js');
  const sources = Math.max(newest(path.join(root, 'widget/src')), statSync(path.join(root, 'widget/build.ts')).mtimeMs);
  if (!existsSync(built) || statSync(built).mtimeMs < sources) execFileSync('npx', ['tsx', 'widget/build.ts'], { cwd: root, stdio: 'inherit' });
}

/** Builds whatever the journeys load that is older than its sources. */
export function ensureBuilt(): void {
  ensureConsoleBuilt();
  ensureWidgetBuilt();
}
