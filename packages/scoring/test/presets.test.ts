import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { dec, sum } from '../src/decimal.ts';
import { ENTRY_FIELDS } from '../src/engine.ts';
import { assessingGroupLabels } from '../src/groups.ts';
import { rubricPresetIds, rubricPresets } from '../src/presets/index.ts';
import { payPlanPresets } from '../src/presets/pay/index.ts';
import { Rubric, Sheet, type Entry, type Item, type Label, type RuleKind } from '../src/schema.ts';
import { validateRubric } from '../src/validate.ts';

const examplesDir = new URL('../../cli/examples/sheets/', import.meta.url);
const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
const examples = exampleFiles.map((file) => ({ file, json: JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8')) as unknown }));

function parsedPreset(id: string): Rubric {
  const parsed = Rubric.safeParse(rubricPresets[id]);
  assert.ok(parsed.success, `${id} does not parse: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}
const presets = rubricPresetIds.map((id) => parsedPreset(id));
const items = (rubric: Rubric): Item[] => rubric.sections.flatMap((s) => s.items);
const itemOf = (rubricId: string, itemId: string): Item => {
  const found = items(parsedPreset(rubricId)).find((i) => i.id === itemId);
  assert.ok(found, `${rubricId} has no item ${itemId}`);
  return found;
};

/** Every label in a value, with where it sits. */
function labelsIn(value: unknown, path = ''): Array<{ path: string; label: Label }> {
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('zh-Hant' in record || 'zh-Hans' in record || 'en' in record) return [{ path, label: record as Label }];
  return Object.entries(record).flatMap(([key, child]) => labelsIn(child, path ? `${path}.${key}` : key));
}

// Characters that the presets' zh-Hant text writes in Traditional form, and their Simplified
// counterparts in the zh-Hans text (taken with OpenCC t2s/s2t from the labels when they were
// written). A Traditional character in zh-Hans, or a Simplified one in zh-Hant, is a slip of the
// conversion that a reader in that locale notices at once.
const TRADITIONAL_ONLY = '並價優內兩劃動務勝匯區協員問單嚴執報場夠實審寫專對導崗幾廣強後復態應戶換據敘數於時書條業極標樣機橫檢權氣決沒況滿為無獨現產當發積節簡紀約級細終組結給經維網線練總績織續聲職聽與處虛術見規訂計訊訓記訪設訴評詢話該詳認語誤調諮識貨責費資賠質購跡蹤車較輛轄轉連進過違遲鈴銷錄錯鐘長門開間際隨離難電響項順須預領頻題額顧饋體點採';
const SIMPLIFIED_ONLY = '与专业两严为书产价优体内写决况几划务动区协单发叙听员咨响场声处够实审对导岗广应开强当录态总户执报换据数无时术机权条极标样检横气汇没满点独现电积简约级纪线练组细织终经结给络绩续维网职胜节虚见规计订认训记访评识诉话询该详语误调责货质购费赔踪车转较辆辖过进违连迟迹钟铃销错长门问间际随难项顺须顾预领频题额馈';

describe('rubric presets: one per role of domain/rules.md', () => {
  test('there is a preset for every role with a rubric in rules.md §1, keyed by its rubric ID, at version 1', () => {
    assert.deepEqual([...rubricPresetIds], ['R-SP', 'R-SP-KPI', 'R-RM', 'R-FS', 'R-CSP', 'R-CSA', 'R-OCS', 'R-SV', 'R-TR']);
    assert.deepEqual(Object.keys(rubricPresets).sort(), [...rubricPresetIds].sort());
    for (const id of rubricPresetIds) {
      assert.equal(rubricPresets[id]?.id, id, `the preset under ${id} says it is ${rubricPresets[id]?.id}`);
      assert.equal(rubricPresets[id]?.version, 1, `${id} is at version ${rubricPresets[id]?.version}`);
    }
  });

  for (const rubric of presets) {
    describe(rubric.id, () => {
      // The schema parse at the top of this file only checks shapes; the validator checks meaning.
      test('passes the validator with no problem and no warning: unique IDs, items adding up to their sections and sections to the scale (O-1)', () => {
        const checked = validateRubric(rubricPresets[rubric.id]);
        assert.deepEqual(checked.ok ? checked.warnings : checked.problems, []);
        assert.ok(checked.ok);
      });

      test('every label is written in zh-Hant, zh-Hans and English, and every item states its rule in words', () => {
        for (const { path, label } of labelsIn(rubric)) {
          for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const) {
            assert.ok(typeof label[locale] === 'string' && label[locale].trim().length > 0, `${rubric.id} ${path}: no ${locale} text`);
          }
        }
        for (const item of items(rubric)) {
          assert.ok(item.description, `${item.id} has no description`);
          for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const) assert.ok(item.description[locale].trim(), `${item.id}: empty ${locale} description`);
          assert.ok(item.source?.trim(), `${item.id} does not say which rule it comes from`);
        }
      });

      test('zh-Hans text uses Simplified characters and zh-Hant text Traditional ones', () => {
        for (const { path, label } of labelsIn(rubric)) {
          const traditionalInHans = [...label['zh-Hans']].filter((c) => TRADITIONAL_ONLY.includes(c));
          const simplifiedInHant = [...label['zh-Hant']].filter((c) => SIMPLIFIED_ONLY.includes(c));
          assert.deepEqual(traditionalInHans, [], `${rubric.id} ${path} zh-Hans "${label['zh-Hans']}" has Traditional characters`);
          assert.deepEqual(simplifiedInHant, [], `${rubric.id} ${path} zh-Hant "${label['zh-Hant']}" has Simplified characters`);
        }
      });

      test('item, section and gate IDs are unique, so a sheet entry names exactly one thing', () => {
        const ids = rubric.sections.flatMap((s) => [s.id, ...(s.gate ? [s.gate.id] : []), ...s.items.map((i) => i.id)]);
        assert.deepEqual(ids.filter((id, n) => ids.indexOf(id) !== n), []);
      });

      test('the items of each section add up to its points and the sections to the scale (O-1)', () => {
        for (const section of rubric.sections) {
          const scored = section.items.filter((i) => !section.pooled && !i.penaltyOnly);
          const total = sum(scored.map((i) => dec(i.points)));
          if (!section.pooled) assert.ok(total.eq(dec(section.points)), `${section.id}: items add up to ${total}, the section declares ${section.points}`);
          for (const item of section.items.filter((i) => section.pooled || i.penaltyOnly)) {
            assert.ok(dec(item.points).isZero(), `${item.id} only deducts but carries ${item.points} points`);
          }
        }
        const sections = sum(rubric.sections.map((s) => dec(s.points)));
        assert.ok(sections.eq(dec(rubric.scale)), `sections add up to ${sections}, the scale is ${rubric.scale}`);
      });

      test('weighted indicators carry weight × scale as their points and the weights make 100% (C-4)', () => {
        const weighted = items(rubric).filter((i) => i.weight !== undefined);
        if (weighted.length === 0) return;
        assert.ok(sum(weighted.map((i) => dec(i.weight!))).eq(1));
        for (const item of weighted) assert.ok(dec(item.weight!).times(dec(rubric.scale)).eq(dec(item.points)), `${item.id}: weight ${item.weight} but ${item.points} points`);
      });

      test('doubling for repeated non-submission sits only on items whose entry can say how many months before (O-5)', () => {
        const readsPriorMonths: ReadonlySet<RuleKind> = new Set(['perOccurrence', 'ranged', 'threshold']);
        for (const item of items(rubric).filter((i) => i.repeatDoubling)) {
          assert.ok(readsPriorMonths.has(item.rule.kind), `${item.id} doubles but is a ${item.rule.kind} item`);
        }
      });

      test('every assessing group named on an item has a label to show', () => {
        for (const item of items(rubric)) {
          for (const group of item.groups) assert.ok(assessingGroupLabels[group], `${item.id}: group "${group}" has no label`);
        }
      });
    });
  }

  test('presets are frozen, so one form editing a rubric cannot change it for every other', () => {
    const sp = rubricPresets['R-SP']!;
    assert.throws(() => { (sp as { version: number }).version = 2; }, TypeError);
    assert.throws(() => { sp.sections[0]!.items.push(sp.sections[0]!.items[0]!); }, TypeError);
  });

  test('pay-plan presets are frozen all the way down, so a P-1 rate changed in place cannot reach the next payslip', () => {
    // ES modules run in strict mode, where writing to a frozen object throws instead of doing nothing.
    for (const [id, plan] of Object.entries(payPlanPresets)) {
      const line = plan.lines[0]!;
      assert.throws(() => { (line as { formula: unknown }).formula = '0'; }, TypeError, `${id}: lines[0].formula can be changed`);
      assert.throws(() => { (line.label as { en: string }).en = 'changed'; }, TypeError, `${id}: lines[0].label.en can be changed`);
    }
    assert.throws(() => { (payPlanPresets['P-1']!.inputs as unknown[]).push({}); }, TypeError);
  });
});

describe('presets carry the rules of domain/rules.md', () => {
  test('R-SP: dealer management deducts 5 for each SP-D1..SP-D6 from a shared 30 that never goes below 0', () => {
    const dealer = parsedPreset('R-SP').sections.find((s) => s.id === 'dealer');
    assert.ok(dealer?.pooled);
    assert.equal(dec(dealer.points).toString(), '30');
    assert.equal(dealer.floor !== null && dec(dealer.floor).toString(), '0');
    assert.deepEqual(dealer.items.map((i) => i.id), ['SP-D1', 'SP-D2', 'SP-D3', 'SP-D4', 'SP-D5', 'SP-D6']);
    for (const item of dealer.items) assert.deepEqual(item.rule.kind === 'perOccurrence' && dec(item.rule.amount).toString(), '5', item.id);
  });

  test('R-SP: a late or illegible weekly report voids the whole 40 of SP-W', () => {
    const weekly = parsedPreset('R-SP').sections.find((s) => s.gate?.id === 'SP-W');
    assert.ok(weekly);
    assert.equal(dec(weekly.points).toString(), '40');
    assert.deepEqual(weekly.items.map((i) => i.id), ['SP-W1', 'SP-W2', 'SP-W3', 'SP-W4']);
  });

  test('R-SP: SP-W3 deducts 3 per missing visit record and two or more missing take the whole item', () => {
    const rule = itemOf('R-SP', 'SP-W3').rule;
    assert.ok(rule.kind === 'threshold');
    assert.equal(dec(rule.perMiss).toString(), '3');
    assert.equal(rule.zeroAt, 2);
  });

  test('R-FS: FS-1..FS-9 fill the 100-point scale and FS-10 is a penalty outside it, −10 then −30 with a transfer (O-1)', () => {
    const fs = parsedPreset('R-FS');
    const fs10 = itemOf('R-FS', 'FS-10');
    assert.ok(fs10.penaltyOnly);
    assert.ok(fs10.rule.kind === 'escalating');
    assert.deepEqual(fs10.rule.steps.map((s) => [s.atCount, dec(s.deduct).toString(), s.flag?.code ?? null]), [[1, '10', null], [2, '30', 'transfer']]);
    const regular = items(fs).filter((i) => !i.penaltyOnly);
    assert.deepEqual(regular.map((i) => i.id), ['FS-1', 'FS-2', 'FS-3', 'FS-4a', 'FS-4b', 'FS-5', 'FS-6', 'FS-7', 'FS-8', 'FS-9']);
    assert.equal(sum(regular.map((i) => dec(i.points))).toString(), '100');
    assert.equal(fs.sections.find((s) => s.items.some((i) => i.id === 'FS-10'))?.floor, null, 'the −30 must be able to reach the work score');
  });

  test('R-FS: each item is scored by the groups rules.md names on it (W-FS)', () => {
    const expected: Record<string, string[]> = {
      'FS-1': ['fieldManagement'], 'FS-2': ['fieldManagement', 'correspondence', 'claims', 'technical', 'parts'],
      'FS-3': ['fieldManagement', 'correspondence'], 'FS-4a': ['claims'], 'FS-4b': ['parts', 'correspondence'],
      'FS-5': ['correspondence'], 'FS-6': ['fieldManagement'], 'FS-7': ['technical'], 'FS-8': ['fieldManagement'],
      'FS-9': ['fieldManagement', 'technical'], 'FS-10': ['claims'],
    };
    for (const [id, groups] of Object.entries(expected)) assert.deepEqual(itemOf('R-FS', id).groups, groups, id);
  });

  test('R-FS: a serious user complaint (FS-3) raises removal from post', () => {
    const rule = itemOf('R-FS', 'FS-3').rule;
    assert.ok(rule.kind === 'ranged');
    assert.equal(rule.options.find((o) => o.id === 'serious')?.flag?.code, 'removal-from-post');
  });

  test('R-CSP and R-CSA weigh their indicators as the page does, refunds lower-is-better (C-4)', () => {
    const weights = (id: string) => items(parsedPreset(id)).map((i) => `${i.id}:${dec(i.weight ?? '0').times(100)}%`);
    assert.deepEqual(weights('R-CSP'), ['CSP-1:35%', 'CSP-2:30%', 'CSP-3:20%', 'CSP-4:10%', 'CSP-5:5%']);
    assert.deepEqual(weights('R-CSA'), ['CSA-1:40%', 'CSA-2:40%', 'CSA-3:20%']);
    const refund = itemOf('R-CSP', 'CSP-5').rule;
    assert.ok(refund.kind === 'measured' && refund.direction === 'lower');
  });

  test('only salespeople, regional managers and field service representatives have attendance in their monthly score (C-1)', () => {
    const withAttendance = presets.filter((r) => r.composite.kind === 'workAttendance').map((r) => r.id);
    assert.deepEqual(withAttendance, ['R-SP', 'R-RM', 'R-FS']);
  });
});


/** What is wrong with an entry for this item, in the assessor's terms; empty when nothing is. */
function entryProblems(item: Item, entry: Entry): string[] {
  const problems: string[] = [];
  const allowed = new Set<string>([...ENTRY_FIELDS[item.rule.kind], 'comment']);
  for (const key of Object.keys(entry)) if (!allowed.has(key)) problems.push(`"${key}" does not apply to a ${item.rule.kind} item`);
  if (entry.priorMonths !== undefined && !item.repeatDoubling) problems.push('priorMonths on an item that does not double');
  const within = (amount: string | number, min: string | number, max: string | number) => dec(amount).gte(dec(min)) && dec(amount).lte(dec(max));
  const rule = item.rule;
  switch (rule.kind) {
    case 'award':
      if (entry.points === undefined || !within(entry.points, 0, item.points)) problems.push(`points must be 0..${item.points}`);
      break;
    case 'levels': {
      const level = rule.levels.find((l) => l.id === entry.level);
      if (!level) { problems.push(`"${entry.level}" is not a level`); break; }
      if (typeof level.deduct === 'object') {
        if (entry.amount === undefined || !within(entry.amount, level.deduct.min, level.deduct.max)) problems.push(`${level.id} needs an amount in ${level.deduct.min}..${level.deduct.max}`);
        if (!entry.reason?.trim()) problems.push(`${level.id} is a range and needs a reason (O-8)`);
      }
      break;
    }
    case 'ranged':
      for (const d of entry.deductions ?? []) {
        const option = rule.options.find((o) => o.id === d.option);
        if (!option) { problems.push(`"${d.option}" is not a case`); continue; }
        if (!within(d.amount, option.min, option.max)) problems.push(`${option.id} deducts ${option.min}..${option.max}, not ${d.amount}`);
        if (!dec(option.min).eq(dec(option.max)) && !d.reason.trim()) problems.push(`${option.id} needs a reason (O-8)`);
      }
      break;
    case 'sampled':
      if (entry.checked === undefined || (entry.passed ?? 0) > entry.checked) problems.push('passed must not exceed checked');
      break;
    case 'measured':
      if (entry.value === undefined) problems.push('a measured item needs a value');
      break;
    default:
      break;
  }
  return problems;
}

describe('example sheets (the CLI demo input)', () => {
  const sheets = examples.map(({ file, json }) => {
    const parsed = Sheet.safeParse(json);
    return { file, parsed };
  });

  for (const { file, parsed } of sheets) {
    test(`${file} parses and names only items and gates of its rubric, each with the entry its rule reads`, () => {
      assert.ok(parsed.success, `${file}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
      const sheet = parsed.data;
      assert.ok(rubricPresetIds.includes(sheet.rubric as never), `${file} is for an unknown rubric ${sheet.rubric}`);
      const rubric = parsedPreset(sheet.rubric);
      assert.equal(sheet.rubricVersion, rubric.version);
      const byId = new Map(items(rubric).map((i) => [i.id, i]));
      const gates = new Set(rubric.sections.flatMap((s) => (s.gate ? [s.gate.id] : [])));
      for (const [id, entry] of Object.entries(sheet.entries)) {
        if (gates.has(id)) {
          assert.deepEqual(Object.keys(entry).filter((k) => !['breached', 'reason', 'comment'].includes(k)), [], `${file} ${id}: a gate takes { breached }`);
          continue;
        }
        const item = byId.get(id);
        assert.ok(item, `${file}: ${id} is not an item of ${rubric.id}`);
        assert.deepEqual(entryProblems(item, entry), [], `${file} ${id}`);
      }
    });
  }

  test('every preset has at least one example sheet', () => {
    const covered = new Set(examples.map(({ json }) => (json as { rubric?: string }).rubric));
    assert.deepEqual(rubricPresetIds.filter((id) => !covered.has(id)), []);
  });

  test('the examples show every entry shape an assessor can fill in', () => {
    const used = new Set<string>();
    for (const { parsed } of sheets) {
      if (!parsed.success) continue;
      for (const entry of Object.values(parsed.data.entries)) for (const key of Object.keys(entry)) used.add(key);
    }
    const shapes = ['count', 'deductions', 'level', 'amount', 'reason', 'points', 'breached', 'value', 'target', 'checked', 'passed', 'priorMonths'];
    assert.deepEqual(shapes.filter((s) => !used.has(s)), []);
  });

  const sheet = (file: string) => {
    const found = sheets.find((s) => s.file === file);
    assert.ok(found?.parsed.success, `${file} is missing or does not parse`);
    return found.parsed.data;
  };

  test('r-sp-wang.json: a salesperson absent one and a half days with two late dealer daily reports (SP-D1, C-2)', () => {
    const wang = sheet('r-sp-wang.json');
    assert.equal(String(wang.attendance?.absentDays), '1.5');
    assert.equal(wang.entries['SP-D1']?.count, 2);
  });

  test('r-fs-chen.json: a service centre caught filing false claims twice (FS-10)', () => {
    assert.equal(sheet('r-fs-chen.json').entries['FS-10']?.count, 2);
  });

  test('r-rm-zhang.json: a regional manager sheet with every item filled in', () => {
    const zhang = sheet('r-rm-zhang.json');
    assert.deepEqual(items(parsedPreset('R-RM')).map((i) => i.id).filter((id) => !zhang.entries[id]), []);
  });
});
