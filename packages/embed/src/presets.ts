// The entry of kaohe-presets.js (IIFE) and kaohe-presets.mjs (ESM): the rubric presets and the pay
// plans P-1 … P-3 of domain/rules.md, kept out of the core bundle (~12 KB gzip a page with its own
// rubrics and plans never needs). Loading it registers the plans for every kaohe-payslip on the page
// and hands both to Kaohe, now or whenever Kaohe loads (see presets-channel.ts).
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { registerPayPlans } from '@kaohe/elements';
import { offerPresets, type KaohePresetFile } from './presets-channel.ts';

export const presets: KaohePresetFile = Object.freeze({ rubrics: rubricPresets, payPlans: payPlanPresets });
export { payPlanPresets, rubricPresets };

// Before the offer: a payslip written with plan="P-1" shows its pay even on a page whose Kaohe is
// never configured (or comes later), and Kaohe's listeners find the plans already registered.
registerPayPlans(payPlanPresets);
offerPresets(presets);
