// A pay plan compiled once into closures, paying in exact scaled integers.
//
// computePay's general path (pay.ts) reads the input with zod, resolves which formulas are in
// force, and walks each formula's tree in decimal.js: right for every plan and every input, and it
// names every problem. Payroll pays thousands of people with one plan, so the plan is compiled here
// once per choice of settings: each formula becomes a closure whose names are resolved to slots,
// and its arithmetic is done on integers with a decimal scale (93.45 is 9345 × 10⁻²). Adding,
// subtracting, multiplying, comparing and rounding are exact while the integers are safe; a division
// is kept only when it comes out exact. The moment anything is not plain — an input in another
// shape, a value out of range, a formula that fails, a number too long — `pay` answers undefined and
// computePay takes the general path, whose answer (or problems) stand. A payslip from here is
// therefore always the one decimal.js gives: test/fast-path.property.test.ts compares the two.
import { Inexact } from '../arith.ts';
import { isPlainObject } from '../plain.ts';
import { Period } from '../schema.ts';
import type { Label } from '../schema.ts';
import { formulaNames, parseFormula } from './formula.ts';
import type { FormulaNode } from './formula.ts';
import type { PayPlan, PaySettingSpec, PayVariants } from './pay-schema.ts';
import type { ComputePayOptions, PayInput, Payslip, PayslipFlag, PayslipLine } from './pay.ts';

/** An exact decimal: m × 10^−s, m a safe integer. */
interface Fx {
  readonly m: number;
  readonly s: number;
}
type Value = Fx | boolean;

const INEXACT = new Inexact('not exact in scaled integers');
const POW10 = Array.from({ length: 23 }, (_, n) => 10 ** n);
const safe = (m: number): number => {
  if (!Number.isSafeInteger(m)) throw INEXACT;
  return m;
};
const fx = (m: number, s: number): Fx => ({ m: m === 0 ? 0 : m, s });
/** The same value at scale s ≥ a.s. */
const at = (a: Fx, s: number): number => (s === a.s ? a.m : safe(a.m * POW10[s - a.s]!));
const compare = (a: Fx, b: Fx): number => {
  const s = Math.max(a.s, b.s);
  const x = at(a, s);
  const y = at(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
};
/** Drops trailing zeros of the fraction, so scales stay small. */
const trim = (m: number, s: number): Fx => {
  while (s > 0 && m % 10 === 0) {
    m /= 10;
    s--;
  }
  return fx(m, s);
};
const plus = (a: Fx, b: Fx): Fx => {
  const s = Math.max(a.s, b.s);
  return fx(safe(at(a, s) + at(b, s)), s);
};
const minus = (a: Fx, b: Fx): Fx => plus(a, fx(-b.m, b.s));
const times = (a: Fx, b: Fx): Fx => {
  if (a.s + b.s > 20) throw INEXACT;
  return trim(safe(a.m * b.m), a.s + b.s);
};
/** Only a quotient that ends within a few more places; anything else is decimal.js's to round. */
const divide = (a: Fx, b: Fx): Fx => {
  if (b.m === 0) throw INEXACT;
  for (let extra = 0; extra <= 6; extra++) {
    const m = safe(a.m * POW10[extra]!);
    if (m % b.m === 0) {
      const s = a.s + extra - b.s;
      return s >= 0 ? trim(m / b.m, s) : fx(safe((m / b.m) * POW10[-s]!), 0);
    }
  }
  throw INEXACT;
};
/** Half-up (四捨五入), away from zero at the half, to `places` (O-7), as decimal.js's ROUND_HALF_UP. */
const round = (a: Fx, places: number): Fx => {
  if (places >= a.s) return a;
  const unit = POW10[a.s - places]!;
  const negative = a.m < 0;
  const abs = negative ? -a.m : a.m;
  const rest = abs % unit;
  const q = (abs - rest) / unit + (rest * 2 >= unit ? 1 : 0);
  return fx(negative ? -q : q, places);
};
/** As decimal.js's toFixed(places) after rounding: no sign on a zero. */
const fixed = (a: Fx, places: number): string => {
  const r = round(a, places);
  const m = at(r, places);
  const negative = m < 0;
  const digits = String(negative ? -m : m).padStart(places + 1, '0');
  const sign = negative ? '-' : '';
  return places === 0 ? sign + digits : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
};
/** As decimal.js's toFixed(): every digit, none trailing, no exponent. */
const show = (a: Fx): string => {
  const t = trim(a.m, a.s);
  if (t.s === 0) return String(t.m);
  const negative = t.m < 0;
  const digits = String(negative ? -t.m : t.m).padStart(t.s + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -t.s)}.${digits.slice(-t.s)}`;
};

/** A decimal in the plain form `-?digits(.digits)?` as an Fx; undefined for any other form or length. */
function read(text: string): Fx | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  const start = i;
  let m = 0;
  let s = 0;
  let point = -1;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && point < 0 && i > start && i < n - 1) {
      point = i;
      continue;
    }
    if (code < 48 || code > 57) return undefined;
    m = m * 10 + (code - 48);
    if (point >= 0) s++;
  }
  // "-0" keeps its sign in decimal.js; such values, and long ones, are decimal.js's to read
  if (i === start || !Number.isSafeInteger(m) || n - start > 15 || (negative && m === 0)) return undefined;
  return trim(negative ? -m : m, s);
}

const amountOf = (value: string | number | boolean | undefined): Fx | undefined =>
  typeof value === 'string' ? read(value) : typeof value === 'number' && Number.isFinite(value) ? read(String(value)) : undefined;

// ---------------------------------------------------------------------------------------------

/** Where each name lives while one payslip is computed. */
interface Frame {
  values: Array<Value | undefined>;
  quantities: Array<Value | undefined>;
}
type Compiled = (frame: Frame) => Value;

interface Line {
  id: string;
  label: Label;
  source: string | undefined;
  src: string;
  amount: Compiled;
  when: Compiled | undefined;
  /** what the line shows as its inputs: the names its formula reads, in order */
  shows: Array<{ name: string; get: Compiled }>;
}

interface Flag {
  code: string;
  source: string;
  label: Label;
  when: Compiled;
  reasons: Array<{ when: Compiled; label: Label }>;
}

/** The plan for one choice of settings. */
interface Chosen {
  lines: Line[];
  flags: Flag[];
  /** inputs a formula in force reads, directly or through quantities */
  used: Set<string>;
}

interface InputSlot {
  name: string;
  kind: 'boolean' | 'number';
  required: boolean;
  fallback: Value | undefined;
  min: Fx | undefined;
  max: Fx | undefined;
}

/** Thrown while compiling when a construct is left to the general path. */
const UNSUPPORTED = new Inexact('left to the general path');

function compilePlan(plan: PayPlan) {
  // a name Object.prototype also has is read through it by the general path: leave such plans to it
  for (const s of plan.settings) if (s.name in Object.prototype || s.id in Object.prototype) throw UNSUPPORTED;
  const inputs: InputSlot[] = plan.inputs.map((spec) => {
    if (spec.name in Object.prototype) throw UNSUPPORTED;
    const bound = (v: string | number | undefined) => (v === undefined ? undefined : (amountOf(v) ?? fail()));
    const fallback = spec.default === undefined ? undefined : typeof spec.default === 'boolean' ? spec.default : (amountOf(spec.default) ?? fail());
    return { name: spec.name, kind: spec.kind === 'boolean' ? 'boolean' : 'number', required: spec.required, fallback, min: bound(spec.min), max: bound(spec.max) };
  });
  const inputIndex = new Map(inputs.map((slot, n) => [slot.name, n]));
  const declared = new Set(inputs.map((slot) => slot.name));
  const chosenBySettings = new Map<string, Chosen | null>();

  const choose = (settings: Record<string, string>): Chosen => {
    const pick = (owner: { formula?: string | undefined; variants?: PayVariants | undefined }): string => {
      const variant = owner.variants ? owner.variants.cases[settings[owner.variants.setting] ?? ''] : undefined;
      return variant ?? owner.formula ?? fail();
    };
    const quantitySrc = plan.quantities.map((q) => pick(q));
    const quantityIndex = new Map<string, number>();
    plan.quantities.forEach((q, n) => {
      if (!quantityIndex.has(q.name)) quantityIndex.set(q.name, n);
    });
    const quantityCode: Compiled[] = [];
    const compileName = (name: string): Compiled => {
      const input = inputIndex.get(name);
      if (input !== undefined) {
        return (frame) => frame.values[input] ?? fail();
      }
      const q = quantityIndex.get(name);
      if (q === undefined) throw UNSUPPORTED;
      return (frame) => {
        let value = frame.quantities[q];
        if (value === undefined) {
          value = quantityCode[q]!(frame);
          frame.quantities[q] = value;
        }
        return value;
      };
    };
    const compileSource = (src: string): Compiled => {
      const parsed = parseFormula(src);
      if (!parsed.ok) throw UNSUPPORTED;
      return compileNode(parsed.ast, compileName);
    };
    quantitySrc.forEach((src, q) => {
      quantityCode[q] = compileSource(src);
    });
    const used = new Set<string>();
    const pending = [
      ...plan.lines.flatMap((l) => (l.when === undefined ? [pick(l)] : [pick(l), l.when])),
      ...plan.flags.flatMap((f) => [f.when, ...(f.reasons ?? []).map((r) => r.when)]),
    ];
    while (pending.length > 0) {
      for (const name of formulaNames(pending.pop()!)) {
        if (used.has(name)) continue;
        used.add(name);
        const q = quantityIndex.get(name);
        if (q !== undefined) pending.push(quantitySrc[q]!);
      }
    }
    return {
      used,
      lines: plan.lines.map((l) => {
        const src = pick(l);
        return {
          id: l.id, label: l.label, source: l.source, src,
          amount: compileSource(src),
          when: l.when === undefined ? undefined : compileSource(l.when),
          shows: formulaNames(src).map((name) => ({ name, get: compileName(name) })),
        };
      }),
      flags: plan.flags.map((f) => ({
        code: f.code,
        source: f.source ?? plan.source ?? plan.id,
        label: f.label,
        when: compileSource(f.when),
        reasons: (f.reasons ?? []).map((r) => ({ when: compileSource(r.when), label: r.label })),
      })),
    };
  };

  /** The payslip, or undefined when the general path must decide. */
  return (input: PayInput, options: ComputePayOptions, withReasons: (label: Label, reasons: Label[]) => Label): Payslip | undefined => {
    const request = readRequest(input);
    if (!request) return undefined;
    const settings = resolve(plan.settings, request.settings);
    if (!settings) return undefined;
    const key = plan.settings.map((s) => settings[s.name]).join('\u0000');
    let chosen = chosenBySettings.get(key);
    if (chosen === undefined) {
      try {
        chosen = choose(settings);
      } catch (error) {
        if (!(error instanceof Inexact)) throw error;
        chosen = null;
      }
      chosenBySettings.set(key, chosen);
    }
    if (chosen === null) return undefined;

    const values = request.values;
    const frame: Frame = { values: [], quantities: [] };
    let given = 0;
    for (let n = 0; n < inputs.length; n++) {
      const slot = inputs[n]!;
      const raw = Object.hasOwn(values, slot.name) ? values[slot.name] : undefined;
      if (raw !== undefined) given++;
      let value: Value | undefined;
      if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
        if (slot.required && chosen.used.has(slot.name)) return undefined;
        value = slot.fallback;
      } else if (slot.kind === 'boolean') {
        value = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
        if (value === undefined) return undefined;
      } else {
        value = amountOf(typeof raw === 'string' ? raw.trim() : raw);
        if (value === undefined || (slot.min && compare(value, slot.min) < 0) || (slot.max && compare(value, slot.max) > 0)) return undefined;
      }
      frame.values[n] = value;
    }
    if (!options.ignoreUnknownInputs) {
      let count = 0;
      for (const name in values) {
        if (!declared.has(name)) return undefined;
        count++;
      }
      if (count !== given) return undefined;
    }


    const lines: PayslipLine[] = [];
    let cents = 0;
    for (const line of chosen.lines) {
      if (line.when && line.when(frame) !== true) continue;
      const amount = line.amount(frame);
      if (typeof amount === 'boolean') return undefined;
      const shown: Record<string, string> = {};
      for (const { name, get } of line.shows) {
        const value = get(frame);
        shown[name] = typeof value === 'boolean' ? String(value) : show(value);
      }
      // O-7: each line is rounded half-up (四捨五入) to 0.01, once; the total adds the rounded lines.
      const rounded = round(amount, 2);
      cents = safe(cents + at(rounded, 2));
      lines.push({ id: line.id, label: line.label, formula: line.src, inputs: shown, amount: fixed(rounded, 2), ...(line.source ? { source: line.source } : {}) });
    }
    const flags: PayslipFlag[] = [];
    for (const flag of chosen.flags) {
      if (flag.when(frame) !== true) continue;
      const reasons = flag.reasons.filter((r) => r.when(frame) === true).map((r) => r.label);
      flags.push({ code: flag.code, source: flag.source, label: withReasons(flag.label, reasons), reasons });
    }
    return {
      plan: { id: plan.id, version: plan.version },
      ...(request.employee !== undefined ? { employee: request.employee } : {}),
      ...(request.period !== undefined ? { period: request.period } : {}),
      currency: plan.currency,
      lines,
      total: fixed(fx(cents, 2), 2),
      flags,
      settings: { ...settings },
    };
  };
}

function fail(): never {
  throw INEXACT;
}

function compileNode(node: FormulaNode, name: (name: string) => Compiled): Compiled {
  const sub = (child: FormulaNode) => compileNode(child, name);
  const num = (child: FormulaNode) => {
    const code = sub(child);
    return (frame: Frame): Fx => {
      const value = code(frame);
      if (typeof value === 'boolean') throw INEXACT;
      return value;
    };
  };
  const bool = (child: FormulaNode) => {
    const code = sub(child);
    return (frame: Frame): boolean => {
      const value = code(frame);
      if (typeof value !== 'boolean') throw INEXACT;
      return value;
    };
  };
  switch (node.kind) {
    case 'number': {
      const value = read(node.value);
      if (!value) throw UNSUPPORTED;
      return () => value;
    }
    case 'boolean': {
      const value = node.value;
      return () => value;
    }
    case 'name': return name(node.name);
    case 'negate': {
      const a = num(node.argument);
      return (f) => {
        const v = a(f);
        return fx(-v.m, v.s);
      };
    }
    case 'not': {
      const a = bool(node.argument);
      return (f) => !a(f);
    }
    case 'arithmetic': {
      const a = num(node.left);
      const b = num(node.right);
      switch (node.operator) {
        case '+': return (f) => plus(a(f), b(f));
        case '-': return (f) => minus(a(f), b(f));
        case '*': return (f) => times(a(f), b(f));
        case '/': return (f) => divide(a(f), b(f));
      }
      break;
    }
    case 'logical': {
      const a = bool(node.left);
      const b = bool(node.right);
      return node.operator === '&&' ? (f) => a(f) && b(f) : (f) => a(f) || b(f);
    }
    case 'compare': {
      const a = sub(node.left);
      const b = sub(node.right);
      const test = COMPARE[node.operator];
      return (f) => {
        const x = a(f);
        const y = b(f);
        if (typeof x === 'boolean' || typeof y === 'boolean') {
          if (typeof x !== 'boolean' || typeof y !== 'boolean' || (node.operator !== '==' && node.operator !== '!=')) throw INEXACT;
          return node.operator === '==' ? x === y : x !== y;
        }
        return test(compare(x, y));
      };
    }
    case 'call': {
      const args = node.args;
      switch (node.callee) {
        case 'if': {
          if (args.length !== 3) throw UNSUPPORTED;
          const [c, t, e] = [bool(args[0]!), sub(args[1]!), sub(args[2]!)];
          return (f) => (c(f) ? t(f) : e(f));
        }
        case 'min': case 'max': {
          if (args.length < 1) throw UNSUPPORTED;
          const list = args.map(num);
          const sign = node.callee === 'min' ? -1 : 1;
          return (f) => {
            let best = list[0]!(f);
            for (let n = 1; n < list.length; n++) {
              const v = list[n]!(f);
              if (compare(v, best) === sign) best = v;
            }
            return best;
          };
        }
        case 'clamp': {
          if (args.length !== 3) throw UNSUPPORTED;
          const [x, lo, hi] = args.map(num) as [ReturnType<typeof num>, ReturnType<typeof num>, ReturnType<typeof num>];
          return (f) => {
            const v = x(f);
            const low = lo(f);
            const high = hi(f);
            if (compare(low, high) > 0) throw INEXACT;
            return compare(v, low) < 0 ? low : compare(v, high) > 0 ? high : v;
          };
        }
        case 'round': {
          const places = args[1];
          if (args.length < 1 || args.length > 2 || (places && (places.kind !== 'number' || !/^\d+$/.test(places.value) || Number(places.value) > 20))) throw UNSUPPORTED;
          const x = num(args[0]!);
          const p = places ? Number(places.value) : 0;
          return (f) => round(x(f), p);
        }
      }
    }
  }
  throw UNSUPPORTED;
}

const COMPARE: Readonly<Record<'<' | '<=' | '>' | '>=' | '==' | '!=', (order: number) => boolean>> = {
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
  '==': (o) => o === 0,
  '!=': (o) => o !== 0,
};

const PERIOD = Period;

/** The request as PayInput's parse gives it, when it is plain data in its shape; else undefined. */
function readRequest(input: unknown): { employee?: string; period?: string; values: Record<string, string | number | boolean>; settings: Record<string, string> } | undefined {
  if (!isPlainObject(input)) return undefined;
  let employee: string | undefined;
  let period: string | undefined;
  let values: Record<string, string | number | boolean> = {};
  let settings: Record<string, string> = {};
  for (const key in input) {
    const value = input[key];
    if (key === 'employee' && typeof value === 'string') employee = value;
    else if (key === 'period' && typeof value === 'string' && PERIOD.safeParse(value).success) period = value;
    else if (key === 'values' && isPlainObject(value)) {
      for (const name in value) {
        const v = value[name];
        if (name === '__proto__' || !Object.hasOwn(value, name) || !(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) return undefined;
      }
      values = value as typeof values;
    } else if (key === 'settings' && isPlainObject(value)) {
      for (const name in value) if (name === '__proto__' || !Object.hasOwn(value, name) || typeof value[name] !== 'string') return undefined;
      settings = value as typeof settings;
    } else return undefined;
  }
  return { ...(employee !== undefined ? { employee } : {}), ...(period !== undefined ? { period } : {}), values, settings };
}

/** The settings in force, when every one given is known, unambiguous and an option; else undefined. */
function resolve(specs: PaySettingSpec[], given: Record<string, string>): Record<string, string> | undefined {
  const resolved: Record<string, string> = {};
  let known = 0;
  for (const spec of specs) {
    const byName = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    const byId = Object.hasOwn(given, spec.id) ? given[spec.id] : undefined;
    if (byName !== undefined && byId !== undefined && byName !== byId) return undefined;
    const value = byName ?? byId ?? spec.default;
    if (!spec.options.includes(value)) return undefined;
    known += (byName !== undefined ? 1 : 0) + (byId !== undefined && spec.id !== spec.name ? 1 : 0);
    resolved[spec.name] = value;
  }
  let count = 0;
  for (const _ in given) count++;
  return count === known ? resolved : undefined;
}

const compiledPlans = new WeakMap<PayPlan, ReturnType<typeof compilePlan> | null>();

/** The plan's compiled payer, or null when the plan uses what only the general path does. */
export function compiledPayer(plan: PayPlan): ReturnType<typeof compilePlan> | null {
  let payer = compiledPlans.get(plan);
  if (payer === undefined) {
    try {
      payer = compilePlan(plan);
    } catch (error) {
      if (!(error instanceof Inexact)) throw error;
      payer = null;
    }
    compiledPlans.set(plan, payer);
  }
  return payer;
}
