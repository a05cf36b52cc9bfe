// The result as published: what the employee reads, what their payslip, their year and HR's payroll are
// computed from. HR publishes it; an appeal reviewed meanwhile rescores the record's live sheet, which
// stays the reviewers' work until HR publishes again (C-5: the score decides pay). Builds no machine
// (xstate): a page that only shows a payslip asks it.
import type { AppraisalRecord, PublishedResult } from './records.ts';
import { isPublished } from './visibility.ts';
import { workflowOf } from './workflow-state.ts';

/** What a published record may do without touching its sheet: its employee acknowledges or appeals it. */
const LEAVES_THE_SHEET = new Set<string>(['employee.acknowledge', 'employee.appeal']);

/**
 * The result as HR last published it, while one is out (published, or appealed: an appeal in progress
 * keeps the published result); undefined before publication, once HR reopens it, and where it is not
 * known (below). Every reader of a published result asks this, never `record.sheet`.
 */
export function publishedResultOf(record: AppraisalRecord): PublishedResult | undefined {
  if (!isPublished(record.status)) return undefined;
  return record.published ?? unrecorded(record);
}

/**
 * A record published before records kept their published result (or a host's record marked published
 * by hand). Published, nothing edits its sheet: that is the published one. Appealed, its sheet is the
 * published one as long as nothing since the last publication could have changed it (only the
 * employee's acknowledge or appeal in the trail, no draft saved after it). Once a reviewer may have
 * rescored it, what was published is not known, and nothing is shown as published rather than an
 * unreviewed rescore; HR's next publication records it again.
 */
function unrecorded(record: AppraisalRecord): PublishedResult | undefined {
  const workflow = workflowOf(record);
  const last = workflow.trail.map((entry) => entry.action).lastIndexOf('appraisal.publish');
  const publication = workflow.trail[last];
  const current = (at: string): PublishedResult => ({ at, sheet: record.sheet, ...(record.score !== undefined ? { score: record.score } : {}) });
  if (record.status === 'published') return current(publication?.at ?? record.updatedAt);
  if (!publication) return undefined;
  if (workflow.trail.slice(last + 1).some((entry) => !LEAVES_THE_SHEET.has(entry.action))) return undefined;
  // a draft saved since (draft.save edits the sheet and leaves no trail entry), or one of unknown time
  if (workflow.lastDraft && !(Date.parse(workflow.lastDraft.at) <= Date.parse(publication.at))) return undefined;
  return current(publication.at);
}
