// KaohePayslipView shows the service's payslip without the pay engine, the plan's validation or the workflow rules: bundled on
// its own it carries neither computePay nor payslipAccess (nor xstate), so a page that only shows
// payslips from the server (issue 14's payslip page) does not pay for them. KaohePayslip, the stand-alone
// path, carries both — the contrast that shows the check can fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

async function bundled(entry: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname], bundle: true, write: false, format: 'esm', metafile: true,
    tsconfig: new URL('../../../tsconfig.esbuild.json', import.meta.url).pathname, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return { text: result.outputFiles[0]!.text, inputs: Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path) };
}

test('the view bundles without computePay, payslipAccess, the workflow package, xstate or decimal.js; the stand-alone element with them', async () => {
  const view = await bundled('../src/kaohe-payslip/kaohe-payslip-view.ts');
  for (const name of ['function computePay(', 'function payByEvaluation(', 'function validatePayPlan(', 'function payslipAccess(']) assert.ok(!view.text.includes(name), `the view carries ${name}`);
  assert.deepEqual(view.inputs.filter((path) => /packages\/workflow\/|\/xstate@/.test(path)), []);
  // it reads formulas in words (jsep) and computes none: no decimal.js (scoring's formula-parse.ts holds the parser apart)
  assert.deepEqual(view.inputs.filter((path) => /\/decimal\.js@/.test(path)), []);
  const full = await bundled('../src/kaohe-payslip/kaohe-payslip.ts');
  for (const name of ['function computePay(', 'function payslipAccess(']) assert.ok(full.text.includes(name), `the stand-alone element carries ${name}`);
});
