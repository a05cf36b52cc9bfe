import * as z from '../zod.ts';
import { Period } from '../schema.ts';
import type { Label } from '../schema.ts';
import type { Flag } from '../result.ts';
import { Decimal, fixed } from '../decimal.ts';
import { KaoheInputError, problemsFromZod } from '../problems.ts';
import type { Checked, Problem } from '../problems.ts';
import { FormulaError, RESERVED_NAMES, checkFormulaTypes, evaluateNode, formulaNames, parseFormula } from './formula.ts';
import type { FormulaNode, FormulaType } from './formula.ts';
import { PayPlan } from './pay-schema.ts';
import { compiledPayer } from './compiled.ts';
import { Inexact } from '../arith.ts';
import { isDeepFrozen } from '../freeze.ts';
import type { PayInputSpec, PayPlanInput, PaySettingSpec, PayVariants } from './pay-schema.ts';

// ---------------------------------------------------------------------------------------------
// Validation

/** Checks a pay plan and lists every problem: schema issues, unknown names, duplicates, cycles, bad settings. */
export function validatePayPlan(input: unknown): Checked<PayPlan> {
  const parsed = PayPlan.safeParse(input);
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  const warnings: Problem[] = [];
  // The plan's meaning is checked even when its shape is not, on whatever parts can be read,
  // so a plan author sees a misspelt name and a missing label in the same report.
  checkMeaning(parsed.success ? parsed.data : loosen(input), problems, warnings);
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return { ok: true, value: parsed.data as PayPlan, warnings };
}

/** A plan read as far as it goes: every field may be missing. */
interface LoosePlan {
  inputs: Array<Partial<Pick<PayInputSpec, 'name' | 'kind' | 'min' | 'max' | 'required' | 'default'>>>;
  settings: Array<Partial<Pick<PaySettingSpec, 'id' | 'name' | 'options' | 'optionLabels' | 'default'>>>;
  quantities: Array<{ name?: string; formula?: string; variants?: Partial<PayVariants> }>;
  lines: Array<{ id?: string; formula?: string; variants?: Partial<PayVariants>; when?: string }>;
  flags: Array<{ code?: string; when?: string; reasons?: Array<{ when?: string }> }>;
}

function loosen(input: unknown): LoosePlan {
  const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const list = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? value.map(record) : []);
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const variants = (value: unknown): Partial<PayVariants> | undefined => {
    if (value === undefined) return undefined;
    const v = record(value);
    const cases = Object.fromEntries(Object.entries(record(v.cases)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return { setting: text(v.setting), cases };
  };
  const plan = record(input);
  return {
    inputs: list(plan.inputs).map((i) => ({
      name: text(i.name),
      kind: text(i.kind) as PayInputSpec['kind'] | undefined,
      min: typeof i.min === 'string' || typeof i.min === 'number' ? i.min : undefined,
      max: typeof i.max === 'string' || typeof i.max === 'number' ? i.max : undefined,
      required: typeof i.required === 'boolean' ? i.required : true,
      default: typeof i.default === 'string' || typeof i.default === 'number' || typeof i.default === 'boolean' ? i.default : undefined,
    })),
    settings: list(plan.settings).map((s) => ({
      id: text(s.id),
      name: text(s.name),
      options: Array.isArray(s.options) ? s.options.filter((o): o is string => typeof o === 'string') : undefined,
      optionLabels: s.optionLabels === undefined ? undefined : (record(s.optionLabels) as Record<string, Label>),
      default: text(s.default),
    })),
    quantities: list(plan.quantities).map((q) => ({ name: text(q.name), formula: text(q.formula), variants: variants(q.variants) })),
    lines: list(plan.lines).map((l) => ({ id: text(l.id), formula: text(l.formula), variants: variants(l.variants), when: text(l.when) })),
    flags: list(plan.flags).map((f) => ({
      code: text(f.code),
      when: text(f.when),
      reasons: Array.isArray(f.reasons) ? list(f.reasons).map((r) => ({ when: text(r.when) })) : undefined,
    })),
  };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function decimalOrNull(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(String(value)) : null;
  if (typeof value === 'string' && DECIMAL.test(value)) return new Decimal(value);
  return null;
}

/** One formula of the plan, with where it sits and whether it must be a number or a condition. */
interface FormulaSite {
  path: string;
  src: string;
  expects: FormulaType | 'any';
  ast: FormulaNode | null;
}

function checkMeaning(plan: LoosePlan, problems: Problem[], warnings: Problem[]): void {
  // -- names: inputs and quantities share one namespace; settings must not shadow them either
  const owner = new Map<string, string>();
  const claim = (name: string | undefined, path: string) => {
    if (name === undefined) return;
    if (RESERVED_NAMES.has(name)) problems.push({ path, rule: 'reserved-name', message: `"${name}" is a word of the formula language and cannot name a value` });
    const first = owner.get(name);
    if (first !== undefined) problems.push({ path, rule: 'duplicate-name', message: `the name "${name}" is already used at ${first}` });
    else owner.set(name, path);
  };
  plan.inputs.forEach((i, n) => claim(i.name, `inputs[${n}].name`));
  plan.quantities.forEach((q, n) => claim(q.name, `quantities[${n}].name`));
  plan.settings.forEach((s, n) => claim(s.name, `settings[${n}].name`));
  unique(plan.settings.map((s) => s.id), (n) => `settings[${n}].id`, 'duplicate-setting', 'setting for open point', problems);
  unique(plan.lines.map((l) => l.id), (n) => `lines[${n}].id`, 'duplicate-line', 'line id', problems);
  unique(plan.flags.map((f) => f.code), (n) => `flags[${n}].code`, 'duplicate-flag', 'flag code', problems);

  // -- settings
  const settingsByName = new Map<string, (typeof plan.settings)[number]>();
  plan.settings.forEach((s, n) => {
    if (s.name !== undefined) settingsByName.set(s.name, s);
    const options = s.options ?? [];
    unique(options, (k) => `settings[${n}].options[${k}]`, 'duplicate-option', 'option', problems);
    if (s.default !== undefined && s.options !== undefined && !options.includes(s.default)) {
      problems.push({ path: `settings[${n}].default`, rule: 'setting-default', message: `the default "${s.default}" of ${s.id ?? s.name ?? 'this setting'} is not one of its options (${options.join(', ')})` });
    }
    for (const key of Object.keys(s.optionLabels ?? {})) {
      if (!options.includes(key)) problems.push({ path: `settings[${n}].optionLabels.${key}`, rule: 'setting-option', message: `"${key}" is not an option of ${s.id ?? s.name ?? 'this setting'}` });
    }
  });

  // -- inputs
  plan.inputs.forEach((i, n) => {
    const min = decimalOrNull(i.min);
    const max = decimalOrNull(i.max);
    if (i.kind === 'boolean' && (i.min !== undefined || i.max !== undefined)) {
      problems.push({ path: `inputs[${n}]`, rule: 'input-range', message: `${i.name ?? 'a yes/no input'} is yes/no and cannot have a min or max` });
    }
    if (min && max && min.greaterThan(max)) {
      problems.push({ path: `inputs[${n}].min`, rule: 'input-range', message: `the min ${min.toFixed()} of ${i.name ?? 'this input'} is above its max ${max.toFixed()}` });
    }
    if (i.default !== undefined) {
      const wantsBoolean = i.kind === 'boolean';
      if (wantsBoolean !== (typeof i.default === 'boolean')) {
        problems.push({ path: `inputs[${n}].default`, rule: 'input-default', message: `the default of ${i.name ?? 'this input'} must be ${wantsBoolean ? 'true or false' : 'a number'}` });
      } else if (!wantsBoolean) {
        const value = decimalOrNull(i.default);
        if (value && ((min && value.lessThan(min)) || (max && value.greaterThan(max)))) {
          problems.push({ path: `inputs[${n}].default`, rule: 'input-default', message: `the default ${value.toFixed()} of ${i.name ?? 'this input'} is outside its min and max` });
        }
      }
    } else if (i.required === false) {
      problems.push({ path: `inputs[${n}].default`, rule: 'input-default', message: `${i.name ?? 'this input'} is not required, so it needs a default to use when it is not given` });
    }
  });

  // -- formulas: parse each one where it sits
  const sites: FormulaSite[] = [];
  const site = (path: string, src: string | undefined, expects: FormulaSite['expects']): FormulaSite | null => {
    if (src === undefined) return null;
    const parsed = parseFormula(src, path);
    if (!parsed.ok) problems.push(...parsed.problems);
    const entry: FormulaSite = { path, src, expects, ast: parsed.ok ? parsed.ast : null };
    sites.push(entry);
    return entry;
  };
  const variantSites = (owner: string, formula: string | undefined, variants: Partial<PayVariants> | undefined, expects: FormulaSite['expects']): FormulaSite[] => {
    const own: FormulaSite[] = [];
    const main = site(`${owner}.formula`, formula, expects);
    if (main) own.push(main);
    if (variants) {
      const setting = variants.setting === undefined ? undefined : settingsByName.get(variants.setting);
      if (variants.setting !== undefined && !setting) {
        problems.push({ path: `${owner}.variants.setting`, rule: 'unknown-setting', message: `"${variants.setting}" is not a setting of this plan` });
      }
      for (const [option, src] of Object.entries(variants.cases ?? {})) {
        if (setting?.options && !setting.options.includes(option)) {
          problems.push({ path: `${owner}.variants.cases.${option}`, rule: 'variant-option', message: `"${option}" is not an option of ${variants.setting} (${setting.options.join(', ')})` });
        }
        const entry = site(`${owner}.variants.cases.${option}`, src, expects);
        if (entry) own.push(entry);
      }
      if (formula === undefined && setting?.options) {
        const missing = setting.options.filter((option) => !Object.hasOwn(variants.cases ?? {}, option));
        if (missing.length > 0) {
          problems.push({ path: `${owner}.variants.cases`, rule: 'variant-missing', message: `no formula for ${variants.setting} = ${missing.join(', ')}, and no plain formula to fall back on` });
        }
      }
    } else if (formula === undefined) {
      problems.push({ path: `${owner}.formula`, rule: 'formula-missing', message: 'give a formula or variants' });
    }
    return own;
  };

  const quantitySites = plan.quantities.map((q, n) => variantSites(`quantities[${n}]`, q.formula, q.variants, 'any'));
  plan.lines.forEach((l, n) => {
    variantSites(`lines[${n}]`, l.formula, l.variants, 'number');
    site(`lines[${n}].when`, l.when, 'boolean');
  });
  plan.flags.forEach((f, n) => {
    site(`flags[${n}].when`, f.when, 'boolean');
    f.reasons?.forEach((r, k) => site(`flags[${n}].reasons[${k}].when`, r.when, 'boolean'));
  });

  // -- cycles among quantities
  const quantityIndex = new Map<string, number>();
  plan.quantities.forEach((q, n) => {
    if (q.name !== undefined && !quantityIndex.has(q.name)) quantityIndex.set(q.name, n);
  });
  const reads = quantitySites.map((own) => {
    const names = new Set<string>();
    for (const s of own) if (s.ast) for (const name of formulaNames(s.ast)) if (quantityIndex.has(name)) names.add(name);
    return [...names].map((name) => quantityIndex.get(name)!);
  });
  const { order, cyclic } = topologicalOrder(reads, (cycle) => {
    const names = cycle.map((n) => plan.quantities[n]?.name ?? `#${n}`);
    problems.push({ path: `quantities[${Math.min(...cycle)}]`, rule: 'cycle', message: `these quantities depend on each other in a circle: ${names.join(' → ')} → ${names[0]}` });
  });

  // -- types, quantities first in dependency order
  const inputTypes = new Map<string, FormulaType>();
  for (const i of plan.inputs) if (i.name !== undefined) inputTypes.set(i.name, i.kind === 'boolean' ? 'boolean' : 'number');
  const quantityTypes = new Map<string, FormulaType | null>();
  const typeOf = (name: string): FormulaType | null | undefined => inputTypes.get(name) ?? (quantityIndex.has(name) ? (quantityTypes.get(name) ?? null) : undefined);
  const checked = new Set<FormulaSite>();
  for (const n of [...order, ...cyclic]) {
    let type: FormulaType | null = null;
    for (const s of quantitySites[n] ?? []) {
      checked.add(s);
      if (!s.ast) continue;
      const t = checkFormulaTypes(s.ast, typeOf, s.path, s.src, problems);
      if (t !== null && type !== null && t !== type) {
        problems.push({ path: s.path, rule: 'formula-type', message: `every formula of ${plan.quantities[n]?.name} must be a number, or every one a condition` });
      }
      type ??= t;
    }
    const name = plan.quantities[n]?.name;
    if (name !== undefined && quantityIndex.get(name) === n) quantityTypes.set(name, type);
  }
  for (const s of sites) {
    if (checked.has(s) || !s.ast) continue;
    const t = checkFormulaTypes(s.ast, typeOf, s.path, s.src, problems);
    if (s.expects !== 'any' && t !== null && t !== s.expects) {
      problems.push({
        path: s.path,
        rule: 'formula-type',
        message: s.expects === 'number' ? `a payslip line must compute an amount, but "${s.src}" is a condition` : `"${s.src}" must be a condition (true or false), but it is a number`,
      });
    }
  }

  // -- warnings: values nobody reads are usually a misspelling elsewhere
  const read = new Set<string>();
  for (const s of sites) if (s.ast) for (const name of formulaNames(s.ast)) read.add(name);
  plan.inputs.forEach((i, n) => {
    if (i.name !== undefined && !read.has(i.name)) warnings.push({ path: `inputs[${n}]`, rule: 'unused-input', message: `no formula reads the input "${i.name}"` });
  });
  plan.quantities.forEach((q, n) => {
    if (q.name !== undefined && !read.has(q.name)) warnings.push({ path: `quantities[${n}]`, rule: 'unused-quantity', message: `no formula reads the quantity "${q.name}"` });
  });
}

function unique(values: ReadonlyArray<string | undefined>, pathOf: (n: number) => string, rule: string, what: string, problems: Problem[]): void {
  const seen = new Map<string, number>();
  values.forEach((value, n) => {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) problems.push({ path: pathOf(n), rule, message: `the ${what} "${value}" appears twice (first at ${pathOf(first)})` });
    else seen.set(value, n);
  });
}

/** Orders nodes so each comes after what it reads; reports each circle once and returns its members apart. */
function topologicalOrder(reads: number[][], onCycle: (cycle: number[]) => void): { order: number[]; cyclic: number[] } {
  const state = new Array<0 | 1 | 2>(reads.length).fill(0);
  const order: number[] = [];
  const cyclic = new Set<number>();
  const stack: number[] = [];
  const visit = (n: number): void => {
    if (state[n] === 2) return;
    if (state[n] === 1) {
      const cycle = stack.slice(stack.indexOf(n));
      cycle.forEach((m) => cyclic.add(m));
      onCycle(cycle);
      return;
    }
    state[n] = 1;
    stack.push(n);
    for (const m of reads[n] ?? []) visit(m);
    stack.pop();
    state[n] = 2;
    order.push(n);
  };
  reads.forEach((_, n) => visit(n));
  return { order: order.filter((n) => !cyclic.has(n)), cyclic: [...cyclic] };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.rule}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Computing a payslip

/** One person's month for a pay plan. Values may come from JSON (numbers, booleans) or CSV (strings). */
export const PayInput = z.object({
  employee: z.optional(z.string()),
  period: z.optional(Period),
  values: z._default(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), {}),
  /** keyed by the setting's name ("scoreRateBasis") or its open point ("O-2") */
  settings: z.optional(z.record(z.string(), z.string())),
});
export type PayInput = z.input<typeof PayInput>;

export interface PayslipLine {
  id: string;
  label: Label;
  /** the formula as written in the plan, for the setting in force */
  formula: string;
  /** the values the formula read, by name, as decimal strings ("true"/"false" for conditions) */
  inputs: Record<string, string>;
  /** rounded half-up to 0.01, with exactly 2 decimals (O-7) */
  amount: string;
  source?: string;
}

export interface PayslipFlag extends Flag {
  /** what raised it, e.g. the P-3 indicators that missed their target; also named in `label` */
  reasons: Label[];
}

export interface Payslip {
  plan: { id: string; version: number };
  employee?: string;
  period?: string;
  currency: string;
  lines: PayslipLine[];
  /** the sum of the rounded lines, so the lines always add up to it */
  total: string;
  flags: PayslipFlag[];
  /** every setting of the plan and the option used, by name: feeding it back as `settings` gives the same payslip */
  settings: Record<string, string>;
}

export interface ComputePayOptions {
  /** accept values the plan does not declare (e.g. extra CSV columns) instead of refusing them */
  ignoreUnknownInputs?: boolean;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const KIND_HINT: Readonly<Record<PayInputSpec['kind'], string>> = {
  money: 'an amount such as 8000 or "8000.50"',
  rate: 'a fraction such as 0.85 for 85%',
  score: 'a score such as 90',
  number: 'a number',
  boolean: 'true or false',
};

// Validating a plan costs far more than paying one employee, and payroll pays thousands with one
// plan. The cache is keyed by the plan object. A frozen plan (the presets are) cannot change; any
// other is checked against its JSON, so a plan edited in place is validated again rather than
// served stale.
const validatedPlans = new WeakMap<object, { json: string | undefined; plan: PayPlan }>();

function checkedPlanOf(planInput: PayPlan | PayPlanInput): PayPlan {
  const cached = typeof planInput === 'object' && planInput !== null ? validatedPlans.get(planInput) : undefined;
  if (cached && cached.json === undefined) return cached.plan;
  const json = JSON.stringify(planInput);
  if (cached && cached.json === json) return cached.plan;
  const checkedPlan = validatePayPlan(planInput);
  if (!checkedPlan.ok) throw new KaoheInputError('pay plan', checkedPlan.problems);
  if (typeof planInput === 'object' && planInput !== null) validatedPlans.set(planInput, { json: isDeepFrozen(planInput) ? undefined : json, plan: checkedPlan.value });
  return checkedPlan.value;
}

/**
 * Computes one payslip. Each line is rounded half-up to 0.01 once, and the total is the sum of the
 * rounded lines (O-7), so the lines always add up to the total. Bad input throws a
 * {@link KaoheInputError} listing every problem, each naming the input and the rule it breaks.
 */
export function computePay(planInput: PayPlan | PayPlanInput, input: PayInput, options: ComputePayOptions = {}): Payslip {
  const plan = checkedPlanOf(planInput);
  // The plan compiled to scaled-integer closures pays plain input; anything else, and every
  // problem, is the general path's (compiled.ts).
  const payer = compiledPayer(plan);
  if (payer) {
    try {
      const slip = payer(input, options, withReasons);
      if (slip) return slip;
    } catch (error) {
      if (!(error instanceof Inexact)) throw error;
    }
  }
  return payByEvaluation(plan, input, options);
}

/** The general path: the input read by its schema, every formula evaluated in decimal.js, every problem named. Exported for the tests that hold the compiled path to it. */
export function payByEvaluation(plan: PayPlan, input: PayInput, options: ComputePayOptions = {}): Payslip {
  const shape = PayInput.safeParse(input);
  if (!shape.success) throw new KaoheInputError('pay input', problemsFromZod(shape.error.issues));
  const request = shape.data;
  const problems: Problem[] = [];

  const settings = resolveSettings(plan.settings, request.settings ?? {}, problems);

  // The formulas in force for these settings; names are required only if one of them reads them.
  const chosen = (owner: { formula?: string | undefined; variants?: PayVariants | undefined }, path: string): { src: string | null; path: string } => {
    const variant = owner.variants ? owner.variants.cases[settings[owner.variants.setting] ?? ''] : undefined;
    if (variant !== undefined && owner.variants) return { src: variant, path: `${path}.variants.cases.${settings[owner.variants.setting]}` };
    // With a setting that is not an option (already reported) there may be no formula at all.
    return { src: owner.formula ?? null, path: `${path}.formula` };
  };
  const quantities = new Map(plan.quantities.map((q, n) => [q.name, chosen(q, `quantities[${n}]`)] as const));
  const lines = plan.lines.map((l, n) => ({ spec: l, formula: chosen(l, `lines[${n}]`), when: l.when === undefined ? undefined : { src: l.when, path: `lines[${n}].when` } }));
  const used = usedNames(
    [
      ...lines.flatMap((l) => (l.when ? [l.formula.src, l.when.src] : [l.formula.src])),
      ...plan.flags.flatMap((f) => [f.when, ...(f.reasons ?? []).map((r) => r.when)]),
    ],
    quantities,
  );

  const values = readValues(plan.inputs, request.values, used, options, problems);
  if (problems.length > 0) throw new KaoheInputError('pay input', problems);
  const formulaOf = ({ src, path }: { src: string | null; path: string }) => ({ src: src ?? '', path });

  // Quantities are computed when first read and kept, failures included, so one division by zero
  // is reported once however many lines read it.
  const memo = new Map<string, Decimal | boolean | FormulaError>();
  const resolve = (name: string): Decimal | boolean | undefined => {
    const value = values.get(name);
    if (value !== undefined) return value;
    const quantity = quantities.get(name);
    if (!quantity) return undefined;
    let result = memo.get(name);
    if (result === undefined) {
      try {
        const { src, path } = formulaOf(quantity);
        result = evaluate(src, path);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        result = error;
      }
      memo.set(name, result);
    }
    if (result instanceof FormulaError) throw result;
    return result;
  };
  const evaluate = (src: string, path: string) => {
    const parsed = parseFormula(src, path);
    // validatePayPlan has parsed every formula already; this cannot fail.
    if (!parsed.ok) throw new KaoheInputError('pay plan', parsed.problems);
    return evaluateNode(parsed.ast, resolve, path, src);
  };
  const attempt = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof FormulaError) {
        problems.push(error.problem);
        return undefined;
      }
      throw error;
    }
  };

  const payslipLines: PayslipLine[] = [];
  for (const { spec, formula: chosenFormula, when } of lines) {
    const formula = formulaOf(chosenFormula);
    if (when && attempt(() => evaluate(when.src, when.path)) !== true) continue;
    const amount = attempt(() => evaluate(formula.src, formula.path));
    if (amount === undefined) continue;
    if (typeof amount === 'boolean') throw new KaoheInputError('pay plan', [{ path: formula.path, rule: 'formula-type', message: 'a payslip line must compute an amount' }]);
    const inputs: Record<string, string> = {};
    for (const name of formulaNames(formula.src)) {
      const value = attempt(() => resolve(name));
      if (value !== undefined) inputs[name] = show(value);
    }
    // O-7: each line is rounded half-up (四捨五入) to 0.01, once; the total adds the rounded lines.
    payslipLines.push({ id: spec.id, label: spec.label, formula: formula.src, inputs, amount: fixed(amount, 2), ...(spec.source ? { source: spec.source } : {}) });
  }

  const flags: PayslipFlag[] = [];
  plan.flags.forEach((f, n) => {
    if (attempt(() => evaluate(f.when, `flags[${n}].when`)) !== true) return;
    const reasons = (f.reasons ?? []).filter((r, k) => attempt(() => evaluate(r.when, `flags[${n}].reasons[${k}].when`)) === true).map((r) => r.label);
    flags.push({ code: f.code, source: f.source ?? plan.source ?? plan.id, label: withReasons(f.label, reasons), reasons });
  });

  if (problems.length > 0) throw new KaoheInputError('pay input', dedupe(problems));

  const total = payslipLines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  return {
    plan: { id: plan.id, version: plan.version },
    ...(request.employee !== undefined ? { employee: request.employee } : {}),
    ...(request.period !== undefined ? { period: request.period } : {}),
    currency: plan.currency,
    lines: payslipLines,
    total: fixed(total, 2),
    flags,
    settings,
  };
}

function resolveSettings(specs: PaySettingSpec[], given: Record<string, string>, problems: Problem[]): Record<string, string> {
  const resolved: Record<string, string> = {};
  const known = new Set<string>();
  for (const spec of specs) {
    known.add(spec.name);
    known.add(spec.id);
    const byName = given[spec.name];
    const byId = given[spec.id];
    if (byName !== undefined && byId !== undefined && byName !== byId) {
      problems.push({ path: `settings.${spec.name}`, rule: 'setting-conflict', message: `${spec.name} is "${byName}" but ${spec.id} is "${byId}": give one` });
    }
    const value = byName ?? byId ?? spec.default;
    if (!spec.options.includes(value)) {
      problems.push({ path: `settings.${byName !== undefined ? spec.name : spec.id}`, rule: 'setting-option', message: `"${value}" is not an option of ${spec.name} (${spec.id}): choose ${spec.options.join(' or ')}` });
    }
    resolved[spec.name] = value;
  }
  for (const key of Object.keys(given)) {
    if (!known.has(key)) problems.push({ path: `settings.${key}`, rule: 'unknown-setting', message: `"${key}" is not a setting of this plan` });
  }
  return resolved;
}

/** The names the given formulas read, directly or through the quantities they read. */
function usedNames(sources: Array<string | null>, quantities: ReadonlyMap<string, { src: string | null }>): Set<string> {
  const used = new Set<string>();
  const pending = [...sources];
  while (pending.length > 0) {
    const src = pending.pop();
    if (!src) continue;
    for (const name of formulaNames(src)) {
      if (used.has(name)) continue;
      used.add(name);
      const quantity = quantities.get(name);
      if (quantity) pending.push(quantity.src);
    }
  }
  return used;
}

function readValues(
  specs: PayInputSpec[],
  given: Record<string, string | number | boolean>,
  used: ReadonlySet<string>,
  options: ComputePayOptions,
  problems: Problem[],
): Map<string, Decimal | boolean> {
  const values = new Map<string, Decimal | boolean>();
  const declared = new Set(specs.map((s) => s.name));
  for (const spec of specs) {
    const path = `values.${spec.name}`;
    const raw = given[spec.name];
    // A blank CSV cell means "not given", not zero.
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      // A required input the plan never reads (only some variants use it) falls back to its default too.
      if (spec.required && used.has(spec.name)) problems.push({ path, rule: 'required', message: `${spec.name} (${spec.label.en}) is missing: ${KIND_HINT[spec.kind]}` });
      else if (spec.default !== undefined) values.set(spec.name, typeof spec.default === 'boolean' ? spec.default : new Decimal(String(spec.default)));
      continue;
    }
    if (spec.kind === 'boolean') {
      const value = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
      if (value === undefined) problems.push({ path, rule: 'not-a-boolean', message: `${spec.name} (${spec.label.en}) must be true or false, not ${JSON.stringify(raw)}` });
      else values.set(spec.name, value);
      continue;
    }
    const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : typeof raw === 'string' ? raw.trim() : '';
    if (typeof raw === 'boolean' || !(NUMBER_TEXT.test(text) || (typeof raw === 'number' && text !== ''))) {
      problems.push({ path, rule: 'not-a-number', message: `${spec.name} (${spec.label.en}) must be ${KIND_HINT[spec.kind]}, not ${JSON.stringify(raw)}` });
      continue;
    }
    const value = new Decimal(text);
    if (spec.min !== undefined && value.lessThan(String(spec.min))) {
      problems.push({ path, rule: 'min', message: `${spec.name} (${spec.label.en}) is ${value.toFixed()}, below the minimum ${spec.min}` });
    } else if (spec.max !== undefined && value.greaterThan(String(spec.max))) {
      problems.push({ path, rule: 'max', message: `${spec.name} (${spec.label.en}) is ${value.toFixed()}, above the maximum ${spec.max}` });
    } else {
      values.set(spec.name, value);
    }
  }
  if (!options.ignoreUnknownInputs) {
    for (const name of Object.keys(given)) {
      if (!declared.has(name)) problems.push({ path: `values.${name}`, rule: 'unknown-input', message: `"${name}" is not an input of this plan` });
    }
  }
  return values;
}

function show(value: Decimal | boolean): string {
  return typeof value === 'boolean' ? String(value) : value.toFixed();
}

function withReasons(label: Label, reasons: Label[]): Label {
  if (reasons.length === 0) return label;
  return {
    'zh-Hant': `${label['zh-Hant']}：${reasons.map((r) => r['zh-Hant']).join('、')}`,
    'zh-Hans': `${label['zh-Hans']}：${reasons.map((r) => r['zh-Hans']).join('、')}`,
    en: `${label.en}: ${reasons.map((r) => r.en).join(', ')}`,
  };
}
