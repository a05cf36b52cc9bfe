// A catalogue the service could not run is refused when the server is built, every problem named,
// instead of failing when the first appraisal of a broken chain opens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KaoheInputError } from '@kaohe/scoring';
import { chainPresets, type Chain } from '@kaohe/workflow';
import { presetCatalogue } from '../../src/catalogue.ts';
import { openTestDatabase, testApp } from './support.ts';

const shop: Chain = { ...chainPresets['W-SP'], id: 'W-SHOP' };

describe('the catalogue at start', () => {
  test('a chain xstate would misread, a chain filed under another id and assignments naming what is not there are all listed, and nothing starts', async () => {
    const broken: Chain = { ...shop, id: 'W-ODD', steps: shop.steps.map((step, n) => (n === 1 ? { ...step, id: 'sp.review' } : step)) };
    const catalogue = {
      ...presetCatalogue(),
      chains: { 'W-ODD': broken, 'W-X': shop },
      assignments: { ...presetCatalogue().assignments, clerk: { rubric: 'R-CLERK', chain: 'W-NONE', payPlan: 'P-9' } },
      // P-1 with its currency written as a word, not an ISO 4217 code
      payPlans: { ...presetCatalogue().payPlans, 'P-1': { ...presetCatalogue().payPlans['P-1']!, currency: 'yuan' } },
    };
    const db = await openTestDatabase();
    try {
      await assert.rejects(testApp(db, { catalogue }), (error: unknown) => {
        assert.ok(error instanceof KaoheInputError);
        assert.equal(error.subject, 'catalogue');
        assert.deepEqual(error.problems.map(({ path, rule }) => `${path} [${rule}]`), [
          'chains.W-ODD.steps[1].id [id-form]',
          // the later steps still return to the step's old id, which the chain no longer has
          'chains.W-ODD.steps[2].returnTo[1] [unknown-step]',
          'chains.W-ODD.steps[3].returnTo[1] [unknown-step]',
          'chains.W-X.id [id-mismatch]',
          'payPlans.P-1.currency [invalid_format]',
          'assignments.clerk.chain [unknown-chain]',
          'assignments.clerk.payPlan [unknown-pay-plan]',
          'assignments.clerk.rubric [unknown-rubric]',
        ]);
        assert.equal(error.problems[3]!.message, 'the chain filed as "W-X" has the id "W-SHOP"; appraisals name their chain by its id');
        return true;
      });
    } finally {
      await db.close();
    }
  });

  test("a company's own chain filed under its id, with the presets' assignments, starts", async () => {
    const db = await openTestDatabase();
    try {
      const app = await testApp(db, { catalogue: { ...presetCatalogue(), chains: { 'W-SHOP': shop } } });
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200);
      await app.close();
    } finally {
      await db.close();
    }
  });
});
