// Route schemas are zod schemas, the same objects the service validates with: Fastify validates a
// request with them (this compiler), handlers get their parsed types (this type provider), and the
// OpenAPI document is generated from them (`routeJsonSchema`, through zod's own `toJSONSchema`).
//
// Not fastify-type-provider-zod: it is typed against zod classic's `ZodType`, while the project's
// schemas are zod/mini (scoring's zod.ts, the service's), and its validation errors are its own shape.
// zod 4's core functions accept either flavour, so twenty lines here cover both and report problems in
// the project's one shape ({ path, rule, message }, scoring's `problemsFromZod`).
import { problemsFromZod } from '@kaohe/scoring';
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import * as z from 'zod/mini';
import { limitProblems } from './limits.ts';
import type { $ZodType, output } from 'zod/v4/core';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends $ZodType ? output<this['schema']> : unknown;
  serializer: this['schema'] extends $ZodType ? output<this['schema']> : unknown;
}

/** A validation failure Fastify hands to the error handler; `instancePath` carries the problem's path and `keyword` its rule. */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => (data: unknown) => {
  const limited = limitProblems(data);
  const result = limited.length > 0 ? undefined : z.safeParse(schema, data);
  if (result?.success) return { value: result.data };
  const problems = result ? problemsFromZod(result.error.issues) : limited;
  const errors: FastifySchemaValidationError[] = problems.map((problem) => ({
    keyword: problem.rule,
    instancePath: problem.path,
    schemaPath: '',
    params: {},
    message: problem.message,
  }));
  return { error: Object.assign(new Error('The request does not match its schema'), { validation: errors }) };
};

/** JSON Schema 2020-12 (what OpenAPI 3.1 speaks) of a zod schema, without the `$schema` key a fragment must not carry. */
export function jsonSchemaOf(schema: $ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function isZod(value: unknown): value is $ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** @fastify/swagger's transform: each route's zod schemas as JSON Schema (requests as input, responses as output). */
export function routeJsonSchema({ schema, url }: { schema: Record<string, unknown> | undefined; url: string }) {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'response' && value && typeof value === 'object') {
      out.response = Object.fromEntries(Object.entries(value).map(([status, response]) => [status, responseSchema(response)]));
    } else {
      out[key] = isZod(value) ? jsonSchemaOf(value, 'input') : value;
    }
  }
  return { schema: out, url };
}

/** A response is a zod schema, or `{ description, content: { type: { schema } } }` for one that is not JSON (CSV, SSE). */
function responseSchema(response: unknown): unknown {
  if (isZod(response)) return jsonSchemaOf(response, 'output');
  const described = response as { content?: Record<string, { schema: unknown }> };
  if (!described.content) return response;
  return {
    ...described,
    content: Object.fromEntries(Object.entries(described.content).map(([type, media]) => [
      type, { ...media, schema: isZod(media.schema) ? jsonSchemaOf(media.schema, 'output') : media.schema },
    ])),
  };
}
