import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Decimal } from '@kaohe/scoring';
import { cli, tempDir } from './support.ts';

// A new hire appraised from April: nine months.
const months = ['88.5', '91', '79.25', '95', '90', '84.5', '87', '92.75', '90'].map((monthly, n) => ({ period: `2025-${String(n + 4).padStart(2, '0')}`, monthly }));
const total = months.reduce((sum, m) => sum.plus(m.monthly), new Decimal(0));
const year = JSON.stringify({ employee: 'chen.yu', year: 2025, months });

describe('kaohe annual (C-3, O-6)', () => {
  it('divides the sum of the monthly scores by 12 by default, as C-3 is written', async () => {
    const { code, out, err } = await cli(['annual', 'year.json'], { 'year.json': year });
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as { annual: string; divisor: string; months: number; employee: string };
    assert.equal(result.annual, total.div(12).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    assert.equal(result.divisor, 'twelve');
    assert.equal(result.months, 9);
    assert.equal(result.employee, 'chen.yu');
  });

  it('divides by the months appraised with --divisor appraised, so a new hire is not marked down for months before joining', async () => {
    const { code, out } = await cli(['annual', 'year.json', '--divisor', 'appraised'], { 'year.json': year });
    assert.equal(code, 0);
    assert.equal((JSON.parse(out) as { annual: string }).annual, total.div(9).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  });

  it('takes the divisor from the file when the command line does not give one', async () => {
    const { out } = await cli(['annual', 'year.json'], { 'year.json': JSON.stringify({ months, divisor: 'appraised' }) });
    assert.equal((JSON.parse(out) as { divisor: string }).divisor, 'appraised');
  });

  it('refuses a month given twice or outside the year, naming each', async () => {
    const bad = { year: 2025, months: [...months, { period: '2025-05', monthly: '80' }, { period: '2024-12', monthly: '70' }] };
    const { code, out, err } = await cli(['annual', 'bad.json'], { 'bad.json': JSON.stringify(bad) });
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /months\[9\]\.period: 2025-05 is already given at months\[1\] \[unique-period\]/);
    assert.match(err, /months\[10\]\.period: 2024-12 is not in 2025 \[C-3\]/);
  });

  it('rejects a divisor that is neither twelve nor appraised', async () => {
    const { code, err } = await cli(['annual', 'year.json', '--divisor', 'eleven'], { 'year.json': year });
    assert.equal(code, 2);
    assert.match(err, /--divisor must be twelve or appraised \(O-6\)/);
  });
});

describe('kaohe schema', () => {
  it('prints the rubric schema as JSON Schema that describes sections and their items', async () => {
    const { code, out } = await cli(['schema', 'rubric']);
    assert.equal(code, 0);
    const schema = JSON.parse(out) as { $schema: string; properties: Record<string, { type?: string; items?: { properties?: Record<string, unknown> } }>; required: string[] };
    assert.match(schema.$schema, /json-schema\.org/);
    assert.equal(schema.properties['sections']?.type, 'array');
    assert.ok(schema.properties['sections']?.items?.properties?.['items'], 'a section lists its items');
    assert.ok(schema.required.includes('sections'));
    // io: 'input' — a field with a default (scale) may be left out of a file.
    assert.ok(!schema.required.includes('scale'));
  });

  it('describes a sheet\'s entries and a pay plan\'s lines', async () => {
    const sheet = JSON.parse((await cli(['schema', 'sheet'])).out) as { properties: Record<string, unknown> };
    assert.ok(sheet.properties['entries'] && sheet.properties['period']);
    const plan = JSON.parse((await cli(['schema', 'pay-plan'])).out) as { properties: Record<string, unknown> };
    assert.ok(plan.properties['lines'] && plan.properties['inputs']);
  });

  it('--out writes all three schemas to files an editor can point at', async () => {
    const dir = await tempDir();
    const { code, err } = await cli(['schema', '--out', dir]);
    assert.equal(code, 0, err);
    for (const kind of ['rubric', 'sheet', 'pay-plan']) {
      const schema = JSON.parse(await readFile(join(dir, `${kind}.schema.json`), 'utf8')) as { $schema?: string };
      assert.ok(schema.$schema, `${kind}.schema.json has $schema`);
    }
  });

  it('an unknown schema name is a usage error listing the names', async () => {
    const { code, err } = await cli(['schema', 'payslip']);
    assert.equal(code, 2);
    assert.match(err, /choose rubric, sheet, pay-plan/);
  });
});
