import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import type { EventStreams } from '../events.ts';
import { personOf } from '../caller.ts';

export async function eventRoutes(api: KaoheApp, streams: EventStreams): Promise<void> {
  api.get('/events', {
    schema: {
      summary: 'Live notices (Server-Sent Events): one event per change the caller may see',
      response: { 200: { description: 'text/event-stream of `appraisal`, `draft`, `rubric` and `directory` events; data is the notice as JSON', content: { 'text/event-stream': { schema: z.string() } } } },
    },
  }, async (request, reply) => {
    const person = personOf(request);
    reply.hijack();
    streams.open(reply.raw, person.id);
  });
}
