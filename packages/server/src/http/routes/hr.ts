import type { HrReads } from '@kaohe/service/hr';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import { personOf } from '../caller.ts';
import { RefusedError } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';
import { PayrollBody, PeriodParams, YearParams } from '../service-schemas.ts';
import { PayslipSchema } from './payslip.ts';

const refused = { 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };
/** appraisals left out, and why (their pinned rubric version is gone, their sheet has problems) */
const Skipped = z.array(z.object({ id: z.string(), reason: z.string() }));
const Distribution = z.object({
  ok: z.literal(true),
  entries: z.array(z.object({ employeeId: z.string(), role: z.string(), score: z.string(), name: z.optional(z.string()) })),
  skipped: Skipped,
});
const Payroll = z.object({
  ok: z.literal(true),
  entries: z.array(z.object({
    /** the stored appraisal (HR reads every field: the workflow's AppraisalRecord) */
    record: z.unknown(),
    /** the scores of the result as published, which it is paid by (scoring's ScoreResult); never an appeal's rescore under review */
    score: z.unknown(),
    payslip: PayslipSchema,
    name: z.optional(z.string()),
    department: z.optional(z.string()),
  })),
  skipped: Skipped,
});
const Annual = z.object({
  ok: z.literal(true),
  peers: z.array(z.object({ employeeId: z.string(), role: z.string(), region: z.string(), monthly: z.readonly(z.array(z.string())) })),
  months: z.record(z.string(), z.array(z.object({ period: z.string(), monthly: z.string() }))),
  skipped: Skipped,
});

/**
 * HR's reads, computed on the server from the scores stored with each record. The service checks that
 * the caller is HR (403 `forbidden` otherwise). Payroll takes what the payroll system knows besides the
 * scores (pay totals, plan completion) in its body, so it is a POST that changes nothing.
 */
export async function hrRoutes(api: KaoheApp, hr: HrReads): Promise<void> {
  api.get('/hr/periods/:period/distribution', {
    schema: { summary: 'The month\'s score distribution (every sheet with all items entered)', params: PeriodParams, response: { 200: Distribution, ...refused } },
  }, async (request) => {
    const result = await hr.distribution(personOf(request).id, { period: request.params.period });
    if (!result.ok) throw new RefusedError(result);
    return result;
  });

  api.post('/hr/periods/:period/payroll', {
    schema: { summary: 'The month\'s published results with a pay plan, each with its payslip', params: PeriodParams, body: PayrollBody, response: { 200: Payroll, ...refused } },
  }, async (request) => {
    const result = await hr.payroll(personOf(request).id, { period: request.params.period, values: request.body.values });
    if (!result.ok) throw new RefusedError(result);
    return result;
  });

  api.post('/hr/periods/:period/payroll.csv', {
    schema: {
      summary: 'The payroll CSV (UTF-8 with BOM, CRLF; the same bytes as HR\'s export and `kaohe batch`); with Accept: application/json, the CSV with its table and the appraisals left out',
      params: PeriodParams, body: PayrollBody,
      response: {
        200: {
          description: 'the CSV',
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: z.object({ ok: z.literal(true), csv: z.string(), header: z.array(z.string()), kinds: z.array(z.string()), rows: z.array(z.array(z.string())), skipped: Skipped }) },
          },
        },
        ...refused,
      },
    },
  }, async (request, reply) => {
    const result = await hr.payrollCsv(personOf(request).id, { period: request.params.period, values: request.body.values, locale: request.body.locale ?? 'zh-Hant' });
    if (!result.ok) throw new RefusedError(result);
    const accept = request.headers.accept ?? '';
    // The server's client asks for JSON (the table and what was skipped, besides the bytes); a browser's download or curl gets the CSV.
    if (accept.includes('application/json') && !accept.includes('text/csv')) return reply.type('application/json; charset=utf-8').send(result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="payroll-${request.params.period}.csv"`)
      .serializer((payload: unknown) => payload as string)
      .send(result.csv);
  });

  api.get('/hr/years/:year', {
    schema: { summary: 'A year\'s published monthly scores for everyone, and each person\'s months (C-3)', params: YearParams, response: { 200: Annual, ...refused } },
  }, async (request) => {
    const result = await hr.annualYear(personOf(request).id, { year: request.params.year });
    if (!result.ok) throw new RefusedError(result);
    return result;
  });
}
