// Which rubric, chain and pay plan apply to the people holding a role of the presets (rules.md §1, §3,
// §5). One table for every host of the presets: the embed's default configuration and the server's.
// The ids name presets of @kaohe/scoring/presets (rubrics, pay plans) and of this package (chains).
import type { Person } from './records.ts';

export interface RoleAssignment {
  rubric: string;
  chain: string;
  payPlan?: string;
}

export const presetAssignments: Readonly<Record<string, Readonly<RoleAssignment>>> = Object.freeze({
  salesperson: Object.freeze({ rubric: 'R-SP', chain: 'W-SP', payPlan: 'P-1' }),
  regionalManager: Object.freeze({ rubric: 'R-RM', chain: 'W-RM', payPlan: 'P-1' }),
  fieldServiceRepresentative: Object.freeze({ rubric: 'R-FS', chain: 'W-FS' }),
  serviceStaff: Object.freeze({ rubric: 'R-SV', chain: 'W-SV', payPlan: 'P-2' }),
  travellingServiceStaff: Object.freeze({ rubric: 'R-TR', chain: 'W-TR' }),
});

/**
 * The role a person is appraised under: the first of their roles that has an assignment (the one
 * their rubric, chain and pay plan come from); undefined when none of their roles has one. The one
 * rule for opening a month, a payslip's plan, HR's payroll, the chain a person's appraisals run and
 * the embed's assignmentFor.
 */
export function assignedRole(person: Pick<Person, 'roles'> | undefined, assignments: Readonly<Record<string, object | undefined>>): string | undefined {
  return person?.roles.find((role) => assignments[role]);
}
