import { Decimal } from '../decimal.ts';
import { KaoheInputError } from '../problems.ts';
import type { Problem } from '../problems.ts';
import { FUNCTIONS, describeArity, formulaText, parsedOrThrow } from './formula-parse.ts';
import type { FormulaNode, FormulaType } from './formula-parse.ts';

// Pay arithmetic uses the scoring package's private Decimal (decimal.ts: 40 digits, half-up 四捨五入,
// O-7), so neither a host page's global decimal.js settings nor any other module's can change a payslip.
// The parser is formula-parse.ts (re-exported here).

export type {
  ArithmeticOperator, ComparisonOperator, FormulaFunction, FormulaNode, FormulaType, LogicalOperator, ParsedFormula,
} from './formula-parse.ts';
export { RESERVED_NAMES, formulaNames, formulaText, parseFormula } from './formula-parse.ts';

/** A formula's value: a decimal amount or a condition. */
export type FormulaValue = Decimal | boolean;

/**
 * Works out whether a formula yields a number or a condition, given the type of each name, and
 * reports every misuse (a condition added to an amount, an unknown name …) instead of the first.
 * Returns null for the type when it cannot be known.
 */
export function checkFormulaTypes(
  node: FormulaNode,
  typeOf: (name: string) => FormulaType | null | undefined,
  path: string,
  src: string,
  problems: Problem[],
): FormulaType | null {
  const expect = (child: FormulaNode, wanted: FormulaType, role: string): void => {
    const actual = checkFormulaTypes(child, typeOf, path, src, problems);
    if (actual !== null && actual !== wanted) {
      problems.push({
        path,
        rule: 'formula-type',
        message: `${role} must be ${wanted === 'number' ? 'a number' : 'a condition'}, but "${formulaText(child)}" is ${actual === 'number' ? 'a number' : 'a condition'} in "${src}"`,
      });
    }
  };
  switch (node.kind) {
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'name': {
      const type = typeOf(node.name);
      if (type === undefined) {
        problems.push({ path, rule: 'formula-unknown-name', message: `unknown name "${node.name}" in "${src}": it is neither an input nor a quantity of this plan` });
        return null;
      }
      return type;
    }
    case 'negate': expect(node.argument, 'number', `the operand of -`); return 'number';
    case 'not': expect(node.argument, 'boolean', `the operand of !`); return 'boolean';
    case 'arithmetic':
      expect(node.left, 'number', `each side of ${node.operator}`);
      expect(node.right, 'number', `each side of ${node.operator}`);
      return 'number';
    case 'logical':
      expect(node.left, 'boolean', `each side of ${node.operator}`);
      expect(node.right, 'boolean', `each side of ${node.operator}`);
      return 'boolean';
    case 'compare': {
      if (node.operator === '==' || node.operator === '!=') {
        const left = checkFormulaTypes(node.left, typeOf, path, src, problems);
        const right = checkFormulaTypes(node.right, typeOf, path, src, problems);
        if (left !== null && right !== null && left !== right) {
          problems.push({ path, rule: 'formula-type', message: `${node.operator} compares a number with a condition in "${src}"` });
        }
      } else {
        expect(node.left, 'number', `each side of ${node.operator}`);
        expect(node.right, 'number', `each side of ${node.operator}`);
      }
      return 'boolean';
    }
    case 'call': {
      if (node.callee === 'if') {
        const [condition, then, otherwise] = node.args;
        if (condition) expect(condition, 'boolean', 'the first argument of if');
        const a = then ? checkFormulaTypes(then, typeOf, path, src, problems) : null;
        const b = otherwise ? checkFormulaTypes(otherwise, typeOf, path, src, problems) : null;
        if (a !== null && b !== null && a !== b) {
          problems.push({ path, rule: 'formula-type', message: `both branches of if must be numbers or both conditions in "${src}"` });
          return null;
        }
        return a ?? b;
      }
      node.args.forEach((arg, index) => expect(arg, 'number', `argument ${index + 1} of ${node.callee}`));
      if (node.callee === 'round') {
        const places = node.args[1];
        if (places && (places.kind !== 'number' || !/^\d+$/.test(places.value))) {
          problems.push({ path, rule: 'formula-round-places', message: `round takes a whole number of places written as a number, e.g. round(x, 2), in "${src}"` });
        }
      }
      return 'number';
    }
  }
}

/** Raised while evaluating: carries the problem, so a caller can name the formula's place in its plan. */
export class FormulaError extends KaoheInputError {
  constructor(problem: Problem) {
    super('formula', [problem]);
  }
  get problem(): Problem {
    return this.problems[0]!;
  }
}

export interface EvaluateOptions {
  /** where the formula sits, for problems: `lines[2].formula` */
  path?: string;
}

/**
 * Evaluates a formula over named values. Unknown names, a condition used as a number, division by
 * zero and bad syntax throw a {@link FormulaError} naming the path and the name.
 * `&&`, `||` and `if` evaluate only the branch they need, so `if(target == 0, 0, done / target)` is safe.
 */
export function evaluateFormula(
  formula: string | FormulaNode,
  scope: Readonly<Record<string, Decimal | boolean>>,
  options: EvaluateOptions = {},
): FormulaValue {
  const path = options.path ?? '';
  const ast = parsedOrThrow(formula, path);
  const src = typeof formula === 'string' ? formula : formulaText(formula);
  return evaluateNode(ast, (name) => (Object.hasOwn(scope, name) ? scope[name] : undefined), path, src);
}

/** Evaluation with names resolved on demand, so a pay plan can compute its quantities lazily. */
export function evaluateNode(
  node: FormulaNode,
  resolve: (name: string) => Decimal | boolean | undefined,
  path: string,
  src: string,
): FormulaValue {
  const fail = (rule: string, message: string): never => {
    throw new FormulaError({ path, rule, message: `${message} in "${src}"` });
  };
  const number = (child: FormulaNode, role: string): Decimal => {
    const value = evaluateNode(child, resolve, path, src);
    if (typeof value === 'boolean') return fail('formula-type', `${role} must be a number, but "${formulaText(child)}" is a condition`);
    return value instanceof Decimal ? value : new Decimal(value);
  };
  const condition = (child: FormulaNode, role: string): boolean => {
    const value = evaluateNode(child, resolve, path, src);
    if (typeof value !== 'boolean') return fail('formula-type', `${role} must be a condition, but "${formulaText(child)}" is a number`);
    return value;
  };
  switch (node.kind) {
    case 'number': return new Decimal(node.value);
    case 'boolean': return node.value;
    case 'name': {
      const value = resolve(node.name);
      if (value === undefined) return fail('formula-unknown-name', `unknown name "${node.name}"`);
      return typeof value === 'boolean' ? value : new Decimal(value);
    }
    case 'negate': return number(node.argument, 'the operand of -').negated();
    case 'not': return !condition(node.argument, 'the operand of !');
    case 'arithmetic': {
      const left = number(node.left, `each side of ${node.operator}`);
      const right = number(node.right, `each side of ${node.operator}`);
      switch (node.operator) {
        case '+': return left.plus(right);
        case '-': return left.minus(right);
        case '*': return left.times(right);
        case '/':
          if (right.isZero()) return fail('formula-division-by-zero', `division by zero: ${formulaText(node.right)} is 0`);
          return left.dividedBy(right);
      }
      break;
    }
    case 'logical': {
      const left = condition(node.left, `each side of ${node.operator}`);
      if (node.operator === '&&') return left && condition(node.right, 'each side of &&');
      return left || condition(node.right, 'each side of ||');
    }
    case 'compare': {
      const left = evaluateNode(node.left, resolve, path, src);
      const right = evaluateNode(node.right, resolve, path, src);
      if (typeof left === 'boolean' || typeof right === 'boolean') {
        if (typeof left === 'boolean' && typeof right === 'boolean' && (node.operator === '==' || node.operator === '!=')) {
          return node.operator === '==' ? left === right : left !== right;
        }
        return fail('formula-type', `${node.operator} needs two numbers${node.operator === '==' || node.operator === '!=' ? ' or two conditions' : ''}`);
      }
      const order = new Decimal(left).comparedTo(right);
      switch (node.operator) {
        case '<': return order < 0;
        case '<=': return order <= 0;
        case '>': return order > 0;
        case '>=': return order >= 0;
        case '==': return order === 0;
        case '!=': return order !== 0;
      }
      break;
    }
    case 'call': {
      const args = node.args;
      const arity = FUNCTIONS[node.callee];
      if (args.length < arity.min || args.length > arity.max) return fail('formula-arity', `${node.callee} takes ${describeArity(arity)}: ${arity.usage}`);
      switch (node.callee) {
        case 'if':
          return condition(args[0]!, 'the first argument of if') ? evaluateNode(args[1]!, resolve, path, src) : evaluateNode(args[2]!, resolve, path, src);
        case 'min':
          return Decimal.min(...args.map((arg, i) => number(arg, `argument ${i + 1} of min`)));
        case 'max':
          return Decimal.max(...args.map((arg, i) => number(arg, `argument ${i + 1} of max`)));
        case 'clamp': {
          const x = number(args[0]!, 'the value to clamp');
          const lo = number(args[1]!, 'the lower bound of clamp');
          const hi = number(args[2]!, 'the upper bound of clamp');
          if (lo.greaterThan(hi)) return fail('formula-clamp-bounds', `clamp's lower bound ${lo.toFixed()} is above its upper bound ${hi.toFixed()}`);
          return Decimal.min(Decimal.max(x, lo), hi);
        }
        case 'round': {
          const x = number(args[0]!, 'the value to round');
          const places = args[1] ? number(args[1], 'the places of round') : new Decimal(0);
          if (!places.isInteger() || places.isNegative() || places.greaterThan(20)) {
            return fail('formula-round-places', `round takes 0 to 20 whole places, not ${places.toFixed()}`);
          }
          // O-7: half-up, 四捨五入 — 2.345 → 2.35, -2.345 → -2.35 (away from zero at the half).
          return x.toDecimalPlaces(places.toNumber(), Decimal.ROUND_HALF_UP);
        }
      }
    }
  }
  return fail('formula-unsupported', 'an unsupported construct');
}
