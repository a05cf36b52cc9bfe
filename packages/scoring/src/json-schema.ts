import { PayPlan } from './pay/pay-schema.ts';
import { Rubric, Sheet } from './schema.ts';
import * as z from './zod.ts';

/** The records an admin writes by hand, and their JSON Schema titles. */
const RECORDS = {
  rubric: { schema: Rubric, title: 'Kaohe rubric 考核表' },
  sheet: { schema: Sheet, title: 'Kaohe sheet 考核記錄' },
  'pay-plan': { schema: PayPlan, title: 'Kaohe pay plan 薪酬方案' },
} as const;

export type RecordKind = keyof typeof RECORDS;
export const recordKinds = /* @__PURE__ */ Object.keys(RECORDS) as RecordKind[];

/**
 * The JSON Schema of a record as a person writes it (io: 'input': fields with defaults are
 * optional), from the same zod schema that validates it, so an editor's checking cannot drift.
 */
export function jsonSchemaOf(kind: RecordKind): Record<string, unknown> {
  const { schema, title } = RECORDS[kind];
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return { $schema, title, ...rest };
}
