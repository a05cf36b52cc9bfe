// The builder's pure half (editing operations, history, diff) lives in @kaohe/scoring (src/builder).
export * from '@kaohe/scoring';
