// The inbox's own words. The shared catalogue in base/locale.ts cannot be extended from outside, so
// the inbox keeps this small one beside it, keyed by the same Locale. Step and rubric names come
// from the chain and the rubric; reasons for a refusal come from @kaohe/workflow as written.
import type { AppraisalStatus } from '@kaohe/workflow';
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
  tasks: '待辦',
  inboxHeading: '審批待辦',
  loading: '正在載入待辦…',
  loadingSome: ({ n }) => `正在載入…已載入${n}項`,
  loadingOf: ({ n, total }) => `正在載入待辦：${n}／${total}項`,
  empty: '沒有待辦。',
  noMatch: '沒有符合篩選條件的待辦。',
  filters: '篩選',
  role: '崗位',
  region: '區域',
  period: '期間',
  step: '環節',
  overdueOnly: '僅逾期',
  any: '全部',
  search: '按姓名或工號搜尋',
  employee: '員工',
  number: '工號',
  due: '期限',
  score: '得分',
  state: '狀態',
  overdue: '逾期',
  partial: '未完成',
  returned: '已退回',
  returnedBy: ({ name, at }) => `${name}於${at}退回：`,
  system: '系統',
  select: ({ name }) => `選取${name}`,
  selectColumn: '選取',
  selectAll: ({ n }) => `選取所示全部${n}項`,
  selected: ({ n }) => `已選${n}項`,
  countsLabel: '各狀態待辦數',
  shown: ({ shown, total }) => `顯示${shown}項，共${total}項`,
  close: '關閉',
  history: '歷程',
  noHistory: '尚無歷程。',
  loadingHistory: '正在讀取歷程…',
  historyFailed: ({ message }) => `未能讀取歷程：${message}`,
  delegateSearch: '搜尋同事',
  actions: '操作',
  noActions: '您現在不能處理此待辦。',
  returnTo: '退回至',
  returnComment: '需修改之處（必填）',
  returnButton: '退回',
  commentRequired: '退回時須填寫需修改之處。',
  comment: '意見（選填）',
  delegate: '委託',
  delegateTo: '委託給',
  delegateUntil: '截至',
  delegated: ({ name }) => `已委託給${name}。`,
  vetoed: '主頁面不允許此操作。',
  conflict: ({ who, step }) => `${who}在您開啟此待辦後已處理了它，現在在「${step}」。您的操作未執行，未覆蓋任何內容；下方已是最新內容，您輸入的內容仍保留。請檢查後再操作。`,
  someoneElse: '他人',
  youElsewhere: '您本人（在另一視窗）',
  conflictKept: '他人已修改：未覆蓋任何內容，您的填寫已保存為草稿。請關閉後重新開啟此待辦，在對方的版本上繼續填寫。',
  storeFailed: ({ message }) => `未儲存：${message}`,
  refused: ({ message }) => `不允許：${message}`,
  queued: '已保存在此瀏覽器，連線恢復後送出。',
  acted: ({ action, name }) => `${action}：${name}。`,
  bulkActions: '批量操作',
  bulkNone: '所選待辦沒有共同的操作。',
  bulkProgress: ({ done, total }) => `${done} / ${total}`,
  bulkDone: ({ action, ok, total }) => `${action} ${ok} / ${total}`,
  bulkFailures: '未完成',
  taskLeft: '待辦已移出清單',
  taskGone: '此待辦已移出您的清單（已提交，或已轉至他處），無法再於此處理。您輸入的內容仍顯示於下方；看完後請關閉。',
  tasksLeft: ({ n }) => `${n}項待辦已移出清單`,
  taskArrived: '有新待辦',
  tasksArrived: ({ n }) => `有${n}項新待辦`,
  taskUpdated: '待辦已更新',
  storeClosed: '待辦儲存已關閉，請重新載入頁面。',
  rubricMissing: '此處沒有此考核所用的考核表版本。',
  opened: ({ name }) => `已開啟${name}`,
  opening: ({ name }) => `正在開啟${name}…`,
  openingBadge: '開啟中…',
  openFailed: ({ name, message }) => `未能開啟${name}的待辦：${message} 待辦仍在清單中，請再試一次。`,
  openOffline: ({ name }) => `離線時無法開啟${name}的待辦：此瀏覽器未曾讀取過它。待辦仍在清單中，連線恢復後請再試一次。`,
  tryAgain: '再試一次',
  formFailed: '考核表未能載入。請再試一次，或關閉後重新開啟此待辦。',
  shortcuts: '按鍵：方向鍵移動，Enter 開啟，空白鍵選取，a 核准，r 退回，Esc 關閉。',
  on: ({ at }) => `於${at}`,
  'action.draft.save': '儲存草稿',
  'action.step.submit': '提交',
  'action.step.approve': '核准',
  'action.step.resubmit': '重新提交',
  'action.group.submit': '提交本組項目',
  'action.step.return': '退回',
  'action.appraisal.publish': '發布',
  'action.appraisal.open': '開啟',
  'action.employee.acknowledge': '已確認',
  'action.employee.appeal': '申訴',
  'action.hr.reopen': '重新開啟',
  'status.open': '評分中',
  'status.inReview': '審核中',
  'status.approved': '已核准',
  'status.published': '已發布',
  'status.appealed': '申訴中',
  'status.reopened': '已重開',
} satisfies Record<string, Message>;

export type InboxMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const inboxCatalogue: LazyCatalogue<InboxMessageKey> = catalogue<InboxMessageKey>(zhHant, {
  en: () => import('./inbox-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./inbox-messages.zh-Hans.ts').then((module) => module.zhHans),
});

/** A message of the inbox in `locale`. */
export function inboxMsg(key: InboxMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(inboxCatalogue, key, locale, params);
}

// Role names are shared with HR's score distribution, so they live in base.
export { roleLabel } from '../base/role-labels.ts';

export function statusLabel(status: AppraisalStatus, locale: Locale): string {
  return inboxMsg(`status.${status}`, locale);
}

/** An action's name as a button or a history line says it. */
export function actionLabel(action: string, locale: Locale): string {
  const key = `action.${action}` as InboxMessageKey;
  return key in zhHant ? inboxMsg(key, locale) : action;
}
