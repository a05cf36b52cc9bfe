// A payslip line's formula told in words: the formula's tree (parseFormula) walked with each name
// replaced by its label and the value it had, formatted for what it holds (money, rate, score).
// Nothing is computed here; the values are the ones computePay recorded on the line.
import { parseFormula, type FormulaNode, type PayInputKind, type PayPlan, type Payslip, type PayslipLine } from '@kaohe/scoring';
import type { Locale } from '../base/locale.ts';
import { formatByKind, formatNumber, formatRate } from '../base/number-format.ts';
import { payslipMsg } from './payslip-messages.ts';

export type ValueKind = PayInputKind;

/** One piece of the sentence: a label, the value it had, an operator or a connecting word. */
export interface FormulaWord {
  kind: 'label' | 'value' | 'operator' | 'word';
  text: string;
}

/** The formula in force for a quantity under the payslip's settings. */
function quantityFormula(plan: PayPlan, name: string, settings: Readonly<Record<string, string>>): string | undefined {
  const quantity = plan.quantities.find((q) => q.name === name);
  if (!quantity) return undefined;
  const variant = quantity.variants ? quantity.variants.cases[settings[quantity.variants.setting] ?? ''] : undefined;
  return variant ?? quantity.formula;
}

function parsed(src: string | undefined): FormulaNode | undefined {
  if (src === undefined) return undefined;
  const result = parseFormula(src);
  return result.ok ? result.ast : undefined;
}

/**
 * What each name of the plan holds. Inputs say it themselves; a quantity takes it from its formula:
 * money times anything is money, a score divided by a number is a rate (workScore / 100), a
 * comparison is a condition.
 */
export function valueKinds(plan: PayPlan, settings: Readonly<Record<string, string>>): Map<string, ValueKind> {
  const kinds = new Map<string, ValueKind>(plan.inputs.map((input) => [input.name, input.kind]));
  const visiting = new Set<string>();
  const kindOfName = (name: string): ValueKind => {
    const known = kinds.get(name);
    if (known) return known;
    if (visiting.has(name)) return 'number';
    visiting.add(name);
    const ast = parsed(quantityFormula(plan, name, settings));
    const kind = ast ? kindOf(ast) : 'number';
    kinds.set(name, kind);
    return kind;
  };
  const kindOf = (node: FormulaNode): ValueKind => {
    switch (node.kind) {
      case 'number': return 'number';
      case 'boolean': case 'compare': case 'logical': case 'not': return 'boolean';
      case 'name': return kindOfName(node.name);
      case 'negate': return kindOf(node.argument);
      case 'arithmetic': {
        const left = kindOf(node.left);
        const right = kindOf(node.right);
        if (node.operator === '*') return left === 'money' || right === 'money' ? 'money' : left === 'rate' || right === 'rate' ? 'rate' : left;
        if (node.operator === '/') return left === 'score' && right === 'number' ? 'rate' : left;
        return left;
      }
      case 'call': {
        const first = node.callee === 'if' ? node.args[1] : node.args[0];
        return first ? kindOf(first) : 'number';
      }
    }
  };
  for (const quantity of plan.quantities) kindOfName(quantity.name);
  return kinds;
}

/** The label of a name in `locale`: the input's or quantity's label, else the name itself. */
export function labelOf(plan: PayPlan, name: string, locale: Locale): string {
  const label = plan.inputs.find((i) => i.name === name)?.label ?? plan.quantities.find((q) => q.name === name)?.label;
  return label ? label[locale] : name;
}

const precedence = (node: FormulaNode): number => {
  if (node.kind === 'logical') return node.operator === '||' ? 1 : 2;
  if (node.kind === 'compare') return 3;
  if (node.kind === 'arithmetic') return node.operator === '+' || node.operator === '-' ? 4 : 5;
  return 6;
};

const SYMBOL: Readonly<Record<string, string>> = { '*': '×', '/': '÷', '+': '+', '-': '−', '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠' };

/**
 * The words of one payslip line: "工資總額 T 8,000.00 × 35% × 取較小者(計劃完成率 85%, 100%)".
 * A number written in the plan reads as a percentage where it is a share (T × 0.35 → 35%) or is
 * compared with a rate (min(completionRate, 1) → 100%); a divisor stays a number (÷ 100).
 */
export function formulaWords(line: PayslipLine, plan: PayPlan, payslip: Pick<Payslip, 'settings'>, locale: Locale): FormulaWord[] {
  const ast = parsed(line.formula);
  if (!ast) return [{ kind: 'word', text: line.formula }];
  const kinds = valueKinds(plan, payslip.settings);
  const words: FormulaWord[] = [];
  const op = (text: string) => words.push({ kind: 'operator', text });
  const word = (text: string) => words.push({ kind: 'word', text });
  const m = (key: Parameters<typeof payslipMsg>[0]) => payslipMsg(key, locale);
  const staticKind = (node: FormulaNode): ValueKind | undefined => (node.kind === 'name' ? kinds.get(node.name) : undefined);

  const literal = (value: string, asRate: boolean) => {
    words.push({ kind: 'value', text: asRate ? formatRate(value, locale) : formatNumber(value, locale, 6) });
  };
  const isShare = (node: FormulaNode) => node.kind === 'number' && Number(node.value) > 0 && Number(node.value) < 1;

  const walk = (node: FormulaNode, rateLiteral = false): void => {
    switch (node.kind) {
      case 'number': literal(node.value, rateLiteral); return;
      case 'boolean': word(node.value ? m('yes') : m('no')); return;
      case 'name': {
        words.push({ kind: 'label', text: labelOf(plan, node.name, locale) });
        const value = line.inputs[node.name];
        if (value === undefined) return;
        const kind = kinds.get(node.name) ?? 'number';
        if (kind === 'boolean' || value === 'true' || value === 'false') words.push({ kind: 'value', text: `(${value === 'true' ? m('yes') : m('no')})` });
        else words.push({ kind: 'value', text: formatByKind(value, kind, locale) });
        return;
      }
      case 'negate': op('−'); group(node.argument, node.argument.kind === 'arithmetic'); return;
      case 'not': word(m('not')); group(node.argument, node.argument.kind !== 'name'); return;
      case 'arithmetic': case 'compare': case 'logical': {
        const mine = precedence(node);
        // T × 0.35: a fraction that multiplies is a share, read as 35%
        const share = node.kind === 'arithmetic' && node.operator === '*';
        const againstRate = node.kind === 'compare' && (staticKind(node.left) === 'rate' || staticKind(node.right) === 'rate');
        group(node.left, precedence(node.left) < mine, (share && isShare(node.left)) || againstRate);
        if (node.kind === 'logical') word(node.operator === '&&' ? m('and') : m('or'));
        else op(SYMBOL[node.operator] ?? node.operator);
        // a − (b − c) and a ÷ (b × c) need their brackets; a × (b × c) does not
        const tight = node.kind === 'arithmetic' && (node.operator === '-' || node.operator === '/');
        group(node.right, precedence(node.right) < mine || (tight && precedence(node.right) === mine), (share && isShare(node.right)) || againstRate);
        return;
      }
      case 'call': {
        const [a, b, c] = node.args;
        if (node.callee === 'if' && a && b && c) {
          word(m('ifWord')); walk(a); word(m('thenWord')); walk(b); word(m('elseWord')); walk(c);
          return;
        }
        const rateArgs = node.args.some((arg) => staticKind(arg) === 'rate');
        if (node.callee === 'clamp' && a && b && c) {
          walk(a); word(m('limitedTo')); walk(b, rateArgs); op('–'); walk(c, rateArgs);
          return;
        }
        word(node.callee === 'min' ? m('lowerOf') : node.callee === 'max' ? m('higherOf') : m('rounded'));
        op('(');
        node.args.forEach((arg, n) => {
          if (n > 0) op(',');
          walk(arg, node.callee !== 'round' && rateArgs);
        });
        op(')');
      }
    }
  };
  const group = (node: FormulaNode, bracket: boolean, rateLiteral = false) => {
    if (bracket) op('(');
    walk(node, rateLiteral);
    if (bracket) op(')');
  };
  walk(ast);
  return words;
}

/** The plan's score inputs a payslip's lines read, directly or through a quantity, with the value given. */
export function scoresUsed(plan: PayPlan, payslip: Payslip, values: Readonly<Record<string, unknown>>, locale: Locale): Array<{ name: string; label: string; value: string }> {
  const scoreInputs = new Set(plan.inputs.filter((i) => i.kind === 'score').map((i) => i.name));
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (node: FormulaNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'name':
        if (scoreInputs.has(node.name)) found.add(node.name);
        else if (!seen.has(node.name)) {
          seen.add(node.name);
          visit(parsed(quantityFormula(plan, node.name, payslip.settings)));
        }
        return;
      case 'negate': case 'not': visit(node.argument); return;
      case 'arithmetic': case 'compare': case 'logical': visit(node.left); visit(node.right); return;
      case 'call': node.args.forEach(visit); return;
      default: return;
    }
  };
  for (const line of payslip.lines) visit(parsed(line.formula));
  return [...found].flatMap((name) => {
    const given = values[name] ?? payslip.lines.map((l) => l.inputs[name]).find((v) => v !== undefined);
    return given === undefined || given === '' ? [] : [{ name, label: labelOf(plan, name, locale), value: String(given) }];
  });
}
