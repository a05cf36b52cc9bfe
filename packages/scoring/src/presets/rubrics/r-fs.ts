import type { RubricInput } from '../../schema.ts';

/**
 * R-FS: the field service representative's daily work 現場服務代表日常考核, on a 100-point scale
 * 百分制; monthly = work × 70% + attendance × 30% (C-1, C-2).
 *
 * Each item names the assessing groups that score it (W-FS): fieldManagement 現場管理組,
 * correspondence 函電組, claims 索賠組, technical 技術組, parts 配件組.
 */
export const fieldServiceRubric: RubricInput = {
  id: 'R-FS',
  version: 1,
  role: 'fieldServiceRepresentative',
  label: { 'zh-Hant': '現場服務代表日常考核', 'zh-Hans': '现场服务代表日常考核', en: 'Field service representative — daily work' },
  scale: '100',
  composite: { kind: 'workAttendance', work: '0.7', attendance: '0.3' },
  attendance: { full: '100', perAbsentDay: '4', partialDay: 'whole' },
  source: 'domain/rules.md §1 R-FS; C-1, C-2; O-1',
  sections: [
    {
      id: 'representative',
      label: { 'zh-Hant': '素質、去向與投訴', 'zh-Hans': '素质、去向与投诉', en: 'Competence, whereabouts and complaints' },
      points: '30',
      items: [
        {
          id: 'FS-1',
          label: { 'zh-Hant': '工作素質', 'zh-Hans': '工作素质', en: 'Competence' },
          description: {
            'zh-Hant': '熟練掌握本崗位業務技術得10分;基本勝任扣2分;未熟練掌握、需他人協助完成扣4–10分',
            'zh-Hans': '熟练掌握本岗位业务技术得10分;基本胜任扣2分;未熟练掌握、需他人协助完成扣4–10分',
            en: "Masters the job: 10; basically competent: −2; needs others' help: −4 to −10",
          },
          points: '10',
          rule: {
            kind: 'levels',
            levels: [
              { id: 'proficient', label: { 'zh-Hant': '熟練掌握', 'zh-Hans': '熟练掌握', en: 'Proficient' }, deduct: '0' },
              { id: 'basic', label: { 'zh-Hant': '基本勝任', 'zh-Hans': '基本胜任', en: 'Basically competent' }, deduct: '2' },
              { id: 'needsHelp', label: { 'zh-Hant': '需他人協助完成', 'zh-Hans': '需他人协助完成', en: "Needs others' help" }, deduct: { min: '4', max: '10' } },
            ],
          },
          groups: ['fieldManagement'],
          source: 'FS-1',
        },
        {
          id: 'FS-2',
          label: { 'zh-Hant': '去向', 'zh-Hans': '去向', en: 'Whereabouts' },
          description: {
            'zh-Hant': '工作時間內一次找不到扣2分;因此誤事造成不良後果扣1–10分(特殊情況除外)',
            'zh-Hans': '工作时间内一次找不到扣2分;因此误事造成不良后果扣1–10分(特殊情况除外)',
            en: '−2 each time not reachable in working hours; −1 to −10 if that causes harm (special cases excepted)',
          },
          points: '10',
          rule: {
            kind: 'ranged',
            options: [
              { id: 'unreachable', label: { 'zh-Hant': '工作時間找不到', 'zh-Hans': '工作时间找不到', en: 'Not reachable in working hours' }, min: '2', max: '2' },
              { id: 'harm', label: { 'zh-Hant': '誤事造成不良後果', 'zh-Hans': '误事造成不良后果', en: 'Caused harm' }, min: '1', max: '10' },
            ],
          },
          groups: ['fieldManagement', 'correspondence', 'claims', 'technical', 'parts'],
          source: 'FS-2',
        },
        {
          id: 'FS-3',
          label: { 'zh-Hant': '使用者投訴', 'zh-Hans': '用户投诉', en: 'User complaints' },
          description: {
            'zh-Hant': '服務態度不好或服務不及時致投訴升級,每次扣2–5分;引發媒體曝光扣5–10分;嚴重者直至下崗',
            'zh-Hans': '服务态度不好或服务不及时致投诉升级,每次扣2–5分;引发媒体曝光扣5–10分;严重者直至下岗',
            en: 'Complaint escalated through poor attitude or slow service: −2 to −5 each; media exposure: −5 to −10; serious cases: removal from post',
          },
          points: '10',
          rule: {
            kind: 'ranged',
            options: [
              { id: 'escalated', label: { 'zh-Hant': '投訴升級', 'zh-Hans': '投诉升级', en: 'Complaint escalated' }, min: '2', max: '5' },
              { id: 'media', label: { 'zh-Hant': '媒體曝光', 'zh-Hans': '媒体曝光', en: 'Media exposure' }, min: '5', max: '10' },
              // FS-3 names no amount for a serious case, only the consequence: it takes the whole
              // item and raises removal from post for the reviewers to decide on.
              {
                id: 'serious',
                label: { 'zh-Hant': '情節嚴重', 'zh-Hans': '情节严重', en: 'Serious case' },
                min: '10',
                max: '10',
                flag: { code: 'removal-from-post', label: { 'zh-Hant': '下崗', 'zh-Hans': '下岗', en: 'Removal from post' } },
              },
            ],
          },
          groups: ['fieldManagement', 'correspondence'],
          source: 'FS-3',
        },
      ],
    },
    {
      id: 'serviceCentre',
      label: { 'zh-Hant': '特約服務中心工作質量', 'zh-Hans': '特约服务中心工作质量', en: 'Service-centre work quality' },
      points: '20',
      items: [
        {
          id: 'FS-4a',
          label: { 'zh-Hant': '索賠單填寫', 'zh-Hans': '索赔单填写', en: 'Claim forms' },
          description: {
            'zh-Hant': '填寫無誤得10分;有空項但不影響核查扣1–2分;工作質量較差影響索賠進度扣5–10分',
            'zh-Hans': '填写无误得10分;有空项但不影响核查扣1–2分;工作质量较差影响索赔进度扣5–10分',
            en: 'Correct: 10; blanks that do not affect checking: −1 to −2; poor quality delaying claims: −5 to −10',
          },
          points: '10',
          rule: {
            kind: 'ranged',
            options: [
              { id: 'blanks', label: { 'zh-Hant': '有空項,不影響核查', 'zh-Hans': '有空项,不影响核查', en: 'Blanks, checking unaffected' }, min: '1', max: '2' },
              { id: 'poorQuality', label: { 'zh-Hant': '質量較差,影響索賠進度', 'zh-Hans': '质量较差,影响索赔进度', en: 'Poor quality, claims delayed' }, min: '5', max: '10' },
            ],
          },
          groups: ['claims'],
          source: 'FS-4a',
        },
        {
          id: 'FS-4b',
          label: { 'zh-Hant': '配件採購計劃', 'zh-Hans': '配件采购计划', en: 'Parts purchase plan' },
          description: {
            'zh-Hant': '按時提報得10分;遲報未對三包服務造成不良影響扣1–4分;遲報致急調件頻次多扣3–5分;遲報並對三包服務造成不良影響扣5–10分',
            'zh-Hans': '按时提报得10分;迟报未对三包服务造成不良影响扣1–4分;迟报致急调件频次多扣3–5分;迟报并对三包服务造成不良影响扣5–10分',
            en: 'On time: 10; late without harm to warranty service: −1 to −4; late causing frequent urgent transfers: −3 to −5; late and harming warranty service: −5 to −10',
          },
          points: '10',
          rule: {
            kind: 'ranged',
            // FS-4b: the page's ranges overlap (1–4, 3–5, 5–10); they are kept as written, the case
            // chosen says which applies.
            options: [
              { id: 'lateNoHarm', label: { 'zh-Hant': '遲報,未影響三包服務', 'zh-Hans': '迟报,未影响三包服务', en: 'Late, warranty service unharmed' }, min: '1', max: '4' },
              { id: 'lateUrgentTransfers', label: { 'zh-Hant': '遲報,急調件頻次多', 'zh-Hans': '迟报,急调件频次多', en: 'Late, frequent urgent transfers' }, min: '3', max: '5' },
              { id: 'lateHarm', label: { 'zh-Hant': '遲報,影響三包服務', 'zh-Hans': '迟报,影响三包服务', en: 'Late, warranty service harmed' }, min: '5', max: '10' },
            ],
          },
          groups: ['parts', 'correspondence'],
          source: 'FS-4b',
        },
      ],
    },
    {
      id: 'dailyWork',
      label: { 'zh-Hant': '經銷商意見、報告、培訓與活動', 'zh-Hans': '经销商意见、报告、培训与活动', en: 'Dealers, reports, training and activities' },
      points: '50',
      items: [
        {
          id: 'FS-5',
          label: { 'zh-Hant': '各地經銷商意見', 'zh-Hans': '各地经销商意见', en: "Dealers' opinion" },
          description: {
            'zh-Hant': '對售前、售中、售後服務滿意得10分,一般得5分,較差不得分',
            'zh-Hans': '对售前、售中、售后服务满意得10分,一般得5分,较差不得分',
            en: 'Satisfied with pre-, in- and after-sales service: 10; average: 5; poor: 0',
          },
          points: '10',
          rule: {
            kind: 'levels',
            levels: [
              { id: 'satisfied', label: { 'zh-Hant': '滿意', 'zh-Hans': '满意', en: 'Satisfied' }, deduct: '0' },
              { id: 'average', label: { 'zh-Hant': '一般', 'zh-Hans': '一般', en: 'Average' }, deduct: '5' },
              { id: 'poor', label: { 'zh-Hant': '較差', 'zh-Hans': '较差', en: 'Poor' }, deduct: '10' },
            ],
          },
          groups: ['correspondence'],
          source: 'FS-5',
        },
        {
          id: 'FS-6',
          label: { 'zh-Hant': '走訪報告、月工作計劃與總結', 'zh-Hans': '走访报告、月工作计划与总结', en: 'Visit reports, monthly plan and summary' },
          description: {
            'zh-Hant': '按時提報、敘述清楚全面得10分;有計劃、總結但敘述簡單扣2–5分;無走訪報告或月計劃、總結不得分',
            'zh-Hans': '按时提报、叙述清楚全面得10分;有计划、总结但叙述简单扣2–5分;无走访报告或月计划、总结不得分',
            en: 'On time, clear and complete: 10; present but too brief: −2 to −5; missing: 0',
          },
          points: '10',
          rule: {
            kind: 'levels',
            levels: [
              { id: 'complete', label: { 'zh-Hant': '按時、清楚、全面', 'zh-Hans': '按时、清楚、全面', en: 'On time, clear, complete' }, deduct: '0' },
              { id: 'tooBrief', label: { 'zh-Hant': '敘述簡單', 'zh-Hans': '叙述简单', en: 'Too brief' }, deduct: { min: '2', max: '5' } },
              { id: 'missing', label: { 'zh-Hant': '缺走訪報告或月計劃、總結', 'zh-Hans': '缺走访报告或月计划、总结', en: 'Missing' }, deduct: '10' },
            ],
          },
          groups: ['fieldManagement'],
          source: 'FS-6',
        },
        {
          id: 'FS-7',
          label: { 'zh-Hant': '內部培訓', 'zh-Hans': '内部培训', en: 'Internal training' },
          description: {
            'zh-Hant': '無缺席、成績優秀得10分;缺席一次扣3分',
            'zh-Hans': '无缺席、成绩优秀得10分;缺席一次扣3分',
            en: 'No absence and excellent results: 10; −3 per absence',
          },
          points: '10',
          // FS-7 deducts only for absences; results below "excellent" carry no stated deduction,
          // so they do not deduct here (a comment on the entry can record them).
          rule: { kind: 'perOccurrence', amount: '3' },
          groups: ['technical'],
          source: 'FS-7',
        },
        {
          id: 'FS-8',
          label: { 'zh-Hant': '服務活動', 'zh-Hans': '服务活动', en: 'Service activities' },
          description: {
            'zh-Hant': '協助組織保障有力並取得積極效果得10分;能正常開展但效果不夠理想扣1–3分;沒能正常開展扣5–10分',
            'zh-Hans': '协助组织保障有力并取得积极效果得10分;能正常开展但效果不够理想扣1–3分;没能正常开展扣5–10分',
            en: 'Well supported and effective: 10; held but weak: −1 to −3; not held properly: −5 to −10',
          },
          points: '10',
          // FS-8 is silent on a month with no activity planned in the region: the assessor picks
          // "effective" (nothing to deduct).
          rule: {
            kind: 'levels',
            levels: [
              { id: 'effective', label: { 'zh-Hant': '保障有力、效果積極', 'zh-Hans': '保障有力、效果积极', en: 'Well supported, effective' }, deduct: '0' },
              { id: 'weak', label: { 'zh-Hant': '效果不夠理想', 'zh-Hans': '效果不够理想', en: 'Held but weak' }, deduct: { min: '1', max: '3' } },
              { id: 'notHeld', label: { 'zh-Hant': '沒能正常開展', 'zh-Hans': '没能正常开展', en: 'Not held properly' }, deduct: { min: '5', max: '10' } },
            ],
          },
          groups: ['fieldManagement'],
          source: 'FS-8',
        },
        {
          id: 'FS-9',
          label: { 'zh-Hant': '資訊反饋', 'zh-Hans': '信息反馈', en: 'Information feedback' },
          description: {
            'zh-Hant': '特殊批量質量問題及時提報得10分;不能按時提報質量資訊每次扣1–5分',
            'zh-Hans': '特殊批量质量问题及时提报得10分;不能按时提报质量信息每次扣1–5分',
            en: 'Special batch quality problems reported in time: 10; −1 to −5 each time reported late',
          },
          points: '10',
          rule: {
            kind: 'ranged',
            options: [
              { id: 'late', label: { 'zh-Hant': '未按時提報', 'zh-Hans': '未按时提报', en: 'Reported late' }, min: '1', max: '5' },
            ],
          },
          groups: ['fieldManagement', 'technical'],
          source: 'FS-9',
        },
      ],
    },
    {
      // O-1: the page gives FS-10 "10 points", which would make 110 on a 100-point scale, and lets
      // it take 30. It is read as a penalty on top of FS-1..FS-9: no points of its own, and the
      // section may go below zero so a −30 is felt in the work score.
      id: 'special',
      label: { 'zh-Hant': '特殊考核專案', 'zh-Hans': '特殊考核项目', en: 'Special item' },
      points: '0',
      floor: null,
      items: [
        {
          id: 'FS-10',
          label: { 'zh-Hant': '特約服務中心虛填、虛報索賠單', 'zh-Hans': '特约服务中心虚填、虚报索赔单', en: 'False claims filed by the service centre' },
          description: {
            'zh-Hant': '發現一次扣該區域現場服務代表10分;發現兩次扣30分;兩次或以上調離崗位',
            'zh-Hans': '发现一次扣该区域现场服务代表10分;发现两次扣30分;两次或以上调离岗位',
            en: "Found once: −10 for the region's representative; twice: −30; twice or more: transfer off the post",
          },
          points: '0',
          penaltyOnly: true,
          // FS-10: a second finding costs 30 in all (not 10 + 30), and from the second on the
          // representative is transferred off the post.
          rule: {
            kind: 'escalating',
            steps: [
              { atCount: 1, deduct: '10' },
              { atCount: 2, deduct: '30', flag: { code: 'transfer', label: { 'zh-Hant': '調離崗位', 'zh-Hans': '调离岗位', en: 'Transfer off the post' } } },
            ],
          },
          // FS-10 names no group; false claims are found when claim forms are checked, which is
          // the claims group's work (FS-4a).
          groups: ['claims'],
          source: 'FS-10; O-1',
        },
      ],
    },
  ],
};
