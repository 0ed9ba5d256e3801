import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { postGraphQL, GraphQLResponse } from '@newsgraph/kit/testing';
import { REPO_ROOT, startStack, Stack, StackOptions } from '@newsgraph/tools';

export { REPO_ROOT };
export const SEED_DIR = path.join(REPO_ROOT, 'fixtures', 'seed');

export interface TestStack extends Stack {
  token: string;
  prefix: string;
  logs: string[];
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** runs the real CLI against this stack's gateway */
  ingest(args: string[], opts?: { token?: string | null }): Promise<CliResult>;
  teardown(): Promise<void>;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through `npm test`');
  return url;
}

/** Starts the whole federation as processes, on free ports, with databases of its own. */
export async function startTestStack(options: Partial<StackOptions> = {}): Promise<TestStack> {
  const prefix = `e${randomBytes(4).toString('hex')}_`;
  const token = `test-${randomBytes(12).toString('hex')}`;
  const logs: string[] = [];
  const stack = await startStack({
    databaseUrl: serverUrl(),
    databasePrefix: prefix,
    writeTokens: [token],
    log: (service, line) => {
      logs.push(`[${service}] ${line}`);
      if (logs.length > 2000) logs.shift();
    },
    ...options,
  });
  // A gateway that dies mid-test would otherwise show up only as ECONNREFUSED: say why it died.
  let tearingDown = false;
  stack.processes
    .find((p) => p.service === 'gateway')
    ?.child.once('exit', (code, signal) => {
      if (!tearingDown) {
        console.error(
          `the test gateway exited (code ${code}, signal ${signal}); its last lines:\n${logs
            .filter((l) => l.startsWith('[gateway]'))
            .slice(-60)
            .join('\n')}`,
        );
      }
    });
  const run = (args: string[], tokenArg: string | null): Promise<CliResult> =>
    new Promise((resolve) => {
      const full = [path.join(REPO_ROOT, 'tools/dist/ingest.js'), ...args, '--url', stack.gatewayUrl];
      if (tokenArg !== null) full.push('--token', tokenArg);
      const env = { ...process.env };
      delete env.NEWSGRAPH_TOKEN;
      const child = spawn(process.execPath, full, { env: { ...env, NEWSGRAPH_TOKEN_FILE: '/nonexistent' }, cwd: REPO_ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  return {
    ...stack,
    stop: () => {
      tearingDown = true;
      return stack.stop();
    },
    token,
    prefix,
    logs,
    query: (q, v, h) => postGraphQL(stack.gatewayUrl, q, v, h),
    ingest: (args, opts) => run(args, opts?.token === undefined ? token : opts.token),
    async teardown() {
      tearingDown = true;
      await stack.stop();
      const admin = new Client({ connectionString: serverUrl() });
      await admin.connect();
      try {
        for (const s of ['actors', 'statements', 'sources', 'alerts']) await admin.query(`DROP DATABASE IF EXISTS "${prefix}${s}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Fails with the GraphQL errors in the message, so a broken query explains itself. */
export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  if (!res.data) throw new Error(`No data (HTTP ${res.status})`);
  return res.data;
}

/** Loads the seed example through the real CLI, failing with its output when it does not load. */
export async function loadSeed(stack: TestStack): Promise<void> {
  const loaded = await stack.ingest([SEED_DIR]);
  if (loaded.code !== 0) throw new Error(`seed ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}
