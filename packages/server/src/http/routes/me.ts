import type { KaoheApp } from '../app.ts';
import { personOf } from '../caller.ts';
import { PersonSchema, ProblemSchema } from '../schemas.ts';

export async function meRoutes(api: KaoheApp): Promise<void> {
  api.get('/me', {
    schema: { summary: 'The signed-in person as the directory has them (who the token says you are)', response: { 200: PersonSchema, 401: ProblemSchema } },
  }, async (request) => personOf(request).person);
}
