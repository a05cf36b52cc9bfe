// The plugin's bundles (packages/embed/dist) at /kaohe/, for an intranet that loads its script tag from
// the Kaohe server: each file precompressed (brotli or gzip, as the browser accepts), hashed names
// cached for a year as immutable, the unhashed loader revalidated on every use (@kaohe/embed/static-bundles).
import { bundleResponse } from '@kaohe/embed/static-bundles';
import type { KaoheApp } from '../app.ts';

/** Where the bundles are served; the loader imports its chunks from beside itself. */
export const BUNDLES_PREFIX = '/kaohe/';

export async function bundleRoutes(app: KaoheApp, folder: string): Promise<void> {
  app.get(`${BUNDLES_PREFIX}*`, {
    // Static files for every page load: no token, no rate limit.
    config: { access: 'anyone', rateLimit: false },
    schema: { hide: true },
  }, async (request, reply) => {
    const name = decodeURIComponent(request.url.slice(BUNDLES_PREFIX.length).split('?')[0] ?? '');
    const found = name.includes('/') ? undefined : await bundleResponse(folder, name, String(request.headers['accept-encoding'] ?? ''));
    if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.code(found.status).headers(found.headers).send(found.body);
  });
}
