import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type TestNode } from '../../testing.js';

// The widget's files and the API's CORS, against a fake build (the real one is exercised by e2e/widget.test.ts).

let node: TestNode;
let dist: string;
const chunk = 'chat.Abc123_-xyz0.js';

beforeAll(async () => {
  node = await startNode();
  dist = await mkdtemp(path.join(tmpdir(), 'sapa-widget-dist-'));
});

afterAll(async () => {
  await node?.stop();
  await rm(dist, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.SAPA_WIDGET_DIST;
});

describe('widget files', () => {
  it('answers 503 with what to do when the widget is not built', async () => {
    process.env.SAPA_WIDGET_DIST = path.join(dist, 'missing');
    const res = await fetch(`${node.url}/widget.js`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await res.text()).toMatch(/npm run build/);
    expect((await fetch(`${node.url}/widget/${chunk}`)).status).toBe(503);
  });

  it('serves the loader briefly cached with an ETag, and hashed chunks as immutable, to any origin', async () => {
    await mkdir(path.join(dist, 'widget'), { recursive: true });
    await writeFile(path.join(dist, 'widget.js'), `(function(){var c="${chunk}"})();`);
    await writeFile(path.join(dist, 'widget', chunk), 'export const mount = () => ({});');
    process.env.SAPA_WIDGET_DIST = dist;

    const loader = await fetch(`${node.url}/widget.js`, { headers: { origin: 'https://wallet.example' } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(loader.headers.get('cache-control')).toMatch(/^public, max-age=300\b/);
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const etag = loader.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${node.url}/widget.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // A rebuild changes the ETag.
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(path.join(dist, 'widget.js'), `(function(){var c="${chunk}";var v=2})();`);
    const rebuilt = await fetch(`${node.url}/widget.js`, { headers: { 'if-none-match': etag } });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.headers.get('etag')).not.toBe(etag);

    const chat = await fetch(`${node.url}/widget/${chunk}`);
    expect(chat.status).toBe(200);
    expect(chat.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(chat.headers.get('access-control-allow-origin')).toBe('*');
    expect(await chat.text()).toContain('mount');
  });

  it('never serves anything but built chunks', async () => {
    process.env.SAPA_WIDGET_DIST = dist;
    for (const name of ['chat.missing123.js', '..%2Fwidget.js', 'chat.Abc123_-xyz0.js.map', '.env', 'widget.js']) {
      expect((await fetch(`${node.url}/widget/${name}`)).status, name).toBe(404);
    }
  });
});

describe('API CORS for the widget', () => {
  it('answers the preflight of a bearer JSON request from another origin', async () => {
    const res = await fetch(`${node.url}/api/v1/cases`, {
      method: 'OPTIONS',
      headers: { origin: 'https://wallet.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    // No credentials: cookies never ride along cross-origin, so `*` exposes nothing that needs them.
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the widget read successes, errors and unknown routes (it must tell 404 from a network failure)', async () => {
    const origin = { origin: 'https://wallet.example' };
    const session = await fetch(`${node.url}/api/v1/widget/sessions`, { method: 'POST', headers: { ...origin, 'content-type': 'application/json' }, body: '{}' });
    expect(session.status).toBe(201);
    expect(session.headers.get('access-control-allow-origin')).toBe('*');
    expect(session.headers.get('access-control-expose-headers')).toMatch(/Date/);
    const unauthorized = await fetch(`${node.url}/api/v1/cases`, { headers: { ...origin, authorization: 'Bearer nope' } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await fetch(`${node.url}/api/v1/no-such-endpoint`, { headers: origin });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    // Same-origin pages (no Origin header) get no CORS headers at all.
    expect((await fetch(`${node.url}/api/v1/no-such-endpoint`)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
