// How the bundles of dist/ are served, for `kaohe serve` and the demo (and as the README's advice to a
// host that serves them itself): the .br or .gz build.mjs wrote beside each file when the browser
// accepts it, and cache headers by name — a hashed name (kaohe-api-5d82af08.js, kaohe-chunk-…js) never
// changes content, so it is cached for a year and never revalidated; an unhashed one (kaohe.iife.js,
// kaohe-presets.js …) is revalidated on every use, so a new release reaches every page at once.
import { readFile } from 'node:fs/promises';
import { basename, extname, join, normalize, sep } from 'node:path';

/** The split build's hashes (rollup's, in hex): eight characters of 0-9 and a-f after the last dash; no unhashed name ends so. */
export const HASHED = /-[0-9a-f]{8}\.m?js$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const types = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

/**
 * The response for `name` (a path under `folder`): status, headers and body, or undefined when there
 * is no such file (or the name leaves the folder).
 */
export async function bundleResponse(folder, name, acceptEncoding = '') {
  const file = normalize(join(folder, name));
  if (!file.startsWith(normalize(folder) + sep) || !types[extname(file)]) return undefined;
  const headers = {
    'Content-Type': types[extname(file)],
    'Cache-Control': HASHED.test(basename(file)) ? IMMUTABLE : REVALIDATE,
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
  const accepts = (coding) => new RegExp(`(?:^|,)\\s*${coding}\\s*(?:;\\s*q=(?!0(?:\\.0*)?\\s*(?:,|$))[\\d.]+)?\\s*(?:,|$)`).test(acceptEncoding);
  for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!/\.m?js$/.test(file) || !accepts(coding)) continue;
    const body = await readFile(file + suffix).catch(() => undefined);
    if (body) return { status: 200, headers: { ...headers, 'Content-Encoding': coding }, body };
  }
  const body = await readFile(file).catch(() => undefined);
  return body ? { status: 200, headers, body } : undefined;
}
