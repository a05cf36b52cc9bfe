// Which live notices a person hears: an appraisal's change by the service's one rule (its follower, the
// rule `subscribe` tells by: what they may read now, and what they were shown and may read no more, so
// the employee's other tab hears that the self-evaluation they handed in moved), their own drafts only,
// rubric and directory changes (they carry no more than an id) to everyone signed in.
import { internals, type KaoheService } from '@kaohe/service';
import type { NoticeFilter } from './events.ts';

export function serviceNoticeFilter(service: KaoheService): NoticeFilter {
  return (personId) => {
    const following = service[internals].follow(personId);
    return {
      async pass(notice) {
        switch (notice.type) {
          case 'appraisal':
            return (await following.hear([notice.id])).length > 0 ? notice : undefined;
          case 'draft':
            return notice.userId === personId ? notice : undefined;
          default:
            return notice;
        }
      },
      close: () => following.close(),
    };
  };
}
