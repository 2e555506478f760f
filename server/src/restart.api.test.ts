import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './kernel/config.js';
import { ApiClient, startNode, testDatabase, uid } from './testing.js';

// The embedded database on disk: what a stop acknowledged is there after a start, and a second process on the same
// directory is refused instead of silently losing writes.
describe.skipIf(testDatabase() !== 'embedded')('the embedded database across restarts', () => {
  it('keeps every record through a stop and start, and refuses a second process on the same directory', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sapa-restart-'));
    const config = loadConfig({ PORT: '0', SAPA_DATA_DIR: dir, LOG_LEVEL: 'silent', SAPA_DEMO: '0' });
    try {
      const first = await buildApp(config, { quiet: true });
      await expect(buildApp(config, { quiet: true })).rejects.toThrow(/in use by process/);
      const url = await first.listen();
      const v = new ApiClient(url);
      const session = await v.asVisitor();
      const c = await v.post('/api/v1/cases', { message: { body: 'tersimpan? 存好了吗?', clientMessageId: uid() } });
      await v.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'kedua', clientMessageId: uid() });
      await first.stop();

      const second = await buildApp(config, { quiet: true });
      const url2 = await second.listen();
      const again = new ApiClient(url2);
      again.bearer = session.token;
      const messages = await again.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0`);
      expect(messages.body.items.map((m: { body: string }) => m.body)).toEqual(['tersimpan? 存好了吗?', 'kedua']);
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('stopping a node', () => {
  it('closes a request that never finishes after the grace instead of waiting for it', { timeout: 60_000 }, async () => {
    const node = await startNode({ SAPA_STOP_GRACE_MS: '500' });
    const { port } = new URL(node.url);
    // Headers of a post whose body never comes: a request in flight, which the drain would otherwise wait 5 minutes for.
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /api/v1/cases HTTP/1.1\r\nHost: sapa\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"message":');
    const closed = once(socket, 'close');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await node.stop();
    await closed;
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
