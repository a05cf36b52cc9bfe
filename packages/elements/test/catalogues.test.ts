// Simplified Chinese is written in simplified characters. Every zh-Hans word the elements show —
// their catalogues, the role names, and what they show from the presets (rubric, pay-plan and chain
// labels, rule descriptions, assessing groups) — is checked character by character against OpenCC's
// traditional → simplified (mainland) table (opencc-js, a devDependency used only here): a
// character the table changes is traditional-only, as 「訴」 in 「申訴中」 or 「於」 are.
// (Completeness needs no test: every catalogue is a Catalogue<Key>, so a missing key fails tsc.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js';
import { assessingGroupLabels, describeRule, loadRubric, type Locale } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { chainPresets } from '@kaohe/workflow';
import { baseCatalogue, type LazyCatalogue, type MessageParams } from '../src/base/locale.ts';
import { roleNames } from '../src/base/role-labels.ts';
import { annualCatalogue } from '../src/kaohe-annual/annual-messages.ts';
import { builderCatalogue } from '../src/kaohe-form-builder/form-builder-messages.ts';
import { inboxCatalogue } from '../src/kaohe-inbox/inbox-messages.ts';
import { outboxStatusCatalogue } from '../src/kaohe-outbox-status/outbox-status-messages.ts';
import { payrollExportCatalogue } from '../src/kaohe-payslip/payroll-export-messages.ts';
import { payslipCatalogue } from '../src/kaohe-payslip/payslip-messages.ts';
import { distributionCatalogue } from '../src/kaohe-score-distribution/distribution-messages.ts';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** The traditional-only characters of `text`, each once. */
function traditionalIn(text: string): string {
  return [...new Set([...text].filter((char) => /\p{Script=Han}/u.test(char) && toSimplified(char) !== char))].join('');
}

// A message built from parameters is read with every parameter filled in by a digit.
const anyParams = new Proxy({}, { get: () => '1' }) as MessageParams;

const catalogues: Record<string, LazyCatalogue<string>> = {
  base: baseCatalogue, inbox: inboxCatalogue, payslip: payslipCatalogue, payrollExport: payrollExportCatalogue,
  annual: annualCatalogue, distribution: distributionCatalogue, formBuilder: builderCatalogue, outboxStatus: outboxStatusCatalogue,
};

/** Every zh-Hans string in a tree of labels ({ 'zh-Hant', 'zh-Hans', en } objects anywhere in it), by path. */
function simplifiedLabels(path: string, value: unknown, out: Array<[string, string]> = []): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'zh-Hans' && typeof child === 'string') out.push([path, child]);
    else simplifiedLabels(`${path}.${key}`, child, out);
  }
  return out;
}

function offenders(messages: Array<[string, string]>): string[] {
  return messages.flatMap(([where, text]) => {
    const found = traditionalIn(text);
    return found === '' ? [] : [`${where}: ${found} in 「${text}」`];
  });
}

describe('zh-Hans is written in simplified characters', () => {
  it('the check itself finds the words the inbox once copied from zh-Hant', () => {
    assert.equal(traditionalIn('申訴中'), '訴');
    assert.equal(traditionalIn('於2026年11月8日'), '於');
    assert.equal(traditionalIn('申诉中，于11月8日'), '');
  });

  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`every message of the ${name} catalogue`, async () => {
      // zh-Hans comes in a module of its own, imported when a page first speaks it
      const messages = Object.entries(await catalogue.load['zh-Hans']()).map(([key, message]): [string, string] =>
        [key, typeof message === 'function' ? message(anyParams) : message]);
      assert.ok(messages.length > 0);
      assert.deepEqual(offenders(messages), []);
    });
  }

  it('every role name', () => {
    assert.deepEqual(offenders(Object.entries(roleNames).map(([role, names]) => [role, names['zh-Hans']])), []);
  });

  it('every label of the preset rubrics, pay plans, chains and assessing groups, and every rule as the form describes it', () => {
    const labels = [
      ...simplifiedLabels('rubrics', rubricPresets), ...simplifiedLabels('payPlans', payPlanPresets),
      ...simplifiedLabels('chains', chainPresets), ...simplifiedLabels('groups', assessingGroupLabels),
    ];
    assert.ok(labels.length > 100, `${labels.length} labels`);
    const locale: Locale = 'zh-Hans';
    const rules = Object.values(rubricPresets).flatMap((input) => loadRubric(input).sections.flatMap((section) =>
      section.items.map((item): [string, string] => [`${input.id} ${item.id}`, describeRule(item, locale)])));
    assert.deepEqual(offenders([...labels, ...rules]), []);
  });
});
