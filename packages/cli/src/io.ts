import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Everything a command touches outside itself. Commands take it as a parameter so tests run them
 * in-process with captured output; `nodeIo()` is the real thing.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Writes the whole file or nothing: a reader never sees half a results file. */
  writeFile(path: string, text: string): Promise<void>;
  readDir(path: string): Promise<string[]>;
  /** relative paths are read from here */
  cwd: string;
}

export function nodeIo(overrides: Partial<CliIo> = {}): CliIo {
  const cwd = overrides.cwd ?? process.cwd();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(resolve(cwd, path), 'utf8'),
    writeFile: async (path, text) => {
      const target = resolve(cwd, path);
      await mkdir(dirname(target), { recursive: true });
      // Written beside the target and renamed over it, so a crash or a full disk leaves the old file.
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, target);
    },
    readDir: async (path) => (await readdir(resolve(cwd, path))).sort(),
    cwd,
    ...overrides,
  };
}

/** Collects what a command prints; for tests and for callers embedding the CLI. */
export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(overrides: Partial<CliIo> = {}): CapturedIo {
  let out = '';
  let err = '';
  const io = nodeIo({ ...overrides, stdout: (text) => { out += text; }, stderr: (text) => { err += text; } });
  return { ...io, out: () => out, err: () => err };
}
