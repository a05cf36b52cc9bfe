// Who may see a payslip. Pay is published with the appraisal: before publication nobody sees it
// (HR and reviewers work with the scores in the inbox); after it, the employee, HR and the people
// the review chain lets read the appraisal (canRead) do. A component shows what this decides.
import { chainPresets } from './chain-presets.ts';
import type { Chain } from './chain.ts';
import { HR_ROLE } from './chain.ts';
import { peopleWithRole } from './directory-index.ts';
import type { AppraisalRecord, Directory } from './records.ts';
import { publishedResultOf } from './published.ts';
import { canRead } from './visibility.ts';

export type PayslipAccess = 'granted' | 'unpublished' | 'denied';

export function isHr(viewer: string, directory: Directory): boolean {
  return peopleWithRole(directory, HR_ROLE).some((person) => person.id === viewer);
}

export function payslipAccess(record: AppraisalRecord | undefined, viewer: string, directory: Directory, chain?: Chain): PayslipAccess {
  if (!record || viewer === '') return 'denied';
  const chainOfRecord = chain ?? (chainPresets as Readonly<Record<string, Chain>>)[record.chainId];
  const mayRead = viewer === record.employeeId || isHr(viewer, directory) || (chainOfRecord !== undefined && canRead(record, viewer, directory, chainOfRecord));
  if (!mayRead) return 'denied';
  // Pay is the published result's: none out (or none known), no payslip.
  return publishedResultOf(record) ? 'granted' : 'unpublished';
}
