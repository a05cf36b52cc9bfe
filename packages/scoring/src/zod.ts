// zod's object parser probes `new Function("")` once unless told otherwise, which a page under
// `script-src 'self'` reports as a CSP violation. Every schema imports `z` from here, so this
// runs before the first schema is built.
import * as z from 'zod';

z.config({ jitless: true });

export { z };
