#!/usr/bin/env node
// Builds the script-tag bundles into dist/:
//   kaohe.iife.js / kaohe.js                the core (window.Kaohe / ESM): rubric form, inbox, payslip, the Kaohe API
//   kaohe-presets.js / kaohe-presets.mjs    the rubric and pay-plan presets of domain/rules.md, loaded by pages that use them
//   kaohe-form-builder.js / .mjs            the rubric builder, loaded only by the HR page that edits rubrics
//   kaohe-hr.js / kaohe-hr.mjs              HR's views (annual, score distribution, payroll export), loaded by HR pages only
// Options:
//   --check-size  print every bundle's raw and gzip -9 size; exit 1 when the core IIFE is over its
//                 112 KB ceiling (the 100 KB target is printed, not enforced) or carries what it must not
//                 (zod's locales, the rubric or pay presets, the builder, HR's views, papaparse, test or Node code)
//   --metafile    print the inputs that weigh most in each bundle
//   --quiet       print nothing but problems
//
// Every bundle is built by esbuild; the core bundles then go through terser, whose second pass
// finds ≈4 KB gzip more than esbuild's single one (3 s per bundle, so only for what every page
// loads). The elements' lit `css` templates are minified as they are loaded, and the core's
// decimal.js loses the mathematics Kaohe never does (decimal-core.mjs).
import { build, transform } from 'esbuild';
import { minify } from 'terser';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { decimalCore } from './decimal-core.mjs';
import { noBatchPaths } from './batch-paths.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(here, 'dist');
const args = new Set(process.argv.slice(2));

/**
 * The core IIFE carries the rubric form, the inbox and the payslip with their CSS; an intranet page
 * loads it on every view. Issue 4 sets a target of 100 KB gzip, which this bundle does NOT meet yet
 * (≈110 KB: the stack's libraries — xstate, zod/mini, @formkit/core, lit, decimal.js, jsep, idb —
 * weigh ≈46 KB of it; see the README). The target is printed on every build; the enforced number is a
 * ceiling a little above today's weight, so what was won (from 128.5 KB) cannot quietly come back.
 * Raised in the open from 112 KB (issue 11): the application service (@kaohe/service, the one path every
 * write and read takes, with its zod/mini schemas) joined the core at ≈4.8 KB gzip, beside the company's
 * time zone, the complete catalogues, the HTTP client (@kaohe/client) and its offline outbox landing at
 * the same time (main stood at 112.9 KB before the service; 126.8 KB with all of them). Bring it back down.
 */
const IIFE_TARGET_GZIP = 100 * 1024;
const IIFE_BUDGET_GZIP = 128 * 1024;

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  platform: 'browser',
  // the decorator options live in this file itself: esbuild does not follow `extends`
  tsconfig: join(root, 'tsconfig.esbuild.json'),
  metafile: true,
  sourcemap: false,
  // The licences go to <bundle>.LEGAL.txt beside each bundle, named in its last line: every page
  // load would otherwise carry ~0.4 KB gzip of them.
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * Minifies the CSS inside lit's css`…` templates of the elements (esbuild leaves template text as
 * written: comments, indentation). A template with an interpolation or a backslash is kept as is,
 * since its source text is not the CSS lit will read.
 */
const cssLiterals = {
  name: 'css-literals',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('css`')) return undefined;
      let contents = '';
      let last = 0;
      for (const match of source.matchAll(/\bcss`([^`]*)`/g)) {
        const text = match[1];
        if (text.includes('${') || text.includes('\\')) continue;
        const minified = (await transform(text, { loader: 'css', minify: true, logLevel: 'silent' })).code.trim();
        contents += `${source.slice(last, match.index)}css\`${minified}\``;
        last = match.index + match[0].length;
      }
      return { contents: contents + source.slice(last), loader: 'ts' };
    });
  },
};

const src = (file) => join(here, 'src', file);
const scoringSrc = join(root, 'packages', 'scoring', 'src');
const elementsSrc = join(root, 'packages', 'elements', 'src');

/**
 * Marks the modules of the given workspace packages (by their `src` folder) as free of side effects,
 * so esbuild drops every one the bundle does not read from, with its imports. `packages` maps a bare
 * specifier to its entry; `within` limits the marking to a sub-folder.
 */
function sideEffectFree(name, folder, { packages = {}, within = folder } = {}) {
  return {
    name,
    setup(builder) {
      for (const [specifier, entry] of Object.entries(packages)) {
        builder.onResolve({ filter: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`) }, () => ({ path: entry, sideEffects: false }));
      }
      builder.onResolve({ filter: /^\.\.?\// }, ({ importer, path }) => {
        if (!importer.startsWith(folder + sep)) return undefined;
        const target = resolve(dirname(importer), path);
        return target.startsWith(within + sep) ? { path: target, sideEffects: false } : undefined;
      });
    },
  };
}

/**
 * For the presets file only: every module of @kaohe/scoring and @kaohe/elements counts as free of
 * side effects, so the file keeps the preset data and the pay-plan registry and drops the rest of
 * both packages (zod and its setup, decimal.js, papaparse, lit, the elements), which the core bundle
 * already carries. Not for the core: there, scoring's zod.ts must run its `config(en())` although
 * nothing reads an export of it.
 */
const presetsDataOnly = [
  sideEffectFree('scoring-data-only', scoringSrc, { packages: { '@kaohe/scoring': join(scoringSrc, 'index.ts') } }),
  sideEffectFree('elements-registry-only', elementsSrc, { packages: { '@kaohe/elements': join(elementsSrc, 'index.ts') } }),
];


/**
 * `core`: what the budget and the content checks apply to, what terser minifies again and what
 * carries the trimmed decimal.js. (HR's views take square roots for the standard deviation.)
 */
const bundles = [
  { name: 'kaohe.js', entry: src('index.ts'), format: 'esm', core: true, plugins: [decimalCore, noBatchPaths] },
  // No globalName: src/iife.ts assigns window.Kaohe itself, so a second copy keeps the first one.
  { name: 'kaohe.iife.js', entry: src('iife.ts'), format: 'iife', core: true, budget: IIFE_BUDGET_GZIP, plugins: [decimalCore, noBatchPaths] },
  { name: 'kaohe-presets.js', entry: src('presets.ts'), format: 'iife', plugins: presetsDataOnly },
  { name: 'kaohe-presets.mjs', entry: src('presets.ts'), format: 'esm', plugins: presetsDataOnly },
  { name: 'kaohe-form-builder.js', entry: src('form-builder.ts'), format: 'iife' },
  { name: 'kaohe-form-builder.mjs', entry: src('form-builder.ts'), format: 'esm' },
  // The IIFE's exports become window.KaoheHr: stateless functions, so a second copy replacing them is harmless.
  { name: 'kaohe-hr.js', entry: src('hr.ts'), format: 'iife', globalName: 'KaoheHr' },
  { name: 'kaohe-hr.mjs', entry: src('hr.ts'), format: 'esm' },
];

/**
 * What must never be in the core bundles, by input path: each would cost every page of the intranet
 * for what one page (or no page) uses. Checked on bytes actually in the output, not on the import
 * graph: esbuild drops what nothing uses.
 */
const notInCore = [
  [/zod\/v4\/locales\/(?!en\.)/, "zod's locales besides English (`import { z } from 'zod'` keeps them all; the namespace import does not)"],
  [/packages\/scoring\/src\/presets\/rubrics\//, 'the rubric presets (they belong in kaohe-presets.js)'],
  [/packages\/scoring\/src\/presets\/pay\//, 'the pay-plan presets P-1 … P-3 (they belong in kaohe-presets.js; payslips find them registered)'],
  [/packages\/elements\/src\/kaohe-form-builder\//, 'the form builder (it belongs in kaohe-form-builder.js)'],
  [/packages\/elements\/src\/(?:kaohe-annual\/|kaohe-score-distribution\/|kaohe-payslip\/payroll-export\.ts|hr-register\.ts)|packages\/embed\/src\/hr(?:-data)?\.ts/, "HR's views (they belong in kaohe-hr.js)"],
  [/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?papaparse\//, 'papaparse (only the payroll export writes CSV; it belongs in kaohe-hr.js)'],
  [/packages\/cli\//, 'the CLI'],
  [/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:fast-check|@open-wc|mocha|chai|puppeteer-core)\//, 'test support'],
  [/\/test\/|\.test\.ts$|\/bench\//, 'tests or benchmarks'],
  [/^node:|node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:tsx|esbuild)\//, 'Node-only code'],
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Inputs with bytes in this output, as [path, bytes]. */
function inputsInOutput(metafile) {
  // The bundle itself, not its .LEGAL.txt
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  return Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([path, { bytesInOutput }]) => [path, bytesInOutput]);
}

/** Packages of node_modules present from more than one folder (two versions, or two installs): each copy is paid for. */
function duplicatedPackages(metafile) {
  const folders = new Map();
  for (const [path] of inputsInOutput(metafile)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*))\//.exec(path);
    if (!match) continue;
    const [, folder, name] = match;
    folders.set(name, (folders.get(name) ?? new Set()).add(folder));
  }
  return [...folders].filter(([, set]) => set.size > 1).map(([name, set]) => `${set.size} copies of ${name} (${[...set].join(', ')})`);
}

async function main() {
  await mkdir(dist, { recursive: true });
  const results = await Promise.all(bundles.map(async (bundle) => {
    const outfile = join(dist, bundle.name);
    const result = await build({
      ...common, entryPoints: [bundle.entry], format: bundle.format, outfile, write: false, plugins: [cssLiterals, ...(bundle.plugins ?? [])],
      ...(bundle.globalName ? { globalName: bundle.globalName } : {}),
    });
    const file = result.outputFiles.find((output) => output.path === outfile) ?? result.outputFiles[0];
    let code = file.contents;
    if (bundle.core) {
      // the `/*! … LEGAL.txt */` pointer esbuild leaves is kept (terser keeps /*! comments)
      const terse = await minify(file.text, { module: bundle.format === 'esm', compress: { passes: 2 }, mangle: true });
      code = Buffer.from(terse.code);
    }
    for (const output of result.outputFiles) await writeFile(output.path, output === file ? code : output.contents);
    await writeFile(join(dist, `${bundle.name}.meta.json`), JSON.stringify(result.metafile));
    return { ...bundle, code, metafile: result.metafile };
  }));

  let failed = false;
  if (args.has('--check-size')) {
    console.log(`${'bundle'.padEnd(24)} ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  budget`);
    for (const { name, code, budget } of results) {
      const gzip = gzipSync(code, { level: 9 }).length;
      const verdict = budget === undefined ? '' : gzip > budget ? `OVER ${kb(budget)}` : `≤ ${kb(budget)}`;
      const target = budget === undefined ? '' : gzip > IIFE_TARGET_GZIP ? `  (target ${kb(IIFE_TARGET_GZIP)}: not met, ${kb(gzip - IIFE_TARGET_GZIP)} over)` : `  (target ${kb(IIFE_TARGET_GZIP)}: met)`;
      console.log(`${name.padEnd(24)} ${kb(code.length).padStart(9)}  ${kb(gzip).padStart(9)}  ${verdict}${target}`);
      if (budget !== undefined && gzip > budget) {
        console.error(`${name} is ${kb(gzip)} gzip, over its budget of ${kb(budget)}`);
        failed = true;
      }
    }
    for (const { name, metafile, core } of results) {
      if (!core) continue;
      const present = inputsInOutput(metafile);
      for (const [pattern, what] of notInCore) {
        const found = present.filter(([path]) => pattern.test(path));
        if (found.length === 0) continue;
        const bytes = found.reduce((sum, [, b]) => sum + b, 0);
        console.error(`${name} carries ${what}: ${found.length} file(s), ${kb(bytes)} minified (e.g. ${found[0][0]})`);
        failed = true;
      }
      for (const duplicate of duplicatedPackages(metafile)) {
        console.error(`${name} carries ${duplicate}: make the workspace resolve one version`);
        failed = true;
      }
    }
  }

  if (args.has('--metafile')) {
    for (const { name, metafile } of results) {
      const inputs = inputsInOutput(metafile).sort(([, a], [, b]) => b - a);
      const byPackage = new Map();
      for (const [path, bytes] of inputs) {
        const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
        const key = match ? match[1] : path.startsWith('packages/') ? path.split('/').slice(0, 2).join('/') : path;
        byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
      }
      console.log(`\n${name}: biggest inputs (minified bytes in the output)`);
      for (const [path, bytes] of inputs.slice(0, 15)) console.log(`  ${kb(bytes).padStart(9)}  ${relative(root, join(process.cwd(), path))}`);
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
