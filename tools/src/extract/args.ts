/** Command line of `npm run extract` (CONTRACT.md section 7). */
export interface ExtractArgs {
  inputs: string[];
  gateway?: string;
  out?: string;
  ingest: boolean;
  token?: string;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run extract -- <file or folder>... [--gateway <url>] [--out <folder>] [--ingest [--token <token>]]

Turns articles into news packages (newsgraph.package/v1): one source per article and one statement
per attributed quotation. Input by extension: .json {url, title, outlet, publishedAt, language,
text or html}, .html (an article page), .txt (first line the headline, the rest the body). A folder
means every such file inside it, recursively, sorted by name (*.package.json and *.gold.json left out).

  --gateway <url>  link speakers, mentioned actors and claims to what that gateway knows
                   (e.g. http://localhost:4000/graphql); without it nothing is linked
  --out <folder>   write <input name>.package.json per article there; without it the one
                   input's package goes to stdout (nothing else does)
  --ingest         also load the packages through the gateway, like \`npm run ingest\`: the
                   gateway is --gateway, else NEWSGRAPH_URL, else http://localhost:4000/graphql,
                   and it is also used for linking
  --token <token>  write token for --ingest; default NEWSGRAPH_TOKEN, else .data/write-token
  -h, --help       this text

Exits 0 when every article was read (and loaded, with --ingest); otherwise lists the problems on
stderr and exits 1 (2 for a bad command line).`;

const VALUED = new Set(['--gateway', '--out', '--token']);

export function parseArgs(argv: readonly string[]): ExtractArgs {
  const args: ExtractArgs = { inputs: [], ingest: false, help: false };
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
    if (arg === '--ingest') {
      args.ingest = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUED.has(name)) throw new UsageError(`unknown option ${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (name === '--gateway') args.gateway = value;
    else if (name === '--out') args.out = value;
    else args.token = value;
  }
  if (args.help) return args;
  if (args.inputs.length === 0) throw new UsageError('no file or folder given');
  if (args.token && !args.ingest) throw new UsageError('--token is only for --ingest');
  return args;
}
