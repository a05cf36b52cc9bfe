// One control per rule kind. Each turns what the assessor does into an Entry of the sheet and
// nothing more: whether the entry is valid and what it scores is for scoreSheet to say.
import type { Deduction, Entry, Item, Locale, Rule } from '@kaohe/scoring';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, type MessageKey } from '../base/locale.ts';

/** What a control needs from the form to render one item. */
export interface ControlContext {
  item: Item;
  entry: Entry | undefined;
  /** a DOM-safe prefix for ids inside the shadow root, unique per item */
  key: string;
  /** false: the control shows the value but cannot change it */
  editable: boolean;
  locale: Locale;
  /** ids of the error messages that concern `field` ('' = the item as a whole) */
  errorIds(field: string): string[];
  /** the new entry of the item; undefined removes it from the sheet */
  change(entry: Entry | undefined): void;
  /** moves focus to the element with this id once the form has re-rendered */
  focusAfterRender(id: string): void;
}

type EntryField = Exclude<keyof Entry, 'comment'>;

/** The entry with `field` set (or removed when `value` is undefined); an entry left with nothing in it is no entry. */
export function withField<K extends EntryField>(entry: Entry | undefined, field: K, value: Entry[K] | undefined): Entry | undefined {
  const next: Entry = { ...entry };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return Object.keys(next).length === 0 ? undefined : next;
}

/** An amount as typed: kept as the string the user sees (decimals cross APIs as strings). */
const amountOf = (input: HTMLInputElement): string | undefined => (input.value.trim() === '' ? undefined : input.value.trim());

/** A count as typed; a fraction or a negative is passed on so the sheet's schema can name the problem. */
const countOf = (input: HTMLInputElement): number | undefined => (input.value.trim() === '' ? undefined : Number(input.value));

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function describedBy(ctx: ControlContext, field: string, extra: string[] = []): string | undefined {
  const ids = [...extra, ...ctx.errorIds(field)];
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function invalid(ctx: ControlContext, field: string): 'true' | undefined {
  return ctx.errorIds(field).length > 0 ? 'true' : undefined;
}

/** The control for an item, chosen by its rule kind. */
export function renderItemControl(ctx: ControlContext): TemplateResult {
  const rule = ctx.item.rule;
  switch (rule.kind) {
    case 'perOccurrence': return countControl(ctx, 'count', true);
    case 'threshold': return countControl(ctx, 'misses', true);
    case 'escalating': return countControl(ctx, 'findings', false);
    case 'derived': return countControl(ctx, 'subordinateCases', false);
    case 'levels': return levelsControl(ctx, rule);
    case 'ranged': return rangedControl(ctx, rule);
    case 'forfeit': return breachControl(ctx);
    case 'award': return awardControl(ctx, rule);
    case 'measured': return measuredControl(ctx, rule);
    case 'sampled': return sampledControl(ctx);
  }
}

/** Count stepper (perOccurrence, threshold, escalating, derived): a number field with − and + buttons. */
function countControl(ctx: ControlContext, labelKey: MessageKey, withDoubling: boolean): TemplateResult {
  const { entry, key, locale, item } = ctx;
  const id = `${key}-count`;
  const count = entry?.count;
  const label = msg(labelKey, locale);
  const step = (delta: number) => {
    const next = Math.max(0, (Number.isInteger(count) ? count! : 0) + delta);
    ctx.change(withField(entry, 'count', next));
  };
  const doubling = withDoubling && item.repeatDoubling;
  return html`
    <div class="field" part="control">
      <label for=${id}>${label}</label>
      <div class="stepper">
        ${ctx.editable ? html`<button type="button" class="step" part="stepper-button"
          aria-label=${msg('decrease', locale, { what: `${label} — ${item.id}` })}
          ?disabled=${!count} @click=${() => step(-1)}>−</button>` : nothing}
        <input id=${id} type="number" inputmode="numeric" min="0" step="1" .value=${text(count)} data-field="count"
          placeholder="0"
          aria-invalid=${ifDefined(invalid(ctx, 'count'))} aria-describedby=${ifDefined(describedBy(ctx, 'count'))}
          @input=${(e: Event) => ctx.change(withField(entry, 'count', countOf(e.target as HTMLInputElement)))}>
        ${ctx.editable ? html`<button type="button" class="step" part="stepper-button"
          aria-label=${msg('increase', locale, { what: `${label} — ${item.id}` })}
          @click=${() => step(1)}>+</button>` : nothing}
      </div>
    </div>
    ${doubling ? priorMonthsField(ctx) : nothing}`;
}

/** O-5: how many months before this one the same material was not submitted either. */
function priorMonthsField(ctx: ControlContext): TemplateResult {
  const id = `${ctx.key}-prior`;
  return html`
    <div class="field" part="control">
      <label for=${id}>${msg('priorMonths', ctx.locale)}</label>
      <input id=${id} type="number" inputmode="numeric" min="0" step="1" .value=${text(ctx.entry?.priorMonths)} placeholder="0" data-field="priorMonths"
        aria-invalid=${ifDefined(invalid(ctx, 'priorMonths'))} aria-describedby=${ifDefined(describedBy(ctx, 'priorMonths'))}
        @input=${(e: Event) => ctx.change(withField(ctx.entry, 'priorMonths', countOf(e.target as HTMLInputElement)))}>
    </div>`;
}

type LevelsRule = Extract<Rule, { kind: 'levels' }>;

/** Named levels as a radio group; a level that is a range asks for the amount and, per O-8, a reason. */
function levelsControl(ctx: ControlContext, rule: LevelsRule): TemplateResult {
  const { entry, key, locale } = ctx;
  const chosen = rule.levels.find((level) => level.id === entry?.level);
  const range = chosen && typeof chosen.deduct === 'object' ? chosen.deduct : undefined;
  const choose = (levelId: string) => {
    const level = rule.levels.find((l) => l.id === levelId);
    const keepsAmount = level && typeof level.deduct === 'object';
    const next: Entry = { level: levelId };
    if (keepsAmount && entry?.amount !== undefined) next.amount = entry.amount;
    if (keepsAmount && entry?.reason !== undefined) next.reason = entry.reason;
    if (entry?.comment !== undefined) next.comment = entry.comment;
    ctx.change(next);
  };
  const deductWords = (deduct: LevelsRule['levels'][number]['deduct']) => (typeof deduct === 'object'
    ? `−${deduct.min} … −${deduct.max}`
    : Number(deduct) === 0 ? '0' : `−${deduct}`);
  return html`
    <fieldset class="choices" part="control" aria-describedby=${ifDefined(describedBy(ctx, 'level'))}>
      <legend>${msg('level', locale)}</legend>
      ${rule.levels.map((level, n) => html`
        <label class="choice">
          <input type="radio" id=${`${key}-level-${n}`} name=${`${key}-level`} value=${level.id} data-field="level"
            .checked=${entry?.level === level.id}
            aria-invalid=${ifDefined(invalid(ctx, 'level'))}
            @change=${() => choose(level.id)}>
          <span>${level.label[locale]}</span> <span class="muted">(${deductWords(level.deduct)})</span>
        </label>`)}
    </fieldset>
    ${range ? html`
      <div class="field" part="control">
        <label for=${`${key}-amount`}>${msg('amount', locale)} <span class="muted">(${msg('amountRange', locale, { min: String(range.min), max: String(range.max) })})</span></label>
        <input id=${`${key}-amount`} type="number" min=${String(range.min)} max=${String(range.max)} step="any" inputmode="decimal" data-field="amount"
          .value=${text(entry?.amount)} required aria-required="true"
          aria-invalid=${ifDefined(invalid(ctx, 'amount'))} aria-describedby=${ifDefined(describedBy(ctx, 'amount'))}
          @input=${(e: Event) => ctx.change(withField(entry, 'amount', amountOf(e.target as HTMLInputElement)))}>
      </div>
      <div class="field field-wide" part="control">
        <label for=${`${key}-reason`}>${msg('reason', locale)}</label>
        <input id=${`${key}-reason`} type="text" .value=${text(entry?.reason)} required aria-required="true" data-field="reason"
          aria-invalid=${ifDefined(invalid(ctx, 'reason'))} aria-describedby=${ifDefined(describedBy(ctx, 'reason'))}
          @input=${(e: Event) => ctx.change(withField(entry, 'reason', (e.target as HTMLInputElement).value))}>
      </div>` : nothing}`;
}

type RangedRule = Extract<Rule, { kind: 'ranged' }>;

/** Ranged deductions (FS-2, FS-3, FS-4b …): a list the assessor adds to, each with its case, amount and reason (O-8). */
function rangedControl(ctx: ControlContext, rule: RangedRule): TemplateResult {
  const { entry, key, locale } = ctx;
  const deductions = entry?.deductions ?? [];
  const optionOf = (d: Deduction) => rule.options.find((o) => o.id === d.option) ?? (d.option === undefined && rule.options.length === 1 ? rule.options[0] : undefined);
  const put = (list: Deduction[]) => ctx.change(withField(entry, 'deductions', list.length > 0 ? list : undefined));
  const update = (n: number, patch: Partial<Deduction>) => put(deductions.map((d, i) => (i === n ? { ...d, ...patch } : d)));
  const add = () => {
    const first = rule.options[0]!;
    // A new deduction starts at its case's lowest amount; the assessor raises it and gives the reason.
    put([...deductions, { option: first.id, amount: String(first.min), reason: '' }]);
    ctx.focusAfterRender(`${key}-d${deductions.length}-option`);
  };
  const remove = (n: number) => {
    put(deductions.filter((_, i) => i !== n));
    ctx.focusAfterRender(`${key}-add`);
  };
  const chooseCase = (n: number, optionId: string) => {
    const option = rule.options.find((o) => o.id === optionId);
    const current = deductions[n];
    if (!option || !current) return;
    const amount = Number(current.amount);
    // Switching the case keeps the amount only where the new case allows it.
    const fits = amount >= Number(option.min) && amount <= Number(option.max);
    update(n, { option: optionId, amount: fits ? current.amount : String(option.min) });
  };
  return html`
    <div class="deductions" part="control deductions">
      ${deductions.length === 0 ? html`<p class="muted">${msg('noDeductions', locale)}</p>` : nothing}
      <ol class="deduction-list">
        ${repeat(deductions, (_d, n) => n, (d, n) => {
          const option = optionOf(d);
          const base = `${key}-d${n}`;
          const field = (name: string) => `deductions[${n}].${name}`;
          return html`
            <li>
              <fieldset class="deduction" part="deduction" aria-describedby=${ifDefined(describedBy(ctx, `deductions[${n}]`))}>
                <legend>${msg('deductionN', locale, { n: n + 1 })}</legend>
                <div class="field" part="control">
                  <label for=${`${base}-option`}>${msg('case', locale)}</label>
                  <select id=${`${base}-option`} data-field=${field('option')} aria-invalid=${ifDefined(invalid(ctx, field('option')))}
                    aria-describedby=${ifDefined(describedBy(ctx, field('option')))}
                    @change=${(e: Event) => chooseCase(n, (e.target as HTMLSelectElement).value)}>
                    ${rule.options.map((o) => html`<option value=${o.id} ?selected=${o.id === option?.id}>${o.label[locale]} (${o.min === o.max ? `−${o.min}` : `−${o.min} … −${o.max}`})</option>`)}
                  </select>
                </div>
                <div class="field" part="control">
                  <label for=${`${base}-amount`}>${msg('amount', locale)}${option ? html` <span class="muted">(${msg('amountRange', locale, { min: String(option.min), max: String(option.max) })})</span>` : nothing}</label>
                  <input id=${`${base}-amount`} type="number" step="any" inputmode="decimal" data-field=${field('amount')}
                    min=${ifDefined(option ? String(option.min) : undefined)} max=${ifDefined(option ? String(option.max) : undefined)}
                    ?readonly=${option !== undefined && String(option.min) === String(option.max)}
                    .value=${text(d.amount)}
                    aria-invalid=${ifDefined(invalid(ctx, field('amount')))} aria-describedby=${ifDefined(describedBy(ctx, field('amount')))}
                    @input=${(e: Event) => update(n, { amount: amountOf(e.target as HTMLInputElement) ?? '' })}>
                </div>
                <div class="field field-wide" part="control">
                  <label for=${`${base}-reason`}>${msg('reason', locale)}</label>
                  <input id=${`${base}-reason`} type="text" .value=${d.reason ?? ''} data-field=${field('reason')}
                    ?required=${option !== undefined && String(option.min) !== String(option.max) && rule.reasonRequired}
                    aria-invalid=${ifDefined(invalid(ctx, field('reason')))} aria-describedby=${ifDefined(describedBy(ctx, field('reason')))}
                    @input=${(e: Event) => update(n, { reason: (e.target as HTMLInputElement).value })}>
                </div>
                ${ctx.editable ? html`<button type="button" class="secondary" part="remove-deduction" @click=${() => remove(n)}>
                  ${msg('removeDeduction', locale, { n: n + 1 })}</button>` : nothing}
              </fieldset>
            </li>`;
        })}
      </ol>
      ${ctx.editable ? html`<button type="button" id=${`${key}-add`} class="secondary" part="add-deduction"
        aria-describedby=${`${key}-label`} @click=${add}>${msg('addDeduction', locale)}</button>` : nothing}
    </div>`;
}

/** Forfeit on breach (SP-W1, SP-V, RM-4): a switch; a breach may carry a reason. */
function breachControl(ctx: ControlContext): TemplateResult {
  const { entry, key, locale } = ctx;
  return html`
    ${breachSwitch(`${key}-breached`, msg('breached', locale), entry?.breached === true, ctx.errorIds('breached'),
      (breached) => ctx.change(breached ? { ...entry, breached } : withField(withField(entry, 'breached', false), 'reason', undefined)))}
    ${entry?.breached ? html`
      <div class="field field-wide" part="control">
        <label for=${`${key}-reason`}>${msg('reason', locale)}</label>
        <input id=${`${key}-reason`} type="text" .value=${text(entry.reason)} data-field="reason"
          aria-describedby=${ifDefined(describedBy(ctx, 'reason'))}
          @input=${(e: Event) => ctx.change(withField(entry, 'reason', (e.target as HTMLInputElement).value || undefined))}>
      </div>` : nothing}`;
}

/** A native checkbox announced as a switch: used for forfeits and for section gates (SP-W). */
export function breachSwitch(id: string, label: string, checked: boolean, errorIds: string[], onToggle: (checked: boolean) => void): TemplateResult {
  return html`
    <div class="field switch-field" part="control">
      <input id=${id} type="checkbox" role="switch" class="switch" .checked=${checked} data-field="breached"
        aria-invalid=${ifDefined(errorIds.length > 0 ? 'true' : undefined)}
        aria-describedby=${ifDefined(errorIds.length > 0 ? errorIds.join(' ') : undefined)}
        @change=${(e: Event) => onToggle((e.target as HTMLInputElement).checked)}>
      <label for=${id}>${label}</label>
    </div>`;
}

type AwardRule = Extract<Rule, { kind: 'award' }>;

/** Points awarded by the assessor (SP-Q, RM-1a): 0 to the item's points. */
function awardControl(ctx: ControlContext, rule: AwardRule): TemplateResult {
  const { entry, key, locale, item } = ctx;
  const id = `${key}-points`;
  return html`
    <div class="field" part="control">
      <label for=${id}>${msg('awardPoints', locale, { max: String(item.points) })}</label>
      <input id=${id} type="number" min="0" max=${String(item.points)} step=${rule.step === undefined ? 'any' : String(rule.step)} inputmode="decimal" data-field="points"
        .value=${text(entry?.points)} required aria-required="true"
        aria-invalid=${ifDefined(invalid(ctx, 'points'))} aria-describedby=${ifDefined(describedBy(ctx, 'points'))}
        @input=${(e: Event) => ctx.change(withField(entry, 'points', amountOf(e.target as HTMLInputElement)))}>
    </div>`;
}

type MeasuredRule = Extract<Rule, { kind: 'measured' }>;

/** A measured indicator (SP-K*, R-CSP): the value, and a target that overrides the rubric's for this month. */
function measuredControl(ctx: ControlContext, rule: MeasuredRule): TemplateResult {
  const { entry, key, locale } = ctx;
  const unit = rule.unit === 'percent' ? ' (%)' : '';
  return html`
    <div class="field" part="control">
      <label for=${`${key}-value`}>${msg('measuredValue', locale)}${unit}</label>
      <input id=${`${key}-value`} type="number" min="0" step="any" inputmode="decimal" data-field="value" .value=${text(entry?.value)} required aria-required="true"
        aria-invalid=${ifDefined(invalid(ctx, 'value'))} aria-describedby=${ifDefined(describedBy(ctx, 'value'))}
        @input=${(e: Event) => ctx.change(withField(entry, 'value', amountOf(e.target as HTMLInputElement)))}>
    </div>
    <div class="field" part="control">
      <label for=${`${key}-target`}>${msg('target', locale, { target: String(rule.target) })}${unit}</label>
      <input id=${`${key}-target`} type="number" min="0" step="any" inputmode="decimal" data-field="target" .value=${text(entry?.target)} placeholder=${String(rule.target)}
        aria-invalid=${ifDefined(invalid(ctx, 'target'))} aria-describedby=${ifDefined(describedBy(ctx, 'target'))}
        @input=${(e: Event) => ctx.change(withField(entry, 'target', amountOf(e.target as HTMLInputElement)))}>
    </div>`;
}

/** Sampled checks (OCS-1..3): how many were checked and how many passed. */
function sampledControl(ctx: ControlContext): TemplateResult {
  const { entry, key, locale } = ctx;
  const field = (name: 'checked' | 'passed') => html`
    <div class="field" part="control">
      <label for=${`${key}-${name}`}>${msg(name, locale)}</label>
      <input id=${`${key}-${name}`} type="number" min="0" step="1" inputmode="numeric" data-field=${name} .value=${text(entry?.[name])} required aria-required="true"
        aria-invalid=${ifDefined(invalid(ctx, name))} aria-describedby=${ifDefined(describedBy(ctx, name))}
        @input=${(e: Event) => ctx.change(withField(entry, name, countOf(e.target as HTMLInputElement)))}>
    </div>`;
  return html`${field('checked')}${field('passed')}`;
}
