import { parseCommandLine, UsageError } from '../cli/args';

/** Command line of `npm run ingest -- <file or folder>... [--url <gateway url>] [--token <token>]`. */
export interface IngestArgs {
  inputs: string[];
  url?: string;
  token?: string;
  help: boolean;
}

export { UsageError };

export const USAGE = `Usage: npm run ingest -- <file or folder>... [--url <gateway url>] [--token <token>]

Loads news packages (newsgraph.package/v1, one JSON document per file; a folder means every
*.json inside it, recursively, sorted by name) through the gateway.

  --url <url>      gateway GraphQL endpoint; default NEWSGRAPH_URL, else http://localhost:4000/graphql
  --token <token>  write token; default NEWSGRAPH_TOKEN, else .data/write-token written by \`npm start\`
  -h, --help       this text

Exits 0 when every package was loaded; otherwise lists every problem and exits non-zero.
A package with any problem is not written at all.`;

export function parseArgs(argv: readonly string[]): IngestArgs {
  const line = parseCommandLine(argv, { valued: ['--url', '--token'] });
  const args: IngestArgs = { inputs: line.inputs, url: line.values.get('--url'), token: line.values.get('--token'), help: line.help };
  if (!args.help && args.inputs.length === 0) throw new UsageError('no file or folder given');
  return args;
}
