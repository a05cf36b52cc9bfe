// The entry of kaohe-presets.js (IIFE) and kaohe-presets.mjs (ESM): the rubric presets of
// domain/rules.md, kept out of the core bundle (~11 KB gzip a page with its own rubrics never needs).
// Loading it hands them to Kaohe, now or whenever Kaohe loads (see presets-channel.ts).
import { rubricPresets } from '@kaohe/scoring';
import { offerPresets, type KaohePresetFile } from './presets-channel.ts';

export const presets: KaohePresetFile = Object.freeze({ rubrics: rubricPresets });
export { rubricPresets };

offerPresets(presets);
