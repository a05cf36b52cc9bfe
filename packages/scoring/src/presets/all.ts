// `@kaohe/scoring/presets`: the rubric and pay-plan presets of domain/rules.md, apart from the
// engine so that code which never reads them (the script-tag core, HR's views) never carries them.
export * from './index.ts';
export * from './pay/index.ts';
