import { validatePayPlan, validateRubric, type PayPlan, type Problem, type Rubric } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { CliError, nameItems, plural } from './errors.ts';
import type { CliIo } from './io.ts';
import { readJson } from './read-json.ts';

export interface Resolved<T> {
  value: T;
  /** "preset R-SP" or the file it came from */
  origin: string;
  warnings: Problem[];
}

/** A preset ID or a path: anything with a separator or an extension is taken for a path. */
function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.[a-z]+$/i.test(ref);
}

function unknownPreset(kind: string, ref: string, known: readonly string[], option: string): CliError {
  const message = `unknown ${kind} preset "${ref}"; the presets are ${known.join(', ')} (or give the path of a ${kind} JSON file)`;
  return new CliError(message, [{ path: option, rule: 'preset', message }]);
}

/** `--rubric R-SP` or `--rubric my-rubric.json`: a preset by ID or a rubric file, validated. */
export async function resolveRubric(io: CliIo, ref: string, option = '--rubric'): Promise<Resolved<Rubric>> {
  const preset = Object.hasOwn(rubricPresets, ref) ? rubricPresets[ref] : undefined;
  if (preset) {
    const checked = validateRubric(preset);
    if (!checked.ok) throw new CliError(`the rubric preset ${ref} is invalid (${plural(checked.problems.length, 'problem')})`, nameItems(checked.problems, preset));
    return { value: checked.value, origin: `preset ${ref}`, warnings: checked.warnings };
  }
  if (!looksLikePath(ref)) throw unknownPreset('rubric', ref, Object.keys(rubricPresets), option);
  const raw = await readJson(io, ref, 'rubric');
  const checked = validateRubric(raw);
  if (!checked.ok) throw new CliError(`the rubric ${ref} is invalid (${plural(checked.problems.length, 'problem')})`, nameItems(checked.problems, raw));
  return { value: checked.value, origin: ref, warnings: checked.warnings };
}

/** `--plan P-1` or `--plan my-plan.json`: a pay-plan preset by ID or a pay-plan file, validated. */
export async function resolvePayPlan(io: CliIo, ref: string, option = '--plan'): Promise<Resolved<PayPlan>> {
  const preset = Object.hasOwn(payPlanPresets, ref) ? payPlanPresets[ref] : undefined;
  if (!preset && !looksLikePath(ref)) throw unknownPreset('pay plan', ref, Object.keys(payPlanPresets), option);
  const raw = preset ?? (await readJson(io, ref, 'pay plan'));
  const checked = validatePayPlan(raw);
  const origin = preset ? `preset ${ref}` : ref;
  if (!checked.ok) throw new CliError(`the pay plan ${preset ? `preset ${ref}` : ref} is invalid (${plural(checked.problems.length, 'problem')})`, nameItems(checked.problems, raw));
  return { value: checked.value, origin, warnings: checked.warnings };
}

export function rubricPresetIds(): string[] {
  return Object.keys(rubricPresets);
}

export function payPlanPresetIds(): string[] {
  return Object.keys(payPlanPresets);
}
