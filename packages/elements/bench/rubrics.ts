// Inputs of the rubric-form benchmark: a generated rubric of any size, and the SurveyJS form that
// asks the same questions, so both libraries render the same amount of form.
import { describeRule, type Item, type Rubric, type RubricInput } from '@kaohe/scoring';

const label = (en: string) => ({ 'zh-Hant': `${en}（繁）`, 'zh-Hans': `${en}（简）`, en });

/**
 * A valid rubric of `sections × itemsPerSection` items of 5 points, cycling through the rule kinds
 * an assessor fills in most (counts, levels, ranged deductions, forfeits, awards).
 */
export function generatedRubric(sections: number, itemsPerSection: number): RubricInput {
  const kinds = ['perOccurrence', 'levels', 'ranged', 'forfeit', 'award', 'threshold'] as const;
  return {
    id: `R-GEN-${sections * itemsPerSection}`,
    version: 1,
    role: 'generated',
    label: label(`Generated rubric of ${sections * itemsPerSection} items`),
    scale: String(sections * itemsPerSection * 5),
    sections: Array.from({ length: sections }, (_s, s) => ({
      id: `S${s + 1}`,
      label: label(`Section ${s + 1}`),
      points: String(itemsPerSection * 5),
      items: Array.from({ length: itemsPerSection }, (_i, i) => {
        const id = `G-${s + 1}-${i + 1}`;
        const kind = kinds[(s * itemsPerSection + i) % kinds.length]!;
        const base = { id, label: label(`Item ${id}`), points: '5', source: id };
        switch (kind) {
          case 'perOccurrence': return { ...base, rule: { kind, amount: '1' } };
          case 'threshold': return { ...base, rule: { kind, perMiss: '2', zeroAt: 3 } };
          case 'forfeit': return { ...base, rule: { kind } };
          case 'award': return { ...base, rule: { kind } };
          case 'levels': return {
            ...base,
            rule: {
              kind,
              levels: [
                { id: 'good', label: label('Good'), deduct: '0' },
                { id: 'fair', label: label('Fair'), deduct: '2' },
                { id: 'poor', label: label('Poor'), deduct: { min: '3', max: '5' } },
              ],
            },
          };
          case 'ranged': return {
            ...base,
            rule: {
              kind,
              options: [
                { id: 'minor', label: label('Minor'), min: '1', max: '2' },
                { id: 'major', label: label('Major'), min: '3', max: '5' },
              ],
            },
          };
        }
      }),
    })),
  } satisfies RubricInput;
}

/** SurveyJS names may not carry the hyphens of rule IDs into expressions. */
export const surveyName = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_');

type SurveyElement = Record<string, unknown>;

/** The same form as SurveyJS JSON: one question per field the Kaohe form shows, panels per section. */
export function surveyJsonOf(rubric: Rubric): { json: Record<string, unknown>; countQuestions: string[] } {
  const countQuestions: string[] = [];
  const deductionTerms: string[] = [];
  const question = (item: Item): SurveyElement[] => {
    const name = surveyName(item.id);
    const common = { name, title: `${item.id} ${item.label.en}`, description: describeRule(item, 'en') };
    const rule = item.rule;
    switch (rule.kind) {
      case 'perOccurrence':
      case 'threshold':
      case 'escalating':
      case 'derived': {
        countQuestions.push(name);
        const per = rule.kind === 'perOccurrence' ? rule.amount : rule.kind === 'threshold' ? rule.perMiss : rule.kind === 'derived' ? rule.perCase : rule.steps[0]!.deduct;
        deductionTerms.push(`${per} * {${name}}`);
        return [{ ...common, type: 'text', inputType: 'number', min: 0, defaultValue: 0 }];
      }
      case 'levels': {
        const ranged = rule.levels.filter((l) => typeof l.deduct === 'object').map((l) => `'${l.id}'`);
        return [
          { ...common, type: 'radiogroup', choices: rule.levels.map((l) => ({ value: l.id, text: l.label.en })), isRequired: true },
          ...(ranged.length > 0 ? [
            { type: 'text', inputType: 'number', name: `${name}_amount`, title: 'Deduction', visibleIf: `{${name}} anyof [${ranged.join(', ')}]`, isRequired: true },
            { type: 'text', name: `${name}_reason`, title: 'Reason', visibleIf: `{${name}} anyof [${ranged.join(', ')}]`, isRequired: true },
          ] : []),
        ];
      }
      case 'ranged':
        return [{
          ...common,
          type: 'paneldynamic',
          panelCount: 0,
          panelAddText: 'Add a deduction',
          templateElements: [
            { type: 'dropdown', name: 'option', title: 'Case', choices: rule.options.map((o) => ({ value: o.id, text: o.label.en })) },
            { type: 'text', inputType: 'number', name: 'amount', title: 'Deduction' },
            { type: 'text', name: 'reason', title: 'Reason', isRequired: true },
          ],
        }];
      case 'forfeit':
        return [{ ...common, type: 'boolean', title: `${common.title}: breached` }];
      case 'award':
        return [{ ...common, type: 'text', inputType: 'number', min: 0, max: Number(item.points), isRequired: true }];
      case 'measured':
        return [
          { ...common, type: 'text', inputType: 'number', isRequired: true },
          { type: 'text', inputType: 'number', name: `${name}_target`, title: 'Target' },
        ];
      case 'sampled':
        return [
          { ...common, type: 'text', inputType: 'number', title: `${common.title}: checked` },
          { type: 'text', inputType: 'number', name: `${name}_passed`, title: 'Passed' },
        ];
    }
  };
  const panels = rubric.sections.map((section) => ({
    type: 'panel',
    name: surveyName(section.id),
    title: section.label.en,
    elements: [
      ...(section.gate ? [{ type: 'boolean', name: surveyName(section.gate.id), title: section.gate.label.en }] : []),
      ...section.items.flatMap(question),
    ],
  }));
  // SurveyJS has none of the rule kinds; its total is the plain arithmetic of the counted items,
  // which is less work than scoreSheet does, so the comparison flatters SurveyJS if anything.
  const total = {
    type: 'expression',
    name: 'total',
    title: 'Total',
    expression: deductionTerms.length > 0 ? `${rubric.scale} - ${deductionTerms.join(' - ')}` : String(rubric.scale),
  };
  return {
    json: { textUpdateMode: 'onTyping', checkErrorsMode: 'onValueChanged', pages: [{ name: 'rubric', elements: [...panels, { type: 'panel', name: 'attendance', title: 'Attendance', elements: [{ type: 'text', inputType: 'number', name: 'absentDays', title: 'Absent days', step: 0.5 }] }, total] }] },
    countQuestions,
  };
}
