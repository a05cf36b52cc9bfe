import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { examples, tempDir } from './support.ts';

const bin = fileURLToPath(new URL('../bin/kaohe.mjs', import.meta.url));

/** The real executable in a child process, run from a directory outside the workspace. */
async function kaohe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: tmpdir(), encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the kaohe executable', () => {
  it('prints its usage from any directory', async () => {
    const { code, stdout } = await kaohe('--help');
    assert.equal(code, 0);
    for (const command of ['demo', 'validate', 'score', 'pay', 'annual', 'schema', 'batch']) assert.match(stdout, new RegExp(`^ {2}${command} `, 'm'));
  });

  it('kaohe demo shows every example employee with their scores and every example payslip', async () => {
    const { code, stdout, stderr } = await kaohe('demo', '--locale', 'en');
    assert.equal(code, 0, stderr);
    const sheets = (await readdir(join(examples, 'sheets'))).filter((f) => f.endsWith('.json'));
    for (const file of sheets) {
      const { employee } = JSON.parse(await readFile(join(examples, 'sheets', file), 'utf8')) as { employee: string };
      assert.match(stdout, new RegExp(`^${employee.replace('.', '\\.')} +R-`, 'm'), `${file} is in the table`);
    }
    assert.match(stdout, /employee +rubric +period +work +attendance +monthly +flags/);
    assert.match(stdout, /P-1 v\d+ .* \d+\.\d\d CNY/);
  });

  it('exits 1 with the problem on stderr and nothing on stdout for a sheet that is not there', async () => {
    const { code, stdout, stderr } = await kaohe('score', '--sheet', 'missing-sheet.json');
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /kaohe score: cannot read the sheet missing-sheet\.json: no such file/);
  });

  it('kaohe batch writes a name @SUM(A1) and an employee =1+1 as text a spreadsheet will not run, the -330.00 deduction as a number', async () => {
    const dir = await tempDir();
    const input = join(dir, 'service.csv');
    const out = join(dir, 'results.csv');
    await writeFile(input, [
      'employee,name,rubric,period,SV-S1.value,SV-S2.value,SV-S3.value,SV-S4.value,SV-A1.value,SV-A2.value,SV-A3.value,SV-A4.value,pay.baseSalary,pay.performanceBase',
      '=1+1,@SUM(A1),R-SV,2026-10,45,45,4,45,45,45,4,45,3000,2200',
      '',
    ].join('\n'));
    const { code, stderr } = await kaohe('batch', '--input', input, '--plan', 'P-2', '--locale', 'en', '--out', out);
    assert.equal(code, 0, stderr);
    // Every item at half its target (45 of 90; 2 ÷ 4 for the complaint rates) scores 50.00 (R-SV is
    // work-only); P-2: 2200 × 50 / 100 = 1100.00, under 60 → −1100.00 × 0.3 = −330.00;
    // total 3000.00 + 1100.00 − 330.00 = 3770.00.
    assert.equal(await readFile(out, 'utf8'), '\uFEFF'
      + 'employee,name,rubric,period,work,attendance,monthly,flags,missing,pay.baseSalary,pay.performancePay,pay.underSixtyDeduction,pay.total,pay.flags\r\n'
      + `"'=1+1","'@SUM(A1)",R-SV,2026-10,50.00,,50.00,,,3000.00,1100.00,-330.00,3770.00,P-2 Monthly score under 60: performance pay reduced by 30%\r\n`);
  });
});
