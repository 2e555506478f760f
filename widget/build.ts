/// <reference types="node" />
// Builds the widget into widget/dist and enforces its size budget (run with `npm run build:widget`):
//   dist/widget.js              the loader (IIFE, one classic <script>): launcher, cached alternatives, troubleshooter
//   dist/widget/chat.<hash>.js  the chat (ES module, loaded with import() on first open): Preact + socket.io-client
// Then gzips both and fails (exit 1) when the loader exceeds 25 KB or the total 60 KB.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig, type Rollup } from 'vite';

// A build started from the test runner inherits NODE_ENV=test, which makes Vite resolve the packages' development
// builds (socket.io-client with its debug logger): always build for production.
process.env.NODE_ENV = 'production';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const KB = 1024;
const budget = { loader: 25 * KB, total: 60 * KB };
const sizeOnly = process.argv.includes('--size-only');

const common = (entry: string): InlineConfig => ({
  configFile: false,
  mode: 'production',
  logLevel: 'warn',
  root: here,
  // Old Android web views are common among wallet customers; ES2019 keeps them working.
  build: { target: 'es2019', write: false, minify: true, sourcemap: false, emptyOutDir: false, reportCompressedSize: false, lib: false, rollupOptions: { input: entry } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
});

/** The single JS chunk a build produced (both builds are one chunk by design). */
function onlyChunk(result: Awaited<ReturnType<typeof build>>): string {
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.map((c) => c.fileName).join(', ')}`);
  return chunks[0].code;
}

async function buildWidget() {
  const chat = onlyChunk(
    await build({
      ...common(path.join(here, 'src/chat/index.tsx')),
      build: {
        ...common('').build,
        rollupOptions: {
          input: path.join(here, 'src/chat/index.tsx'),
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es' },
        },
      },
    }),
  );
  const chatName = `chat.${createHash('sha256').update(chat).digest('base64url').slice(0, 12)}.js`;
  const loader = onlyChunk(
    await build({
      ...common(path.join(here, 'src/loader/main.ts')),
      define: { 'process.env.NODE_ENV': '"production"', __SAPA_CHAT__: JSON.stringify(chatName) },
      build: {
        ...common('').build,
        rollupOptions: {
          input: path.join(here, 'src/loader/main.ts'),
          output: { format: 'iife' },
        },
      },
    }),
  );
  await mkdir(path.join(dist, 'widget'), { recursive: true });
  await writeFile(path.join(dist, 'widget', chatName), chat);
  await writeFile(path.join(dist, 'widget.js'), loader);
  // Pages that loaded the previous loader still import the previous chunk: keep the five newest.
  const chunks = await readdir(path.join(dist, 'widget'));
  const dated = await Promise.all(chunks.filter((f) => /^chat\..+\.js$/.test(f)).map(async (f) => ({ f, t: (await stat(path.join(dist, 'widget', f))).mtimeMs })));
  for (const { f } of dated.sort((a, b) => b.t - a.t).slice(5)) await rm(path.join(dist, 'widget', f));
  return { loader, chat, chatName };
}

async function current() {
  const { readFile } = await import('node:fs/promises');
  const loader = await readFile(path.join(dist, 'widget.js'), 'utf8');
  const name = /chat\.[\w-]{12}\.js/.exec(loader)?.[0];
  if (!name) throw new Error('cannot find the chat chunk name in dist/widget.js');
  return { loader, chat: await readFile(path.join(dist, 'widget', name), 'utf8'), chatName: name };
}

const gz = (code: string) => gzipSync(Buffer.from(code), { level: 9 }).length;
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

const { loader, chat, chatName } = sizeOnly ? await current() : await buildWidget();
const sizes = { loader: gz(loader), chat: gz(chat) };
const total = sizes.loader + sizes.chat;
console.log(`widget.js            ${kb(loader.length).padStart(9)} raw  ${kb(sizes.loader).padStart(8)} gzip  (budget ${kb(budget.loader)})`);
console.log(`widget/${chatName.padEnd(21)}${kb(chat.length).padStart(6)} raw  ${kb(sizes.chat).padStart(8)} gzip`);
console.log(`total                ${kb(loader.length + chat.length).padStart(9)} raw  ${kb(total).padStart(8)} gzip  (budget ${kb(budget.total)})`);
const over = [sizes.loader > budget.loader && `loader ${kb(sizes.loader)} > ${kb(budget.loader)}`, total > budget.total && `total ${kb(total)} > ${kb(budget.total)}`].filter(Boolean);
if (over.length) {
  console.error(`widget size budget exceeded: ${over.join('; ')}`);
  process.exit(1);
}
