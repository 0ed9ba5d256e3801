import { Env } from '../ingest/config';
import { FetchLike } from '../ingest/gateway-client';
import { Output } from '../ingest/ingest-package';

/** What a file-taking CLI gets from the real world (tests pass their own). */
export interface CliDeps {
  fetch: FetchLike;
  output: Output;
  cwd: string;
  startDir: string;
}

/**
 * The only impure part of a CLI: argv, env, the real fetch, the console and the exit code. A
 * failure the command did not expect is printed and exits with `failureCode`.
 */
export function runCliMain(
  name: string,
  run: (argv: readonly string[], env: Env, deps: CliDeps) => Promise<number>,
  startDir: string,
  failureCode: number,
): void {
  run(process.argv.slice(2), process.env, {
    fetch: (url, init) => fetch(url, init),
    output: { out: (line) => console.log(line), err: (line) => console.error(line) },
    // npm runs scripts from the repository root; INIT_CWD is where the user typed the command
    cwd: process.env.INIT_CWD || process.cwd(),
    startDir,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name}: unexpected failure:`, error);
      process.exitCode = failureCode;
    },
  );
}
