import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGatewayLookup, fileToPackage, GraphLookup, LookupError } from '@newsgraph/extract';
import { ConfigError, Env, findRepoRoot, resolveToken, resolveUrl } from '../ingest/config';
import { displayPath, InputError } from '../ingest/files';
import { createGatewayClient, FetchLike, GatewayClient } from '../ingest/gateway-client';
import { ingestPackage, Output } from '../ingest/ingest-package';
import { parseArgs, USAGE, UsageError } from './args';
import { ArticleFile, discoverArticles } from './files';

export interface ExtractDeps {
  fetch: FetchLike;
  /** `out` is stdout: only ever a package; everything else goes to `err` */
  output: Output;
  /** the working directory inputs and --out are relative to */
  cwd: string;
  /** where to start looking for the repository root (for .data/write-token) */
  startDir: string;
}

/** Exit codes: 0 every article read (and loaded), 1 some article not (fully) read or not loaded, 2 bad command line or setup. */
export const EXIT = { OK: 0, NOT_ALL: 1, USAGE: 2 } as const;

interface Plan {
  files: ArticleFile[];
  out?: string;
  lookup?: GraphLookup;
  client?: GatewayClient;
}

function plan(argv: readonly string[], env: Env, deps: ExtractDeps) {
  const args = parseArgs(argv);
  if (args.help) return { help: true as const };
  // linking and writing use one gateway: writing speakers without looking them up first would
  // define actors the graph already knows under the same key, and overwrite them
  const writeUrl = args.ingest ? resolveUrl(args.gateway, env) : undefined;
  const linkUrl = args.gateway ? resolveUrl(args.gateway, {}) : writeUrl;
  const token = args.ingest ? resolveToken(args.token, env, findRepoRoot(deps.startDir)) : undefined;
  return { help: false as const, args, linkUrl, writeUrl, token };
}

/** The whole `npm run extract` run; returns the exit code. */
export async function runExtract(argv: readonly string[], env: Env, deps: ExtractDeps): Promise<number> {
  const { output } = deps;
  const say = (line: string) => output.err(line);
  let p: Plan;
  try {
    const setup = plan(argv, env, deps);
    if (setup.help) {
      output.err(USAGE);
      return EXIT.OK;
    }
    const files = await discoverArticles(setup.args.inputs, deps.cwd);
    if (files.length > 1 && !setup.args.out && !setup.args.ingest) {
      throw new UsageError(`${files.length} articles: give --out <folder> for their packages (stdout takes one)`);
    }
    p = {
      files,
      out: setup.args.out ? path.resolve(deps.cwd, setup.args.out) : undefined,
      lookup: setup.linkUrl ? createGatewayLookup({ url: setup.linkUrl, fetch: deps.fetch }) : undefined,
      client: setup.writeUrl ? createGatewayClient({ url: setup.writeUrl, token: setup.token!, fetch: deps.fetch }) : undefined,
    };
  } catch (error) {
    if (error instanceof UsageError) {
      say(`extract: ${error.message}\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    if (error instanceof ConfigError || error instanceof InputError) {
      say(`extract: ${error.message}`);
      return EXIT.USAGE;
    }
    throw error;
  }

  const toStdout = !p.out && p.files.length === 1;
  let done = 0;
  for (let i = 0; i < p.files.length; i++) {
    const { file, outName } = p.files[i];
    const name = displayPath(file, deps.cwd);
    const outcome = await oneArticle(name, file, outName, p, toStdout, output);
    if (outcome === 'ok') done++;
    if (outcome === 'stop') {
      const left = p.files.length - i - 1;
      if (left > 0) say(`extract: stopped; ${left} more article(s) not tried`);
      break;
    }
  }
  if (done === p.files.length) return EXIT.OK;
  say(`extract: ${p.files.length - done} of ${p.files.length} article(s) not fully read${p.client ? ' or not loaded' : ''}`);
  return EXIT.NOT_ALL;
}

async function oneArticle(name: string, file: string, outName: string, p: Plan, toStdout: boolean, output: Output): Promise<'ok' | 'partial' | 'stop'> {
  const say = (line: string) => output.err(line);
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    say(`${name}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    return 'partial';
  }
  let read;
  try {
    read = await fileToPackage(file, content, { lookup: p.lookup });
  } catch (error) {
    if (error instanceof LookupError) {
      say(`${name}: ${error.message}`);
      return 'stop';
    }
    throw error;
  }
  for (const problem of read.problems) say(`${name}: ${problem.where ? `${problem.where}: ` : ''}${problem.message}`);
  if (!read.result) {
    say(`${name}: not read as an article; no package`);
    return 'partial';
  }
  const { result } = read;
  const statements = result.package.statements ?? [];
  const review = statements.filter((s) => s.extraction?.review).length;
  const known = result.quotations.filter((q) => q.speakerKnown && q.statementKey).length;
  const leftOut = result.quotations.filter((q) => q.leftOut);
  const undated = leftOut.filter((q) => q.leftOut!.startsWith('no date')).length;
  say(
    `${name}: ${statements.length} statement(s) (${review} to review), ${result.package.actors?.length ?? 0} new actor(s)` +
      (p.lookup ? `, ${known} quotation(s) by speakers the graph knows` : '') +
      (leftOut.length ? `, ${leftOut.length} quotation(s) left out${undated ? ` (${undated} undated)` : ''}` : ''),
  );
  const text = `${JSON.stringify(result.package, null, 2)}\n`;
  if (p.out) {
    const target = path.join(p.out, outName);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    say(`${name}: wrote ${target}`);
  } else if (toStdout) {
    output.out(text.trimEnd());
  }
  let outcome: 'ok' | 'partial' | 'stop' = undated ? 'partial' : 'ok';
  if (p.client) {
    // the same machinery as `npm run ingest`: validation against the gateway, ordered idempotent writes
    const loaded = await ingestPackage(name, text, p.client, { out: say, err: say });
    if (loaded === 'fatal') return 'stop';
    if (loaded !== 'loaded') outcome = 'partial';
  }
  return outcome;
}
