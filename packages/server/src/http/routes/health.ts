import type { KaoheDatabase } from '../../db/index.ts';
import type { KaoheApp } from '../app.ts';
import { HttpProblem } from '../problem.ts';
import { HealthSchema, ProblemSchema } from '../schemas.ts';

export async function healthRoutes(api: KaoheApp, db: KaoheDatabase): Promise<void> {
  api.get('/health', {
    // A load balancer polls this: no token, no rate limit.
    config: { access: 'anyone', rateLimit: false },
    schema: { summary: 'Whether the server and its database answer', security: [], response: { 200: HealthSchema, 503: ProblemSchema } },
  }, async () => {
    try {
      await db.ping();
    } catch {
      throw new HttpProblem(503, 'The database does not answer; the server keeps trying.', { code: 'databaseUnavailable', headers: { 'retry-after': '5' } });
    }
    return { status: 'ok' as const, database: db.kind };
  });
}
