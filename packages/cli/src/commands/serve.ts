// `kaohe serve`: the Kaohe server on PGlite in a directory (nothing to install) or on a PostgreSQL
// server. SIGTERM or SIGINT: stop accepting, let requests in flight finish, close the database, exit 0.
import { noExtraPositionals, parseCommandArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';

// The server and its settings load only for this command: `kaohe score` never pays for Fastify or PGlite.
const server = () => import('@kaohe/server');

export const serveUsage = async (): Promise<string> => {
  const { SETTINGS } = await server();
  return `Usage: kaohe serve [--port 8787] [--host 127.0.0.1] [--data-dir .kaohe/data] [--database URL] [--time-zone Asia/Shanghai]

The Kaohe server (HTTP, /api/v1): a person's requests carry a JWT the intranet signed; the intranet's
backend uses the service token. Without a database URL it keeps its data in PGlite in --data-dir.
Every option is also an environment variable; the option wins:

${SETTINGS.map(([flag, variable, meaning]) => `  ${flag.padEnd(13)}${variable.padEnd(21)}${meaning}`).join('\n')}

It refuses to start while a secret is missing or shorter than 32 bytes, naming each.
SIGTERM / SIGINT: finishes requests in flight, closes the database, exits 0.
`;
};

export async function serveCommand(args: readonly string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, database: { type: 'string' }, 'time-zone': { type: 'string' },
  });
  noExtraPositionals(positionals, 0);
  const { readConfig, ConfigError, startServer } = await server();
  let config;
  try {
    config = readConfig({
      ...(values.port !== undefined ? { port: values.port } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
      ...(values.database !== undefined ? { database: values.database } : {}),
      ...(values['time-zone'] !== undefined ? { timeZone: values['time-zone'] } : {}),
    }, process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const running = await startServer(config);
  io.stdout(`kaohe: serving ${running.url}/api/v1 on ${running.db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      signals.off('SIGTERM', onTerm);
      signals.off('SIGINT', onInt);
      io.stderr(`kaohe: ${signal}: finishing requests in flight, closing the database\n`);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    signals.on('SIGTERM', onTerm);
    signals.on('SIGINT', onInt);
  });
  await running.close();
  io.stderr('kaohe: stopped\n');
  if (signals === process) {
    // Everything is closed; a handle a library left behind (postgres-js after its connections were cut
    // under load, seen in postgres-restart.test.ts) must not keep a stopped server's process alive.
    setTimeout(() => {
      io.stderr('kaohe: a handle was still open after closing; exiting\n');
      process.exit(0);
    }, 2000).unref();
  }
  return 0;
}
