import { isHr } from '@kaohe/workflow';
import * as z from 'zod/mini';
import type { KaoheDatabase } from '../../db/index.ts';
import type { KaoheApp } from '../app.ts';
import type { DirectoryCache } from '../directory-cache.ts';
import { personOf } from '../caller.ts';
import { forbidden } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';

const Verification = z.union([
  z.object({ ok: z.literal(true), count: z.number() }),
  z.object({ ok: z.literal(false), brokenAt: z.number(), reason: z.string() }),
]);

export async function auditRoutes(api: KaoheApp, db: KaoheDatabase, directory: DirectoryCache): Promise<void> {
  api.get('/audit/verify', {
    schema: { summary: 'Re-check the audit log\'s hash chain and HMAC seals (HR)', response: { 200: Verification, 401: ProblemSchema, 403: ProblemSchema } },
  }, async (request) => {
    // Who is HR is workflow's rule (isHr), asked against the directory as stored now.
    if (!isHr(personOf(request).id, await directory.load())) throw forbidden('Only HR verifies the audit log.');
    return db.store.verifyAudit();
  });
}
