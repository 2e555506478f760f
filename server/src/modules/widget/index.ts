import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SapaHttp, SapaModule } from '../../kernel/module.js';

/**
 * Serves the embeddable widget built by `npm run build:widget` (widget/dist): the loader at /widget.js and its
 * lazily loaded, content-hashed chunks at /widget/<name>.<hash>.js. It also answers CORS for the JSON API, because
 * the widget runs on the host's origin and talks to Sapa with a bearer token (never cookies, so `*` is safe).
 */

const builtDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../widget/dist');
// SAPA_WIDGET_DIST points elsewhere (a deployment that builds the widget separately; tests).
const distDir = () => process.env.SAPA_WIDGET_DIST || builtDir;
// Hashed chunk names only: no dots or slashes beyond the extension, so nothing outside dist can be named.
const chunkName = /^[a-z][a-z0-9-]{0,40}\.[A-Za-z0-9_-]{6,40}\.js$/;

interface Asset {
  body: Buffer;
  etag: string;
  mtimeMs: number;
}
const cache = new Map<string, Asset>();

/** Reads a built file, re-reading when a rebuild changed it; undefined when it does not exist. */
async function asset(file: string): Promise<Asset | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs) return hit;
  const body = await readFile(file);
  const fresh = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, mtimeMs: info.mtimeMs };
  if (cache.size > 50) cache.clear();
  cache.set(file, fresh);
  return fresh;
}

function notBuilt(reply: FastifyReply) {
  return reply
    .status(503)
    .header('retry-after', '30')
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Sapa widget is not built: run `npm run build` (or `npm run build:widget`), then reload.\n');
}

/** Sends the built file; false when it is not there. (Not the reply itself: a reply is a thenable that settles to undefined.) */
async function sendScript(req: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string): Promise<boolean> {
  const found = await asset(file);
  if (!found) return false;
  reply
    .header('access-control-allow-origin', '*')
    .header('cache-control', cacheControl)
    .header('etag', found.etag)
    .header('x-content-type-options', 'nosniff')
    // The script runs inside other sites; they must be allowed to fetch it.
    .header('cross-origin-resource-policy', 'cross-origin')
    .type('text/javascript; charset=utf-8');
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim() === found.etag)) reply.status(304).send();
  else reply.send(found.body);
  return true;
}

const apiCorsHeaders = {
  'access-control-allow-origin': '*',
  // Date lets the widget measure clock skew; the rest are what its error handling and downloads read.
  'access-control-expose-headers': 'Date, Retry-After, X-SHA256, Content-Disposition',
};

// Static files and preflights never count against a rate limit (typed loosely: the plugin may not be registered).
const routeConfig = { csrf: false, ...({ rateLimit: false } as object) };

async function widgetSite(http: SapaHttp) {
  http.get('/widget.js', { schema: { hide: true }, config: routeConfig }, async (req, reply) => {
    // Short max-age: hosts pick up a new release within minutes; the ETag makes the check cheap.
    const sent = await sendScript(req, reply, path.join(distDir(), 'widget.js'), 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800');
    return sent ? reply : notBuilt(reply);
  });

  http.get('/widget/:file', { schema: { hide: true }, config: routeConfig }, async (req, reply) => {
    const { file } = req.params as { file: string };
    if (!chunkName.test(file)) return reply.status(404).type('text/plain; charset=utf-8').send('not found\n');
    const sent = await sendScript(req, reply, path.join(distDir(), 'widget', file), 'public, max-age=31536000, immutable');
    if (sent) return reply;
    const loader = await asset(path.join(distDir(), 'widget.js'));
    return loader ? reply.status(404).header('access-control-allow-origin', '*').type('text/plain; charset=utf-8').send('not found\n') : notBuilt(reply);
  });

  // CORS preflight for the API: the widget sends Authorization and JSON from the host's origin.
  http.options('/api/v1/*', { schema: { hide: true }, config: routeConfig }, async (_req, reply) =>
    reply
      .status(204)
      .headers(apiCorsHeaders)
      .header('access-control-allow-methods', 'GET, POST, PATCH, PUT, DELETE')
      .header('access-control-allow-headers', 'Authorization, Content-Type, Accept-Language, Idempotency-Key, X-Requested-With')
      .header('access-control-max-age', '600')
      .send(),
  );

  // Added at the root before the app is ready, so it covers every API route and the API's 404s and errors too.
  http.addHook('onSend', async (req, reply, payload) => {
    if (req.headers.origin && req.url.startsWith('/api/v1/') && !reply.hasHeader('access-control-allow-origin')) reply.headers(apiCorsHeaders);
    return payload;
  });
}

export const widgetModule: SapaModule = { name: 'widget', site: widgetSite };
