// esbuild's code splitting decides which chunk a module goes to by the import graph as written, before
// tree shaking: a module that imports one function from a package's index (`import { businessDay } from
// '@kaohe/workflow'`) "reaches" every module that index re-exports, so they all land in chunks that
// module's page loads — xstate on a payslip's page because the workflow index also exports the machine.
// This plugin rewrites such imports, as the Kaohe packages' sources are loaded, to import each name
// from the module that defines it (found by following the index's `export … from` statements), so a
// page's chunks hold what its code can actually reach. What a name is bound to does not change: only
// the path it is imported by. Names it cannot place (types) stay on the index import, which esbuild
// then drops as unused.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const LOCAL = /^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class|abstract\s+class|enum)\s+([A-Za-z_$][\w$]*)/gm;
const LIST = /^export\s*\{([^}]*)\}\s*(?:from\s*'([^']+)')?\s*;?/gm;
const STAR = /^export\s*\*\s*(?:as\s+([A-Za-z_$][\w$]*)\s+)?from\s*'([^']+)'\s*;?/gm;

/** name → { file, name } the module `file` exports, following its re-exports. */
function exportsOf(file, cache, seen = new Set()) {
  if (cache.has(file)) return cache.get(file);
  if (seen.has(file)) return new Map();
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const names = new Map();
  for (const [, name] of source.matchAll(LOCAL)) names.set(name, { file, name });
  for (const [, list, from] of source.matchAll(LIST)) {
    if (/^export\s+type\b/.test(list)) continue;
    for (const raw of list.split(',')) {
      const item = raw.trim();
      if (!item || item.startsWith('type ')) continue;
      const [original, alias = original] = item.split(/\s+as\s+/).map((part) => part.trim());
      if (!from) names.set(alias, { file, name: alias });
      else if (from.startsWith('.')) {
        const target = exportsOf(resolve(dirname(file), from), cache, seen).get(original);
        names.set(alias, target ?? { file, name: alias });
      } else {
        // a name another Kaohe package defines (store's canonicalJson is scoring's): from its defining
        // module, not from the re-exporting index, which would reach all of that package
        const packages = file.slice(0, file.lastIndexOf(`${sep}packages${sep}`));
        const entry = packages ? entryOf(packages, from) : undefined;
        const target = entry ? exportsOf(entry, cache, seen).get(original) : undefined;
        names.set(alias, target ?? { file, name: alias });
      }
    }
  }
  for (const [, namespace, from] of source.matchAll(STAR)) {
    if (namespace) names.set(namespace, { file, name: namespace });
    else if (from.startsWith('.')) for (const [name, target] of exportsOf(resolve(dirname(file), from), cache, seen)) if (!names.has(name)) names.set(name, target);
  }
  cache.set(file, names);
  return names;
}

/** The file a `@kaohe/<package>[/<subpath>]` specifier names, from the package's `exports`. */
function entryOf(root, specifier) {
  const [, scope, name, subpath] = /^(@kaohe)\/([^/]+)(\/.+)?$/.exec(specifier) ?? [];
  if (!scope) return undefined;
  const folder = join(root, 'packages', name);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const target = manifest.exports?.[subpath ? `.${subpath}` : '.'];
  const path = typeof target === 'string' ? target : target?.default;
  return path ? join(folder, path) : undefined;
}

const IMPORT = /(import|export)\s*\{([^}]*)\}\s*from\s*'(@kaohe\/[^']+)'\s*;?/g;

/** `source` with its value imports (and re-exports) of Kaohe packages pointed at the defining modules. */
export function directImports(source, root, cache) {
  return source.replace(IMPORT, (statement, keyword, list, specifier) => {
    const entry = entryOf(root, specifier);
    if (!entry) return statement;
    const names = exportsOf(entry, cache);
    const byFile = new Map();
    const rest = [];
    for (const raw of list.split(',')) {
      const item = raw.trim();
      if (!item) continue;
      if (item.startsWith('type ')) continue;
      const [imported, local = imported] = item.split(/\s+as\s+/).map((part) => part.trim());
      const target = names.get(imported);
      if (!target) {
        rest.push(item);
        continue;
      }
      const specifiers = byFile.get(target.file) ?? [];
      specifiers.push(target.name === local ? local : `${target.name} as ${local}`);
      byFile.set(target.file, specifiers);
    }
    const lines = [...byFile].map(([file, specifiers]) => `${keyword} { ${specifiers.join(', ')} } from ${JSON.stringify(file)};`);
    if (rest.length > 0) lines.push(`${keyword} { ${rest.join(', ')} } from '${specifier}';`);
    // as many lines as the statement had, so esbuild's messages keep their line numbers
    return lines.join(' ') + '\n'.repeat((statement.match(/\n/g) ?? []).length);
  });
}
