// `npm run kb:import -- <folder>` as an operator runs it: a separate process on the configured database.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, testDatabase, testDatabaseUrl, uid } from '../../testing.js';

const run = promisify(execFile);
let work: string;
let dataDir: string;
const slugA = `import-a-${uid()}`;
const slugB = `import-b-${uid()}`;

const article = (slug: string, related: string, title: string, locale: string) => `---
title: ${title}
description: Imported for a test (${locale}).
category: getting-help
tags: [import test]
visibility: public
intents: [contact_channels]
related: [${related}]
updated: 2026-11-01
---
The body of ${slug} in ${locale}.
`;

async function writeArticle(slug: string, related: string, titles: Record<string, string>) {
  await mkdir(path.join(work, 'articles', slug), { recursive: true });
  for (const [locale, title] of Object.entries(titles)) await writeFile(path.join(work, 'articles', slug, `${locale}.md`), article(slug, related, title, locale));
}

/** The CLI on the test's database: the run's PostgreSQL, or an embedded one in a data directory of its own. */
async function cli(): Promise<string> {
  const env = { ...process.env, SAPA_DATA_DIR: dataDir, DATABASE_URL: testDatabase() === 'postgres' ? await testDatabaseUrl() : '', LOG_LEVEL: 'silent' };
  const { stdout } = await run('npx', ['tsx', 'scripts/kb-import.ts', path.join(work, 'articles')], { env, cwd: path.resolve(import.meta.dirname, '../../../..'), timeout: 240_000 });
  return stdout;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'sapa-kb-import-'));
  dataDir = path.join(work, 'data');
  await writeArticle(slugA, slugB, { en: 'Imported A', 'id-ID': 'Impor A', 'zh-CN': '导入 A' });
  await writeArticle(slugB, slugA, { en: 'Imported B', 'id-ID': 'Impor B', 'zh-CN': '导入 B' });
  // The shipped categories, so the folder is complete on an empty database.
  await writeFile(path.join(work, 'articles', 'categories.json'), await readFile(path.resolve(import.meta.dirname, 'content/categories.json'), 'utf8'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('npm run kb:import', () => {
  it('creates, then reports nothing changed, then updates only the edited translation with a revision', async () => {
    const first = await cli();
    expect(first).toContain(`${slugA}: created (zh-CN created, id-ID created, en created)`);
    expect(first).toContain('2 articles: 2 created, 0 updated, 0 unchanged');

    const second = await cli();
    expect(second.trim().split('\n').at(-1)).toBe('2 articles: 0 created, 0 updated, 2 unchanged, 0 kept (edited by a person)');

    await writeArticle(slugB, slugA, { en: 'Imported B, revised' });
    const third = await cli();
    expect(third).toContain(`${slugB}: updated (en updated)`);
    expect(third).toContain('2 articles: 0 created, 1 updated, 1 unchanged');

    const node = await startNode(testDatabase() === 'postgres' ? {} : { DATABASE_URL: '', SAPA_DATA_DIR: dataDir }, { quiet: true });
    try {
      const admin = new ApiClient(node.url);
      await admin.asAdmin();
      const b = await admin.get(`/api/v1/kb/articles/${slugB}?locale=en`);
      expect(b.body).toMatchObject({ title: 'Imported B, revised', related: [{ slug: slugA, title: 'Imported A' }] });
      const revisions = await admin.get(`/api/v1/kb/articles/${slugB}/revisions`);
      const en = revisions.body.items.filter((r: { locale: string }) => r.locale === 'en');
      expect(en[0]).toMatchObject({ author: { kind: 'import' }, previous: { title: 'Imported B' } });
      expect(en).toHaveLength(2);
    } finally {
      await node.stop();
    }
  }, 900_000);

  it('names the file and the field when an article is malformed, and exits non-zero', async () => {
    await writeFile(path.join(work, 'articles', slugA, 'id-ID.md'), '---\ntitle: [unclosed\n---\nbody\n');
    const failed = await cli().then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`${slugA}/id-ID.md`);
  }, 300_000);
});
