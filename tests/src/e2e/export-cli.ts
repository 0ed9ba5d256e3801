import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../harness';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `npm run export` program (tools/dist/export.js) against a gateway. */
export function runExportCli(gatewayUrl: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/dist/export.js'), ...args, '--url', gatewayUrl], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The JSON documents of an NDJSON text, in order. */
export const ndjsonLines = (ndjson: string) =>
  ndjson
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
