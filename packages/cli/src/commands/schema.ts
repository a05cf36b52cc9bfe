import { join } from 'node:path';
import { jsonSchemaOf, recordKinds, type RecordKind } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { json } from '../format.ts';
import type { CliIo } from '../io.ts';

export const schemaUsage = `Usage: kaohe schema <rubric|sheet|pay-plan> [--out <dir>]
       kaohe schema --out <dir>

Prints the JSON Schema (draft 2020-12) of a rubric, a sheet or a pay plan, generated from the
zod schemas the engine validates with, so an editor completes and checks files as you type:
add "$schema": "./rubric.schema.json" to a rubric file.
--out also writes <dir>/<kind>.schema.json; without a kind it writes all three.
`;

export type SchemaKind = RecordKind;
export const schemaKinds = recordKinds;

/** A file's input shape (io: 'input'): fields with defaults are optional, as a person writes them. */
export const jsonSchema = jsonSchemaOf;

export async function schemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } });
  noExtraPositionals(positionals, 1);
  const kind = positionals[0];
  if (kind !== undefined && !isKind(kind)) throw new UsageError(`unknown schema "${kind}": choose ${schemaKinds.join(', ')}`);
  if (kind === undefined && values.out === undefined) throw new UsageError(`which schema? choose ${schemaKinds.join(', ')}, or give --out <dir> for all three`);

  const kinds = kind ? [kind] : schemaKinds;
  const texts = kinds.map((k) => ({ kind: k, text: json(jsonSchema(k)) }));
  if (values.out !== undefined) {
    for (const { kind: k, text } of texts) {
      const path = join(values.out, `${k}.schema.json`);
      await io.writeFile(path, text);
      io.stderr(`wrote ${path}\n`);
    }
  }
  if (kind) io.stdout(texts[0]!.text);
  return 0;
}

function isKind(value: string): value is SchemaKind {
  return (recordKinds as readonly string[]).includes(value);
}
