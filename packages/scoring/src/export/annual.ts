import { annualScore } from '../engine.ts';
import { Decimal } from '../decimal.ts';

/** One employee's year: the monthly scores (C-1) of the months appraised, as decimal strings. */
export interface AnnualRecord {
  employeeId: string;
  role: string;
  region: string;
  monthly: readonly string[];
}

export interface AnnualOptions {
  /** O-6: divide by 12 (the rule as written) or by the months appraised */
  divisor: 'twelve' | 'appraised';
}

export interface AnnualRow {
  employeeId: string;
  role: string;
  region: string;
  /** how many months were appraised */
  months: number;
  /** the annual score (C-3), two decimals */
  annual: string;
  /** 1 = best among the same role; equal scores share a rank and the next rank is skipped (1, 2, 2, 4) */
  rankInRole: number;
  /** 1 = best in the same region, ties as for the role */
  rankInRegion: number;
}

/**
 * The annual score (C-3, with the O-6 divisor) of each employee and their rank within their role
 * and within their region. Rows come back in the order given. Ties share a rank ("standard
 * competition ranking"): two people on 91.50 are both 2nd and the next is 4th, because a bonus
 * or transfer list (C-5) must not order equal scores by anything but the score.
 */
export function annualRanking(records: readonly AnnualRecord[], options: AnnualOptions): AnnualRow[] {
  const rows = records.map((record) => ({
    employeeId: record.employeeId,
    role: record.role,
    region: record.region,
    months: record.monthly.length,
    annual: annualScore(record.monthly, { divisor: options.divisor }),
    rankInRole: 0,
    rankInRegion: 0,
  }));
  const rankWithin = (key: (row: AnnualRow) => string, field: 'rankInRole' | 'rankInRegion') => {
    const groups = new Map<string, AnnualRow[]>();
    for (const row of rows) {
      const group = groups.get(key(row));
      if (group) group.push(row);
      else groups.set(key(row), [row]);
    }
    for (const group of groups.values()) {
      // annual scores all have two decimals, so equal text means an equal score
      const best = [...group].sort((a, b) => new Decimal(b.annual).comparedTo(a.annual));
      best.forEach((row, n) => {
        const previous = best[n - 1];
        row[field] = previous && previous.annual === row.annual ? previous[field] : n + 1;
      });
    }
  };
  rankWithin((row) => row.role, 'rankInRole');
  rankWithin((row) => row.region, 'rankInRegion');
  return rows;
}
