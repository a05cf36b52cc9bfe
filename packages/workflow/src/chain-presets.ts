// The review chains of rules.md §3 (W-SP … W-TR) with the deadlines of §4.
// A dueDay is the last day on time; where the page names no date for a step, it has none.
import type { Chain } from './chain.ts';

// rules.md §4: appraisal forms of sales staff reach HR *before* the 8th of the next month, so
// every step ahead of HR is done by the 7th.
const salesFormsDue = 7;
// rules.md §4: performance pay *before* the 20th (W-SV says "by the 20th"; the stricter reading).
const payDue = 19;

const hrPublish = {
  id: 'publish',
  kind: 'publish',
  label: { 'zh-Hant': '發布結果', 'zh-Hans': '发布结果', en: 'Publish results' },
  actor: { role: 'hr' },
} as const;

/** W-SP salesperson: RM scores → sales planning summarises → VP 初審 → HR 復審 → publish. */
const salesperson: Chain = {
  id: 'W-SP',
  label: { 'zh-Hant': '銷售員逐級考核', 'zh-Hans': '销售员逐级考核', en: 'Salesperson review chain' },
  steps: [
    {
      id: 'score', kind: 'score', actor: { relationship: 'regionalManager' }, dueDay: salesFormsDue,
      label: { 'zh-Hant': '區域經理評分', 'zh-Hans': '区域经理评分', en: 'Regional manager scores' },
    },
    {
      id: 'summarise', kind: 'summarise', actor: { role: 'salesPlanning' }, dueDay: salesFormsDue, returnTo: ['score'],
      label: { 'zh-Hant': '銷售計劃部匯總', 'zh-Hans': '销售计划部汇总', en: 'Sales planning summarises' },
    },
    {
      id: 'firstReview', kind: 'review', actor: { relationship: 'vp' }, dueDay: salesFormsDue, returnTo: ['score', 'summarise'],
      label: { 'zh-Hant': '銷售副總初審', 'zh-Hans': '销售副总初审', en: 'Sales VP first review' },
    },
    {
      id: 'secondReview', kind: 'review', actor: { relationship: 'hr' }, returnTo: ['score', 'summarise', 'firstReview'],
      label: { 'zh-Hant': '人力資源部復審', 'zh-Hans': '人力资源部复审', en: 'HR second review' },
    },
    hrPublish,
  ],
  appealTo: 'secondReview',
};

/** W-RM regional manager: sales planning head scores → VP 初審 → HR 復審 → publish. */
const regionalManager: Chain = {
  id: 'W-RM',
  label: { 'zh-Hant': '區域經理逐級考核', 'zh-Hans': '区域经理逐级考核', en: 'Regional manager review chain' },
  steps: [
    {
      id: 'score', kind: 'score', actor: { relationship: 'salesPlanningHead' }, dueDay: salesFormsDue,
      label: { 'zh-Hant': '銷售計劃部部長評分', 'zh-Hans': '销售计划部部长评分', en: 'Head of sales planning scores' },
    },
    {
      id: 'firstReview', kind: 'review', actor: { relationship: 'vp' }, dueDay: salesFormsDue, returnTo: ['score'],
      label: { 'zh-Hant': '銷售副總初審', 'zh-Hans': '销售副总初审', en: 'Sales VP first review' },
    },
    {
      id: 'secondReview', kind: 'review', actor: { relationship: 'hr' }, returnTo: ['score', 'firstReview'],
      label: { 'zh-Hant': '人力資源部復審', 'zh-Hans': '人力资源部复审', en: 'HR second review' },
    },
    hrPublish,
  ],
  appealTo: 'secondReview',
};

/** W-HEAD heads of department and above: the chairman; "an authorised person" is a delegation. */
const departmentHead: Chain = {
  id: 'W-HEAD',
  label: { 'zh-Hant': '部長以上考核', 'zh-Hans': '部长以上考核', en: 'Heads of department and above' },
  steps: [
    {
      id: 'score', kind: 'score', actor: { relationship: 'chairman' },
      label: { 'zh-Hant': '董事長評分', 'zh-Hans': '董事长评分', en: 'Chairman scores' },
    },
    hrPublish,
  ],
  appealTo: 'score',
};

/** W-SV service staff: statisticians 10th–15th → department manager → administration → GM → pay before the 20th. */
const serviceStaff: Chain = {
  id: 'W-SV',
  label: { 'zh-Hant': '售前售後服務部考核', 'zh-Hans': '售前售后服务部考核', en: 'Service staff review chain' },
  steps: [
    {
      id: 'statistics', kind: 'score', actor: { role: 'statistician', scope: 'department' }, startDay: 10, dueDay: 15,
      label: { 'zh-Hant': '統計員統計', 'zh-Hans': '统计员统计', en: 'Statisticians compute' },
    },
    {
      id: 'departmentCheck', kind: 'summarise', actor: { relationship: 'departmentManager' }, returnTo: ['statistics'],
      label: { 'zh-Hant': '部門經理審核匯總', 'zh-Hans': '部门经理审核汇总', en: 'Department manager checks and summarises' },
    },
    {
      id: 'verification', kind: 'review', actor: { role: 'administration' }, returnTo: ['statistics', 'departmentCheck'],
      label: { 'zh-Hant': '行政部核實', 'zh-Hans': '行政部核实', en: 'Administration verifies the data' },
    },
    {
      id: 'approval', kind: 'approve', actor: { relationship: 'gm' }, dueDay: payDue, returnTo: ['departmentCheck', 'verification'],
      label: { 'zh-Hant': '總經理審批', 'zh-Hans': '总经理审批', en: 'General manager approves' },
    },
    { ...hrPublish, dueDay: payDue },
  ],
  appealTo: 'departmentCheck',
};

/** W-FS field service: the five assessing groups score their own items in parallel, then review. */
const fieldService: Chain = {
  id: 'W-FS',
  label: { 'zh-Hant': '現場服務代表考核', 'zh-Hans': '现场服务代表考核', en: 'Field service representative review chain' },
  steps: [
    {
      id: 'groups', kind: 'score', actor: { groups: ['fieldManagement', 'correspondence', 'claims', 'technical', 'parts'] },
      label: { 'zh-Hant': '各考核組評分', 'zh-Hans': '各考核组评分', en: 'Assessing groups score' },
    },
    {
      id: 'review', kind: 'review', actor: { relationship: 'directLeader' }, returnTo: ['groups'],
      label: { 'zh-Hant': '服務經理審核', 'zh-Hans': '服务经理审核', en: 'Service manager reviews' },
    },
    hrPublish,
  ],
  appealTo: 'review',
};

/** W-TR travelling staff: TR-1 self → TR-3 lateral (anonymous) → TR-2 direct leader 初評 → leader above 復評. */
const travellingStaff: Chain = {
  id: 'W-TR',
  label: { 'zh-Hant': '出差售後服務人員考核', 'zh-Hans': '出差售后服务人员考核', en: 'Travelling service staff review chain' },
  steps: [
    {
      id: 'self', kind: 'self', actor: { relationship: 'self' },
      label: { 'zh-Hant': '自我評估', 'zh-Hans': '自我评估', en: 'Self-evaluation' },
    },
    {
      // TR-3: coordinating departments rate; hosts put their raters in this group (or rename it).
      id: 'lateral', kind: 'score', actor: { groups: ['lateral'] }, anonymous: true,
      label: { 'zh-Hant': '橫向考核', 'zh-Hans': '横向考核', en: 'Lateral rating' },
    },
    {
      id: 'firstRating', kind: 'score', actor: { relationship: 'directLeader' }, returnTo: ['self'],
      label: { 'zh-Hant': '直接上級初評', 'zh-Hans': '直接上级初评', en: 'Direct leader first rating' },
    },
    {
      id: 'secondRating', kind: 'review', actor: { relationship: 'leaderAbove' }, returnTo: ['self', 'firstRating'],
      label: { 'zh-Hant': '上一級復評', 'zh-Hans': '上一级复评', en: 'Leader above second rating' },
    },
    hrPublish,
  ],
  appealTo: 'secondRating',
};

/** Every chain of rules.md §3, by rule ID. */
export const chainPresets: Readonly<Record<'W-SP' | 'W-RM' | 'W-HEAD' | 'W-SV' | 'W-FS' | 'W-TR', Chain>> = {
  'W-SP': salesperson,
  'W-RM': regionalManager,
  'W-HEAD': departmentHead,
  'W-SV': serviceStaff,
  'W-FS': fieldService,
  'W-TR': travellingStaff,
};
