// Kaohe.openAppraisal with a server: the server opens it (POST /appraisals; it decides who may — HR or
// the service token — and what is assigned, by its catalogue, not this page's; the time and who opened
// it are its own), and the answer is the appraisal as the signed-in person may see it. Loaded only in
// the server mode.
import { KaoheInputError } from '@kaohe/scoring';
import type { AppraisalView, KaoheService } from '@kaohe/service';
import type { OpenOptions } from './api-types.ts';

/** `Kaohe.openAppraisal` refused by the server: `code` is the service's (`forbidden` for anyone but HR), the message says why. */
export class KaoheOpenRefusedError extends Error {
  override readonly name = 'KaoheOpenRefusedError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export async function openOnServer(service: KaoheService, user: string, options: OpenOptions): Promise<AppraisalView> {
  const opened = await service.openAppraisal(user, { employee: options.employee, period: options.period });
  if (!opened.ok) {
    // A field at fault (an unknown person, no assignment) is named as in the page's own mode.
    if (opened.problems && opened.problems.length > 0) throw new KaoheInputError('appraisal', opened.problems);
    throw new KaoheOpenRefusedError(opened.code, `Kaohe.openAppraisal: the server refused to open ${options.employee}'s appraisal of ${options.period}: ${opened.message}`);
  }
  const view = await service.view(opened.id, user, { history: false });
  if (!view) throw new KaoheOpenRefusedError('not-found', `Kaohe.openAppraisal: appraisal ${opened.id} was opened, but ${user} may not read it.`);
  return view;
}
