import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export class InputError extends Error {}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function jsonFilesIn(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  const found: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await jsonFilesIn(full)));
    else if (e.isFile() && e.name.endsWith('.json')) found.push(full);
  }
  return found;
}

/**
 * The package files named by the inputs, in the order given: a file as is (whatever its name), a
 * folder as every `*.json` inside it, recursively, entries sorted by name (code point order, so
 * the order is the same on every machine). A file named twice is loaded once.
 */
export async function discoverPackageFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const info = await stat(full).catch(() => null);
    if (!info) throw new InputError(`${input}: no such file or folder`);
    const found = info.isDirectory() ? await jsonFilesIn(full) : [full];
    if (info.isDirectory() && found.length === 0) throw new InputError(`${input}: no *.json file in this folder`);
    for (const f of found) {
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(f);
    }
  }
  return files;
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
