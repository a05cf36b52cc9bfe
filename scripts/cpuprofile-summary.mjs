// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, and
// the inclusive time of the functions named on the command line (where a call tree's time goes);
// `outer>inner` counts inner's time only where outer called it, directly or not.
//   node scripts/cpuprofile-summary.mjs PROFILE.cpuprofile [--top 25] [fnName | outer>inner …]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.shift();
if (!file) {
  console.error('usage: node scripts/cpuprofile-summary.mjs PROFILE.cpuprofile [--top N] [function …]');
  process.exit(2);
}
let top = 25;
const named = [];
for (let n = 0; n < args.length; n++) {
  if (args[n] === '--top') top = Number(args[++n]);
  else named.push(args[n]);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
// Sample intervals are in µs; each sample is charged to the node it hit.
const self = new Map();
for (let n = 0; n < profile.samples.length; n++) {
  const id = profile.samples[n];
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[n] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^.*\/packages\//, 'packages/');
  return `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
};

const selfByFunction = new Map();
for (const [id, us] of self) {
  const key = where(byId.get(id));
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(6);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${ms(total)} ms\n\nself time, top ${top}:`);
for (const [key, us] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${key}`);

if (named.length > 0) {
  // Inclusive time: every sample whose stack passes through a node of that name, counted once.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map(named.map((name) => [name, 0]));
  for (const [id, us] of self) {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame.functionName);
    for (const name of named) {
      const [outer, inner] = name.includes('>') ? name.split('>') : [undefined, name];
      const at = stack.indexOf(inner);
      if (at >= 0 && (outer === undefined || stack.indexOf(outer, at + 1) > at)) inclusive.set(name, inclusive.get(name) + us);
    }
  }
  console.log('\ninclusive time:');
  for (const [name, us] of inclusive) console.log(`${ms(us)} ms ${pct(us)}  ${name}`);
}
