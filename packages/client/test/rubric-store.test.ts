// The form builder's store over the server (HttpService.rubricStore): what kaohe-form-builder calls in
// server mode — list versions, publish the next one, read it back — answered by the real server for the
// person in the token. HR publishes; anyone else is refused with the server's words, and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { HttpService } from '../src/index.ts';
import { startTestServer, tokenFor, type TestServer } from './server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const storeOf = (user: string) => new HttpService({ server: server.url, user, token: () => tokenFor(user) }).rubricStore();

describe('HttpService.rubricStore (the form builder in server mode)', () => {
  test('HR lists R-RM\'s versions, publishes version 2 and reads it back; a salesperson\'s publish is refused', async () => {
    const hr = storeOf('H1');
    assert.deepEqual(await hr.listRubricVersions('R-RM'), [1]);
    const next = loadRubric({ ...structuredClone(rubricPresets['R-RM']), version: 2 });

    // what the builder does for someone who is not HR: the server says no, and the versions stay as they were
    await assert.rejects(storeOf('S1').putRubric(next), (error: Error) => /Only HR may publish a rubric version/.test(error.message));
    assert.deepEqual(await hr.listRubricVersions('R-RM'), [1]);

    const stored = await hr.putRubric(next);
    assert.deepEqual([stored.id, stored.version], ['R-RM', 2]);
    assert.deepEqual(await hr.listRubricVersions('R-RM'), [1, 2]);
    assert.equal((await storeOf('S1').getRubric('R-RM', 2))?.version, 2, 'rubrics are not private: anyone reads a stored version');
  });
});
