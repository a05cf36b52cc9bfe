#!/usr/bin/env node
// Builds the demo page's own script, dist/demo.js. It talks to window.Kaohe only, so it stays small:
// the plugin itself comes from packages/embed/dist/kaohe.iife.js by script tag.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [join(here, 'src', 'demo.ts')],
  outfile: join(here, 'dist', 'demo.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  platform: 'browser',
  tsconfig: join(here, '..', 'tsconfig.esbuild.json'),
  logLevel: 'warning',
});
console.log('built demo/dist/demo.js');
