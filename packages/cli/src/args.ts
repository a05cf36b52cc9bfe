import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Locale } from '@kaohe/scoring';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors turned into usage errors (exit 2) that
 * name the option, instead of stack traces.
 */
export function parseCommandArgs<const O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message);
  }
}

/** Labels in human-readable output follow --locale; zh-Hant is the domain's own language. */
export function readLocale(value: string | undefined): Locale {
  if (value === undefined) return 'zh-Hant';
  const locale = Locale.options.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!locale) throw new UsageError(`--locale must be one of ${Locale.options.join(', ')}, not "${value}"`);
  return locale;
}

export function readFormat(value: string | undefined): 'json' | 'text' {
  if (value === undefined || value === 'json') return 'json';
  if (value === 'text') return 'text';
  throw new UsageError(`--format must be json or text, not "${value}"`);
}

/** One required value, from an option or the first positional. */
export function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`${what} is required`);
  return value;
}

export function noExtraPositionals(positionals: readonly string[], allowed: number): void {
  if (positionals.length > allowed) throw new UsageError(`unexpected argument "${positionals[allowed]}"`);
}
