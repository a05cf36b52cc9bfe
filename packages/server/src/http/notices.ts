// Which live notices a person hears: an appraisal's change only when the service would show them the
// appraisal (its view for that person exists), their own drafts only, rubric and directory changes
// (they carry no more than an id) to everyone signed in.
import type { KaoheService } from '@kaohe/service';
import type { NoticeFilter } from './events.ts';

export function serviceNoticeFilter(service: KaoheService): NoticeFilter {
  return async (notice, personId) => {
    switch (notice.type) {
      case 'appraisal':
        return (await service.view(notice.id, personId, { history: false })) ? notice : undefined;
      case 'draft':
        return notice.userId === personId ? notice : undefined;
      default:
        return notice;
    }
  };
}
