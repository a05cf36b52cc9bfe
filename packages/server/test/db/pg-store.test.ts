// The store package's own contract suites, run against PgStore on every test database: the same
// tests MemoryStore passes, unchanged.
import { after, before, describe } from 'node:test';
import { batchWriteContract } from '../../../store/test/contract-batch.ts';
import { singleWriteContract } from '../../../store/test/contract-single.ts';
import { type FreshDatabase, databaseTargets } from './databases.ts';
import { type Harness, openHarness } from './harness.ts';

for (const target of databaseTargets()) {
  describe(`PgStore on ${target.kind}`, () => {
    let fresh: FreshDatabase;
    let harness: Harness;
    before(async () => {
      fresh = await target.create();
      harness = await openHarness(fresh);
    });
    after(async () => {
      await harness?.close();
      await fresh?.drop();
    });
    const openStore = () => harness.emptyStore();
    singleWriteContract('single writes', openStore);
    batchWriteContract('batches', openStore);
  });
}
