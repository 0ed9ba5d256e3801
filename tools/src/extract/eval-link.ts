import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { articleToPackage, createFixedLookup, createGatewayLookup, GraphLookup, KnownActor, KnownClaim } from '@newsgraph/extract';
import { NewsPackage } from '@newsgraph/news-package';
import { EvalArticle, EvalSetError, loadSet } from '../eval/load';
import { match, tokensIn, wordTokens } from '../eval/metrics';

export interface LinkEvalIO {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** the repository root: default sets and the seed package live under it */
  root: string;
}

export const LINK_USAGE = 'usage: npm run eval:link -- [--set <folder>]... [--gateway <url>] [--verbose]';

/** Linking is judged on quotations the finder found that match a gold one at this token overlap. */
export const LINK_OVERLAP = 0.3;

export interface LinkCounts {
  /** found quotations matched to gold whose speaker the packager linked to a known actor */
  linked: number;
  /** ... to the gold speakerKey */
  right: number;
  /** matched gold quotations that carry a speakerKey (the speaker is known to the graph) */
  linkable: number;
  wrong: Array<{ article: string; text: string; linked: string; gold: string | null }>;
  missed: Array<{ article: string; text: string; gold: string; found: string | null }>;
}

/** The graph the dev set's speakerKeys refer to: the seed package's actors and claims. */
export function seedLookup(root: string): GraphLookup {
  const seed = JSON.parse(readFileSync(path.join(root, 'fixtures/seed/spain-denies-us-claims.package.json'), 'utf8')) as NewsPackage;
  const actors: KnownActor[] = (seed.actors ?? []).map((a) => ({
    key: a.key,
    kind: a.kind ?? 'OTHER',
    name: a.name,
    aliases: (a.aliases ?? []).map((v) => (typeof v === 'string' ? v : v.value)),
  }));
  const claims: KnownClaim[] = (seed.claims ?? []).map((c) => ({ key: c.key, text: c.text, topics: c.topics ?? [] }));
  return createFixedLookup(actors, claims);
}

/** Speaker links of one article against its gold annotations. */
export async function scoreLinks(a: EvalArticle, lookup: GraphLookup): Promise<LinkCounts> {
  const result = await articleToPackage(a.article, { lookup });
  const tokens = wordTokens(a.article.text);
  const found = result.extraction.quotations;
  const pairs = match(
    a.gold.map((g) => tokensIn(tokens, g.start, g.end)),
    found.map((q) => tokensIn(tokens, q.start, q.end)),
    LINK_OVERLAP,
  );
  const c: LinkCounts = { linked: 0, right: 0, linkable: 0, wrong: [], missed: [] };
  for (const p of pairs) {
    const gold = a.goldTexts[p.gold];
    const outcome = result.quotations[p.found];
    const q = found[p.found];
    const linkedTo = outcome.speakerKnown && outcome.speakerKey ? outcome.speakerKey : null;
    if (gold.speakerKey) c.linkable++;
    if (linkedTo) {
      c.linked++;
      if (linkedTo === gold.speakerKey) c.right++;
      else c.wrong.push({ article: a.name, text: q.text.slice(0, 80), linked: linkedTo, gold: gold.speakerKey ?? null });
    } else if (gold.speakerKey) {
      c.missed.push({ article: a.name, text: q.text.slice(0, 80), gold: gold.speakerKey, found: q.speaker?.name ?? null });
    }
  }
  return c;
}

function parse(argv: string[], io: LinkEvalIO): { sets: string[]; gateway?: string; verbose: boolean } | string {
  const o: { sets: string[]; gateway?: string; verbose: boolean } = { sets: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose') o.verbose = true;
    else if (a === '--set' || a === '--gateway') {
      const v = argv[++i];
      if (!v) return `${a} needs a value`;
      if (a === '--set') o.sets.push(path.resolve(io.cwd, v));
      else o.gateway = v;
    } else return `unknown argument ${a}`;
  }
  if (!o.sets.length) o.sets = ['fixtures/articles', 'fixtures/articles/holdout'].map((s) => path.join(io.root, s)).filter((s) => existsSync(s));
  for (const s of o.sets) if (!existsSync(s) || !statSync(s).isDirectory()) return `--set: ${s} is not a folder`;
  return o;
}

const f2 = (x: number) => x.toFixed(2);

/** Whole passes over the set for at least a second (the fixed lookup answers at once, so this is the extractor's own cost). */
async function articlesPerSecond(articles: EvalArticle[], lookup: GraphLookup): Promise<number> {
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < 1000) {
    for (const a of articles) await articleToPackage(a.article, { lookup });
    done += articles.length;
  }
  return done / ((performance.now() - started) / 1000);
}

/**
 * `npm run eval:link`: linking precision (goal >= 0.95) and recall of speakers on the dev set's
 * `speakerKey` annotations, against the seed's actors (or a live gateway with --gateway).
 */
export async function runLinkEval(argv: string[], io: LinkEvalIO): Promise<number> {
  const o = parse(argv, io);
  if (typeof o === 'string') {
    io.err(`eval:link: ${o}\n${LINK_USAGE}`);
    return 2;
  }
  const lookup = o.gateway ? createGatewayLookup({ url: o.gateway }) : seedLookup(io.root);
  io.out(
    `linking against ${o.gateway ? `the gateway at ${o.gateway}` : "the seed package's actors and claims"}; quotations matched at token overlap ${LINK_OVERLAP}`,
  );
  for (const set of o.sets) {
    let articles: EvalArticle[];
    try {
      articles = loadSet(set);
    } catch (error) {
      if (error instanceof EvalSetError) {
        io.err(`eval:link: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const total: LinkCounts = { linked: 0, right: 0, linkable: 0, wrong: [], missed: [] };
    for (const a of articles) {
      const c = await scoreLinks(a, lookup);
      total.linked += c.linked;
      total.right += c.right;
      total.linkable += c.linkable;
      total.wrong.push(...c.wrong);
      total.missed.push(...c.missed);
    }
    const precision = total.linked ? total.right / total.linked : 1;
    const recall = total.linkable ? total.right / total.linkable : 1;
    io.out(
      `${path.relative(io.root, set) || set}: ${articles.length} articles; speaker links ${total.linked}, right ${total.right}: ` +
        `precision ${f2(precision)} (goal >= 0.95), recall ${f2(recall)} of ${total.linkable} linkable`,
    );
    if (!o.gateway) io.out(`  speed: ${Math.round(await articlesPerSecond(articles, lookup))} articles/s read, found, linked and packaged on one thread`);
    for (const w of total.wrong) io.out(`  wrong: ${w.article}: ${JSON.stringify(w.text)} linked to ${w.linked}, gold ${w.gold ?? '(not in the graph)'}`);
    if (o.verbose)
      for (const m of total.missed) io.out(`  missed: ${m.article}: ${JSON.stringify(m.text)} gold ${m.gold}, finder said ${m.found ?? '(no speaker)'}`);
  }
  return 0;
}

if (require.main === module) {
  runLinkEval(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    cwd: process.env.INIT_CWD || process.cwd(),
    root: path.resolve(__dirname, '../../..'),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error('eval:link: unexpected failure:', error);
      process.exitCode = 2;
    },
  );
}
