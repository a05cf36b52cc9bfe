import { assessingGroupLabels, freeId, getAt, setAt, type Problem } from '@kaohe/scoring';
import { actionTarget } from './action-target.ts';
import { chainPresets, relationships, validateChain, type Chain, type ChainStep, type StepActor, type StepKind } from '@kaohe/workflow';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { KaoheElement } from '../base/kaohe-element.ts';
import { tokenStyles } from '../base/tokens.styles.ts';
import { KaoheChainChangeEvent } from './form-builder-events.ts';
import { styles } from './form-builder.styles.ts';
import { builderMsg, type BuilderMessageKey } from './form-builder-messages.ts';
import { checkboxField, errorsOf, idFor, labelFields, selectField, textField, valueOf, type FieldContext, type FieldKind } from './fields.ts';

const stepKinds: readonly StepKind[] = ['self', 'score', 'summarise', 'review', 'approve', 'publish'];
const blank = () => ({ 'zh-Hant': '', 'zh-Hans': '', en: '' });

/** A chain to start from when the role has none: one scoring step by the direct leader. */
export function starterChain(): Chain {
  return {
    id: '',
    label: blank(),
    steps: [{ id: 'score', kind: 'score', label: { 'zh-Hant': '評分', 'zh-Hans': '评分', en: 'Score' }, actor: { relationship: 'directLeader' } }],
    appealTo: 'score',
  };
}

type ActorForm = 'relationship' | 'role' | 'groups';
const formOf = (actor: StepActor | undefined): ActorForm => (actor && 'groups' in actor ? 'groups' : actor && 'role' in actor ? 'role' : 'relationship');

/** Where a chain problem is shown: the field for its path, or the container (actor, steps, returnTo). */
function chainTarget(path: string): string {
  if (/\.actor\.(relationship|role|scope|groups)$/.test(path)) return path;
  return path.replace(/\.returnTo\[\d+\]$/, '.returnTo');
}

/**
 * @customElement kaohe-chain-editor
 * The review chain of a role (rules.md §3): ordered steps, who acts at each (a relationship to the
 * employee, everyone with a role, or assessing groups scoring in parallel), due days; validated
 * with @kaohe/workflow's `validateChain` as it is edited.
 *
 * @fires kaohe-chain-change - KaoheChainChangeEvent: the chain changed through the user
 * @csspart chain-editor - the editor; `step` a step's fieldset; `field`, `input`, `error`, `button` as in the builder
 * @csspart problems - the chain's problems, with links to the fields
 */
export class KaoheChainEditor extends KaoheElement {
  static override styles = [tokenStyles, styles];

  @state() private value: Chain = starterChain();
  @state() private announcement = '';
  #focusAfterUpdate: string | undefined;

  /** The chain being edited. */
  @property({ attribute: false })
  get chain(): Chain {
    return this.value;
  }

  set chain(chain: Chain | undefined) {
    // A lit host hands the same chain again on each of its renders; only a different one replaces the edits (issue 16).
    if (chain === this.value || chain === this.#given) return;
    this.#given = chain;
    this.value = chain ? structuredClone(chain) : starterChain();
  }

  /** the chain object last handed in from outside */
  #given: Chain | undefined;

  /** What validateChain says about the chain: empty when it can run. */
  get problems(): Problem[] {
    return validateChain(this.value);
  }

  #t = (key: BuilderMessageKey, params?: Record<string, string | number>) => builderMsg(key, this.locale, params);

  #set(next: Chain): void {
    this.value = next;
    this.dispatchEvent(new KaoheChainChangeEvent(next, validateChain(next)));
  }

  /** Starts from one of @kaohe/workflow's chain presets (W-SP, W-FS …): a copy. */
  startFromPreset(id: string): void {
    const preset = (chainPresets as Record<string, Chain>)[id];
    if (preset) this.#set(structuredClone(preset));
  }

  addStep(): void {
    const steps = this.value.steps;
    const id = freeId(steps.map((s) => s.id), 'step');
    const step: ChainStep = { id, kind: 'review', label: { 'zh-Hant': '審核', 'zh-Hans': '审核', en: 'Review' }, actor: { relationship: 'hr' } };
    // a publish step stays last (validateChain: publish-last)
    const at = steps.at(-1)?.kind === 'publish' ? steps.length - 1 : steps.length;
    this.#set({ ...this.value, steps: [...steps.slice(0, at), step, ...steps.slice(at)] });
    this.#focusAfterUpdate = idFor(`steps[${at}].id`);
  }

  removeStep(index: number): void {
    this.#set({ ...this.value, steps: this.value.steps.filter((_, n) => n !== index) });
  }

  moveStep(from: number, to: number): void {
    const steps = [...this.value.steps];
    if (to < 0 || to >= steps.length) return;
    const [step] = steps.splice(from, 1);
    steps.splice(to, 0, step!);
    this.#set({ ...this.value, steps });
    this.#focusAfterUpdate = `${idFor(`steps[${to}]`)}-${to < from ? 'up' : 'down'}`;
    if (to === 0 || to === steps.length - 1) this.#focusAfterUpdate = `${idFor(`steps[${to}]`)}-${to === 0 ? 'down' : 'up'}`;
    this.announcement = builderMsg('moved', this.locale, { name: step!.id, n: to + 1, total: steps.length, where: this.#t('chainSteps') });
  }

  protected override updated(): void {
    if (!this.#focusAfterUpdate) return;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.#focusAfterUpdate)}`)?.focus();
    this.#focusAfterUpdate = undefined;
  }

  #onInput = (event: Event) => {
    const input = event.composedPath()[0];
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement) || input.getRootNode() !== this.renderRoot) return;
    const path = input.dataset.path;
    const kind = input.dataset.kind as FieldKind | undefined;
    if (path === undefined || !kind) return;
    const typed = input instanceof HTMLInputElement && input.type === 'text';
    if (typed !== (event.type === 'input')) return;
    const checked = input instanceof HTMLInputElement && input.checked;
    switch (input.dataset.action) {
      case 'actor-form': {
        const actor: StepActor = input.value === 'groups' ? { groups: [] } : input.value === 'role' ? { role: '' } : { relationship: 'directLeader' };
        this.#set(setAt(this.value, path, actor));
        return;
      }
      case 'group': {
        const group = input.dataset.group ?? '';
        const groups = ((getAt(this.value, path) as string[] | undefined) ?? []).filter((g) => g !== group);
        this.#set(setAt(this.value, path, checked ? [...groups, group] : groups));
        return;
      }
      case 'return-to': {
        const target = input.dataset.step ?? '';
        const list = ((getAt(this.value, path) as string[] | undefined) ?? []).filter((s) => s !== target);
        this.#set(setAt(this.value, path, checked || list.length ? (checked ? [...list, target] : list) : undefined));
        return;
      }
      case 'scope':
        this.#set(setAt(this.value, path, input.value === 'any' ? undefined : input.value));
        return;
    }
    this.#set(setAt(this.value, path, kind === 'bool' && !checked && path.endsWith('anonymous') ? undefined : valueOf(kind, input)));
  };

  #onClick = (event: Event) => {
    const button = actionTarget(event, this.renderRoot);
    if (!button) return;
    const index = Number(button.closest<HTMLElement>('[data-step-index]')?.dataset.stepIndex ?? -1);
    switch (button.dataset.action) {
      case 'chain-preset': this.startFromPreset(this.renderRoot.querySelector<HTMLSelectElement>('#chain-preset')?.value ?? ''); break;
      case 'add-step': this.addStep(); break;
      case 'remove-step': this.removeStep(index); break;
      case 'step-up': this.moveStep(index, index - 1); break;
      case 'step-down': this.moveStep(index, index + 1); break;
    }
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const index = Number((event.composedPath()[0] as Element).closest?.<HTMLElement>('[data-step-index]')?.dataset.stepIndex ?? -1);
    if (index < 0) return;
    event.preventDefault();
    this.moveStep(index, index + (event.key === 'ArrowUp' ? -1 : 1));
  };

  protected override render(): TemplateResult {
    const t = this.#t;
    const chain = this.value;
    const problems = validateChain(chain);
    const placed = new Map<string, Problem[]>();
    for (const p of problems) placed.set(chainTarget(p.path), [...(placed.get(chainTarget(p.path)) ?? []), p]);
    const ctx: FieldContext = { locale: this.locale, problemsAt: (path) => placed.get(path) ?? [] };
    const stepChoices = chain.steps.map((s) => [s.id, s.label?.[this.locale] ? `${s.id} ${s.label[this.locale]}` : s.id] as const);
    return html`<div class="chain-editor" part="chain-editor" @input=${this.#onInput} @change=${this.#onInput} @click=${this.#onClick} @keydown=${this.#onKeydown}>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      <div class="row">
        <div class="field"><label for="chain-preset">${t('chainStartFrom')}</label>
          <select id="chain-preset" part="input">${Object.entries(chainPresets).map(([id, c]) => html`<option value=${id}>${id} ${c.label[this.locale]}</option>`)}</select></div>
        <button type="button" part="button" data-action="chain-preset">${t('chainStart')}</button>
      </div>
      <section class="problems" part="problems" aria-labelledby="chain-problems-heading">
        <h4 id="chain-problems-heading">${problems.length ? t('problems', { n: problems.length }) : t('chainValid')}</h4>
        ${problems.length ? html`<ul>${problems.map((p) => html`<li><a href=${`#${idFor(chainTarget(p.path))}`} data-focus=${idFor(chainTarget(p.path))}>
          <code>${p.path || '—'}</code> <span class="rule">${p.rule}</span>: ${p.message}</a></li>`)}</ul>` : nothing}
      </section>
      <div class="row">
        ${textField(ctx, 'id', chain.id, t('id'), { size: 'short' })}
        ${selectField(ctx, 'appealTo', chain.appealTo, t('appealTo'), stepChoices)}
      </div>
      ${labelFields(ctx, 'label', chain.label, t('name'))}
      <div id=${idFor('steps')} tabindex="-1">${errorsOf(ctx, 'steps')}</div>
      ${chain.steps.map((step, n) => this.#renderStep(ctx, step, n))}
      <button type="button" part="button" data-action="add-step">${t('addChainStep')}</button>
    </div>`;
  }

  #renderStep(ctx: FieldContext, step: ChainStep, n: number): TemplateResult {
    const t = this.#t;
    const path = `steps[${n}]`;
    const name = step.id || String(n + 1);
    const form = formOf(step.actor);
    const actor = step.actor as Partial<Record<'relationship' | 'role' | 'scope', string>> & { groups?: string[] };
    const earlier = this.value.steps.slice(0, n);
    const count = this.value.steps.length;
    return html`<fieldset class="step" part="step" id=${idFor(path)} tabindex="-1" data-step-index=${n}>
      <legend>${t('chainStepN', { n: n + 1, name: step.label?.[this.locale] || name })}</legend>
      <div class="reorder" part="reorder">
        <button type="button" part="button" id=${`${idFor(path)}-up`} data-action="step-up" aria-label=${t('moveUp', { name })} ?disabled=${n === 0}>↑</button>
        <button type="button" part="button" id=${`${idFor(path)}-down`} data-action="step-down" aria-label=${t('moveDown', { name })} ?disabled=${n === count - 1}>↓</button>
        <button type="button" part="button" data-action="remove-step" aria-label=${t('remove', { name })} ?disabled=${count <= 1}>×</button>
      </div>
      ${errorsOf(ctx, path)}
      <div class="row">
        ${textField(ctx, `${path}.id`, step.id, t('stepId'), { size: 'short' })}
        ${selectField(ctx, `${path}.kind`, step.kind, t('stepKind'), stepKinds.map((k) => [k, t(`stepKind.${k}`)] as const))}
      </div>
      ${labelFields(ctx, `${path}.label`, step.label, t('name'))}
      <fieldset class="actor" id=${idFor(`${path}.actor`)} tabindex="-1"><legend>${t('actorForm')}</legend>
        ${selectField(ctx, `${path}.actor`, form, t('actorForm'),
          (['relationship', 'role', 'groups'] as const).map((f) => [f, t(`actorForm.${f}`)] as const), { action: 'actor-form', idSuffix: 'form' })}
        ${form === 'relationship' ? selectField(ctx, `${path}.actor.relationship`, actor.relationship ?? '', t('relationship'),
          relationships.map((r) => [r, t(`rel.${r}` as BuilderMessageKey)] as const)) : nothing}
        ${form === 'role' ? html`${textField(ctx, `${path}.actor.role`, actor.role, t('actorRole'), { size: 'short' })}
          ${selectField(ctx, `${path}.actor.scope`, actor.scope ?? 'any', t('scope'),
            (['any', 'company', 'region', 'department'] as const).map((s) => [s, t(`scope.${s}`)] as const), { action: 'scope' })}` : nothing}
        ${form === 'groups' ? html`<fieldset id=${idFor(`${path}.actor.groups`)} tabindex="-1"><legend>${t('groups')}</legend>
          ${Object.keys(assessingGroupLabels).map((group) => {
            const id = `${idFor(`${path}.actor.groups`)}-${group}`;
            return html`<div class="field check"><input type="checkbox" id=${id} part="input" data-path=${`${path}.actor.groups`} data-kind="bool"
              data-action="group" data-group=${group} .checked=${(actor.groups ?? []).includes(group)}>
              <label for=${id}>${assessingGroupLabels[group]?.[this.locale] ?? group}</label></div>`;
          })}
          ${errorsOf(ctx, `${path}.actor.groups`)}</fieldset>` : nothing}
        ${errorsOf(ctx, `${path}.actor`)}
      </fieldset>
      <div class="row">
        ${textField(ctx, `${path}.dueDay`, step.dueDay, t('dueDay'), { kind: 'optional-int' })}
        ${textField(ctx, `${path}.dueMonthOffset`, step.dueMonthOffset, t('dueMonthOffset'), { kind: 'optional-int' })}
        ${textField(ctx, `${path}.startDay`, step.startDay, t('startDay'), { kind: 'optional-int' })}
      </div>
      ${earlier.length ? html`<fieldset id=${idFor(`${path}.returnTo`)} tabindex="-1"><legend>${t('returnTo')}</legend>
        ${earlier.map((target) => {
          const id = `${idFor(`${path}.returnTo`)}-${target.id}`;
          return html`<div class="field check"><input type="checkbox" id=${id} part="input" data-path=${`${path}.returnTo`} data-kind="bool"
            data-action="return-to" data-step=${target.id} .checked=${(step.returnTo ?? []).includes(target.id)}>
            <label for=${id}>${target.label?.[this.locale] || target.id}</label></div>`;
        })}
        ${errorsOf(ctx, `${path}.returnTo`)}</fieldset>` : nothing}
      ${checkboxField(ctx, `${path}.anonymous`, step.anonymous ?? false, t('anonymous'))}
    </fieldset>`;
  }
}
