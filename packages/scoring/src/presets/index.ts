import { deepFreeze } from '../freeze.ts';
import type { RubricInput } from '../schema.ts';
import { afterSalesServiceRubric } from './rubrics/r-csa.ts';
import { preSalesServiceRubric } from './rubrics/r-csp.ts';
import { fieldServiceRubric } from './rubrics/r-fs.ts';
import { onlineServiceRubric } from './rubrics/r-ocs.ts';
import { regionalManagerRubric } from './rubrics/r-rm.ts';
import { salespersonKpiRubric } from './rubrics/r-sp-kpi.ts';
import { salespersonRubric } from './rubrics/r-sp.ts';
import { serviceStaffRubric } from './rubrics/r-sv.ts';
import { travellingServiceRubric } from './rubrics/r-tr.ts';

export {
  afterSalesServiceRubric, fieldServiceRubric, onlineServiceRubric, preSalesServiceRubric, regionalManagerRubric,
  salespersonKpiRubric, salespersonRubric, serviceStaffRubric, travellingServiceRubric,
};

/** The rubric IDs of the presets, in the order of domain/rules.md §1. */
export const rubricPresetIds = Object.freeze(['R-SP', 'R-SP-KPI', 'R-RM', 'R-FS', 'R-CSP', 'R-CSA', 'R-OCS', 'R-SV', 'R-TR'] as const);
export type RubricPresetId = (typeof rubricPresetIds)[number];

const byId: Record<RubricPresetId, RubricInput> = {
  'R-SP': salespersonRubric,
  'R-SP-KPI': salespersonKpiRubric,
  'R-RM': regionalManagerRubric,
  'R-FS': fieldServiceRubric,
  'R-CSP': preSalesServiceRubric,
  'R-CSA': afterSalesServiceRubric,
  'R-OCS': onlineServiceRubric,
  'R-SV': serviceStaffRubric,
  'R-TR': travellingServiceRubric,
};

/**
 * One rubric per role of domain/rules.md, as authored input (parse with `Rubric` or `loadRubric`).
 * Frozen all the way down: presets are shared, so a form builder edits a copy (`structuredClone`).
 */
// Marked pure so a bundle that never reads the presets drops them (~11 KB gzip): the script-tag
// core ships them apart, in kaohe-presets.js (packages/embed).
export const rubricPresets: Readonly<Record<string, RubricInput>> = /* @__PURE__ */ deepFreeze(byId);
