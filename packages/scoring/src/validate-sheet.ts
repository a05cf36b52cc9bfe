import { dec } from './decimal.ts';
import { formatPath, KaoheInputError, type Problem } from './problems.ts';
import { isDeepFrozen } from './freeze.ts';
import { isPlainObject } from './plain.ts';
import { absentDaysOverMonth, Entry, Sheet, type Rubric, type SheetInput } from './schema.ts';
import { readPlainSheet } from './sheet-check.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rule a sheet's problem is cited under: the item's rule ID for an entry, C-2 for attendance. */
function ruleAt(path: ReadonlyArray<PropertyKey>, code: string, itemRules: ReadonlyMap<string, string>): string {
  if (path[0] === 'attendance') return 'C-2';
  if (path[0] === 'entries' && typeof path[1] === 'string') return itemRules.get(path[1]) ?? 'unknown-item';
  return code;
}

/**
 * Reads a sheet for a rubric: the sheet schema's bounds (schema.ts) and what needs the rubric —
 * attendance where the monthly score uses it (C-1), entries only for the rubric's items, the
 * rubric and version the sheet names. Every problem found on the way is returned at once, each
 * naming its path and rule (the item's rule ID for an entry, C-2 for attendance).
 *
 * Throws a KaoheInputError when the schema refuses the sheet. Otherwise returns the parsed sheet,
 * its entries held in a null-prototype object (so no item id reaches Object.prototype), with the
 * problems so far; scoreSheet adds the entries' own problems to them.
 */
export function readSheet(rubric: Rubric, input: SheetInput | Sheet, reads?: Map<string, [unknown, Entry]>): { sheet: Sheet; problems: Problem[] } {
  const itemRules = itemRulesOf(rubric);
  const problems: Problem[] = [];
  const raw: unknown = input;

  if (isRecord(raw)) {
    if (typeof raw['rubric'] === 'string' && raw['rubric'] !== rubric.id) {
      problems.push({ path: 'rubric', rule: 'rubric', message: `the sheet is for rubric "${String(raw['rubric'])}", not "${rubric.id}"` });
    }
    const version = raw['rubricVersion'];
    if (typeof version === 'number' && version !== rubric.version) {
      problems.push({ path: 'rubricVersion', rule: 'rubric-version', message: `the sheet pins version ${version} of ${rubric.id}, not version ${rubric.version}` });
    }
    // C-1: the monthly score is work × 70% + attendance × 30%; a sheet without its attendance must
    // not score as full attendance.
    if (rubric.composite.kind === 'workAttendance' && raw['attendance'] === undefined) {
      const { work, attendance } = rubric.composite;
      problems.push({
        path: 'attendance',
        rule: 'C-1',
        message: `${rubric.id}'s monthly score is work × ${dec(work).times(100)}% + attendance × ${dec(attendance).times(100)}%: give the absent days ({ "absentDays": "0" } for full attendance)`,
      });
    }
    // Own keys of the sheet as written: JSON.parse makes "__proto__" an own key, which a parsed
    // record drops silently; it is refused here like any other id that is not an item.
    const entries = raw['entries'];
    if (isRecord(entries)) {
      for (const key of Object.keys(entries)) {
        if (!itemRules.has(key)) {
          problems.push({ path: formatPath(['entries', key]), rule: 'unknown-item', message: `${key} is not an item of ${rubric.id}` });
        }
      }
    }
  }

  // Plain data within the schema's bounds is read by hand, for speed (sheet-check.ts), or entry by entry
  // for a sheet being filled in (sheetScorer); the rest by the schema.
  const plain = (reads && readByEntry(input, reads)) || readPlainSheet(input);
  if (plain) return { sheet: plain, problems };
  const parsed = Sheet.safeParse(input);
  if (!parsed.success) {
    const schemaProblems = parsed.error.issues.flatMap((issue) => {
      // A field the sheet does not know is named by its own path, not by the object around it.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      // C-2's refusal of more absent days than the month has carries its values, for a caller that words it itself
      const over = issue.code === 'custom' && issue.params?.['absentDaysOverMonth'] === true
        ? { values: absentDaysOverMonth(input as Parameters<typeof absentDaysOverMonth>[0]) } : {};
      return paths.map((path) => ({ path: formatPath(path), rule: ruleAt(path, issue.code, itemRules), message: issue.message, ...over }));
    });
    // An unknown item's own fields say nothing more than that it is unknown.
    const unknown = new Set(problems.filter((p) => p.rule === 'unknown-item').map((p) => p.path));
    const rest = schemaProblems.filter((p) => ![...unknown].some((u) => p.path === u || p.path.startsWith(`${u}.`) || p.path.startsWith(`${u}[`)));
    throw new KaoheInputError('sheet', [...problems, ...rest]);
  }
  const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  for (const [id, entry] of Object.entries(parsed.data.entries)) entries[id] = entry;
  return { sheet: { ...parsed.data, entries }, problems };
}

/**
 * The sheet as `Sheet.parse` returns it, its entries parsed one by one (by Entry, as the sheet's record
 * parses them): an entry given as the same deep-frozen object as last time is taken as read then, so
 * a sheet filled in a keystroke at a time is read an entry at a time. Undefined when anything is
 * refused (the schema then names the problems) or is not plain data.
 */
function readByEntry(input: unknown, reads: Map<string, [unknown, Entry]>): Sheet | undefined {
  if (!isPlainObject(input)) return undefined;
  const given = input['entries'] === undefined ? {} : input['entries'];
  // the schema's record reads own enumerable keys, symbols too, and skips "__proto__": left to it
  if (!isPlainObject(given) || Object.getOwnPropertySymbols(given).length > 0) return undefined;
  const frame = Sheet.safeParse({ ...input, entries: {} });
  if (!frame.success) return undefined;
  const entries = Object.create(null) as Record<string, Entry>;
  for (const id of Object.keys(given)) {
    if (id === '__proto__') return undefined;
    const value = given[id];
    let read = reads.get(id);
    if (!read || read[0] !== value) {
      const parsed = Entry.safeParse(value);
      if (!parsed.success) return undefined;
      read = [value, parsed.data];
      if (isDeepFrozen(value)) reads.set(id, read);
      else reads.delete(id);
    }
    entries[id] = read[1];
  }
  return { ...frame.data, entries };
}

const itemRulesByRubric = new WeakMap<Rubric, ReadonlyMap<string, string>>();

/** Item and gate ids → the rule each is cited under; once per rubric object (a loaded rubric is frozen). */
function itemRulesOf(rubric: Rubric): ReadonlyMap<string, string> {
  let itemRules = itemRulesByRubric.get(rubric);
  if (!itemRules || !Object.isFrozen(rubric)) {
    const rules = new Map<string, string>();
    for (const section of rubric.sections) {
      if (section.gate) rules.set(section.gate.id, section.gate.source ?? section.gate.id);
      for (const item of section.items) rules.set(item.id, item.source ?? item.id);
    }
    itemRulesByRubric.set(rubric, (itemRules = rules));
  }
  return itemRules;
}
