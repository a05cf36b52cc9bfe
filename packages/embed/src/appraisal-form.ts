// Opens a stored appraisal in a rubric form set up from the application service's view of it for the
// signed-in user: the mode, and the items they see, edit and must fill, all decided by the service
// (design.md: score, review or read-only; an assessing group sees and edits only its items). The
// form's submit sends the action the view names for them.
import type { KaoheRubricForm } from '@kaohe/elements';
import { serviceDraftStore, submission, type ActResult, type AppraisalView, type KaoheService } from '@kaohe/service';
import type { Rubric } from '@kaohe/scoring';
import type { ActionName, Chain } from '@kaohe/workflow';
import type { KaoheContext } from './context.ts';

export interface OpenedAppraisal {
  form: KaoheRubricForm;
  /** the appraisal as the user may see it */
  view: AppraisalView;
  rubric: Rubric;
  chain: Chain;
  /** what the user may do now (the host shows buttons for those the form has none for: approve, return, publish …) */
  actions: ActionName[];
  /** the groups the user scores for, at a group step (W-FS) */
  groups: string[];
}

/**
 * `Kaohe.openForm` for an appraisal the user may not read. A host tells it from other failures by
 * `name === 'KaoheReadRefusedError'`, also across two copies of the bundle.
 */
export class KaoheReadRefusedError extends Error {
  override readonly name = 'KaoheReadRefusedError';
  constructor(readonly userId: string, readonly appraisalId: string) {
    super(`Kaohe: ${userId} may not read appraisal ${appraisalId}`);
  }
}

export async function openAppraisalForm(
  context: KaoheContext,
  service: KaoheService,
  appraisalId: string,
  now: string | undefined,
  onActed: ((result: ActResult) => void) | undefined,
): Promise<OpenedAppraisal> {
  // The service answers a missing appraisal and one the user may not read alike.
  const view = await service.view(appraisalId, context.user, { history: false, ...(now !== undefined ? { now } : {}) });
  if (!view) throw new KaoheReadRefusedError(context.user, appraisalId);
  const chain = context.chains[view.chainId];
  if (!chain) throw new Error(`Kaohe: appraisal ${appraisalId} runs chain ${view.chainId}, which is not configured`);
  // The version the appraisal pins; the view would not exist without it.
  const rubric = await service.rubric(view.rubricId, view.rubricVersion) as Rubric;

  const form = document.createElement('kaohe-rubric-form');
  form.rubric = rubric;
  form.view = view;
  // The person's drafts: with a server, the server's (through its client's offline outbox), so a reload
  // or another machine finds them; in the IndexedDB mode, the page's store.
  const drafts = context.service ? serviceDraftStore(service, context.user) : context.store;
  form.store = drafts;
  form.userId = context.user;

  form.addEventListener('kaohe-submitted', (event) => {
    const action = submission(view, event.sheet);
    if (!action) return;
    void service.act(view.id, context.user, action, { expectedRevision: view.revision, ...(now !== undefined ? { now } : {}) }).then(async (result) => {
      // The submitted sheet is on the record now: the person's draft of it goes (on the server or in the page's store).
      if (result.ok) await (context.service ? service.deleteDraft(context.user, view.id) : context.store.deleteDraft(view.id, context.user)).catch(() => undefined);
      onActed?.(result);
    });
  });
  return { form, view, rubric, chain, actions: view.allowedActions, groups: view.groups };
}
