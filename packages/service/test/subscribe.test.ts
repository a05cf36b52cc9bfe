// The local service's live notices (KaoheService.subscribe): a change is told, by id and revision
// only, to whoever may read the appraisal, by id alone to whoever could read it before and may not
// now, and to nobody else — as the server's event stream does, from the audience the write named.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Directory } from '@kaohe/workflow';
import type { ServiceNotice } from '../src/index.ts';
import { createService, internals, NOTICE_BURST_LIMIT } from '../src/index.ts';
import { assignments, company, during, entriesFor, opened, setUp } from './fixtures.ts';

/** Collects what `person` hears, and resolves `heard(n)` once n notices have come (or fails after a second). */
function listen(service: Awaited<ReturnType<typeof setUp>>['service'], person: string) {
  const notices: ServiceNotice[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const stop = service.subscribe(person, (notice) => {
    notices.push(notice);
    for (const waiter of waiters) if (notices.length >= waiter.n) waiter.resolve();
  });
  const heard = (n: number) => new Promise<void>((resolve, reject) => {
    if (notices.length >= n) return resolve();
    const timer = setTimeout(() => reject(new Error(`${person} heard ${JSON.stringify(notices)}, not ${n} notices`)), 1_000);
    waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
  });
  return { notices, heard, stop };
}

/** Long enough for a notice that would come to have come: the service checks it a turn after the write. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('subscribe (local service)', () => {
  test('a change is heard by who may read the appraisal, by id and revision only; an unrelated colleague hears nothing', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    // W-SP for S1 (north): R1 scores, then sales planning (P2) summarises. R2 manages the south and S3
    // sells there: neither may read S1's appraisal (view answers undefined for them).
    assert.equal(await service.view(opening.id, 'R2'), undefined);
    assert.equal(await service.view(opening.id, 'S3'), undefined);
    const scorer = listen(service, 'R1');
    const planner = listen(service, 'P2');
    const otherManager = listen(service, 'R2');
    const colleague = listen(service, 'S3');
    const rubric = loadRubric(rubricPresets['R-SP']);
    const view = await service.view(opening.id, 'R1', { now: during });
    assert.ok(view);
    const submitted = await service.act(opening.id, 'R1', { type: 'step.submit', entries: entriesFor(rubric, view.requiredItems), attendance: { absentDays: '0' } }, { now: during, expectedRevision: 1 });
    assert.ok(submitted.ok);
    // Opened at revision 1, the submit is revision 2: that is all a notice says.
    const expected: ServiceNotice[] = [{ type: 'changed', appraisalId: '2026-10:S1', revision: 2 }];
    await Promise.all([scorer.heard(1), planner.heard(1)]);
    await quiet();
    assert.deepEqual(scorer.notices, expected);
    assert.deepEqual(planner.notices, expected);
    assert.deepEqual(otherManager.notices, []);
    assert.deepEqual(colleague.notices, []);
    // Nothing of the content rides along: no score, no name, no entry.
    assert.equal(JSON.stringify(planner.notices).includes('Salesperson'), false);
    for (const listener of [scorer, planner, otherManager, colleague]) listener.stop();
  });

  test('who could read it before and may not now is told it is gone, by id alone, in every tab, whatever they were shown; nobody else', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal('H1', { employee: 'T1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    // W-TR opens at T1's self-evaluation: it is T1's task, listed in one tab; a second tab starts
    // following after the list was read (a reconnect, or a list served by another server).
    const listingTab = listen(service, 'T1');
    const leader = listen(service, 'L1');
    const colleague = listen(service, 'S3');
    assert.deepEqual((await service.tasks('T1')).items.map((item) => item.appraisal.id), ['2026-10:T1']);
    const freshTab = listen(service, 'T1');
    const submitted = await service.act(opening.id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }, { now: during });
    assert.ok(submitted.ok);
    assert.equal(submitted.revision, 2);
    // Handed in, the employee reads it no more until it is published ...
    assert.equal(await service.view(opening.id, 'T1'), undefined);
    // ... so both tabs hear that it is gone, without its revision (nothing of the new state); the
    // leader, who may read it, hears revision 2; the colleague, who never could, nothing.
    await Promise.all([listingTab.heard(1), freshTab.heard(1), leader.heard(1)]);
    await quiet();
    assert.deepEqual(listingTab.notices, [{ type: 'changed', appraisalId: '2026-10:T1' }]);
    assert.deepEqual(freshTab.notices, [{ type: 'changed', appraisalId: '2026-10:T1' }], 'a tab that listed nothing hears it too: nobody remembers what was shown');
    assert.deepEqual(leader.notices, [{ type: 'changed', appraisalId: '2026-10:T1', revision: 2 }]);
    assert.deepEqual(colleague.notices, []);

    // The lateral rater's next change is not T1's to hear: they could not read it before it either.
    const rated = await service.act(opening.id, 'X1', { type: 'draft.save', group: 'lateral', comment: 'rating started' }, { now: during });
    assert.ok(rated.ok);
    await leader.heard(2);
    await quiet();
    assert.deepEqual(leader.notices[1], { type: 'changed', appraisalId: '2026-10:T1', revision: 3 });
    assert.equal(listingTab.notices.length, 1);
    assert.equal(freshTab.notices.length, 1);
    assert.deepEqual(colleague.notices, []);
    for (const listener of [listingTab, freshTab, leader, colleague]) listener.stop();
  });

  test('a change the writer named no audience for (written to the store directly) is told to whoever may read it now', async () => {
    const { service, store } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    const scorer = listen(service, 'R1');
    const colleague = listen(service, 'S3');
    const record = await store.getAppraisal(opening.id);
    assert.ok(record);
    await store.putAppraisal({ ...record, revision: 2 }, { expectedRevision: 1 });
    await scorer.heard(1);
    await quiet();
    assert.deepEqual(scorer.notices, [{ type: 'changed', appraisalId: '2026-10:S1', revision: 2 }]);
    assert.deepEqual(colleague.notices, []);
    scorer.stop();
    colleague.stop();
  });

  test('after unsubscribing nothing more is heard', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    const scorer = listen(service, 'R1');
    scorer.stop();
    const saved = await service.act(opening.id, 'R1', { type: 'draft.save', comment: 'started' }, { now: during });
    assert.ok(saved.ok);
    await quiet();
    assert.deepEqual(scorer.notices, []);
  });

  test(`a burst of more than ${NOTICE_BURST_LIMIT} changes is one resync, read by nobody one by one`, async () => {
    const { service, store } = await setUp();
    // HR opens a month of 201 appraisals: the batch is heard as 201 store changes in the same turn.
    const records = [];
    for (let index = 0; index <= NOTICE_BURST_LIMIT; index++) {
      const opening = await service.openAppraisal(null, { employee: 'S1', period: `2${String(index).padStart(3, '0')}-01`, now: opened });
      assert.ok(opening.ok);
      records.push(await store.getAppraisal(opening.id));
    }
    const colleague = listen(service, 'S3');
    let reads = 0;
    const getAppraisal = store.getAppraisal.bind(store);
    store.getAppraisal = (id) => { reads++; return getAppraisal(id); };
    await store.putAppraisals(records.map((record) => ({ record: { ...record!, revision: record!.revision + 1 }, expectedRevision: record!.revision })));
    await colleague.heard(1);
    await quiet();
    assert.deepEqual(colleague.notices, [{ type: 'resync' }]);
    assert.equal(reads, 0);
    colleague.stop();
  });
});

describe('told (the rule subscribe and every event stream ask)', () => {
  test('in one burst, a change naming no audience that the viewer may not read now ends an earlier change\'s revision for them: gone, by id alone', async () => {
    const { store } = await setUp();
    let dir: Directory = company;
    const service = createService({ store, directory: () => dir, assignments, clock: () => during });
    const opening = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    assert.ok(await service.view(opening.id, 'R1'), 'R1 scores S1 in the north');
    // S1 moves south: R2 manages them now, and R1 may no longer read the appraisal (it was never acted on).
    dir = { ...company, people: company.people.map((person) => person.id === 'S1' ? { ...person, region: 'south', managerId: 'R2' } : person) };
    assert.equal(await service.view(opening.id, 'R1'), undefined);
    assert.ok(await service.view(opening.id, 'R2'));
    const burst = [
      // written through a service before the move: R1 was a reader of revision 2
      { id: opening.id, revision: 2, audience: { readers: ['P2', 'R1'], gone: [] } },
      // then written straight to the store, naming nobody (read now: revision 1 as stored)
      { id: opening.id, revision: 3 },
    ];
    const { told } = service[internals];
    assert.deepEqual(await told('R1', burst), [{ appraisalId: '2026-10:S1' }]);
    assert.deepEqual(await told('R2', burst), [{ appraisalId: '2026-10:S1', revision: 1 }]);
    // in the other order the named change is the last word: R1 is told revision 2 (and reads it again)
    assert.deepEqual(await told('R1', [burst[1]!, burst[0]!]), [{ appraisalId: '2026-10:S1', revision: 2 }]);
    // a colleague named by neither hears nothing
    assert.deepEqual(await told('S3', burst), []);
  });
});
