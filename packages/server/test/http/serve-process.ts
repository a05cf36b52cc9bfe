// `kaohe serve` as a child process, the way an operator runs it: secrets in the environment, the
// address read from its first line, stopped with a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AUDIT_KEY, JWT_SECRET, SERVICE_TOKEN } from './support.ts';

const bin = fileURLToPath(new URL('../../../cli/bin/kaohe.mjs', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:port/api/v1 */
  api: string;
  stderr: () => string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
}

/** `nodeArgs`: flags for node itself (a benchmark's `--cpu-prof`, which NODE_OPTIONS does not take). */
export async function startServe(database: { dataDir: string } | { databaseUrl: string }, env: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      KAOHE_JWT_SECRET: JWT_SECRET,
      KAOHE_SERVICE_TOKEN: SERVICE_TOKEN,
      KAOHE_AUDIT_KEY: AUDIT_KEY,
      KAOHE_RATE_LIMIT: '100000',
      KAOHE_LOG_LEVEL: 'warn',
      ...('dataDir' in database ? { KAOHE_DATA_DIR: database.dataDir } : { DATABASE_URL: database.databaseUrl }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const api = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    // PGlite's first open of a directory runs initdb: seconds on an idle machine, a minute on a busy one
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kaohe serve did not start in 120 s: ${stderr}`));
    }, 120_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /serving (http:\/\/\S+\/api\/v1)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`kaohe serve exited (${code}) before serving: ${stderr}`)); });
  });
  return { child, api, stderr: () => stderr, exited };
}
