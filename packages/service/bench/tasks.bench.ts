// Benchmark, not a test: the service's tasks page and view in-process, over a MemoryStore, for the
// server benchmark's company (40 regional managers × 50 salespeople, 2,044 people, 2,040 appraisals).
//   node --import tsx packages/service/bench/tasks.bench.ts
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx packages/service/bench/tasks.bench.ts   # a profile
//   CACHE_VIEWS=1 …   # with the views kept, as the server keeps them (cacheViews)
// Prints the time of opening the month, of a tasks page of 50 and of one view; asserts nothing.
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import { presetAssignments, type Directory, type Person } from '@kaohe/workflow';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createService } from '../src/index.ts';

const PERIOD = '2026-11';
const REGIONS = 40;
const PER_REGION = 50;

function company(): Person[] {
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

const store = new MemoryStore();
for (const input of Object.values(rubricPresets)) await store.putRubric(loadRubric(input));
const directory: Directory = { people: company(), delegations: [] };
const service = createService({ store, directory, assignments: presetAssignments, clock: () => '2026-11-05T02:00:00Z', cacheViews: process.env['CACHE_VIEWS'] === '1' });

console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
let started = performance.now();
const opened = await service.openPeriod(null, { period: PERIOD });
if (!opened.ok) throw new Error(opened.message);
console.log(`open the month: ${opened.opened.length} appraisals in ${Math.round(performance.now() - started)} ms`);

const rms = directory.people.filter((person) => person.roles.includes('regionalManager')).map((person) => person.id);
const pages = Number(process.env['PAGES'] ?? 200);
for (const rm of rms.slice(0, 5)) await service.tasks(rm); // warm up
started = performance.now();
let items = 0;
for (let i = 0; i < pages; i++) items += (await service.tasks(rms[i % rms.length] as string)).items.length;
const pageMs = (performance.now() - started) / pages;
console.log(`tasks page: ${pageMs.toFixed(2)} ms each (${pages} pages, ${items / pages} appraisals a page, ${(pageMs * 1000 / (items / pages)).toFixed(0)} µs a view)`);

started = performance.now();
for (let i = 0; i < pages; i++) await service.view(`${PERIOD}:S${String(i % 2000).padStart(4, '0')}`, rms[Math.floor((i % 2000) / PER_REGION)] as string);
console.log(`one view with history: ${((performance.now() - started) / pages).toFixed(2)} ms`);
console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
