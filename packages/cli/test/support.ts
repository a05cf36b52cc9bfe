import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureIo, run } from '../src/index.ts';

export const examples = fileURLToPath(new URL('../examples/', import.meta.url));
export const exampleSheet = (name: string) => join(examples, 'sheets', name);
export const examplePay = (name: string) => join(examples, 'pay', name);

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the command line in-process. `files` are served before the disk, so a test can hand the
 * CLI a broken file without writing it.
 */
export async function cli(argv: string[], files: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  const io = captureIo({
    ...(cwd ? { cwd } : {}),
    readFile: async (path) => {
      if (Object.hasOwn(files, path)) return files[path]!;
      return readFile(resolve(cwd ?? process.cwd(), path), 'utf8');
    },
  });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

export async function readJsonFile<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kaohe-cli-'));
}
