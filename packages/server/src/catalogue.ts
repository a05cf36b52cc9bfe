// What the company appraises with: rubrics, review chains, pay plans, and which of them each role gets.
// Today the presets of domain/rules.md; rubric versions are stored in the database at start (storing
// the same content again is a no-op), so every appraisal can pin the version it was opened with.
import { KaoheInputError, loadRubric, validatePayPlan, type PayPlanInput, type Problem, type Rubric } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import type { Assignment, PayFigures } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import { chainPresets, presetAssignments, validateChain, type Chain } from '@kaohe/workflow';

export interface Catalogue {
  rubrics: readonly Rubric[];
  assignments: Readonly<Record<string, Assignment>>;
  payPlans: Readonly<Record<string, PayPlanInput>>;
  /** review chains besides the presets W-SP … W-TR (a company's own, such as the demo's W-SHOP), by id */
  chains?: Readonly<Record<string, Chain>>;
  /**
   * What the payroll system knows of each person's month besides the scores (pay total, plan completion …),
   * for payslips and HR's payroll; HR's payroll request may still send its own, which win.
   */
  payValues?: PayFigures;
}

export function presetCatalogue(): Catalogue {
  return {
    rubrics: Object.values(rubricPresets).map((input) => loadRubric(input)),
    assignments: presetAssignments,
    payPlans: payPlanPresets,
  };
}

/**
 * Refuses a catalogue the service could not run, at start and with every problem listed (path, rule,
 * message), instead of failing when the first appraisal opens or the first payslip is asked for: each of
 * its own chains must pass the workflow's chain check (validateChain, the one every caller asks) under the
 * id it is filed by, each pay plan scoring's plan check (validatePayPlan), and each assignment must name a
 * chain, a pay plan and a rubric that exist (a rubric of the catalogue's, or one HR published to `store`).
 */
export async function checkCatalogue(catalogue: Catalogue, store?: Pick<KaoheStore, 'listRubricVersions'>): Promise<void> {
  const problems: Problem[] = [];
  const under = (prefix: string, problem: Problem): Problem => ({ ...problem, path: `${prefix}${problem.path ? `.${problem.path}` : ''}` });
  for (const [key, chain] of Object.entries(catalogue.chains ?? {})) {
    for (const problem of validateChain(chain)) problems.push(under(`chains.${key}`, problem));
    if (chain && typeof chain === 'object' && chain.id !== key) {
      problems.push({ path: `chains.${key}.id`, rule: 'id-mismatch', message: `the chain filed as "${key}" has the id "${String(chain.id)}"; appraisals name their chain by its id` });
    }
  }
  for (const [key, plan] of Object.entries(catalogue.payPlans)) {
    const checked = validatePayPlan(plan);
    if (!checked.ok) for (const problem of checked.problems) problems.push(under(`payPlans.${key}`, problem));
  }
  const chains = { ...chainPresets, ...catalogue.chains } as Readonly<Record<string, Chain>>;
  const rubrics = new Set(catalogue.rubrics.map((rubric) => rubric.id));
  for (const [role, assignment] of Object.entries(catalogue.assignments)) {
    if (!Object.hasOwn(chains, assignment.chain)) {
      problems.push({ path: `assignments.${role}.chain`, rule: 'unknown-chain', message: `"${assignment.chain}" is neither a preset chain nor one of the catalogue's` });
    }
    if (assignment.payPlan !== undefined && !Object.hasOwn(catalogue.payPlans, assignment.payPlan)) {
      problems.push({ path: `assignments.${role}.payPlan`, rule: 'unknown-pay-plan', message: `"${assignment.payPlan}" is not one of the catalogue's pay plans` });
    }
    if (!rubrics.has(assignment.rubric) && (!store || (await store.listRubricVersions(assignment.rubric)).length === 0)) {
      problems.push({ path: `assignments.${role}.rubric`, rule: 'unknown-rubric', message: `"${assignment.rubric}" is neither one of the catalogue's rubrics nor one published to this server` });
    }
  }
  if (problems.length > 0) throw new KaoheInputError('catalogue', problems);
}

/** Stores each rubric version of the catalogue (idempotent: two instances starting together store it once). */
export async function storeCatalogue(store: KaoheStore, catalogue: Catalogue): Promise<void> {
  for (const rubric of catalogue.rubrics) await store.putRubric(rubric);
}
