// A form's drafts through the application service (the inbox's pane and Kaohe.openForm): the page's own
// service over its store, or with a server (Kaohe.configure({ server })) what a person types goes to the
// server as their draft (PUT
// /appraisals/:id/draft, or the client's offline outbox while the server cannot be reached), a reload
// reads it back from there, and the service's live notices tell the form that someone else wrote the
// appraisal (its conflict banner). The service decides what is kept (only the items the person edits now).
import { DraftConflictError, type Draft, type DraftStore, type SaveDraftOptions, type StoreListener } from '@kaohe/store';
import type { KaoheService } from './service.ts';

/** The service's drafts of `userId` (the signed-in person) as the store a form keeps its drafts in. */
export function serviceDraftStore(service: KaoheService, userId: string): DraftStore {
  const mine = (id: string, what: string): void => {
    if (id !== userId) throw new Error(`Kaohe: a draft of ${id} was ${what} through ${userId}'s service.`);
  };
  // the appraisals the form has read: after a break in the live stream, each is read again
  const watched = new Set<string>();
  return {
    async getAppraisal(id) {
      watched.add(id);
      const view = await service.view(id, userId, { history: false });
      return view && { revision: view.revision };
    },
    async saveDraft(draft: Draft, options: SaveDraftOptions = {}) {
      mine(draft.userId, 'saved');
      const { expectedRevision } = options;
      const saved = await service.saveDraft(userId, draft.appraisalId, {
        entries: draft.entries, baseRevision: draft.baseRevision, savedAt: draft.savedAt,
        ...(draft.attendance !== undefined ? { attendance: draft.attendance } : {}),
        ...(expectedRevision !== undefined ? { draftRevision: expectedRevision } : {}),
      });
      // Another tab's newer draft: the form hears it as the store's own conflict, with that draft to offer.
      if (!saved.ok && saved.code === 'draft-conflict') {
        const current = await service.loadDraft(userId, draft.appraisalId).catch(() => undefined);
        throw new DraftConflictError(current, expectedRevision ?? 0, saved.message);
      }
      // The autosaver reports a failure on the form ("not saved"), and keeps the typing on the page.
      if (!saved.ok) throw new Error(`Kaohe: the draft of ${draft.appraisalId} was not kept: ${saved.message}`);
      return saved.draft;
    },
    loadDraft(appraisalId, id) {
      mine(id, 'read');
      watched.add(appraisalId);
      return service.loadDraft(userId, appraisalId);
    },
    subscribe(listener: StoreListener) {
      return service.subscribe(userId, (notice) => {
        if (notice.type === 'changed') {
          if (notice.revision !== undefined) listener({ type: 'appraisal', id: notice.appraisalId, revision: notice.revision, origin: 'remote' });
          else void announce(notice.appraisalId);
        }
        // What changed while the stream was broken was not heard: the form's appraisal is read again.
        else if (notice.type === 'resync') for (const id of watched) void announce(id);
      });
      async function announce(id: string): Promise<void> {
        const view = await service.view(id, userId, { history: false }).catch(() => undefined);
        if (view) listener({ type: 'appraisal', id, revision: view.revision, origin: 'remote' });
      }
    },
  };
}
