import { Decimal, sum } from '../decimal.ts';

/** One employee's score for the month, as HR sees it before publishing. */
export interface ScoreEntry {
  employeeId: string;
  role: string;
  /** the monthly score, a decimal string between 0 and 100 */
  score: string;
  /** shown in the table; not used by the statistics */
  name?: string;
}

/** A 10-point bucket of the histogram: [from, to), the last one [90, 100] so a perfect 100 is counted. */
export interface ScoreBucket {
  from: number;
  to: number;
  count: number;
}

/**
 * Why a score is listed first:
 * - `below60`: under 60 — HR should be sure before publishing (for R-SV staff on P-2 it also cuts the
 *   performance pay; the flag is the same for every role, since the distribution does not know the pay plan);
 * - `above95`: over 95, rare enough on these rubrics that a mis-keyed entry is the likelier story;
 * - `farFromMean`: more than 2 standard deviations (population SD of the role's scores that month)
 *   from the role's mean — unusual for that role even when inside 60–95.
 */
export type OutlierReason = 'below60' | 'above95' | 'farFromMean';

export interface DistributionRow extends ScoreEntry {
  reasons: OutlierReason[];
  /** (score − mean) ÷ SD, two decimals; "0.00" when every score of the role is the same */
  deviations: string;
}

export interface RoleDistribution {
  role: string;
  count: number;
  /** two decimals */
  mean: string;
  /** population standard deviation, two decimals */
  sd: string;
  buckets: ScoreBucket[];
  /** outliers first, then by score, highest first */
  rows: DistributionRow[];
}

export interface OutlierThresholds {
  /** below this is an outlier (default "60") */
  low?: string;
  /** above this is an outlier (default "95") */
  high?: string;
  /** more than this many SDs from the mean is an outlier (default "2") */
  deviations?: string;
}

/** The ten buckets of a month's scores: 0–9.99, 10–19.99 … 90–100. */
export function scoreBuckets(scores: readonly string[]): ScoreBucket[] {
  const buckets: ScoreBucket[] = Array.from({ length: 10 }, (_, n) => ({ from: n * 10, to: n * 10 + 10, count: 0 }));
  for (const text of scores) {
    const score = new Decimal(text);
    if (score.isNegative() || score.greaterThan(100)) throw new RangeError(`a monthly score is between 0 and 100, not ${text}`);
    const index = Math.min(9, score.dividedToIntegerBy(10).toNumber());
    buckets[index]!.count += 1;
  }
  return buckets;
}

/** Per role: the histogram, mean, SD and each score with the reasons it stands out. Roles in order of first appearance. */
export function scoreDistribution(entries: readonly ScoreEntry[], thresholds: OutlierThresholds = {}): RoleDistribution[] {
  const low = new Decimal(thresholds.low ?? '60');
  const high = new Decimal(thresholds.high ?? '95');
  const limit = new Decimal(thresholds.deviations ?? '2');
  const roles = new Map<string, ScoreEntry[]>();
  for (const entry of entries) {
    const group = roles.get(entry.role);
    if (group) group.push(entry);
    else roles.set(entry.role, [entry]);
  }
  return [...roles].map(([role, group]) => {
    const scores = group.map((entry) => new Decimal(entry.score));
    const mean = sum(scores).dividedBy(scores.length);
    const sd = sum(scores.map((s) => s.minus(mean).pow(2))).dividedBy(scores.length).sqrt();
    const rows = group.map((entry, n): DistributionRow => {
      const score = scores[n]!;
      const deviations = sd.isZero() ? new Decimal(0) : score.minus(mean).dividedBy(sd);
      const reasons: OutlierReason[] = [];
      if (score.lessThan(low)) reasons.push('below60');
      if (score.greaterThan(high)) reasons.push('above95');
      if (deviations.abs().greaterThan(limit)) reasons.push('farFromMean');
      return { ...entry, reasons, deviations: deviations.toFixed(2) };
    });
    return {
      role,
      count: group.length,
      mean: mean.toFixed(2),
      sd: sd.toFixed(2),
      buckets: scoreBuckets(group.map((entry) => entry.score)),
      rows: orderDistributionRows(rows, 'descending'),
    };
  });
}

/** Outliers stay first whichever way the table is sorted; within each part, by score. Ties keep their order. */
export function orderDistributionRows(rows: readonly DistributionRow[], direction: 'ascending' | 'descending'): DistributionRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const outlier = Number(b.reasons.length > 0) - Number(a.reasons.length > 0);
    if (outlier !== 0) return outlier;
    return sign * new Decimal(a.score).comparedTo(b.score);
  });
}
