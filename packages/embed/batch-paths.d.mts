import type { Plugin } from 'esbuild';

/** esbuild plugin: scoring's batch paths left out of a bundle (see batch-paths.mjs). */
export declare const noBatchPaths: Plugin;
