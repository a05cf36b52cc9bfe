#!/usr/bin/env node
// Builds the script-tag bundles into dist/ (issue 14: each page loads what it shows):
//   kaohe.iife.js            the ONE script tag: a small loader that defines window.Kaohe and imports, from
//                            beside itself, the API's module at the first call that needs it and each
//                            element's module when its tag first appears (src/iife.ts)
//   <name>-<hash>.js         the ES-module split build those come from: kaohe-api, kaohe-rubric-form,
//                            kaohe-inbox, kaohe-payslip, kaohe-outbox-status, kaohe-form-builder, and shared
//                            chunks (kaohe-chunk-<hash>.js: lit, scoring, the service …);
//                            the page's own service (xstate), the IndexedDB store and the HTTP client are
//                            chunks loaded only by the mode that needs them
//   kaohe.js                 the ESM entry for hosts that import: the API and every core element in one module
//   kaohe-form-builder.js / .mjs   the rubric builder's script tag (a loader of its module) / its ESM
//   kaohe-presets.js / .mjs  the rubric and pay-plan presets of domain/rules.md, loaded by pages that use them
//   kaohe-hr.js / kaohe-hr.mjs     HR's views (annual, score distribution, payroll export), self-contained
// Every .js and .mjs gets a .gz and a .br beside it (gzip -9, brotli 11) for servers that send them as
// they are (`kaohe serve`); hashed names may be cached for ever, the unhashed ones briefly.
// Options:
//   --check-size  print every file's size and each page's JavaScript (the files a page of the
//                 page-weight bench loads, from the build's own import graph); exit 1 when a page is over
//                 its ceiling or a core chunk carries what it must not (zod's locales, the presets, the
//                 builder in another page's chunks, HR's views, papaparse, test or Node code) or an entry
//                 but the page's own service reaches xstate
//   --metafile    print the inputs that weigh most in each file
//   --quiet       print nothing but problems
//
// Every bundle is built by esbuild; the split build's chunks are then regrouped by rollup (fewer, larger
// files: buildSplit), and the split build and the loaders go through terser, whose second pass finds a few KB
// gzip more than esbuild's single one. The elements' lit `css` templates are
// minified as they are loaded, and the split build's decimal.js loses the mathematics Kaohe never does
// (decimal-core.mjs).
import { build, transform } from 'esbuild';
import { minify } from 'terser';
import { rollup } from 'rollup';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { decimalCore } from './decimal-core.mjs';
import { noBatchPaths } from './batch-paths.mjs';
import { directImports } from './barrel-imports.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(here, 'dist');
const args = new Set(process.argv.slice(2));

/**
 * Each page's JavaScript, gzip -9, may not grow past its ceiling: its figure, which the page-weight bench
 * (bench/page-weight.ts, real Chromium) measures too, + 0.5 KB when last set (below). `files` are
 * what that page loads: entries of the split build (with everything they import, statically), the
 * lazily imported chunks the page's mode loads (`local-service`: the page's own service, `local-store`:
 * its IndexedDB store, both without a server and only once something uses them; `server-mode`: the HTTP
 * client; `rubric-rules`: zod, decimal.js and the scoring engine, with the first rubric to check) and
 * plain files. The issue's target is printed beside it.
 */
// KB gzip -9. Each ceiling is the page's figure (--check-size, which the page-weight bench agrees with) + 0.5 KB,
// set 6 Dec 2026 10:30 UTC over main 93bb553, once the day's fixes from walking the demo had landed. What each
// change cost or saved is in its commit message (git log -- packages/embed/build.mjs) and the README's table.
// The day's fixes grew the pages by 1.7–4.1 KB (the draft conflict banner, the form's problem words, the pane's
// kept comments and offline wording, stale-action words, the catalogue's step-id check); rollup's regrouping
// (0.3–0.9 KB) and the payslip without the workflow machine (−17.6 KB on its own page) went the other way.
const CEILING_RUBRIC_FORM = 66.9; // 66.4
const CEILING_INBOX_SERVER = 55.1; // 54.6: the rubric form its pane shows comes when the first task opens
const CEILING_PAYSLIP_SERVER = 38.7; // 38.2: KaohePayslipView, the server's payslip
// counts the page's own service (xstate) and IndexedDB store, which its inbox loads to list its tasks
const CEILING_EVERY_ELEMENT = 143.0; // 142.5
const CEILING_BUILDER = 103.3; // 102.8
// the payslip a host hands a record, a plan and the month's inputs, configured without a server
const CEILING_PAYSLIP_ALONE = 66.6; // 66.1: the API, the rubric rules (configure loads them without a server) and the pay engine
const PAGES = [
  { name: 'kaohe-rubric-form with a rubric', target: 55, ceiling: CEILING_RUBRIC_FORM, files: ['kaohe.iife.js', 'kaohe-api', 'rubric-rules', 'kaohe-rubric-form'] },
  { name: 'kaohe-inbox on the server', target: 60, ceiling: CEILING_INBOX_SERVER, files: ['kaohe.iife.js', 'kaohe-api', 'server-mode', 'kaohe-inbox'] },
  { name: 'kaohe-payslip on the server', target: 45, ceiling: CEILING_PAYSLIP_SERVER, files: ['kaohe.iife.js', 'kaohe-api', 'server-mode', 'kaohe-payslip-view'] },
  { name: 'kaohe-payslip, no-server mode', ceiling: CEILING_PAYSLIP_ALONE, files: ['kaohe.iife.js', 'kaohe-api', 'rubric-rules', 'kaohe-payslip'] },
  { name: 'every core element, no-server mode', target: 112, ceiling: CEILING_EVERY_ELEMENT, files: ['kaohe.iife.js', 'kaohe-api', 'local-service', 'local-store', 'rubric-rules', 'kaohe-inbox', 'kaohe-rubric-form', 'kaohe-payslip'] },
  { name: "HR's page with the form builder", target: 150, ceiling: CEILING_BUILDER, files: ['kaohe.iife.js', 'kaohe-form-builder.js', 'kaohe-api', 'rubric-rules', 'kaohe-form-builder'] },
];

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
      return { contents: await minifiedCss(source), loader: 'ts' };
    });
  },
};

async function minifiedCss(source) {
  let contents = '';
  let last = 0;
  for (const match of source.matchAll(/\bcss`([^`]*)`/g)) {
    const text = match[1];
    if (text.includes('${') || text.includes('\\')) continue;
    const minified = (await transform(text, { loader: 'css', minify: true, logLevel: 'silent' })).code.trim();
    contents += `${source.slice(last, match.index)}css\`${minified}\``;
    last = match.index + match[0].length;
  }
  return contents + source.slice(last);
}

/**
 * For the split build: the Kaohe packages' sources with their imports of other Kaohe packages pointed
 * at the defining modules (barrel-imports.mjs says why), and the elements' CSS minified as above.
 */
const splitSources = {
  name: 'split-sources',
  setup(builder) {
    const cache = new Map();
    builder.onLoad({ filter: /[\\/]packages[\\/][a-z]+[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      let source = await readFile(path, 'utf8');
      if (source.includes("from '@kaohe/")) source = directImports(source, root, cache);
      if (/[\\/]packages[\\/]elements[\\/]/.test(path) && source.includes('css`')) source = await minifiedCss(source);
      return { contents: source, loader: 'ts' };
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


/** The split build's entries (name → module); the loader imports them by name from the map it is built with. */
const splitEntries = {
  'kaohe-api': src('api-entry.ts'),
  'kaohe-rubric-form': join(elementsSrc, 'kaohe-rubric-form', 'register.ts'),
  'kaohe-inbox': join(elementsSrc, 'kaohe-inbox', 'register.ts'),
  'kaohe-payslip': join(elementsSrc, 'kaohe-payslip', 'register.ts'),
  // the payslip on a page configured with a server: the service's payslip, no pay engine
  'kaohe-payslip-view': join(elementsSrc, 'kaohe-payslip', 'register-view.ts'),
  'kaohe-outbox-status': join(elementsSrc, 'kaohe-outbox-status', 'register.ts'),
  'kaohe-form-builder': src('form-builder.ts'),
};
/** Modules only imported lazily, which esbuild makes entries of their own: their names in the chunk map. */
const lazyEntries = {
  'local-service': src('local-service.ts'),
  'local-store': src('local-store.ts'),
  'server-mode': src('server-mode.ts'),
  'rubric-rules': src('rubric-rules.ts'),
  // the preset chains and the chain check, at configure only when the host's configuration needs them (chains.ts)
  'chain-rules': src('chain-rules.ts'),
};

/** Separate builds, each self-contained: the presets (data only) and HR's views (full decimal.js for square roots). */
const standalone = [
  // The ESM entry for hosts that import: everything in one module, as before the split (it is not a page's script tag).
  { name: 'kaohe.js', entry: src('index.ts'), format: 'esm', terse: true, plugins: [decimalCore, noBatchPaths] },
  { name: 'kaohe-presets.js', entry: src('presets.ts'), format: 'iife', plugins: presetsDataOnly },
  { name: 'kaohe-presets.mjs', entry: src('presets.ts'), format: 'esm', plugins: presetsDataOnly },
  // The IIFE's exports become window.KaoheHr: stateless functions, so a second copy replacing them is harmless.
  { name: 'kaohe-hr.js', entry: src('hr.ts'), format: 'iife', globalName: 'KaoheHr' },
  { name: 'kaohe-hr.mjs', entry: src('hr.ts'), format: 'esm' },
];

/**
 * What must never be in the core's chunks (the API's and the core elements', with what they import),
 * by input path: each would cost every page of the intranet for what one page (or no page) uses.
 * Checked on bytes actually in the output, not on the import graph: esbuild drops what nothing uses.
 */
const notInCore = [
  [/zod\/v4\/locales\/(?!en\.)/, "zod's locales besides English (`import { z } from 'zod'` keeps them all; the namespace import does not)"],
  [/packages\/scoring\/src\/presets\/rubrics\//, 'the rubric presets (they belong in kaohe-presets.js)'],
  [/packages\/scoring\/src\/presets\/pay\//, 'the pay-plan presets P-1 … P-3 (they belong in kaohe-presets.js; payslips find them registered)'],
  [/packages\/elements\/src\/kaohe-form-builder\//, 'the form builder (it belongs in its own chunk)'],
  [/packages\/elements\/src\/(?:kaohe-annual\/|kaohe-score-distribution\/|kaohe-payslip\/payroll-export\.ts|hr-register\.ts)|packages\/embed\/src\/hr(?:-data)?\.ts/, "HR's views (they belong in kaohe-hr.js)"],
  [/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?papaparse\//, 'papaparse (only the payroll export writes CSV; it belongs in kaohe-hr.js)'],
  [/packages\/cli\//, 'the CLI'],
  [/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:fast-check|@open-wc|mocha|chai|puppeteer-core)\//, 'test support'],
  [/\/test\/|\.test\.ts$|\/bench\//, 'tests or benchmarks'],
  [/^node:|node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:tsx|esbuild)\//, 'Node-only code'],
];
/**
 * What an entry's static import graph (the sources as esbuild read them, type imports gone) must not reach,
 * besides the entries named: esbuild puts a module in the chunks of every entry that reaches it, before tree
 * shaking, so an entry that reaches xstate loads the workflow machine. Only the page's own service runs it
 * (local-service, loaded at its first call); who may see a record or a payslip is read without it
 * (@kaohe/workflow's visibility.ts and workflow-state.ts).
 */
const notReached = [
  [/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?xstate\//, 'xstate (the workflow machine)', ['local-service']],
];
/** The first path of static imports from `from` to an input matching `pattern`, or undefined. */
function importPath(metafile, from, pattern) {
  const cameFrom = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const path = queue.shift();
    if (pattern.test(path)) {
      const chain = [];
      for (let at = path; at !== undefined; at = cameFrom.get(at)) chain.unshift(at);
      return chain;
    }
    for (const { path: imported, kind } of metafile.inputs[path]?.imports ?? []) {
      if (kind !== 'import-statement' || cameFrom.has(imported)) continue;
      cameFrom.set(imported, path);
      queue.push(imported);
    }
  }
  return undefined;
}

/** Core entries: the checks above apply to them and to every chunk they import. */
const coreEntries = ['kaohe-api', 'kaohe-rubric-form', 'kaohe-inbox', 'kaohe-payslip', 'kaohe-payslip-view', 'kaohe-outbox-status', 'local-service', 'local-store', 'server-mode', 'rubric-rules'];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip9 = (code) => gzipSync(code, { level: 9 }).length;

/** Inputs with bytes in one output, as [path, bytes]. */
function inputsOf(output) {
  return Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([path, { bytesInOutput }]) => [path, bytesInOutput]);
}

/** Packages of node_modules present from more than one folder (two versions, or two installs): each copy is paid for. */
function duplicatedPackages(paths) {
  const folders = new Map();
  for (const path of paths) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*))\//.exec(path);
    if (!match) continue;
    const [, folder, name] = match;
    folders.set(name, (folders.get(name) ?? new Set()).add(folder));
  }
  return [...folders].filter(([, set]) => set.size > 1).map(([name, set]) => `${set.size} copies of ${name} (${[...set].join(', ')})`);
}

async function terse(code, module) {
  // the `/*! … LEGAL.txt */` pointer esbuild leaves is kept (terser keeps /*! comments)
  return (await minify(code, { module, compress: { passes: 2 }, mangle: true })).code;
}

/**
 * A chunk of esbuild's of at most this many bytes gzip -9 may join one that some pages load without it (they
 * then load these bytes besides: 0.1–0.3 KB of plain functions, measured 6 Dec 2026); a larger one joins only
 * a chunk that every page loading it has already.
 */
const TRIVIAL_CHUNK = 300;

/**
 * Which of esbuild's chunks go together (file → the file that names its group; absolute paths; the roots,
 * entries and lazily imported modules, keep their own). A root loads its static imports, transitively; a lazily
 * imported one finds on the page what every module importing it came with (rollup's "already loaded"), an entry
 * of the loaders what the API came with (every page configures, which imports kaohe-api, before its elements
 * have anything to show). From the smallest up, a chunk joins a chunk that is on the page wherever it is loaded,
 * the one that adds it to the fewest other roots (to none unless it is TRIVIAL_CHUNK or less), and never where
 * two chunks would then import each other (their order of evaluation could change). A module stays in one
 * chunk: what holds state (lit, the locale, the registries, the service) exists once on a page.
 */
function chunkGroups(outputs, texts, entries, apiEntry) {
  const files = [...outputs.keys()];
  const roots = new Set(files.filter((file) => outputs.get(file).entryPoint !== undefined));
  const importsOf = (file, kind) => outputs.get(file).imports.filter((imported) => imported.kind === kind).map(({ path }) => resolve(process.cwd(), path));
  const closure = new Map([...roots].map((root) => {
    const seen = new Set();
    const stack = [root];
    while (stack.length > 0) {
      const file = stack.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...importsOf(file, 'import-statement'));
    }
    return [root, seen];
  }));
  const loadedBy = new Map(files.map((file) => [file, new Set([...roots].filter((root) => closure.get(root).has(file)))]));
  // what is on the page once a root has loaded (the greatest fixed point, as rollup computes it)
  const onPage = new Map([...roots].map((root) => [root, entries.has(root) ? new Set([...closure.get(root), ...closure.get(apiEntry)]) : new Set(files)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const root of [...roots].filter((candidate) => !entries.has(candidate))) {
      const importers = files.filter((file) => importsOf(file, 'dynamic-import').includes(root));
      const contexts = importers.flatMap((importer) => [...loadedBy.get(importer)].map((by) => onPage.get(by)));
      const next = new Set([...closure.get(root), ...files.filter((file) => contexts.every((context) => context.has(file)))]);
      if (next.size !== onPage.get(root).size) {
        onPage.set(root, next);
        changed = true;
      }
    }
  }
  const group = new Map(files.map((file) => [file, file]));
  const groupOf = (file) => (group.get(file) === file ? file : groupOf(group.get(file)));
  const acyclic = (from, into) => {
    const edges = new Map();
    for (const file of files) {
      const at = file === from ? into : groupOf(file);
      for (const imported of importsOf(file, 'import-statement')) {
        const to = imported === from ? into : groupOf(imported);
        if (to !== at) edges.set(at, (edges.get(at) ?? new Set()).add(to));
      }
    }
    const state = new Map();
    const visit = (node) => {
      if (state.get(node) === 'done') return true;
      if (state.get(node) === 'open') return false;
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) if (!visit(next)) return false;
      state.set(node, 'done');
      return true;
    };
    return [...edges.keys()].every(visit);
  };
  const chunks = files.filter((file) => !roots.has(file) && file.endsWith('.js'));
  const gzipped = new Map(chunks.map((file) => [file, gzip9(texts.get(file))]));
  for (const file of [...chunks].sort((a, b) => gzipped.get(a) - gzipped.get(b))) {
    const target = chunks
      .filter((other) => other !== file && groupOf(other) === other && [...loadedBy.get(file)].every((root) => onPage.get(root).has(other)))
      .map((other) => ({ other, adds: [...loadedBy.get(other)].filter((root) => !onPage.get(root).has(file)).length }))
      .filter(({ adds }) => adds === 0 || gzipped.get(file) <= TRIVIAL_CHUNK)
      .sort((a, b) => a.adds - b.adds || gzipped.get(b.other) - gzipped.get(a.other))
      .find(({ other }) => acyclic(file, other));
    if (!target) continue;
    group.set(file, target.other);
    gzipped.set(target.other, gzipped.get(target.other) + gzipped.get(file));
  }
  return new Map(chunks.map((file) => [file, groupOf(file)]));
}

/** The pointer esbuild leaves at the end of a chunk with licences (`legalComments: 'linked'`). */
const legalPointer = /\n?\/\*! For license information please see [^*]+\.LEGAL\.txt \*\/\n?$/;
const legalHeader = 'Bundled license information:\n\n';

/**
 * The split build: every output as { file (name in dist), code, output (metafile-like entry: its inputs and
 * imports) }, the entry → file map, and the metafile of the files written.
 *
 * esbuild splits the entries (with its plugins: decimal.js's core, the barrel imports, the minified CSS) and
 * makes a chunk for every set of entries and lazy imports sharing code: a page loaded 13–28 files, many under
 * 0.5 KB gzip, each paying gzip's overhead and compressing apart from the code it always comes with. rollup then
 * takes esbuild's files as its modules and writes them out in the groups chunkGroups chooses (`manualChunks`),
 * rewriting the imports between them, dynamic ones too (still relative to the chunk's own URL).
 * rollup's own merging (`experimentalMinChunkSize`) was tried first: it merges only chunks without side effects
 * and counts a lazily imported chunk as loaded with its importer, so pages grew (6 Dec 2026, at 500–2000 B:
 * the payslip on the server +0.1 to +6.4 KB, HR's builder page up to +7.4 KB with the builder's English words in
 * a core chunk).
 */
async function buildSplit() {
  const result = await build({
    ...common, entryPoints: splitEntries, outdir: dist, format: 'esm', splitting: true, write: false,
    entryNames: '[name]-[hash]', chunkNames: 'kaohe-chunk-[hash]',
    plugins: [decimalCore, noBatchPaths, splitSources],
  });
  const cwdPath = (path) => resolve(process.cwd(), path);
  const texts = new Map(result.outputFiles.map((file) => [resolve(file.path), file.text]));
  const esbuildOutputs = new Map(Object.entries(result.metafile.outputs).map(([path, output]) => [cwdPath(path), output]));
  const entryFile = (entry) => [...esbuildOutputs].find(([, output]) => output.entryPoint === relative(process.cwd(), entry).split(sep).join('/'))?.[0];
  const inputs = {};
  for (const [name, entry] of Object.entries(splitEntries)) inputs[name] = entryFile(entry);
  const lazyFiles = new Map(Object.entries(lazyEntries).map(([name, entry]) => [entryFile(entry), name]));
  for (const [name, file] of [...Object.entries(inputs), ...[...lazyFiles].map(([file, name]) => [name, file])]) {
    if (!file) throw new Error(`the split build has no output for ${name}`);
  }

  const groups = chunkGroups(esbuildOutputs, texts, new Set(Object.values(inputs)), inputs['kaohe-api']);
  const bundle = await rollup({
    input: inputs,
    plugins: [{
      name: 'esbuild-chunks',
      resolveId: (source, importer) => {
        const path = importer && /^\.\.?\//.test(source) ? resolve(dirname(importer), source) : source;
        return texts.has(path) ? path : null;
      },
      load: (id) => texts.get(id)?.replace(legalPointer, '') ?? null,
    }],
    // a warning (an import of esbuild's files it could not follow, a cycle between chunks) fails the build
    onLog: (level, log, handler) => handler(level === 'warn' ? 'error' : level, log),
  });
  const { output } = await bundle.generate({
    format: 'es',
    entryFileNames: '[name]-[hash].js',
    chunkFileNames: 'kaohe-chunk-[hash].js',
    // hex: no unhashed name ends in eight hex digits (static-bundles.mjs's HASHED)
    hashCharacters: 'hex',
    // every chunk of esbuild's in a group of its own or chunkGroups's: rollup would otherwise pull a grouped
    // chunk's imports into its group
    manualChunks: (id) => groups.has(id) ? relative(dist, groups.get(id)).replace(/\.js$/, '') : undefined,
    compact: true,
  });
  await bundle.close();

  const chunkMap = {};
  const files = [];
  const legal = [];
  for (const chunk of output) {
    if (chunk.type !== 'chunk') continue;
    const modules = Object.entries(chunk.modules).filter(([, { renderedLength }]) => renderedLength > 0).map(([id]) => id);
    if (chunk.isEntry) chunkMap[chunk.name] = chunk.fileName;
    for (const id of chunk.moduleIds) if (lazyFiles.has(id)) chunkMap[lazyFiles.get(id)] = chunk.fileName;
    // the licences of what the chunk carries, in one file beside it (esbuild wrote one per its own chunk)
    const licences = modules.map((id) => texts.get(`${id}.LEGAL.txt`)).filter(Boolean).map((text) => text.replace(legalHeader, '').trim());
    let code = await terse(chunk.code, true);
    if (licences.length > 0) {
      legal.push({ file: `${chunk.fileName}.LEGAL.txt`, code: `${legalHeader}${licences.join('\n\n')}\n` });
      code += `\n/*! For license information please see ${chunk.fileName}.LEGAL.txt */\n`;
    }
    const chunkInputs = {};
    for (const id of modules) {
      for (const [path, input] of Object.entries(esbuildOutputs.get(id).inputs)) {
        chunkInputs[path] = { bytesInOutput: (chunkInputs[path]?.bytesInOutput ?? 0) + input.bytesInOutput };
      }
    }
    const imports = [
      ...chunk.imports.map((file) => ({ path: file, kind: 'import-statement' })),
      ...chunk.dynamicImports.map((file) => ({ path: file, kind: 'dynamic-import' })),
    ];
    files.push({ file: chunk.fileName, code, output: { bytes: Buffer.byteLength(code), inputs: chunkInputs, imports } });
  }
  for (const name of [...Object.keys(splitEntries), ...Object.keys(lazyEntries)]) {
    if (!chunkMap[name]) throw new Error(`the split build has no output for ${name}`);
  }
  // as esbuild's metafile, by path from the working directory; inputs' bytes are esbuild's, before the merge
  const metafile = { inputs: result.metafile.inputs, outputs: Object.fromEntries(files.map(({ file, output }) => [relative(process.cwd(), join(dist, file)).split(sep).join('/'), output])) };
  return { files: [...files, ...legal], chunkMap, metafile };
}

/** The chunk map without the lazily imported chunks (`lazyEntries`), which no loader imports by name. */
function entriesOnly(chunkMap) {
  return Object.fromEntries(Object.entries(chunkMap).filter(([name]) => !(name in lazyEntries)));
}

/** A small script-tag file of `entry` (a loader), knowing the split build's file names. */
async function buildLoader(name, entry, chunkMap) {
  const outfile = join(dist, name);
  const result = await build({
    ...common, entryPoints: [entry], format: 'iife', outfile, write: false, plugins: [splitSources],
    define: { ...common.define, __KAOHE_CHUNKS__: JSON.stringify(chunkMap) },
  });
  const file = result.outputFiles.find((output) => output.path === outfile);
  return { file: name, code: await terse(file.text, false), output: Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined), extra: result.outputFiles.filter((output) => output !== file) };
}

async function buildStandalone(bundle) {
  const outfile = join(dist, bundle.name);
  const result = await build({
    ...common, entryPoints: [bundle.entry], format: bundle.format, outfile, write: false, plugins: [cssLiterals, ...(bundle.plugins ?? [])],
    ...(bundle.globalName ? { globalName: bundle.globalName } : {}),
  });
  const file = result.outputFiles.find((output) => output.path === outfile) ?? result.outputFiles[0];
  return { file: bundle.name, code: bundle.terse ? await terse(file.text, bundle.format === 'esm') : file.text, output: Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined), extra: result.outputFiles.filter((output) => output !== file) };
}

/** The files a page loads: a page's `files` resolved through the chunk map and the split build's static imports. */
function pageFiles(page, chunkMap, outputsByFile) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputsByFile.get(file)?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  for (const name of page.files) visit(chunkMap[name] ?? name);
  return [...seen];
}

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const split = await buildSplit();
  const loaders = await Promise.all([
    // the loaders import entries only; the lazy chunks are imported by the modules that need them
    buildLoader('kaohe.iife.js', src('iife.ts'), entriesOnly(split.chunkMap)),
    buildLoader('kaohe-form-builder.js', src('form-builder-loader.ts'), entriesOnly(split.chunkMap)),
  ]);
  const others = await Promise.all(standalone.map(buildStandalone));
  // The unhashed ES-module names hosts import, re-exporting their hashed module.
  const reexports = [
    { file: 'kaohe-form-builder.mjs', code: `export * from './${split.chunkMap['kaohe-form-builder']}';\n` },
  ];
  const all = [...split.files, ...loaders, ...others, ...reexports];
  await Promise.all(all.map(async ({ file, code, extra = [] }) => {
    await writeFile(join(dist, file), code);
    for (const output of extra) await writeFile(output.path, output.contents);
    if (/\.m?js$/.test(file)) {
      const bytes = Buffer.from(code);
      await writeFile(join(dist, `${file}.gz`), gzipSync(bytes, { level: 9 }));
      await writeFile(join(dist, `${file}.br`), brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    }
  }));
  await writeFile(join(dist, 'kaohe-split.meta.json'), JSON.stringify(split.metafile));
  await writeFile(join(dist, 'kaohe-chunks.json'), JSON.stringify(split.chunkMap, null, 2));

  let failed = false;
  const sizes = new Map(all.map(({ file, code }) => [file, gzip9(Buffer.from(code))]));
  if (args.has('--check-size')) {
    console.log(`${'file'.padEnd(40)} ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
    for (const { file, code } of all) console.log(`${file.padEnd(40)} ${kb(Buffer.byteLength(code)).padStart(9)}  ${kb(sizes.get(file)).padStart(9)}`);
    const outputsByFile = new Map(split.files.map(({ file, output }) => [file, output]));
    console.log(`\n${'page'.padEnd(40)} ${'gzip -9'.padStart(9)}  ceiling     issue 14 target`);
    for (const page of PAGES) {
      const bytes = pageFiles(page, split.chunkMap, outputsByFile).reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0);
      const over = bytes > page.ceiling * 1024;
      console.log(`${page.name.padEnd(40)} ${kb(bytes).padStart(9)}  ${over ? 'OVER' : '≤'} ${page.ceiling} KB  ${page.target === undefined ? '— (a row of ours, not the issue\'s)' : `${bytes <= page.target * 1024 ? 'met' : 'not met'} (≤ ${page.target} KB)`}`);
      if (over) {
        console.error(`${page.name}: ${kb(bytes)} gzip, over its ceiling of ${page.ceiling} KB`);
        failed = true;
      }
    }
    const core = new Set(coreEntries.flatMap((name) => pageFiles({ files: [name] }, split.chunkMap, outputsByFile)));
    const corePaths = [];
    for (const file of [...core, 'kaohe.iife.js']) {
      const output = file === 'kaohe.iife.js' ? loaders[0].output : outputsByFile.get(file);
      const present = inputsOf(output);
      corePaths.push(...present.map(([path]) => path));
      for (const [pattern, what] of notInCore) {
        const found = present.filter(([path]) => pattern.test(path));
        if (found.length === 0) continue;
        const bytes = found.reduce((sum, [, b]) => sum + b, 0);
        console.error(`${file} carries ${what}: ${found.length} file(s), ${kb(bytes)} minified (e.g. ${found[0][0]})`);
        failed = true;
      }
    }
    const entryPaths = { ...splitEntries, ...lazyEntries };
    for (const [pattern, what, allowed] of notReached) {
      for (const [name, entry] of Object.entries(entryPaths)) {
        if (allowed.includes(name)) continue;
        const path = importPath(split.metafile, relative(process.cwd(), entry).split(sep).join('/'), pattern);
        if (!path) continue;
        console.error(`${name} reaches ${what}, which only ${allowed.join(', ')} may load: ${path.join(' → ')}`);
        failed = true;
      }
    }
    for (const duplicate of duplicatedPackages(new Set(corePaths))) {
      console.error(`the core's chunks carry ${duplicate}: make the workspace resolve one version`);
      failed = true;
    }
  }

  if (args.has('--metafile')) {
    for (const { file, output } of all) {
      if (!output) continue;
      const inputs = inputsOf(output).sort(([, a], [, b]) => b - a);
      const byPackage = new Map();
      for (const [path, bytes] of inputs) {
        const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
        const key = match ? match[1] : path.startsWith('packages/') ? path.split('/').slice(0, 2).join('/') : path;
        byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
      }
      console.log(`\n${file}: by package (minified bytes in the output)`);
      for (const [key, bytes] of [...byPackage].sort(([, a], [, b]) => b - a)) console.log(`  ${kb(bytes).padStart(9)}  ${key}`);
    }
  }

  if (!args.has('--quiet')) console.log(`built ${all.length} files in ${relative(root, dist)}`);
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
