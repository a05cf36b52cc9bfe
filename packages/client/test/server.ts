// A real Kaohe server for the client's tests: @kaohe/server started in-process on PGlite in a temporary
// directory (a copy of the server tests' initdb template), listening on 127.0.0.1, with the company of
// the server's HTTP tests and October opened. Restartable on the same port and data, for reconnects.
import { startServer, type AppOptions, type RunningServer, type ServerConfig } from '@kaohe/server';
import { pgliteTarget, TEST_AUDIT_KEY, type FreshDatabase } from '../../server/test/db/databases.ts';
import { people, PERIOD } from '../../server/test/http/company.ts';
import { JWT_SECRET, SERVICE_TOKEN, tokenFor } from '../../server/test/http/support.ts';

export { people, PERIOD, tokenFor };

export interface TestServer {
  url: string;
  running: RunningServer;
  /** stops the server and starts it again on the same port and data */
  restart(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
  start(): Promise<void>;
}

/** `app`: the app's options besides the defaults (a catalogue with the payroll's figures …). */
export async function startTestServer(app: Partial<AppOptions> = {}): Promise<TestServer> {
  const fresh: FreshDatabase = await pgliteTarget.create();
  const config = (port: number): ServerConfig => ({
    port, host: '127.0.0.1', dataDir: (fresh.options as { dataDir: string }).dataDir,
    auth: { jwtSecret: JWT_SECRET, serviceToken: SERVICE_TOKEN }, auditKey: TEST_AUDIT_KEY, corsOrigins: [],
    rateLimit: { max: 10_000, windowMs: 60_000 }, logLevel: 'silent', timeZone: 'UTC',
  });
  let running = await startServer(config(0), { logger: false, app: { heartbeatMs: 500, ...app } });
  const port = Number(new URL(running.url).port);
  const put = await fetch(`${running.url}/api/v1/directory`, {
    method: 'PUT', headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ people }),
  });
  if (put.status !== 200) throw new Error(`directory: ${put.status} ${await put.text()}`);
  const opened = await fetch(`${running.url}/api/v1/periods/${PERIOD}/open`, { method: 'POST', headers: { authorization: `Bearer ${SERVICE_TOKEN}` } });
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${await opened.text()}`);
  let stopped = false;
  const server: TestServer = {
    get url() { return running.url; },
    get running() { return running; },
    async stop() {
      stopped = true;
      await running.close();
    },
    async start() {
      running = await startServer(config(port), { logger: false, app: { heartbeatMs: 500, ...app } });
      stopped = false;
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    async close() {
      if (!stopped) await running.close();
      await fresh.drop();
    },
  };
  return server;
}
