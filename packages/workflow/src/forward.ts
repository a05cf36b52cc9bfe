// The forward actions in a module of their own, without the machine (xstate): the inbox on a server
// page asks which of the actions a view allows move an appraisal on, and must not load the machine to know.
import type { ActionName } from './appraisal.ts';

/**
 * The actions that move an appraisal on (a step's forward action), in the order a viewer's is chosen
 * when a step allows more than one. The one list: lateness is stamped on these, and the service's
 * view, the inbox's `a` key, its bulk run and the form's submit all ask it.
 */
export const FORWARD_ACTIONS = ['group.submit', 'step.resubmit', 'step.submit', 'step.approve', 'appraisal.publish'] as const satisfies readonly ActionName[];
export type ForwardAction = (typeof FORWARD_ACTIONS)[number];
export const isForward = (action: string): action is ForwardAction => (FORWARD_ACTIONS as readonly string[]).includes(action);
