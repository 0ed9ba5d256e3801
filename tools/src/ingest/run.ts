import { readFile } from 'node:fs/promises';
// the subpath, not the barrel: the barrel loads the subgraph stack (typeorm, express, Apollo), ~1 s of CPU at every CLI start
import { firstInvalidUtf8 } from '@newsgraph/kit/utf8';
import { parseArgs, USAGE, UsageError } from './args';
import { ConfigError, Env, findRepoRoot, resolveToken, resolveUrl } from './config';
import { discoverPackageFiles, displayPath, InputError } from './files';
import { createGatewayClient, FetchLike } from './gateway-client';
import { ingestPackage, Output } from './ingest-package';

export interface IngestDeps {
  fetch: FetchLike;
  output: Output;
  /** the working directory inputs are relative to */
  cwd: string;
  /** where to start looking for the repository root (for .data/write-token) */
  startDir: string;
}

/** Exit codes: 0 everything loaded, 1 some package not loaded, 2 bad command line or setup. */
export const EXIT = { OK: 0, NOT_LOADED: 1, USAGE: 2 } as const;

/** The whole `npm run ingest` run; returns the exit code. */
export async function runIngest(argv: readonly string[], env: Env, deps: IngestDeps): Promise<number> {
  const { output } = deps;
  let files: string[];
  let client;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      output.out(USAGE);
      return EXIT.OK;
    }
    const url = resolveUrl(args.url, env);
    const token = resolveToken(args.token, env, findRepoRoot(deps.startDir));
    files = await discoverPackageFiles(args.inputs, deps.cwd);
    client = createGatewayClient({ url, token, fetch: deps.fetch });
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`ingest: ${error.message}\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    if (error instanceof ConfigError || error instanceof InputError) {
      output.err(`ingest: ${error.message}`);
      return EXIT.USAGE;
    }
    throw error;
  }

  let loaded = 0;
  for (let i = 0; i < files.length; i++) {
    const name = displayPath(files[i], deps.cwd);
    let text: string;
    try {
      const bytes = await readFile(files[i]);
      // RFC 8259: JSON between systems is UTF-8; a lenient decode would store U+FFFD instead
      const fault = firstInvalidUtf8(bytes);
      if (fault) {
        output.err(
          `${name}: line ${fault.line}, column ${fault.column}: not valid JSON: invalid UTF-8 at byte ${fault.offset}; nothing of this package was written`,
        );
        continue;
      }
      text = bytes.toString('utf8');
    } catch (error) {
      output.err(`${name}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const outcome = await ingestPackage(name, text, client, output);
    if (outcome === 'loaded') loaded++;
    if (outcome === 'fatal') {
      const left = files.length - i - 1;
      if (left > 0) output.err(`ingest: stopped; ${left} more package(s) not tried`);
      break;
    }
  }
  if (loaded === files.length) return EXIT.OK;
  output.err(`ingest: ${files.length - loaded} of ${files.length} package(s) not loaded`);
  return EXIT.NOT_LOADED;
}
