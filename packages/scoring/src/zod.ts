// Every schema imports zod through this module (`import * as z from './zod.ts'`), so the setup
// below runs before the first schema is built.
//
// zod/mini instead of zod classic: the same schemas and JSON Schema, a fraction of the bundle.
// zod/mini carries no messages of its own; English ones are loaded (only English: the product's
// own problems carry the rule and path, and the UI translates those). zod/mini never probes
// `new Function`, so a page under `script-src 'self'` sees no CSP violation.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
