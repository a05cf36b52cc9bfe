// A company with every role of rules.md §3 (workflow's test directory), the preset rubrics stored as
// version 1, and a service over a MemoryStore. Entries are filled by rule kind so a sheet scores.
import assert from 'node:assert/strict';
import { loadRubric, type Entry, type Item, type Rubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import type { Delegation, Directory } from '@kaohe/workflow';
import { directory as company } from '../../workflow/test/fixtures.ts';
import { createService, type Assignment, type KaoheService } from '../src/index.ts';

export { company };
export const opened = '2026-11-01T09:00:00+08:00';
export const during = '2026-11-05T10:00:00+08:00';
/** after the delegation of the table's delegate (1st–10th) has ended */
export const afterLeave = '2026-11-20T10:00:00+08:00';

export const assignments: Record<string, Assignment> = {
  salesperson: { rubric: 'R-SP', chain: 'W-SP' },
  regionalManager: { rubric: 'R-RM', chain: 'W-RM' },
  departmentHead: { rubric: 'R-RM', chain: 'W-HEAD' },
  serviceStaff: { rubric: 'R-SV', chain: 'W-SV' },
  fieldService: { rubric: 'R-FS', chain: 'W-FS' },
  travellingServiceStaff: { rubric: 'R-TR', chain: 'W-TR' },
};

export function rubricOf(id: string): Rubric {
  return loadRubric(rubricPresets[id as keyof typeof rubricPresets]);
}

export async function setUp(delegations: Delegation[] = []): Promise<{ store: MemoryStore; service: KaoheService; cached: KaoheService; directory: Directory }> {
  const store = new MemoryStore();
  for (const id of ['R-SP', 'R-RM', 'R-SV', 'R-FS', 'R-TR']) await store.putRubric(rubricOf(id));
  const directory: Directory = { ...company, delegations };
  const service = createService({ store, directory, assignments, clock: () => during });
  // the same service keeping its views, as the server runs it (cacheViews)
  const cached = createService({ store, directory, assignments, clock: () => during, cacheViews: true });
  return { store, service, cached, directory };
}

/** A full-marks entry for an item, by its rule kind (a sheet that scores without problems). */
export function entryFor(item: Item, award?: string): Entry {
  const rule = item.rule;
  switch (rule.kind) {
    case 'award': return { points: award ?? String(item.points) };
    case 'ranged': return { deductions: [] };
    case 'levels': return { level: (rule.levels.find((level) => typeof level.deduct !== 'object') ?? rule.levels[0])!.id };
    case 'forfeit': return { breached: false };
    case 'measured': return { value: String(rule.target) };
    case 'sampled': return { checked: 10, passed: 10 };
    default: return { count: 0 };
  }
}

export function entriesFor(rubric: Rubric, ids: readonly string[], awards: Record<string, string> = {}): Record<string, Entry> {
  const items = new Map(rubric.sections.flatMap((section) => section.items).map((item) => [item.id, item]));
  return Object.fromEntries(ids.map((id) => {
    const item = items.get(id);
    assert.ok(item, `${id} is an item of ${rubric.id}`);
    return [id, entryFor(item, awards[id])];
  }));
}
