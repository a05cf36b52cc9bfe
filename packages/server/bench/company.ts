// The benchmarks' company: 40 regional managers × 50 salespeople, with HR, a VP and sales planning
// (2,044 people; 2,040 appraisals a month).
import type { Person } from '@kaohe/workflow';

export const PERIOD = '2026-11';
const REGIONS = 40;
const PER_REGION = 50;

export function company(): Person[] {
  const people: Person[] = [
    { id: 'H1', name: 'HR', roles: ['hr'] },
    { id: 'V1', name: 'VP', roles: ['vp'] },
    { id: 'P1', name: 'Head of sales planning', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Sales planner', roles: ['salesPlanning'], managerId: 'P1' },
  ];
  for (let r = 0; r < REGIONS; r++) {
    const rm = `R${String(r).padStart(2, '0')}`;
    people.push({ id: rm, name: `RM ${r}`, roles: ['regionalManager'], region: `region-${r}`, managerId: 'P1' });
    for (let s = 0; s < PER_REGION; s++) {
      people.push({ id: `S${String(r * PER_REGION + s).padStart(4, '0')}`, name: `Salesperson ${r}-${s}`, roles: ['salesperson'], region: `region-${r}`, managerId: rm });
    }
  }
  return people;
}
