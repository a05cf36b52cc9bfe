import { deepFreeze } from './freeze.ts';
import type { Label } from './schema.ts';

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

/**
 * The rubric's item → assessing groups, every item listed (`[]`: the step's assessor scores it). The
 * workflow needs it to let a group edit only its items (W-FS); authored input works as well as a parsed rubric.
 */
export function itemGroupsOf(rubric: { sections: ReadonlyArray<{ items: ReadonlyArray<{ id: string; groups?: readonly string[] | undefined }> }> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const section of rubric.sections) {
    for (const item of section.items) out[item.id] = [...(item.groups ?? [])];
  }
  return out;
}
