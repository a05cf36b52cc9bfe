// The pay language's parser (jsep): a formula's source to its tree, the names it reads and its text.
// A module of its own, without the arithmetic (decimal.js): a page that only shows a payslip computed
// elsewhere reads its formulas in words and never evaluates one (issue 14).
import jsep from 'jsep';
import { KaoheInputError } from '../problems.ts';
import type { Problem } from '../problems.ts';

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
export const FUNCTIONS: Readonly<Record<FormulaFunction, { min: number; max: number; usage: string }>> = {
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

export function describeArity(arity: { min: number; max: number }): string {
  if (arity.max === Infinity) return `at least ${arity.min} argument${arity.min === 1 ? '' : 's'}`;
  if (arity.min === arity.max) return `${arity.min} arguments`;
  return `${arity.min} to ${arity.max} arguments`;
}

export function parsedOrThrow(formula: string | FormulaNode, path: string): FormulaNode {
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
