/**
 * Issue 15: scoring's batch paths — sheets of the common shape read by hand (sheet-check.ts), scores
 * in exact millionths (millionths.ts), pay plans compiled into scaled-integer closures
 * (pay/compiled.ts) — make the thousands of sheets and payslips of a month fast in Node, on the
 * server and in HR's bundle. A page of the core scores and pays one sheet at a time, which the
 * general paths (the schema, decimal.js) do in a fraction of a millisecond, and the core's weight is
 * capped: it is built without them. Results are the same either way, to the digit and the problem
 * (scoring/test/fast-path.property.test.ts, sheet-check.property.test.ts, pay-fast-path.property.test.ts).
 */
const BATCH_PATHS = {
  'sheet-check.ts': 'export function readPlainSheet() { return undefined; }',
  'millionths.ts': 'export const millionths = undefined;',
  'compiled.ts': 'export function compiledPayer() { return null; }',
};
export const noBatchPaths = {
  name: 'no-batch-paths',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]packages[\\/]scoring[\\/]src[\\/](?:sheet-check|millionths|pay[\\/]compiled)\.ts$/ }, ({ path }) => ({
      contents: BATCH_PATHS[path.split(/[\\/]/).at(-1)],
      loader: 'ts',
    }));
  },
};

