import type { Label } from './schema.ts';

/** A raised consequence: FS-3 removal from post, FS-10 transfer, P-2 under 60, P-3 gate failed. */
export interface Flag {
  code: string;
  /** the rule ID or item ID that raised it */
  source: string;
  label: Label;
}

export interface DeductionLine {
  /** the rule ID or item ID the deduction comes from */
  rule: string;
  amount: string;
  reason: string;
}

export type ItemStatus = 'scored' | 'default' | 'notScored';

export interface ItemResult {
  id: string;
  label: Label;
  points: string;
  /** the item's score as a decimal string; for a penalty-only item, ≤ 0 */
  score: string;
  status: ItemStatus;
  deductions: DeductionLine[];
  /** the floor of 0 was applied: the deductions exceeded the points */
  floorApplied: boolean;
  /** why the score is what it is, e.g. "any breach: 0", "2 misses or more: 0" */
  notes: string[];
  flags: Flag[];
}

export interface SectionResult {
  id: string;
  label: Label;
  points: string;
  score: string;
  floorApplied: boolean;
  /** the section's gate was breached and the whole section voided */
  gateBreached: boolean;
  items: ItemResult[];
}

export interface ScoreResult {
  rubric: { id: string; version: number };
  period: string;
  employee?: string;
  /** daily-work score 日常工作考核得分 */
  work: string;
  /** attendance score 出勤 (C-2); null for rubrics without attendance */
  attendance: string | null;
  /** monthly score 月度考核得分 (C-1 or C-4) */
  monthly: string;
  sections: SectionResult[];
  flags: Flag[];
  /** every item that needs the assessor's input has it */
  complete: boolean;
  /** IDs of items still to be scored */
  missing: string[];
}
