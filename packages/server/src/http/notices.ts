// Which live notices a person hears: an appraisal's change by the service's one rule (`told`, the rule
// `subscribe` tells by: the audience the writer named with the change, who could read it before ∪ who
// may read it after — so the employee's every tab, on whichever instance, hears that the self-evaluation
// they handed in is gone, by its id alone), their own drafts only, rubric and directory changes (they
// carry no more than an id) to everyone signed in. Nothing is remembered between notices.
import { internals, type KaoheService } from '@kaohe/service';
import type { NoticeFilter } from './events.ts';

export function serviceNoticeFilter(service: KaoheService): NoticeFilter {
  return async (personId, notice) => {
    switch (notice.type) {
      case 'appraisal': {
        const [told] = await service[internals].told(personId, [notice]);
        // the audience stays here: a person learns the id, and the revision only while they may read it
        return told ? { type: 'appraisal', id: told.appraisalId, ...(told.revision !== undefined ? { revision: told.revision } : {}) } : undefined;
      }
      case 'draft':
        return notice.userId === personId ? notice : undefined;
      default:
        return notice;
    }
  };
}
