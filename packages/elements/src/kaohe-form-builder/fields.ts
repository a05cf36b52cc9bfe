// Small templates for the builder's fields. Every input carries `data-path` (the path validateRubric
// or validateChain reports) and `data-kind` (how its text becomes a value); the element reads both
// in one delegated listener, so no field needs a handler of its own.
import type { Label, Locale, Problem } from '@kaohe/scoring';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { locales } from '../base/locale.ts';
import { builderMsg, type BuilderMessageKey } from './form-builder-messages.ts';

/** How an input's text becomes the value stored at its path. */
export type FieldKind = 'text' | 'optional-text' | 'amount' | 'optional-amount' | 'int' | 'optional-int' | 'bool' | 'select' | 'optional-label';

export interface FieldContext {
  locale: Locale;
  /** the problems shown at `path` (already placed: see placeProblems) */
  problemsAt(path: string): readonly Problem[];
}

export const t = (ctx: FieldContext, key: BuilderMessageKey, params?: Record<string, string | number>) => builderMsg(key, ctx.locale, params);

/** The element id of the field (or container) that edits `path`. */
export function idFor(path: string): string {
  return `f-${path.replace(/[[\].]/g, '_') || 'root'}`;
}

/** What a field's text means as a value; undefined removes an optional field. */
export function valueOf(kind: FieldKind, input: HTMLInputElement | HTMLSelectElement): unknown {
  const text = input.value;
  switch (kind) {
    case 'bool': return (input as HTMLInputElement).checked;
    case 'int': return text.trim() === '' ? undefined : Number(text);
    case 'optional-int': return text.trim() === '' ? undefined : Number(text);
    // Text is kept as typed: trimming on each keystroke ate the space between two words (issue 16).
    case 'optional-text': return text.trim() === '' ? undefined : text;
    case 'optional-amount': return text.trim() === '' ? undefined : text.trim();
    case 'amount': return text.trim();
    default: return text;
  }
}

export function errorsOf(ctx: FieldContext, path: string): TemplateResult | typeof nothing {
  const problems = ctx.problemsAt(path);
  if (problems.length === 0) return nothing;
  return html`<ul class="error" part="error" id=${`${idFor(path)}-error`}>
    ${problems.map((p) => html`<li><span class="rule">${p.rule}</span>: ${p.message}</li>`)}
  </ul>`;
}

const invalid = (ctx: FieldContext, path: string) => ctx.problemsAt(path).length > 0;
const describedBy = (ctx: FieldContext, path: string, hint?: string) => {
  const ids = [invalid(ctx, path) ? `${idFor(path)}-error` : '', hint ? `${idFor(path)}-hint` : ''].filter(Boolean).join(' ');
  return ids || undefined;
};

interface TextOptions {
  kind?: FieldKind;
  /** 'decimal' for amounts, 'numeric' for counts */
  inputmode?: 'decimal' | 'numeric' | 'text';
  lang?: string;
  hint?: string;
  disabled?: boolean;
  size?: 'short' | 'long';
}

export function textField(ctx: FieldContext, path: string, value: unknown, label: string, options: TextOptions = {}): TemplateResult {
  const id = idFor(path);
  const kind = options.kind ?? 'text';
  const numeric = kind.endsWith('amount') || kind.endsWith('int');
  return html`<div class="field ${options.size ?? (numeric ? 'short' : 'long')}" part="field">
    <label for=${id}>${label}</label>
    <input id=${id} part="input" type="text" data-path=${path} data-kind=${kind} lang=${ifDefined(options.lang)}
      inputmode=${ifDefined(options.inputmode ?? (kind.endsWith('int') ? 'numeric' : numeric ? 'decimal' : undefined))}
      autocomplete="off" spellcheck="false" ?disabled=${options.disabled ?? false}
      .value=${live(value === undefined || value === null ? '' : String(value))}
      aria-invalid=${invalid(ctx, path) ? 'true' : 'false'} aria-describedby=${ifDefined(describedBy(ctx, path, options.hint))}>
    ${options.hint ? html`<span class="hint" id=${`${id}-hint`}>${options.hint}</span>` : nothing}
    ${errorsOf(ctx, path)}
  </div>`;
}

export interface ChoiceOptions {
  /** a change the element handles itself (rule-kind, gate, flag …) instead of storing the value as is */
  action?: string;
  /**
   * Set when another field edits the same path (the floor's "no floor" box beside the floor): the
   * id gets this suffix and the problems are left to that other field.
   */
  idSuffix?: string;
}

export function checkboxField(ctx: FieldContext, path: string, checked: boolean, label: string, options: ChoiceOptions = {}): TemplateResult {
  const id = idFor(path) + (options.idSuffix ? `-${options.idSuffix}` : '');
  const own = !options.idSuffix;
  return html`<div class="field check" part="field">
    <input id=${id} part="input" type="checkbox" data-path=${path} data-kind="bool" data-action=${ifDefined(options.action)}
      .checked=${live(checked)} aria-invalid=${own && invalid(ctx, path) ? 'true' : 'false'}
      aria-describedby=${ifDefined(own ? describedBy(ctx, path) : undefined)}>
    <label for=${id}>${label}</label>
    ${own ? errorsOf(ctx, path) : nothing}
  </div>`;
}

export function selectField(
  ctx: FieldContext, path: string, value: string, label: string, choices: ReadonlyArray<readonly [string, string]>, options: ChoiceOptions = {},
): TemplateResult {
  const id = idFor(path) + (options.idSuffix ? `-${options.idSuffix}` : '');
  const own = !options.idSuffix;
  return html`<div class="field" part="field">
    <label for=${id}>${label}</label>
    <select id=${id} part="input" data-path=${path} data-kind="select" data-action=${ifDefined(options.action)}
      aria-invalid=${own && invalid(ctx, path) ? 'true' : 'false'} aria-describedby=${ifDefined(own ? describedBy(ctx, path) : undefined)}>
      ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
    ${own ? errorsOf(ctx, path) : nothing}
  </div>`;
}

/** A label in the three languages, as a fieldset of three inputs (each marked with its language). */
export function labelFields(ctx: FieldContext, path: string, value: Partial<Label> | undefined, legend: string, optional = false): TemplateResult {
  return html`<fieldset class="labels" part="labels">
    <legend>${legend}</legend>
    ${locales.map((locale) => textField(ctx, `${path}.${locale}`, value?.[locale] ?? '', t(ctx, `lang.${locale}`), {
      kind: optional ? 'optional-label' : 'text', lang: locale, size: 'long',
    }))}
  </fieldset>`;
}
