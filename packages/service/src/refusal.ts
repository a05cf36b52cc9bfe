// The service never throws at a person for something they did: a refused command comes back as a
// value with a code. It throws only for faults of the installation (a pinned rubric version or a
// chain that is not there), which the server answers with 500.
import { formatPath } from '@kaohe/scoring';
import type { ReasonCode } from '@kaohe/workflow';
import type { AppraisalView, ServiceProblem } from './schemas.ts';

/**
 * workflow's reason codes, plus the service's own:
 * - `not-found`: no such appraisal, or one the caller may not see (the server answers both with 404)
 * - `stale`: the appraisal changed since `expectedRevision`; `appraisal` is what stands now
 * - `invalid`: the request does not match its schema; `problems` names each field
 * - `forbidden`: an HR read or an opening by someone who is not HR
 * - `conflict`: the appraisal exists already (opening it twice)
 * - `draft-conflict`: the person's draft was saved from another tab or window since `draftRevision`;
 *   nothing was written
 * - `unavailable`: the store failed (quota, closed database …); nothing was written
 * - `offline`: (the server's client only) the server cannot be reached; the command waits in the
 *   browser's outbox and is sent, in order, when it can be
 */
export type RefusalCode = ReasonCode | 'not-found' | 'stale' | 'invalid' | 'forbidden' | 'conflict' | 'draft-conflict' | 'unavailable' | 'offline';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  problems?: ServiceProblem[];
  appraisal?: AppraisalView;
}

export function refusal(code: RefusalCode, message: string, extra: Pick<Refusal, 'problems' | 'appraisal'> = {}): Refusal {
  return { ok: false, code, message, ...extra };
}

export type ServiceFaultCode = 'rubric-missing' | 'chain-missing';

/** A fault of the installation, not of the request. `name` is stable across bundle copies. */
export class KaoheServiceError extends Error {
  override readonly name = 'KaoheServiceError';
  constructor(readonly code: ServiceFaultCode, message: string) {
    super(message);
  }
}

/** zod issues as the project's problems: the path (written as scoring's formatPath writes every path, under `prefix`), the rule that failed, the words. */
export function problemsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>, prefix = ''): ServiceProblem[] {
  return issues.map((issue) => ({ path: formatPath(prefix ? [prefix, ...issue.path] : issue.path), rule: issue.code, message: issue.message }));
}
