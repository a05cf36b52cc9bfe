// The ESM entry: registers every Kaohe element and exports the host API. Importing it twice (or
// loading the IIFE beside it) is harmless: each tag is defined once, later copies are told so.
import './register.ts';
import { KaoheApi } from './kaohe.ts';

export type { KaoheAssignment, KaoheContext } from './context.ts';
export type { ActOptions, KaoheConfig, OpenOptions } from './kaohe.ts';
export type { OpenedAppraisal } from './appraisal-form.ts';
export type { ActionName, ActResult, AppraisalRecord, AppraisalStatus, Chain, ChainStep, Directory, Person, Task, WorkflowAction } from '@kaohe/workflow';
export type { Entry, Locale, Rubric, RubricInput, ScoreResult, Sheet, SheetInput } from '@kaohe/scoring';
export type { KaoheStore } from '@kaohe/store';
export { commentsOf, modeFor } from './appraisal-form.ts';
export { applyContext, getContext, onContextChange } from './context.ts';
export { KaoheApi, KaoheContextChangeEvent, KaoheReadyEvent, VERSION, defaultAssignments } from './kaohe.ts';

/** The host API of this copy of the bundle. */
export const Kaohe: KaoheApi = new KaoheApi();
export default Kaohe;
