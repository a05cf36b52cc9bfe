// What the company appraises with: rubrics, review chains, pay plans, and which of them each role gets.
// Today the presets of domain/rules.md; rubric versions are stored in the database at start (storing
// the same content again is a no-op), so every appraisal can pin the version it was opened with.
import { loadRubric, type PayPlanInput, type Rubric } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import type { Assignment, PayFigures } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import { presetAssignments, type Chain } from '@kaohe/workflow';

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

/** Stores each rubric version of the catalogue (idempotent: two instances starting together store it once). */
export async function storeCatalogue(store: KaoheStore, catalogue: Catalogue): Promise<void> {
  for (const rubric of catalogue.rubrics) await store.putRubric(rubric);
}
