// The rubric form the task pane shows, imported when the first task with a rubric opens: an inbox that
// lists tasks (its first paint) never waits for the form's module (@formkit/core, the rubric's
// descriptions, the drafts' autosave: ~20 KB gzip), and a page that never opens a task never loads it (issue 14).
let loading: Promise<unknown> | undefined;

/** Imports and defines `kaohe-rubric-form` once (again after a failure, which is logged). */
export function loadRubricForm(): Promise<unknown> {
  if (!loading) {
    const started = import('../kaohe-rubric-form/register.ts');
    loading = started;
    started.catch((error: unknown) => {
      console.error('Kaohe: the rubric form did not load:', error);
      if (loading === started) loading = undefined;
    });
  }
  return loading;
}
