import type { FastifyRequest } from 'fastify';
import { SYSTEM_ACTOR } from '@kaohe/workflow';
import type { Caller } from './auth.ts';
import { forbidden } from './problem.ts';

/** The signed-in person of a route for persons (the authentication hook has already refused everyone else). */
export function personOf(request: FastifyRequest): Extract<Caller, { kind: 'person' }> {
  const caller = request.caller;
  if (caller?.kind !== 'person') throw forbidden('This route answers a signed-in person.', 'personOnly');
  return caller;
}

/** The actor id the service records: the person, or `system` for the intranet's backend. */
export function actorOf(request: FastifyRequest): string {
  const caller = request.caller;
  return caller?.kind === 'person' ? caller.id : SYSTEM_ACTOR;
}
