// The rubric form keeps a person's draft through a DraftStore; in the inbox that is the application
// service's (`saveDraft` / `loadDraft`: the page's store, or the server with its offline outbox), for
// the reviewer only, and a newer revision is heard through the service's notices. The service keeps
// only the entries of items the reviewer edits at this step.
import type { KaoheService } from '@kaohe/service';
import type { Draft, DraftStore, StoreListener } from '@kaohe/store';

export function serviceDrafts(service: KaoheService, userId: string): DraftStore {
  const mine = (who: string, what: string) => {
    if (who !== userId) throw new Error(`Kaohe: the inbox keeps ${userId}'s drafts, not ${who}'s (${what}).`);
  };
  return {
    async saveDraft(draft: Draft): Promise<Draft> {
      mine(draft.userId, 'save');
      const result = await service.saveDraft(userId, draft.appraisalId, {
        entries: draft.entries, baseRevision: draft.baseRevision, savedAt: draft.savedAt,
        ...(draft.attendance !== undefined ? { attendance: draft.attendance } : {}),
      });
      // The form's autosaver retries and says "not saved" on a throw; a refusal is one.
      if (!result.ok) throw new Error(result.message);
      return result.draft;
    },
    loadDraft(appraisalId: string, who: string): Promise<Draft | undefined> {
      mine(who, 'load');
      return service.loadDraft(userId, appraisalId);
    },
    async getAppraisal(id: string): Promise<{ revision: number } | undefined> {
      const view = await service.view(id, userId, { history: false });
      return view && { revision: view.revision };
    },
    subscribe(listener: StoreListener): () => void {
      return service.subscribe(userId, (notice) => {
        if (notice.type === 'changed' && notice.revision !== undefined) {
          listener({ type: 'appraisal', id: notice.appraisalId, revision: notice.revision, origin: 'remote' });
        }
      });
    },
  };
}
