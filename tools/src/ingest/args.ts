/** Command line of `npm run ingest -- <file or folder>... [--url <gateway url>] [--token <token>]`. */
export interface IngestArgs {
  inputs: string[];
  url?: string;
  token?: string;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run ingest -- <file or folder>... [--url <gateway url>] [--token <token>]

Loads news packages (newsgraph.package/v1, one JSON document per file; a folder means every
*.json inside it, recursively, sorted by name) through the gateway.

  --url <url>      gateway GraphQL endpoint; default NEWSGRAPH_URL, else http://localhost:4000/graphql
  --token <token>  write token; default NEWSGRAPH_TOKEN, else .data/write-token written by \`npm start\`
  -h, --help       this text

Exits 0 when every package was loaded; otherwise lists every problem and exits non-zero.
A package with any problem is not written at all.`;

const VALUED = new Set(['--url', '--token']);

export function parseArgs(argv: readonly string[]): IngestArgs {
  const args: IngestArgs = { inputs: [], help: false };
  let onlyInputs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyInputs || !arg.startsWith('-') || arg === '-') {
      args.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyInputs = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUED.has(name)) throw new UsageError(`unknown option ${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (name === '--url') args.url = value;
    else args.token = value;
  }
  if (!args.help && args.inputs.length === 0) throw new UsageError('no file or folder given');
  return args;
}
