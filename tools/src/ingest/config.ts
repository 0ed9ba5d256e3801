import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_URL = 'http://localhost:4000/graphql';
/** Where `npm start` keeps the write token it generated, relative to the repository root. */
export const TOKEN_FILE = path.join('.data', 'write-token');

export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

/** The gateway endpoint: --url, else NEWSGRAPH_URL, else the default. */
export function resolveUrl(flag: string | undefined, env: Env): string {
  const url = flag ?? (env.NEWSGRAPH_URL || undefined) ?? DEFAULT_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`"${url}" is not an http(s) URL of the gateway (e.g. ${DEFAULT_URL})`);
  }
  return url;
}

/** The repository root: the nearest folder upwards with a package.json that declares workspaces. */
export function findRepoRoot(startDir: string): string | null {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).workspaces) return dir;
      } catch {
        // an unreadable package.json is not the root; keep walking up
      }
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** The write token: --token, else NEWSGRAPH_TOKEN, else the file `npm start` wrote. */
export function resolveToken(flag: string | undefined, env: Env, repoRoot: string | null): string {
  if (flag) return flag;
  if (env.NEWSGRAPH_TOKEN) return env.NEWSGRAPH_TOKEN;
  if (repoRoot) {
    const file = path.join(repoRoot, TOKEN_FILE);
    const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (token) return token;
  }
  throw new ConfigError(
    'no write token: pass --token <token>, set NEWSGRAPH_TOKEN, or start newsgraph with `npm start` ' + `(it writes ${TOKEN_FILE} at the repository root)`,
  );
}
