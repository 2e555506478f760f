import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SapaHttp } from '../../kernel/module.js';

/** Where `npm run build:web` writes the console. */
export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

// The console talks only to its own origin; images may be blob: URLs of attachments fetched with credentials.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

async function fileAt(rel: string): Promise<{ file: string; size: number } | undefined> {
  const file = path.resolve(webDist, `.${path.posix.normalize(`/${rel}`)}`);
  if (file !== webDist && !file.startsWith(webDist + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { file, size: info.size } : undefined;
}

async function send(req: FastifyRequest, reply: FastifyReply, found: { file: string; size: number }, cache: string) {
  const type = types[path.extname(found.file)] ?? 'application/octet-stream';
  reply.header('cache-control', cache).header('vary', 'accept-encoding').type(type);
  // The build writes a .gz beside every text asset; send it to clients that take gzip.
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && /^(text|application\/(json|manifest)|image\/svg)/.test(type)) {
    const gz = await stat(`${found.file}.gz`).catch(() => undefined);
    if (gz?.isFile()) return reply.header('content-encoding', 'gzip').header('content-length', String(gz.size)).send(createReadStream(`${found.file}.gz`));
  }
  return reply.header('content-length', String(found.size)).send(createReadStream(found.file));
}

/**
 * The agent console at /agent: files from web/dist, hashed assets cached for a year, and every other path under
 * /agent answered with index.html so the console's own router can show it (deep links, reloads).
 */
export async function consoleSite(http: SapaHttp) {
  const handler = async (req: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    let rel: string;
    try {
      rel = decodeURIComponent(req.params['*'] ?? '');
    } catch {
      rel = '';
    }
    const asset = rel ? await fileAt(rel) : undefined;
    if (asset) {
      const hashed = rel.startsWith('assets/');
      return send(req, reply, asset, hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    }
    // A missing hashed asset is a stale page asking for an old build: a 404, not the app shell.
    if (rel.startsWith('assets/') || /\.(js|css|map|png|svg|ico|woff2)$/.test(rel)) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'not found' } });
    }
    const index = await fileAt('index.html');
    if (!index) {
      return reply
        .status(503)
        .header('retry-after', '30')
        .type('text/plain; charset=utf-8')
        .send('The agent console is not built. Run `npm run build:web` (npm start and npm test do it).');
    }
    reply.header('content-security-policy', csp).header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
    return send(req, reply, index, 'no-cache');
  };
  http.get('/agent', { schema: { hide: true } }, handler);
  http.get('/agent/*', { schema: { hide: true } }, handler);
}
