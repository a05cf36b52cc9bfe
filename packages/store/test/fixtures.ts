// Records shaped like the ones workflow writes, small enough to read in a failing test.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord } from '@kaohe/workflow';
import type { AuditEntry } from '../src/index.ts';

export function appraisal(overrides: Partial<AppraisalRecord> & { id: string }): AppraisalRecord {
  const [period = '2026-10', employeeId = 'E1001'] = overrides.id.split(':');
  return {
    employeeId,
    period,
    rubricId: 'salesperson',
    rubricVersion: 1,
    chainId: 'W-SP',
    status: 'open',
    step: 'score',
    assignees: ['RM-NORTH'],
    sheet: { rubric: 'salesperson', rubricVersion: 1, employee: employeeId, period, attendance: { absentDays: '0' }, entries: {} },
    workflow: {},
    revision: 1,
    updatedAt: '2026-11-02T09:00:00.000Z',
    updatedBy: 'RM-NORTH',
    ...overrides,
  };
}

/** The same appraisal one revision later, as the next actor would save it. */
export function nextRevision(record: AppraisalRecord, changes: Partial<AppraisalRecord>): AppraisalRecord {
  return { ...structuredClone(record), ...changes, revision: record.revision + 1 };
}

export function auditEntry(appraisalId: string, action: string, actor = 'RM-NORTH', after: unknown = { action }): AuditEntry {
  return { at: '2026-11-02T09:00:00.000Z', actor, appraisalId, action, before: null, after };
}

const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

export function rubric(version: number, points = '100'): Rubric {
  return {
    id: 'salesperson',
    version,
    role: 'salesperson',
    label: label('Salesperson'),
    scale: '100',
    composite: { kind: 'workAttendance', work: '0.7', attendance: '0.3' },
    attendance: { full: '100', perAbsentDay: '4', partialDay: 'whole' },
    settings: { scaleMismatch: 'error', repeatDoubling: { lookbackMonths: 1, compound: false }, scoreDecimals: 2, rangedReasonRequired: true },
    sections: [{
      id: 'daily', label: label('Daily work'), points, pooled: false, floor: '0',
      items: [{ id: 'SP-D1', label: label('Dealer daily report'), points, rule: { kind: 'perOccurrence', amount: '2' }, groups: [], penaltyOnly: false, repeatDoubling: false }],
    }],
  };
}
