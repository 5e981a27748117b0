import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Only our own files and vendored bundles; the pages talk only to this origin. */
export const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type Asset = { body: Buffer; type: string; etag: string };

/** A file to serve, with the etag a browser revalidates it by. */
export const asset = (body: Buffer, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
});

/** A page's own files (every .html, .js and .css of `folder`) and vendored bundles by name → path. */
export async function loadAssets(
  folder: string,
  vendor: Record<string, string> = {},
): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const name of await readdir(folder)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, asset(await readFile(join(folder, name)), type));
  }
  for (const [name, path] of Object.entries(vendor)) {
    assets.set(name, asset(await readFile(path), TYPES[extname(name)] ?? 'application/octet-stream'));
  }
  return assets;
}

/** `csp`: the policy a page's HTML goes out with (PAGE_CSP unless the page needs its own). */
export function sendAsset(request: FastifyRequest, reply: FastifyReply, file: Asset, csp = PAGE_CSP) {
  reply
    .header('content-type', file.type)
    .header('etag', file.etag)
    // Revalidated each load: a page left running for months still picks up a new release.
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff');
  if (file.type.startsWith('text/html')) {
    reply.header('content-security-policy', csp).header('referrer-policy', 'no-referrer');
  }
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

/** Serves `index.html` at `base` (under PAGE_CSP, or `csp`) and every other asset under `base/`. */
export function servePage(
  fastify: FastifyInstance,
  base: string,
  assets: Map<string, Asset>,
  { csp = PAGE_CSP }: { csp?: string } = {},
) {
  const index = assets.get('index.html');
  if (!index) throw new Error(`the page at ${base} has no index.html`);
  fastify.get(base, (request, reply) => sendAsset(request, reply, index, csp));
  for (const [name, file] of assets) {
    if (name !== 'index.html')
      fastify.get(`${base}/${name}`, (request, reply) => sendAsset(request, reply, file));
  }
}
