// The words for the role ids a directory gives people. The ids are the ones the presets use: the
// rubrics' `role` (@kaohe/scoring/presets), the actors of the chains (@kaohe/workflow) and the demo
// company's directory. It lives in base, not with the inbox, because HR's score distribution
// (kaohe-hr.js) names roles too and should not carry the inbox's whole catalogue to do so.
import type { Locale } from './locale.ts';

export const roleNames: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  // Appraised roles, one per rubric preset (rules.md §1), and W-HEAD's heads of department.
  salesperson: { 'zh-Hant': '銷售員', 'zh-Hans': '销售员', en: 'Salesperson' },
  regionalManager: { 'zh-Hant': '區域經理', 'zh-Hans': '区域经理', en: 'Regional manager' },
  fieldServiceRepresentative: { 'zh-Hant': '現場服務代表', 'zh-Hans': '现场服务代表', en: 'Field service rep.' },
  serviceStaff: { 'zh-Hant': '服務人員', 'zh-Hans': '服务人员', en: 'Service staff' },
  preSalesCustomerService: { 'zh-Hant': '售前客服', 'zh-Hans': '售前客服', en: 'Pre-sales CS' },
  afterSalesCustomerService: { 'zh-Hant': '售後客服', 'zh-Hans': '售后客服', en: 'After-sales CS' },
  onlineCustomerService: { 'zh-Hant': '在線客服', 'zh-Hans': '在线客服', en: 'Online CS' },
  travellingServiceStaff: { 'zh-Hant': '出差售後人員', 'zh-Hans': '出差售后人员', en: 'Travelling service' },
  departmentHead: { 'zh-Hant': '部長', 'zh-Hans': '部长', en: 'Head of department' },
  // Reviewers and assessors named by the chains (rules.md §3) and the demo's directory.
  salesPlanning: { 'zh-Hant': '銷售計劃員', 'zh-Hans': '销售计划员', en: 'Sales planner' },
  salesPlanningHead: { 'zh-Hant': '銷售計劃部部長', 'zh-Hans': '销售计划部部长', en: 'Head of sales planning' },
  vp: { 'zh-Hant': '副總經理', 'zh-Hans': '副总经理', en: 'Vice-president' },
  hr: { 'zh-Hant': '人力資源', 'zh-Hans': '人力资源', en: 'HR' },
  gm: { 'zh-Hant': '總經理', 'zh-Hans': '总经理', en: 'General manager' },
  chairman: { 'zh-Hant': '董事長', 'zh-Hans': '董事长', en: 'Chairman' },
  departmentManager: { 'zh-Hant': '部門經理', 'zh-Hans': '部门经理', en: 'Department manager' },
  statistician: { 'zh-Hant': '統計員', 'zh-Hans': '统计员', en: 'Statistician' },
  administration: { 'zh-Hant': '行政部', 'zh-Hans': '行政部', en: 'Administration' },
  serviceManager: { 'zh-Hant': '服務經理', 'zh-Hans': '服务经理', en: 'Service manager' },
  shopSupervisor: { 'zh-Hant': '客服主管', 'zh-Hans': '客服主管', en: 'Customer-service supervisor' },
  assessor: { 'zh-Hant': '考核人員', 'zh-Hans': '考核人员', en: 'Assessor' },
};

/** The words for a role id in `locale`, or the id itself for a role of the host's own. */
export function roleLabel(role: string, locale: Locale): string {
  return Object.hasOwn(roleNames, role) ? (roleNames[role] as Record<Locale, string>)[locale] : role;
}
