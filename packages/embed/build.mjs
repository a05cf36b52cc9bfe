#!/usr/bin/env node
// Builds the script-tag bundles: dist/kaohe.js (ESM) and dist/kaohe.iife.js (window.Kaohe).
//   --check-size  print raw and gzip -9 sizes; exit 1 when the IIFE exceeds its budget or pulls zod's locales
//   --metafile    print the inputs that weigh most in each bundle
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(here, 'dist');
const args = new Set(process.argv.slice(2));

/** The IIFE carries the rubric form, the inbox and the payslip with their CSS; an intranet page loads it on every view. */
export const IIFE_BUDGET_GZIP = 100 * 1024;

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  platform: 'browser',
  // the decorator options live in this file itself: esbuild does not follow `extends`
  tsconfig: join(root, 'tsconfig.esbuild.json'),
  metafile: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

export const bundles = [
  { name: 'kaohe.js', entry: join(here, 'src', 'index.ts'), format: 'esm' },
  // No globalName: src/iife.ts assigns window.Kaohe itself, so a second copy keeps the first one.
  { name: 'kaohe.iife.js', entry: join(here, 'src', 'iife.ts'), format: 'iife' },
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  await mkdir(dist, { recursive: true });
  const results = [];
  for (const bundle of bundles) {
    const outfile = join(dist, bundle.name);
    const result = await build({ ...common, entryPoints: [bundle.entry], format: bundle.format, outfile, write: false });
    const file = result.outputFiles.find((output) => output.path === outfile) ?? result.outputFiles[0];
    await writeFile(outfile, file.contents);
    await writeFile(join(dist, `${bundle.name}.meta.json`), JSON.stringify(result.metafile));
    results.push({ ...bundle, code: file.contents, metafile: result.metafile });
  }

  let failed = false;
  if (args.has('--check-size')) {
    console.log('bundle            raw        gzip -9');
    for (const { name, code } of results) {
      const gzip = gzipSync(code, { level: 9 }).length;
      console.log(`${name.padEnd(16)} ${kb(code.length).padStart(9)}  ${kb(gzip).padStart(9)}`);
      if (name === 'kaohe.iife.js' && gzip > IIFE_BUDGET_GZIP) {
        console.error(`kaohe.iife.js is ${kb(gzip)} gzip, over its budget of ${kb(IIFE_BUDGET_GZIP)}`);
        failed = true;
      }
    }
    for (const { name, metafile } of results) {
      // `import { z } from 'zod'` drags in every locale (~66 KB gzip); the namespace import must stay.
      const locales = Object.keys(metafile.inputs).filter((input) => /zod\/.*\/locales\/(?!en\.)/.test(input));
      if (locales.length > 0) {
        console.error(`${name} pulls in ${locales.length} zod locale files (e.g. ${locales[0]}); import zod as \`import * as z from 'zod'\``);
        failed = true;
      }
    }
  }

  if (args.has('--metafile')) {
    for (const { name, metafile } of results) {
      const output = Object.values(metafile.outputs)[0];
      const inputs = Object.entries(output.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
      const byPackage = new Map();
      for (const [path, { bytesInOutput }] of inputs) {
        const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
        const key = match ? match[1] : path.startsWith('packages/') ? path.split('/').slice(0, 2).join('/') : path;
        byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
      }
      console.log(`\n${name}: biggest inputs (minified bytes in the output)`);
      for (const [path, { bytesInOutput }] of inputs.slice(0, 15)) console.log(`  ${kb(bytesInOutput).padStart(9)}  ${relative(root, join(process.cwd(), path))}`);
      console.log(`${name}: by package`);
      for (const [key, bytes] of [...byPackage].sort(([, a], [, b]) => b - a)) console.log(`  ${kb(bytes).padStart(9)}  ${key}`);
    }
  }

  if (!args.has('--quiet')) console.log(`built ${results.map((r) => relative(root, join(dist, r.name))).join(', ')}`);
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
