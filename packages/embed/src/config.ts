// Kaohe.configure's input checked in one place: the directory and user, the locale, every rubric and
// chain, and the assignments that tie roles to them. Every problem of every part is listed at once.
import { KaoheInputError, type PayPlanInput, type Problem, type Rubric } from '@kaohe/scoring';
import type { KaoheStore } from '@kaohe/store';
import { canonicalTimeZone, presetAssignments, type Chain } from '@kaohe/workflow';
import { locales } from '@kaohe/elements/locale';
import type { KaoheConfig } from './api-types.ts';
import type { KaoheAssignment } from './context.ts';
import type { KaohePresetFile } from './presets-channel.ts';
import { DeferredStore } from './deferred-store.ts';
import type { ChainRules } from './chains.ts';

/**
 * Which rubric, chain and pay plan apply to each role of the presets (rules.md §1, §3, §5). The rubrics
 * and pay plans named here come with kaohe-presets.js; the chains load when first needed (chains.ts).
 */
export const defaultAssignments: Readonly<Record<string, KaoheAssignment>> = presetAssignments;

export function toRecord<T extends { id: string }>(value: T[] | Record<string, T> | undefined): Record<string, T> {
  if (!value) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((item) => [item.id, item]));
  return { ...value };
}

function prefixed(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path ? `${prefix}.${problem.path}` : prefix }));
}

export function defaultDatabaseName(): string {
  const host = typeof location === 'undefined' ? '' : location.host;
  return host ? `kaohe:${host}` : 'kaohe';
}

/**
 * The default assignments whose rubric and chain are there (with their pay plan when it is there too),
 * then the host's own (whose rubric and chain must be).
 */
export function resolveAssignments(
  rubrics: Readonly<Record<string, Rubric>>, chains: Readonly<Record<string, Chain>>, payPlans: Readonly<Record<string, PayPlanInput>>,
  own: Record<string, KaoheAssignment> | undefined, problems: Problem[] = [],
): Record<string, KaoheAssignment> {
  const assignments: Record<string, KaoheAssignment> = {};
  // A default waits for the presets rather than failing a page that configures before they load.
  for (const [role, assignment] of Object.entries(defaultAssignments)) {
    if (!rubrics[assignment.rubric] || !chains[assignment.chain]) continue;
    // A host's own R-SP without the presets: the role is appraised, and gets P-1 when the presets come.
    const { payPlan, ...withoutPay } = assignment;
    assignments[role] = payPlan === undefined || payPlans[payPlan] ? assignment : withoutPay;
  }
  for (const [role, assignment] of Object.entries(own ?? {})) {
    if (!rubrics[assignment.rubric]) problems.push({ path: `assignments.${role}.rubric`, rule: 'unknown-rubric', message: `no rubric "${assignment.rubric}"` });
    if (!chains[assignment.chain]) problems.push({ path: `assignments.${role}.chain`, rule: 'unknown-chain', message: `no chain "${assignment.chain}"` });
    assignments[role] = assignment;
  }
  return assignments;
}

/**
 * The page's IndexedDB store, opened (and its code, idb, imported) when it is first read or written:
 * a page on a server, or one that only shows a rubric form, never downloads it (deferred-store.ts).
 */
export function openDefaultStore(name: string): KaoheStore {
  return new DeferredStore(name);
}

/** What a valid configuration resolves to, before a store is opened. */
export interface CheckedConfig {
  rubrics: Record<string, Rubric>;
  chains: Record<string, Chain>;
  payPlans: Record<string, PayPlanInput>;
  assignments: Record<string, KaoheAssignment>;
  /** the company's zone in its canonical spelling, when one was given */
  timeZone: string | undefined;
}

/** The rubrics a configuration brings, unparsed: the presets this copy has (if any) under the host's own. */
export function rubricInputs(config: KaoheConfig, presetFile: KaohePresetFile | undefined): Record<string, unknown> {
  return { ...presetFile?.rubrics, ...toRecord(config.rubrics) };
}

/**
 * Whether checking `config` needs the chains (chains.ts): the host gives chains or assignments, or a
 * default assignment's rubric is among the rubrics (then its chain must be there). A configuration
 * without them has no chain to check and no assignment, so the chains wait for their first use.
 */
export function needsChains(config: KaoheConfig, presetFile: KaohePresetFile | undefined): boolean {
  if (config.chains !== undefined || config.assignments !== undefined) return true;
  const rubricIds = new Set(Object.keys(rubricInputs(config, presetFile)));
  return Object.values(defaultAssignments).some((assignment) => rubricIds.has(assignment.rubric));
}

/**
 * Checks a configuration with the presets this copy has (if any) under the host's own. `parseRubric`
 * (the rubric rules, loaded by the caller when there is a rubric to check: rules.ts) checks each rubric;
 * `chainRules` (chains.ts), loaded by the caller when `needsChains` says so, the chains: without them the
 * chains are `{}`.
 * @throws KaoheInputError listing every problem of every part; nothing is configured then
 */
export function checkConfig(
  config: KaoheConfig, presetFile: KaohePresetFile | undefined, parseRubric: ((input: unknown) => Rubric) | undefined, chainRules: ChainRules | undefined,
): CheckedConfig {
  const problems: Problem[] = [];
  if (!config || typeof config !== 'object') throw new TypeError('Kaohe.configure needs { user, directory }');
  if (!config.directory || !Array.isArray(config.directory.people)) {
    problems.push({ path: 'directory.people', rule: 'required', message: 'the directory lists its people' });
  } else if (!config.directory.people.some((person) => person.id === config.user)) {
    problems.push({ path: 'user', rule: 'unknown-person', message: `user "${String(config.user)}" is not in the directory` });
  }
  if (config.locale !== undefined && !locales.includes(config.locale)) {
    problems.push({ path: 'locale', rule: 'enum', message: `locale is one of ${locales.join(', ')}` });
  }
  const timeZone = config.timeZone === undefined ? undefined : canonicalTimeZone(config.timeZone);
  if (config.timeZone !== undefined && timeZone === undefined) {
    problems.push({ path: 'timeZone', rule: 'time-zone', message: `"${String(config.timeZone)}" is not an IANA time zone this browser knows, such as Asia/Shanghai` });
  }

  const rubrics: Record<string, Rubric> = {};
  for (const [id, input] of Object.entries(rubricInputs(config, presetFile))) {
    if (!parseRubric) throw new Error('Kaohe: checkConfig was given rubrics without the rubric rules to check them');
    try {
      rubrics[id] = parseRubric(input);
    } catch (error) {
      if (error instanceof KaoheInputError) problems.push(...prefixed(`rubrics.${id}`, error.problems));
      else throw error;
    }
  }
  const chains: Record<string, Chain> = chainRules ? chainRules.withPresetChains(toRecord(config.chains)) : {};
  if (chainRules) for (const [id, chain] of Object.entries(chains)) problems.push(...prefixed(`chains.${id}`, chainRules.validateChain(chain)));
  const payPlans: Record<string, PayPlanInput> = { ...presetFile?.payPlans, ...toRecord(config.payPlans) };
  const assignments = resolveAssignments(rubrics, chains, payPlans, config.assignments, problems);
  if (problems.length > 0) throw new KaoheInputError('Kaohe configuration', problems);
  return { rubrics, chains, payPlans, assignments, timeZone };
}
