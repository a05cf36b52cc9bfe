// The ESM entry: registers every Kaohe element and exports the host API. Importing it twice (or
// loading the IIFE beside it) is harmless: each tag is defined once, later copies are told so.
import '@kaohe/elements/register';
import { localService } from './local-service.ts';
import { provideLocalService } from './service.ts';
import { KaoheApi } from './kaohe.ts';

provideLocalService(localService);

export type { KaoheAssignment, KaoheContext } from './context.ts';
export type { ActOptions, KaoheApiOptions, KaoheConfig, KaohePresets, OpenOptions } from './kaohe.ts';
export type { KaohePresetFile } from './presets-channel.ts';
export type { OpenedAppraisal } from './appraisal-form.ts';
export type { ActionName, AppraisalRecord, AppraisalStatus, Chain, ChainStep, Directory, Person, Task, WorkflowAction } from '@kaohe/workflow';
export type { Entry, Locale, Rubric, RubricInput, ScoreResult, Sheet, SheetInput } from '@kaohe/scoring';
export type { KaoheStore } from '@kaohe/store';
export type { ActResult, AppraisalView, Refusal, RefusalCode, ScoreTotals, TaskAppraisal, ViewComment, HistoryEntry } from '@kaohe/service';
/** What kaohe-hr.js puts on `window.KaoheHr` (and kaohe-hr.mjs exports): a type only, the core carries none of it. */
export type KaoheHr = typeof import('./hr.ts');
export type { AnnualYear, ScoredAppraisal } from './hr-data.ts';
export { KaoheReadRefusedError } from './appraisal-form.ts';
export { applyContext, getContext, onContextChange } from './context.ts';
export { KaoheOpenRefusedError } from './open-on-server.ts';
export { KaoheApi, KaoheContextChangeEvent, KaoheReadyEvent, VERSION, defaultAssignments } from './kaohe.ts';

// Through a variable, so a host's bundler does not treat it as an asset of its own to resolve.
const presetsFile = 'kaohe-presets.mjs';

/** The host API of this copy of the bundle; `loadPresets()` imports kaohe-presets.mjs from beside this file. */
export const Kaohe: KaoheApi = new KaoheApi({ presetsUrl: new URL(presetsFile, import.meta.url).href, presetsLoader: 'module' });
export default Kaohe;
