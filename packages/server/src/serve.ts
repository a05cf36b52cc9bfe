// Starting and stopping one server instance: open the database (migrating it), build the app, listen;
// and the reverse on `close`: stop accepting, let requests in flight finish, end the live streams,
// close the database. Nothing an instance holds in memory is needed by another instance.
import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.ts';
import { openDatabase, type KaoheDatabase } from './db/index.ts';
import { buildApp, type AppOptions, type KaoheApp } from './http/app.ts';

export interface RunningServer {
  app: KaoheApp;
  db: KaoheDatabase;
  /** http://host:port the server listens on (the real port when 0 was asked) */
  url: string;
  /** Stops accepting, waits for requests in flight, ends SSE streams, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: { logger?: FastifyServerOptions['logger']; app?: Partial<AppOptions> } = {}): Promise<RunningServer> {
  const db = await openDatabase({
    auditKey: config.auditKey,
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
  });
  let app: KaoheApp;
  try {
    app = await buildApp({
      db,
      auth: config.auth,
      corsOrigins: config.corsOrigins,
      rateLimit: config.rateLimit,
      calendar: { timeZone: config.timeZone },
      logger: options.logger ?? { level: config.logLevel },
      ...(config.bundles !== undefined ? { bundles: config.bundles } : {}),
      ...options.app,
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    db,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        try {
          await app.close();
        } finally {
          await db.close();
        }
      })();
      return closing;
    },
  };
}
