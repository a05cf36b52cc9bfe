import { CliError } from './errors.ts';
import type { CliIo } from './io.ts';

/** Reads a file as text; a missing or unreadable file is the user's to fix, not a crash. */
export async function readText(io: CliIo, path: string, subject: string): Promise<string> {
  try {
    const text = await io.readFile(path);
    // Excel and Notepad save "UTF-8" with a byte-order mark; JSON.parse and the CSV header reject it.
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`cannot read the ${subject} ${path}: ${why}`, [{ path: '', rule: 'file', message: `${path}: ${why}` }]);
  }
}

/** Reads and parses a JSON file; a syntax error names the line and column where it stops. */
export async function readJson(io: CliIo, path: string, subject: string): Promise<unknown> {
  return parseJson(await readText(io, path, subject), `${subject} ${path}`);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/\s*\(line \d+ column \d+\)$/, '');
    const position = jsonErrorPosition(message, text);
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    const reason = message.replace(/ in JSON at position \d+$/, '').replace(/ in JSON$/, '');
    throw new CliError(`the ${what} is not valid JSON${where}: ${reason}`, [{ path: position ? `line ${position.line}, column ${position.column}` : '', rule: 'json', message: reason }]);
  }
}

function jsonErrorPosition(message: string, text: string): { line: number; column: number } | undefined {
  const match = /at position (\d+)/.exec(message);
  // "Unexpected end of JSON input" has no position: it is the end of the text.
  const offset = match ? Number(match[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
