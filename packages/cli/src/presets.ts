import { validatePayPlan, validateRubric, type Checked, type PayPlan, type Problem, type Rubric } from '@kaohe/scoring';
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

interface Kind<T> {
  /** "rubric", "pay plan": in messages and in what readJson says it was reading */
  name: string;
  presets: Readonly<Record<string, unknown>>;
  validate: (input: unknown) => Checked<T>;
}

/** A preset by ID or a JSON file by path, validated; problems name the item they sit in. */
async function resolve<T>(io: CliIo, ref: string, option: string, kind: Kind<T>): Promise<Resolved<T>> {
  const preset = Object.hasOwn(kind.presets, ref) ? kind.presets[ref] : undefined;
  if (preset === undefined && !looksLikePath(ref)) throw unknownPreset(kind.name, ref, Object.keys(kind.presets), option);
  const raw = preset ?? (await readJson(io, ref, kind.name));
  const checked = kind.validate(raw);
  const origin = preset === undefined ? ref : `preset ${ref}`;
  if (!checked.ok) throw new CliError(`the ${kind.name} ${origin} is invalid (${plural(checked.problems.length, 'problem')})`, nameItems(checked.problems, raw));
  return { value: checked.value, origin, warnings: checked.warnings };
}

/** `--rubric R-SP` or `--rubric my-rubric.json`: a preset by ID or a rubric file, validated. */
export function resolveRubric(io: CliIo, ref: string, option = '--rubric'): Promise<Resolved<Rubric>> {
  return resolve(io, ref, option, { name: 'rubric', presets: rubricPresets, validate: validateRubric });
}

/** `--plan P-1` or `--plan my-plan.json`: a pay-plan preset by ID or a pay-plan file, validated. */
export function resolvePayPlan(io: CliIo, ref: string, option = '--plan'): Promise<Resolved<PayPlan>> {
  return resolve(io, ref, option, { name: 'pay plan', presets: payPlanPresets, validate: validatePayPlan });
}
