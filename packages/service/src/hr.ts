// HR's reads: the month's score distribution, the payroll entries and CSV, an employee's year. Each
// checks that the reader is HR here, inside the service (a typed `forbidden`, never an empty list), and
// reads each record's scores as stored with it (records written before the service kept scores are
// scored once against their pinned version): payroll and the year the published result's, the
// distribution the live sheet's. Every number comes from @kaohe/scoring.
// A module of its own (`@kaohe/service/hr`) so pages that never show HR's views do not carry pay and CSV code.
import { computePay, payrollCsv, type AnnualRecord, type Locale, type PayPlanInput, type Payslip, type PayrollCsv, type ScoreEntry, type ScoreResult } from '@kaohe/scoring';
import type { AppraisalQuery } from '@kaohe/store';
import { isHr, isPublished, publishedResultOf, type AppraisalRecord, type Person } from '@kaohe/workflow';
import { KaoheServiceError, refusal, type Refusal } from './refusal.ts';
import { payValuesOf, roleOf } from './payslip.ts';
import { internals, type Assignment, type KaoheService, type PayFigureValues } from './service.ts';
import { scoreOrNull } from './view.ts';

/** An appraisal with its scores and the person as the directory knows them. */
export interface ScoredAppraisal {
  record: AppraisalRecord;
  /**
   * The live sheet's scores: what the reviewers work on. Null while it has problems and a published
   * result stands (a reviewer's draft during an appeal is not checked against the rubric); such a record
   * is still paid and counted in the year by its published result, and left out of the distribution.
   */
  score: ScoreResult | null;
  person: Person | undefined;
  /** the person's assigned role (workflow's assignedRole: the one their rubric came from); else their first role */
  role: string;
  /**
   * The scores of the result as published (workflow's publishedResultOf), while one is out: what pay and
   * the year read. `score` is the live sheet's, which an appeal under review may have changed.
   */
  published?: ScoreResult;
}

/** An appraisal HR's reads leave out, and why (its pinned rubric version is gone, its sheet has problems). */
export interface SkippedAppraisal {
  id: string;
  reason: string;
}

export interface PayrollEntry {
  record: AppraisalRecord;
  /** the scores of the result as published (ScoredAppraisal's `published`), which it is paid by */
  score: ScoreResult;
  payslip: Payslip;
  name?: string;
  department?: string;
}

export interface AnnualMonth {
  period: string;
  monthly: string;
}

/**
 * What the payroll system knows besides the scores (pay total, plan completion …), per employee, by the
 * plan's input names. A function is given each appraisal with `score` the published result's, which it is paid by.
 */
export type PayValues = Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>
  | ((appraisal: PaidAppraisal, plan: PayPlanInput) => Record<string, string | number | boolean>);

/** An appraisal as payroll reads it: `score` is the published result's (ScoredAppraisal's `published`). */
export type PaidAppraisal = ScoredAppraisal & { score: ScoreResult };

type Ok<T> = { ok: true } & T;

export interface HrReads {
  /** Every appraisal matching `query`, scored; those that cannot be are listed in `skipped`. */
  scored(viewerId: string, query?: AppraisalQuery): Promise<Ok<{ appraisals: ScoredAppraisal[]; skipped: SkippedAppraisal[] }> | Refusal>;
  /** kaohe-score-distribution's entries for a month: the sheets with every item entered (a sheet still missing items has no monthly score yet). */
  distribution(viewerId: string, request: { period: string }): Promise<Ok<{ entries: ScoreEntry[]; skipped: SkippedAppraisal[] }> | Refusal>;
  /** The month's published results of people whose role has a pay plan, each with its payslip. */
  payroll(viewerId: string, request: { period: string; values: PayValues }): Promise<Ok<{ entries: PayrollEntry[]; skipped: SkippedAppraisal[] }> | Refusal>;
  /** The same as the payroll CSV HR downloads (and `kaohe batch` writes). */
  payrollCsv(viewerId: string, request: { period: string; values: PayValues; locale: Locale }): Promise<Ok<PayrollCsv & { skipped: SkippedAppraisal[] }> | Refusal>;
  /**
   * kaohe-annual's data for a year (C-3). HR: everyone's published months, for the ranks, and each
   * person's months. Anyone else, for their own year only: their months, and the peers their ranks
   * need (the same role or region) without names or ids — `peer-1` …, the role or region they do not
   * share blanked — so a rank can be shown without telling whose score is whose.
   */
  annualYear(viewerId: string, request: { year: number }): Promise<Ok<{ peers: AnnualRecord[]; months: Record<string, AnnualMonth[]>; skipped: SkippedAppraisal[] }> | Refusal>;
}

/**
 * kaohe-score-distribution's entries: the live sheets with every item entered (a sheet still missing items
 * would show as a false outlier under 60); a live sheet with problems has no score to show.
 */
export function distributionOf(scored: readonly ScoredAppraisal[]): ScoreEntry[] {
  return scored.flatMap(({ record, score, person, role }): ScoreEntry[] => (score && score.missing.length === 0
    ? [{ employeeId: record.employeeId, role, score: score.monthly, ...(person ? { name: person.name } : {}) }] : []));
}

/** The published results of people whose role has a pay plan and the plan's id, in order. */
function payable(scored: readonly ScoredAppraisal[], roles: Readonly<Record<string, Assignment>>, plans: Readonly<Record<string, PayPlanInput>>):
  Array<{ appraisal: ScoredAppraisal; planId: string; plan: PayPlanInput }> {
  return scored.flatMap((appraisal) => {
    // The payslip's rule: pay is the published result's.
    if (!appraisal.published) return [];
    const planId = roles[appraisal.role]?.payPlan;
    const plan = planId === undefined ? undefined : plans[planId];
    return plan && planId !== undefined ? [{ appraisal, planId, plan }] : [];
  });
}

/**
 * The published results of people whose role has a pay plan, each with its payslip; and the plans used,
 * in order. Each payslip's values: `figures` (the service's configured payroll figures, by employee),
 * then `values` (what the caller gave, which wins), and the stored score for every score input neither
 * gives — the rule of the employee's own payslip (payslip.ts's payValuesOf).
 */
export function payrollOf(
  scored: readonly ScoredAppraisal[], roles: Readonly<Record<string, Assignment>>, plans: Readonly<Record<string, PayPlanInput>>, values: PayValues,
  figures: ReadonlyMap<string, PayFigureValues | undefined> = new Map(),
): { entries: PayrollEntry[]; plans: PayPlanInput[] } {
  const entries: PayrollEntry[] = [];
  const used = new Map<string, PayPlanInput>();
  for (const { appraisal, planId, plan } of payable(scored, roles, plans)) {
    used.set(planId, plan);
    const { record, person } = appraisal;
    const score = appraisal.published as ScoreResult;
    // A host's values are given the score pay is computed from, never the live rescore of an appeal under review.
    const given = typeof values === 'function' ? values({ ...appraisal, score }, plan) : values[record.employeeId];
    const payslip = computePay(plan, { employee: record.employeeId, period: record.period, values: payValuesOf(plan, score, figures.get(record.employeeId), given) });
    entries.push({ record, score, payslip, ...(person ? { name: person.name } : {}), ...(person?.department !== undefined ? { department: person.department } : {}) });
  }
  return { entries, plans: [...used.values()] };
}

/** kaohe-annual's data for `year` (C-3): the published monthly scores in `scored`, by person, for the ranks, and each person's months in order. */
export function annualOf(scored: readonly ScoredAppraisal[], year: number): { peers: AnnualRecord[]; months: Record<string, AnnualMonth[]> } {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const byPerson = new Map<string, { role: string; region: string; months: AnnualMonth[] }>();
  for (const { record, published, person, role } of scored) {
    if (!record.period.startsWith(prefix) || !published) continue;
    const entry = byPerson.get(record.employeeId) ?? { role, region: person?.region ?? '', months: [] };
    entry.months.push({ period: record.period, monthly: published.monthly });
    byPerson.set(record.employeeId, entry);
  }
  const months: Record<string, AnnualMonth[]> = {};
  const peers: AnnualRecord[] = [];
  for (const [employeeId, entry] of byPerson) {
    entry.months.sort((a, b) => a.period.localeCompare(b.period));
    months[employeeId] = entry.months;
    peers.push({ employeeId, role: entry.role, region: entry.region, monthly: entry.months.map((month) => month.monthly) });
  }
  return { peers, months };
}

/** A service that answers HR's reads itself (the server's client: computed on the server) carries them under this key. */
export const hrReadsKey: unique symbol = Symbol.for('kaohe.service.hrReads') as never;

/** HR's reads over `service`: its own when it carries them (the server's client), else computed over its store. */
export function hrReads(service: KaoheService): HrReads {
  const own = (service as KaoheService & { [hrReadsKey]?: HrReads })[hrReadsKey];
  if (own) return own;
  const x = service[internals];

  async function forbidden(viewerId: string): Promise<Refusal | undefined> {
    return isHr(viewerId, await x.directory()) ? undefined : refusal('forbidden', `${viewerId} is not HR; HR's reads are for HR only.`);
  }

  async function collect(query: AppraisalQuery): Promise<{ appraisals: ScoredAppraisal[]; skipped: SkippedAppraisal[] }> {
    const [dir, roles] = await Promise.all([x.directory(), x.assignments()]);
    const records: AppraisalRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await x.store.listAppraisals({ ...query, limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const appraisals: ScoredAppraisal[] = [];
    const skipped: SkippedAppraisal[] = [];
    for (const record of records) {
      const out = publishedResultOf(record);
      let score: ScoreResult | null;
      let published: ScoreResult | null | undefined;
      try {
        score = record.score !== undefined ? record.score : scoreOrNull(await x.pinnedRubric(record), record.sheet);
        published = out === undefined ? undefined : out.score !== undefined ? out.score : scoreOrNull(await x.pinnedRubric(record), out.sheet);
      } catch (error) {
        // A month is still shown when one record's pinned version is gone; that record is named, never scored against another.
        if (!(error instanceof KaoheServiceError)) throw error;
        skipped.push({ id: record.id, reason: error.message });
        continue;
      }
      // Payroll and the year read the published result: a live sheet with problems only leaves the distribution.
      if (!score && !published) {
        skipped.push({ id: record.id, reason: `the sheet of ${record.id} has problems and no score yet` });
        continue;
      }
      const person = dir.people.find((candidate) => candidate.id === record.employeeId);
      appraisals.push({ record, score: score ?? null, person, role: roleOf(person, roles, record), ...(published ? { published } : {}) });
    }
    return { appraisals, skipped };
  }

  async function payroll(period: string, values: PayValues): Promise<{ entries: PayrollEntry[]; skipped: SkippedAppraisal[]; plans: PayPlanInput[] }> {
    const [{ appraisals, skipped: unscored }, roles, plans] = await Promise.all([collect({ period }), x.assignments(), x.payPlans()]);
    // Out, but what was published is not known (publishedResultOf): named, never paid by an unreviewed rescore.
    const skipped = [...unscored, ...appraisals.filter(({ record, published }) => isPublished(record.status) && !published).map(({ record }) => ({
      id: record.id, reason: `what was published of ${record.id} is not known (published before Kaohe kept it, and rescored since); it is paid once HR publishes it again`,
    }))];
    const figures = new Map<string, PayFigureValues | undefined>();
    for (const { appraisal: { record }, planId, plan } of payable(appraisals, roles, plans)) {
      figures.set(record.employeeId, await x.payFigures({ employee: record.employeeId, period: record.period, planId, plan }));
    }
    return { ...payrollOf(appraisals, roles, plans, values, figures), skipped };
  }

  return {
    async scored(viewerId, query = {}) {
      return await forbidden(viewerId) ?? { ok: true, ...await collect(query) };
    },

    async distribution(viewerId, { period }) {
      const refused = await forbidden(viewerId);
      if (refused) return refused;
      const { appraisals, skipped } = await collect({ period });
      // The distribution is HR's view of the live scores: a live sheet with problems is named, though its published result still pays.
      const broken = appraisals.filter(({ score }) => !score).map(({ record }) => ({
        id: record.id, reason: `the sheet of ${record.id} has problems and no score yet (its published result stands)`,
      }));
      return { ok: true, entries: distributionOf(appraisals), skipped: [...skipped, ...broken] };
    },

    async payroll(viewerId, { period, values }) {
      const refused = await forbidden(viewerId);
      if (refused) return refused;
      const { entries, skipped } = await payroll(period, values);
      return { ok: true, entries, skipped };
    },

    async payrollCsv(viewerId, { period, values, locale }) {
      const refused = await forbidden(viewerId);
      if (refused) return refused;
      const { entries, skipped, plans } = await payroll(period, values);
      const csv = await payrollCsv(entries.map((entry) => ({
        employee: entry.record.employeeId, score: entry.score, payslip: entry.payslip, period: entry.record.period, rubric: entry.record.rubricId,
        ...(entry.name !== undefined ? { name: entry.name } : {}), ...(entry.department !== undefined ? { department: entry.department } : {}),
      })), { locale, plans: plans as Array<{ lines: Array<{ id: string }> }> });
      return { ok: true, ...csv, skipped };
    },

    async annualYear(viewerId, { year }) {
      const hr = isHr(viewerId, await x.directory());
      const [published, appealed] = await Promise.all([collect({ status: 'published' }), collect({ status: 'appealed' })]);
      const { peers, months } = annualOf([...published.appraisals, ...appealed.appraisals], year);
      const skipped = [...published.skipped, ...appealed.skipped];
      if (hr) return { ok: true, peers, months, skipped };
      const own = peers.find((peer) => peer.employeeId === viewerId);
      if (!own) return { ok: true, peers: [], months: {}, skipped: [] };
      let n = 0;
      const others = peers
        .filter((peer) => peer.employeeId !== viewerId && (peer.role === own.role || peer.region === own.region))
        .map((peer): AnnualRecord => ({
          employeeId: `peer-${++n}`, monthly: peer.monthly,
          role: peer.role === own.role ? peer.role : '', region: peer.region === own.region ? peer.region : '',
        }));
      return { ok: true, peers: [own, ...others], months: { [viewerId]: months[viewerId] ?? [] }, skipped: [] };
    },
  };
}
