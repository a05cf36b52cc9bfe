#!/usr/bin/env node
// A small static server for the demo: demo/ at /, the plugin's bundles at /kaohe/, with the strict
// Content-Security-Policy an intranet may send, so the demo proves the plugin needs no inline code.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleResponse } from '../packages/embed/static-bundles.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The policy of tests/e2e/csp.e2e.test.ts: no inline script, no eval; lit's styles need no 'unsafe-inline'. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** URL prefix → folder; the first match wins, '/' last. */
export const defaultRoutes = [
  ['/kaohe/', join(here, '..', 'packages', 'embed', 'dist')],
  ['/', here],
];

/**
 * The static half as a request handler (GET and HEAD only), for a server that also has routes of its own.
 * The plugin's folder (/kaohe/) is served as `kaohe serve` serves it: precompressed, hashed chunks
 * cached for a year (packages/embed/static-bundles.mjs).
 */
export function staticHandler({ routes = defaultRoutes, csp = CSP } = {}) {
  return async (request, response) => {
    const headers = { 'Content-Security-Policy': csp, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    try {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const route = routes.find(([prefix]) => path.startsWith(prefix));
      if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) throw Object.assign(new Error('not found'), { status: 404 });
      const [prefix, folder] = route;
      let file = normalize(join(folder, path.slice(prefix.length)));
      if (file !== folder && !file.startsWith(folder + sep)) throw Object.assign(new Error('not found'), { status: 404 });
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      if (file.split(sep).includes('node_modules')) throw Object.assign(new Error('not found'), { status: 404 });
      if (prefix === '/kaohe/') {
        const found = await bundleResponse(folder, path.slice(prefix.length), String(request.headers['accept-encoding'] ?? ''));
        if (!found) throw Object.assign(new Error('not found'), { status: 404 });
        response.writeHead(found.status, { ...headers, ...found.headers });
        response.end(request.method === 'HEAD' ? undefined : found.body);
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error?.status ?? (error?.code === 'ENOENT' ? 404 : 500);
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'Not found' : 'Server error');
    }
  };
}

export function startServer({ port = 0, host = '127.0.0.1', routes = defaultRoutes, csp = CSP } = {}) {
  const server = createServer(staticHandler({ routes, csp }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${typeof address === 'object' && address ? address.port : port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const port = Number(process.env.PORT ?? 5173);
  const { url } = await startServer({ port });
  console.log(`Kaohe demo: ${url}  (Ctrl+C to stop)`);
}
