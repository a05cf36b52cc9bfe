import jsep from 'jsep';
import { Decimal } from '../decimal.ts';
import { KaoheInputError } from '../problems.ts';
import type { Problem } from '../problems.ts';

// Pay arithmetic uses the scoring package's private Decimal (decimal.ts: 40 digits, half-up 四捨五入,
// O-7), so neither a host page's global decimal.js settings nor any other module's can change a payslip.

/** A formula's value: a decimal amount or a condition. */
export type FormulaValue = Decimal | boolean;
export type FormulaType = 'number' | 'boolean';

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOperator = '&&' | '||';
export type FormulaFunction = 'min' | 'max' | 'round' | 'clamp' | 'if';

/**
 * The parsed formula. jsep's tree is translated into this closed set of nodes, so evaluation never
 * meets a construct the language does not have (member access, `this`, strings, arrays …).
 */
export type FormulaNode =
  /** `value` is the number's source text: "0.35" becomes exactly 0.35, never a float first */
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'name'; name: string }
  | { kind: 'negate'; argument: FormulaNode }
  | { kind: 'not'; argument: FormulaNode }
  | { kind: 'arithmetic'; operator: ArithmeticOperator; left: FormulaNode; right: FormulaNode }
  | { kind: 'compare'; operator: ComparisonOperator; left: FormulaNode; right: FormulaNode }
  | { kind: 'logical'; operator: LogicalOperator; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; callee: FormulaFunction; args: FormulaNode[] };

export type ParsedFormula = { ok: true; ast: FormulaNode } | { ok: false; problems: Problem[] };

/** The functions a formula may call, with how many arguments each takes. */
const FUNCTIONS: Readonly<Record<FormulaFunction, { min: number; max: number; usage: string }>> = {
  min: { min: 1, max: Infinity, usage: 'min(a, b, …)' },
  max: { min: 1, max: Infinity, usage: 'max(a, b, …)' },
  round: { min: 1, max: 2, usage: 'round(x, places)' },
  clamp: { min: 3, max: 3, usage: 'clamp(x, lo, hi)' },
  if: { min: 3, max: 3, usage: 'if(condition, then, otherwise)' },
};

/** Words a plan cannot use as the name of a quantity or an input. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.keys(FUNCTIONS), 'true', 'false', 'null', 'this']);

const ARITHMETIC = new Set<string>(['+', '-', '*', '/']);
const COMPARISON = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);
const LOGICAL = new Set<string>(['&&', '||']);
/** Operators jsep knows that a reader might mistake for something the language does. */
const HINTS: Readonly<Record<string, string>> = {
  '===': 'write == instead',
  '!==': 'write != instead',
  '%': 'write a percentage as a fraction: 50% is 0.5',
  '**': 'multiply instead',
  '??': 'use if(condition, then, otherwise)',
};

function isFunctionName(name: string): name is FormulaFunction {
  return Object.hasOwn(FUNCTIONS, name);
}

// Parsing the same source twice is common (a plan is computed once per employee); the tree is
// immutable, so it is cached. The bound keeps a long batch run from growing it without end.
const cache = new Map<string, ParsedFormula>();
const CACHE_LIMIT = 2000;

/**
 * Parses a formula of the pay language. `path` names where the formula sits (e.g.
 * `lines[1].formula`) so every problem can say where to look.
 */
export function parseFormula(src: string, path = ''): ParsedFormula {
  const cached = cache.get(src);
  if (cached) return cached.ok ? cached : { ok: false, problems: cached.problems.map((p) => ({ ...p, path })) };
  const parsed = parseUncached(src, path);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(src, parsed);
  return parsed;
}

function parseUncached(src: string, path: string): ParsedFormula {
  if (src.trim() === '') return { ok: false, problems: [{ path, rule: 'formula-syntax', message: 'the formula is empty' }] };
  let tree: jsep.Expression;
  try {
    tree = jsep(src);
  } catch (error) {
    const description = (error as { description?: string }).description ?? (error as Error).message;
    const index = (error as { index?: number }).index;
    const where = typeof index === 'number' ? ` at character ${index + 1}` : '';
    return { ok: false, problems: [{ path, rule: 'formula-syntax', message: `cannot read "${src}": ${description}${where}` }] };
  }
  const problems: Problem[] = [];
  const ast = translate(tree, src, path, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ast };
}

function translate(node: jsep.Expression, src: string, path: string, problems: Problem[]): FormulaNode {
  const unsupported = (what: string, hint = ''): FormulaNode => {
    problems.push({ path, rule: 'formula-unsupported', message: `${what} is not part of the formula language in "${src}"${hint ? `: ${hint}` : ''}` });
    return { kind: 'number', value: '0' };
  };
  const sub = (child: jsep.Expression) => translate(child, src, path, problems);
  switch (node.type) {
    case 'Literal': {
      const literal = node as jsep.Literal;
      if (typeof literal.value === 'number') return { kind: 'number', value: literal.raw };
      if (typeof literal.value === 'boolean') return { kind: 'boolean', value: literal.value };
      return unsupported(`the value ${literal.raw}`);
    }
    case 'Identifier':
      return { kind: 'name', name: (node as jsep.Identifier).name };
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      if (unary.operator === '-') return { kind: 'negate', argument: sub(unary.argument) };
      if (unary.operator === '!') return { kind: 'not', argument: sub(unary.argument) };
      return unsupported(`the operator ${unary.operator}`);
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const { operator } = binary;
      const left = sub(binary.left);
      const right = sub(binary.right);
      if (ARITHMETIC.has(operator)) return { kind: 'arithmetic', operator: operator as ArithmeticOperator, left, right };
      if (COMPARISON.has(operator)) return { kind: 'compare', operator: operator as ComparisonOperator, left, right };
      if (LOGICAL.has(operator)) return { kind: 'logical', operator: operator as LogicalOperator, left, right };
      return unsupported(`the operator ${operator}`, HINTS[operator]);
    }
    case 'ConditionalExpression': {
      const conditional = node as jsep.ConditionalExpression;
      return { kind: 'call', callee: 'if', args: [sub(conditional.test), sub(conditional.consequent), sub(conditional.alternate)] };
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      if (call.callee.type !== 'Identifier') return unsupported('calling anything but a named function');
      const name = (call.callee as jsep.Identifier).name;
      const args = call.arguments.map(sub);
      if (!isFunctionName(name)) {
        problems.push({
          path,
          rule: 'formula-unknown-function',
          message: `unknown function "${name}" in "${src}" (the functions are ${Object.keys(FUNCTIONS).join(', ')})`,
        });
        return { kind: 'number', value: '0' };
      }
      const arity = FUNCTIONS[name];
      if (args.length < arity.min || args.length > arity.max) {
        problems.push({ path, rule: 'formula-arity', message: `${name} takes ${describeArity(arity)} in "${src}": ${arity.usage}` });
      }
      return { kind: 'call', callee: name, args };
    }
    case 'Compound':
      return unsupported('more than one expression');
    case 'MemberExpression':
      return unsupported('a property access (a.b)', 'use a plain name');
    case 'ThisExpression':
      return unsupported('"this"');
    case 'ArrayExpression':
      return unsupported('a list [ … ]');
    default:
      return unsupported(`a ${node.type}`);
  }
}

function describeArity(arity: { min: number; max: number }): string {
  if (arity.max === Infinity) return `at least ${arity.min} argument${arity.min === 1 ? '' : 's'}`;
  if (arity.min === arity.max) return `${arity.min} arguments`;
  return `${arity.min} to ${arity.max} arguments`;
}

function parsedOrThrow(formula: string | FormulaNode, path: string): FormulaNode {
  if (typeof formula !== 'string') return formula;
  const parsed = parseFormula(formula, path);
  if (!parsed.ok) throw new KaoheInputError('formula', parsed.problems);
  return parsed.ast;
}

/** The names a formula reads, each once, in the order they first appear: what a payslip line shows as its inputs. */
export function formulaNames(formula: string | FormulaNode): string[] {
  const names = new Set<string>();
  const visit = (node: FormulaNode): void => {
    switch (node.kind) {
      case 'name': names.add(node.name); break;
      case 'negate': case 'not': visit(node.argument); break;
      case 'arithmetic': case 'compare': case 'logical': visit(node.left); visit(node.right); break;
      case 'call': node.args.forEach(visit); break;
      default: break;
    }
  };
  visit(parsedOrThrow(formula, ''));
  return [...names];
}

/** Writes a formula tree back as text, for messages ("division by zero: refundTimeTarget is 0"). */
export function formulaText(node: FormulaNode): string {
  const wrap = (child: FormulaNode) => (child.kind === 'arithmetic' || child.kind === 'compare' || child.kind === 'logical' ? `(${formulaText(child)})` : formulaText(child));
  switch (node.kind) {
    case 'number': return node.value;
    case 'boolean': return String(node.value);
    case 'name': return node.name;
    case 'negate': return `-${wrap(node.argument)}`;
    case 'not': return `!${wrap(node.argument)}`;
    case 'arithmetic': case 'compare': case 'logical': return `${wrap(node.left)} ${node.operator} ${wrap(node.right)}`;
    case 'call': return `${node.callee}(${node.args.map(formulaText).join(', ')})`;
  }
}

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
