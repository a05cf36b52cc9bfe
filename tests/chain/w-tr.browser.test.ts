// W-TR through the real form in Chromium (issue 11): the travelling employee opens their own
// appraisal at the self step through the embed's openForm, which sets the rubric form up from the
// application service's view. They see and edit only TR-1 (rules.md §1 R-TR, TR-1 self-evaluation):
// the direct leader's TR-2a, the leader above's TR-2b and the lateral TR-3 are not theirs to fill, and
// submit asks for TR-1 alone. Typed with the keyboard, clicked with the pointer.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import { chainPresets, type Directory } from '@kaohe/workflow';
import { createService, type ActResult } from '@kaohe/service';
import '../../packages/elements/src/register.ts';
import { openAppraisalForm } from '../../packages/embed/src/appraisal-form.ts';
import type { KaoheContext } from '../../packages/embed/src/context.ts';

const NOW = '2026-11-03T09:00:00.000Z';
const directory: Directory = {
  people: [
    { id: 'L2', name: 'Leader above Guo', roles: ['serviceDirector'] },
    { id: 'L1', name: 'Direct leader Fang', roles: ['serviceManager'], managerId: 'L2' },
    { id: 'T1', name: 'Sun Wei', roles: ['travellingServiceStaff'], managerId: 'L1' },
    { id: 'X1', name: 'Parts department', roles: ['assessor'], groups: ['lateral'] },
    { id: 'H1', name: 'HR Qian', roles: ['hr'] },
  ],
};

async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  // Measured after the scroll has been laid out, so the pointer lands where the element is.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

describe('W-TR: the employee\'s self-evaluation through the real form', () => {
  it('edits and must fill only TR-1, and hands it on to the lateral raters', async () => {
    const rubric = loadRubric(rubricPresets['R-TR']);
    const store = new MemoryStore();
    await store.putRubric(rubric);
    const service = createService({ store, directory, assignments: { travellingServiceStaff: { rubric: 'R-TR', chain: 'W-TR' } }, clock: () => NOW });
    const opening = await service.openAppraisal('H1', { employee: 'T1', period: '2026-10' });
    expect(opening.ok).to.equal(true);
    const context = {
      user: 'T1', person: directory.people[2], directory, store, locale: 'en', rubrics: { 'R-TR': rubric },
      rubricVersions: { 'R-TR@1': rubric }, chains: chainPresets, payPlans: {}, assignments: {}, now: NOW,
    } as unknown as KaoheContext;
    const results: ActResult[] = [];
    const opened = await openAppraisalForm(context, service, '2026-10:T1', NOW, (result) => results.push(result));
    document.body.append(opened.form);
    await opened.form.storeSettled;
    await opened.form.updateComplete;
    const root = opened.form.shadowRoot!;

    expect(opened.form.mode).to.equal('edit');
    // Only the self-evaluation is on the employee's sheet: nobody else's item, editable or not.
    expect([...root.querySelectorAll('[data-item]')].map((item) => item.getAttribute('data-item'))).to.deep.equal(['TR-1']);
    expect(root.querySelector<HTMLFieldSetElement>('[data-item="TR-1"]')!.disabled).to.equal(false);
    expect(root.querySelector('[data-total="monthly"]'), 'no total of a sheet shown in part').to.equal(null);

    // Submitting empty asks for TR-1, and only for TR-1.
    const submit = root.querySelector<HTMLButtonElement>('[part~="submit"]')!;
    await clickOn(submit);
    await waitUntil(() => root.querySelector('#submit-why'), `the form says why it cannot submit yet `);
    const why = root.querySelector('#submit-why')?.textContent ?? '';
    expect(why).to.contain('TR-1');
    expect(why).not.to.contain('TR-2a');
    expect(why).not.to.contain('TR-3');
    expect(results).to.deep.equal([]);

    await clickOn(root.querySelector('[data-item="TR-1"] input')!);
    await sendKeys({ type: '18' });
    await opened.form.updateComplete;
    await clickOn(root.querySelector('[part~="submit"]')!);
    await waitUntil(() => results.length === 1, 'the service answered');
    const [result] = results;
    expect(result && result.ok && [result.step, result.revision]).to.deep.equal(['lateral', 2]);
    const stored = await store.getAppraisal('2026-10:T1');
    expect(stored?.sheet.entries).to.deep.equal({ 'TR-1': { points: '18' } });
    opened.form.remove();
  });
});
