// The rubric rules (rubric-rules.ts: zod, decimal.js and the scoring engine, ~23 KB gzip) load with the
// first rubric the page has to check — a configure given rubrics or the presets, always without a
// server (the page's own service scores) — so a page on the server that shows a payslip or an inbox,
// whose rubrics are the server's, never downloads them (issue 14).
type RubricRules = typeof import('./rubric-rules.ts');

let rules: RubricRules | undefined;
let loading: Promise<RubricRules> | undefined;

/** Imports the rubric rules once (again after a failure). */
export function loadRules(): Promise<RubricRules> {
  if (rules) return Promise.resolve(rules);
  loading ??= import('./rubric-rules.ts').then((module) => { rules = module; return module; });
  loading.catch(() => { loading = undefined; });
  return loading;
}

/**
 * The rubric rules for a method that answers at once.
 * @throws when they are not loaded: only with a server and no rubric configured
 */
export function loadedRules(method: string): RubricRules {
  if (!rules) {
    throw new Error(`Kaohe.${method}: with a server and no rubric configured, the page has not loaded the rubric rules; `
      + 'pass the rubrics to check to Kaohe.configure (or load the presets before it).');
  }
  return rules;
}
