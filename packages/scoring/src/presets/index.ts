import type { Label, RubricInput } from '../schema.ts';
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

/**
 * Names of the assessing groups the presets use in `groups` (W-FS, W-TR). The rubric schema has no
 * place for them, so they live here for forms and inboxes to show.
 */
export const assessingGroupLabels: Readonly<Record<string, Label>> = deepFreeze({
  fieldManagement: { 'zh-Hant': '現場管理組', 'zh-Hans': '现场管理组', en: 'Field management group' },
  correspondence: { 'zh-Hant': '函電組', 'zh-Hans': '函电组', en: 'Correspondence group' },
  claims: { 'zh-Hant': '索賠組', 'zh-Hans': '索赔组', en: 'Claims group' },
  technical: { 'zh-Hant': '技術組', 'zh-Hans': '技术组', en: 'Technical group' },
  parts: { 'zh-Hant': '配件組', 'zh-Hans': '配件组', en: 'Parts group' },
  self: { 'zh-Hant': '本人', 'zh-Hans': '本人', en: 'The employee' },
  directLeader: { 'zh-Hant': '直接領導', 'zh-Hans': '直接领导', en: 'Direct leader' },
  leaderAbove: { 'zh-Hant': '上級主管領導', 'zh-Hans': '上级主管领导', en: 'Leader above' },
  lateral: { 'zh-Hant': '協作部門', 'zh-Hans': '协作部门', en: 'Departments worked with' },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
