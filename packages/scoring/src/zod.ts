// zod's object parser probes `new Function("")` once unless told otherwise, which a page under
// `script-src 'self'` reports as a CSP violation. Every schema imports zod through this module
// (`import * as z from './zod.ts'`), so the config runs before the first schema is built.
// Re-exporting names (not the namespace object) keeps zod's 60-odd locales out of the bundle.
import { config } from 'zod';

config({ jitless: true });

export * from 'zod';
