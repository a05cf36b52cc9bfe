// The parameters of each rule kind (design.md, "Rule kinds the engine needs"), as fields.
import type { FlagSpec, ItemDraft, Label, RuleDraft } from '@kaohe/scoring';
import { html, nothing, type TemplateResult } from 'lit';
import { checkboxField, errorsOf, idFor, labelFields, selectField, t, textField, type FieldContext } from './fields.ts';

type Amountish = string | number;

function flagFields(ctx: FieldContext, path: string, flag: Partial<FlagSpec> | undefined): TemplateResult {
  return html`${checkboxField(ctx, path, flag !== undefined, t(ctx, 'hasFlag'), { action: 'flag' })}
    ${flag ? html`<div class="flag">
      ${textField(ctx, `${path}.code`, flag.code, t(ctx, 'flagCode'), { size: 'short' })}
      ${labelFields(ctx, `${path}.label`, flag.label, t(ctx, 'flagLabel'))}
    </div>` : nothing}`;
}

/** A list of a rule's entries (cases, levels, steps): each in its own fieldset, with add and remove. */
function entryList<T>(
  ctx: FieldContext, path: string, entries: readonly T[], legend: string, entryLegend: (n: number) => string,
  addLabel: string, body: (entry: T, entryPath: string) => TemplateResult,
): TemplateResult {
  return html`<fieldset class="entries" part="rule-entries" id=${idFor(path)} tabindex="-1">
    <legend>${legend}</legend>
    ${errorsOf(ctx, path)}
    ${entries.map((entry, n) => {
      const entryPath = `${path}[${n}]`;
      const name = entryLegend(n + 1);
      return html`<fieldset class="entry" part="rule-entry" id=${idFor(entryPath)} tabindex="-1">
        <legend>${name}</legend>
        ${errorsOf(ctx, entryPath)}
        ${body(entry, entryPath)}
        <button type="button" part="button remove" data-action="remove-rule-entry" data-index=${n}
          aria-label=${t(ctx, 'remove', { name })} ?disabled=${entries.length <= 1}>${t(ctx, 'remove', { name: '' }).trim() || '×'}</button>
      </fieldset>`;
    })}
    <button type="button" part="button" data-action="add-rule-entry">${addLabel}</button>
  </fieldset>`;
}

export function ruleFields(ctx: FieldContext, item: ItemDraft, itemPath: string): TemplateResult {
  const rule: RuleDraft = item.rule;
  const path = `${itemPath}.rule`;
  const amount = (key: string, value: Amountish | undefined, label: string, optional = false) =>
    textField(ctx, `${path}.${key}`, value, label, { kind: optional ? 'optional-amount' : 'amount' });
  switch (rule.kind) {
    case 'award':
      return html`<p class="hint">${t(ctx, 'kindHint.award')}</p>${amount('step', rule.step, t(ctx, 'step'), true)}`;
    case 'perOccurrence':
      return amount('amount', rule.amount, t(ctx, 'amount'));
    case 'forfeit':
      return html`<p class="hint">${t(ctx, 'kindHint.forfeit')}</p>`;
    case 'sampled':
      return html`<p class="hint">${t(ctx, 'kindHint.sampled')}</p>`;
    case 'threshold':
      return html`${amount('perMiss', rule.perMiss, t(ctx, 'perMiss'))}
        ${textField(ctx, `${path}.zeroAt`, rule.zeroAt, t(ctx, 'zeroAt'), { kind: 'int' })}`;
    case 'derived':
      return html`${amount('perCase', rule.perCase, t(ctx, 'perCase'))}${amount('heavyBelow', rule.heavyBelow, t(ctx, 'heavyBelow'))}`;
    case 'measured':
      return html`
        ${selectField(ctx, `${path}.direction`, rule.direction, t(ctx, 'direction'),
          (['higher', 'lower'] as const).map((d) => [d, t(ctx, `direction.${d}`)] as const))}
        ${amount('target', rule.target, t(ctx, 'target'))}
        ${selectField(ctx, `${path}.unit`, rule.unit ?? 'number', t(ctx, 'unit'),
          (['percent', 'number', 'money', 'score'] as const).map((u) => [u, t(ctx, `unit.${u}`)] as const))}
        ${amount('cap', rule.cap ?? '1', t(ctx, 'cap'))}`;
    case 'ranged':
      return html`${entryList(ctx, `${path}.options`, rule.options, t(ctx, 'cases'), (n) => t(ctx, 'caseN', { n }), t(ctx, 'addCase'),
        (option, at) => html`
          ${textField(ctx, `${at}.id`, option.id, t(ctx, 'id'), { size: 'short' })}
          ${labelFields(ctx, `${at}.label`, option.label as Label, t(ctx, 'name'))}
          ${textField(ctx, `${at}.min`, option.min, t(ctx, 'least'), { kind: 'amount' })}
          ${textField(ctx, `${at}.max`, option.max, t(ctx, 'most'), { kind: 'amount' })}
          ${flagFields(ctx, `${at}.flag`, option.flag)}`)}
        ${checkboxField(ctx, `${path}.reasonRequired`, rule.reasonRequired ?? true, t(ctx, 'reasonRequired'))}`;
    case 'levels':
      return entryList(ctx, `${path}.levels`, rule.levels, t(ctx, 'levels'), (n) => t(ctx, 'levelN', { n }), t(ctx, 'addLevel'),
        (level, at) => {
          const ranged = typeof level.deduct === 'object';
          return html`
            ${textField(ctx, `${at}.id`, level.id, t(ctx, 'id'), { size: 'short' })}
            ${labelFields(ctx, `${at}.label`, level.label as Label, t(ctx, 'name'))}
            ${selectField(ctx, `${at}.deduct`, ranged ? 'range' : 'fixed', t(ctx, 'deductKind'),
              (['fixed', 'range'] as const).map((k) => [k, t(ctx, `deductKind.${k}`)] as const), { action: 'deduct-kind', idSuffix: 'kind' })}
            ${typeof level.deduct === 'object'
              ? html`${textField(ctx, `${at}.deduct.min`, level.deduct.min, t(ctx, 'least'), { kind: 'amount' })}
                ${textField(ctx, `${at}.deduct.max`, level.deduct.max, t(ctx, 'most'), { kind: 'amount' })}`
              : textField(ctx, `${at}.deduct`, level.deduct, t(ctx, 'deduct'), { kind: 'amount' })}
            ${flagFields(ctx, `${at}.flag`, level.flag)}`;
        });
    case 'escalating':
      return entryList(ctx, `${path}.steps`, rule.steps, t(ctx, 'steps'), (n) => t(ctx, 'stepN', { n }), t(ctx, 'addStep'),
        (step, at) => html`
          ${textField(ctx, `${at}.atCount`, step.atCount, t(ctx, 'atCount'), { kind: 'int' })}
          ${textField(ctx, `${at}.deduct`, step.deduct, t(ctx, 'deduct'), { kind: 'amount' })}
          ${flagFields(ctx, `${at}.flag`, step.flag)}`);
  }
}
