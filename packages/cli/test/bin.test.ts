import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { examples } from './support.ts';

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
});
