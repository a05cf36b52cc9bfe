import { annualCommand, annualUsage } from './commands/annual.ts';
import { batchCommand, batchUsage } from './commands/batch.ts';
import { demoCommand, demoUsage } from './commands/demo.ts';
import { payCommand, payUsage } from './commands/pay.ts';
import { schemaCommand, schemaUsage } from './commands/schema.ts';
import { scoreCommand, scoreUsage } from './commands/score.ts';
import { serveCommand, serveUsage } from './commands/serve.ts';
import { validateCommand, validateUsage } from './commands/validate.ts';
import { UsageError, reportError } from './errors.ts';
import { nodeIo, type CliIo } from './io.ts';

export interface Command {
  summary: string;
  /** the usage text, or a function that builds it (serve lists the server's settings, loaded on demand) */
  usage: string | (() => Promise<string>);
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const commands: Readonly<Record<string, Command>> = {
  demo: { summary: 'score the example sheets and payslips and print a summary', usage: demoUsage, run: demoCommand },
  validate: { summary: 'check a rubric or pay plan, listing every problem', usage: validateUsage, run: validateCommand },
  score: { summary: 'score a sheet against its rubric (JSON, or --format text)', usage: scoreUsage, run: scoreCommand },
  pay: { summary: 'compute a payslip from a pay plan and inputs', usage: payUsage, run: payCommand },
  annual: { summary: 'the annual score from monthly scores (C-3, O-6)', usage: annualUsage, run: annualCommand },
  schema: { summary: 'JSON Schema of rubrics, sheets and pay plans for editors', usage: schemaUsage, run: schemaCommand },
  batch: { summary: 'score (and pay) many sheets from CSV or JSON into a CSV for Excel', usage: batchUsage, run: batchCommand },
  serve: { summary: 'the Kaohe server over HTTP (PGlite in a directory, or PostgreSQL)', usage: serveUsage, run: serveCommand },
};

const usageOf = async (command: Command): Promise<string> => (typeof command.usage === 'string' ? command.usage : command.usage());

export const mainUsage = `kaohe 考核 — appraisal rubrics, scores and pay from the command line

Usage: kaohe <command> [options]      kaohe <command> --help for its options

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`).join('\n')}

Presets are named by ID (rubrics R-SP, R-FS …; pay plans P-1, P-2, P-3) or given as JSON files.
Decimals are strings and never pass through binary floating point; money is rounded half-up to 0.01.
Exit codes: 0 done · 1 bad input (every problem listed on stderr, nothing on stdout) · 2 wrong command line.
`;

/**
 * Runs one command line and returns the exit code; all output goes through `io`, so tests and
 * other programs run the CLI in-process.
 */
export async function run(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(mainUsage);
    return name === undefined ? 2 : 0;
  }
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : commands[rest[0]];
    io.stdout(topic ? await usageOf(topic) : mainUsage);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`kaohe: unknown command "${name}"\n\n${mainUsage}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(await usageOf(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const code = reportError(error, io.stderr, name);
    if (error instanceof UsageError) io.stderr(`\n${await usageOf(command)}`);
    return code;
  }
}
