// PUT /api/v1/rubrics/:id/versions/:version: HR publishes a rubric version from the form builder;
// appraisals opened afterwards pin it, a stored version never changes, anyone but HR is refused, and a
// broken rubric is refused with every problem named by path and rule.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people } from './company.ts';
import { bearer, openTestDatabase, service, testApp, tokenFor } from './support.ts';

describe('PUT /rubrics/:id/versions/:version', () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  before(async () => {
    db = await openTestDatabase();
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const preset = rubricPresets['R-SP'] as { id: string; version: number; label: Record<string, string> };
  // HR's edit: the preset's R-SP as version 2 with another title (what the builder publishes).
  const edited = { ...structuredClone(preset), version: 2, label: { 'zh-Hant': '銷售員月度考核（2026版）', 'zh-Hans': '销售员月度考核（2026版）', en: 'Salesperson monthly appraisal (2026)' } };
  const put = async (who: string, version: number, body: unknown) =>
    app.inject({ method: 'PUT', url: `/api/v1/rubrics/R-SP/versions/${version}`, headers: bearer(await tokenFor(who)), payload: body as object });

  test('a salesperson may not publish a rubric (403), nothing is stored', async () => {
    const refused = await put('S1', 2, edited);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'hrOnly');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/rubrics/R-SP/versions/2', headers: bearer(await tokenFor('S1')) })).statusCode, 404);
  });

  test('a broken rubric is refused with each problem\'s path and rule', async () => {
    const broken = structuredClone(edited) as unknown as { sections: Array<{ items: Array<{ points: unknown }> }> };
    (broken.sections[0] as { items: Array<{ points: unknown }> }).items[0]!.points = 'five';
    const refused = await put('H1', 2, broken);
    assert.equal(refused.statusCode, 422);
    const problems = refused.json().problems as Array<{ path: string; rule: string }>;
    assert.ok(problems.some((problem) => problem.path === 'sections[0].items[0].points' || problem.path === 'sections.0.items.0.points'), JSON.stringify(problems));
    const elsewhere = await put('H1', 3, edited);
    assert.equal(elsewhere.statusCode, 422);
    assert.deepEqual(elsewhere.json().problems.map((problem: { path: string; rule: string }) => [problem.path, problem.rule]), [['version', 'matches-path']]);
  });

  test('HR publishes version 2; an appraisal opened afterwards pins it; the version cannot be changed, publishing it again as it is changes nothing', async () => {
    const listed = async () => (await app.inject({ method: 'GET', url: '/api/v1/rubrics/R-SP/versions', headers: bearer(await tokenFor('S1')) })).json();
    assert.deepEqual(await listed(), { versions: [1] });
    const published = await put('H1', 2, edited);
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().label.en, 'Salesperson monthly appraisal (2026)');
    assert.deepEqual(await listed(), { versions: [1, 2] });
    const opened = await app.inject({ method: 'POST', url: '/api/v1/appraisals', headers: service, payload: { employee: 'S1', period: PERIOD } });
    assert.equal(opened.statusCode, 201, opened.body);
    const view = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${PERIOD}:S1`, headers: bearer(await tokenFor('R1')) })).json();
    assert.deepEqual([view.rubricId, view.rubricVersion], ['R-SP', 2]);

    assert.equal((await put('H1', 2, edited)).statusCode, 200);
    const changed = await put('H1', 2, { ...edited, label: { ...edited.label, en: 'Another title' } });
    assert.equal(changed.statusCode, 409);
    assert.equal(changed.json().code, 'versionTaken');
    assert.match(changed.json().detail, /version 3 or higher/);
  });
});
