import type { KaoheService } from '@kaohe/service';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import { personOf } from '../caller.ts';
import { RefusedError } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';
import { AppraisalParams } from '../service-schemas.ts';

const Label = z.object({ 'zh-Hant': z.string(), 'zh-Hans': z.string(), en: z.string() });
const money = z.string().check(z.regex(/^-?\d+\.\d{2}$/, 'an amount with exactly two decimals'));

/** scoring's Payslip: every line rounded half-up to 0.01 once, the total the sum of the rounded lines (O-7). */
export const PayslipSchema = z.object({
  plan: z.object({ id: z.string(), version: z.number() }),
  employee: z.optional(z.string()),
  period: z.optional(z.string()),
  currency: z.string(),
  lines: z.array(z.object({
    id: z.string(),
    label: Label,
    formula: z.string(),
    inputs: z.record(z.string(), z.string()),
    amount: money,
    source: z.optional(z.string()),
  })),
  total: money,
  flags: z.array(z.object({ code: z.string(), source: z.string(), label: Label, reasons: z.array(Label) })),
  settings: z.record(z.string(), z.string()),
});

export const PayslipResponse = z.object({
  payslip: PayslipSchema,
  /** the pay plan the payslip was computed by (scoring's PayPlan), for each line's formula and labels */
  plan: z.record(z.string(), z.unknown()),
  /** the values it was computed from: the payroll figures and the scores, by the plan's input names */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  appraisal: z.object({ id: z.string(), employeeId: z.string(), period: z.string(), status: z.string(), revision: z.number() }),
  employee: z.optional(z.object({ id: z.string(), name: z.string(), number: z.optional(z.string()) })),
});

/**
 * An appraisal's payslip, computed on the server by the service (the score stored with it, the role's pay
 * plan, the payroll figures configured for the month). Pay is published with the appraisal: before that,
 * and for anyone the chain does not let read it, the answer is the bytes of a missing id's 404.
 */
export async function payslipRoutes(api: KaoheApp, service: KaoheService): Promise<void> {
  api.get('/appraisals/:id/payslip', {
    schema: {
      summary: 'The appraisal\'s payslip (published: the employee, HR and whoever the chain lets read it); 404 as for a missing id otherwise',
      params: AppraisalParams,
      response: { 200: PayslipResponse, 401: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request) => {
    const result = await service.payslip(request.params.id, personOf(request).id);
    if (!result.ok) throw new RefusedError(result);
    const { ok: _ok, ...body } = result;
    return body;
  });
}
