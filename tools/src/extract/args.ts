import { parseCommandLine, UsageError } from '../cli/args';

/** Command line of `npm run extract` (CONTRACT.md section 7). */
export interface ExtractArgs {
  inputs: string[];
  gateway?: string;
  out?: string;
  ingest: boolean;
  token?: string;
  help: boolean;
}

export { UsageError };

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

export function parseArgs(argv: readonly string[]): ExtractArgs {
  const line = parseCommandLine(argv, { flags: ['--ingest'], valued: ['--gateway', '--out', '--token'] });
  const args: ExtractArgs = {
    inputs: line.inputs,
    gateway: line.values.get('--gateway'),
    out: line.values.get('--out'),
    ingest: line.flags.has('--ingest'),
    token: line.values.get('--token'),
    help: line.help,
  };
  if (args.help) return args;
  if (args.inputs.length === 0) throw new UsageError('no file or folder given');
  if (args.token && !args.ingest) throw new UsageError('--token is only for --ingest');
  return args;
}
