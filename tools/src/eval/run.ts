import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractQuotations, type Extraction } from '@newsgraph/extract';
import { EvalSetError, loadSet, type EvalArticle } from './load';
import { addCounts, scores, type Counts, type Span } from './metrics';
import { scoreArticle, SLICES, THRESHOLDS, type ArticleScore, type Slice } from './score-article';

export interface EvalIO {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** the repository root: the default set is its fixtures/articles */
  root: string;
  /** a clock in milliseconds (performance.now) */
  now(): number;
  /** this process's CPU time in milliseconds (user + system): the speed on a shared machine */
  cpu(): number;
}

const USAGE = 'usage: npm run eval:extract -- [--set <folder>] [--verbose] [--json] [--min-seconds <s>]';
const LABEL: Record<Slice, string> = { DIRECT_QUOTE: 'direct', INDIRECT_QUOTE: 'reported', ALL: 'all' };

interface Options {
  set: string;
  verbose: boolean;
  json: boolean;
  minSeconds: number;
}

function parseArgs(argv: string[], cwd: string, root: string): Options | string {
  const o: Options = { set: resolve(root, 'fixtures/articles'), verbose: false, json: false, minSeconds: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--json') o.json = true;
    else if (a === '--set' || a === '--min-seconds') {
      const v = argv[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--set') o.set = resolve(cwd, v);
      else if (!(Number(v) >= 0)) return `--min-seconds must be a number of seconds, got ${JSON.stringify(v)}`;
      else o.minSeconds = Number(v);
    } else if (!a.startsWith('-')) o.set = resolve(cwd, a);
    else return `unknown option ${a}`;
  }
  if (!existsSync(o.set) || !statSync(o.set).isDirectory()) return `--set: ${o.set} is not a folder`;
  return o;
}

const toSpans = (x: Extraction): Span[] =>
  x.quotations.map((q) => ({ form: q.form, start: q.start, end: q.end, speaker: q.speaker?.name ?? null, confidence: q.confidence }));

/** Does the confidence mean something: how often a found quotation is entirely right, per band. */
const BANDS: Array<[number, number]> = [
  [0.9, 1.01],
  [0.75, 0.9],
  [0.6, 0.75],
  [0, 0.6],
];
function calibration(perArticle: Array<{ found: Span[]; score: ArticleScore }>): Array<{ band: string; found: number; right: number }> {
  return BANDS.map(([lo, hi]) => {
    let found = 0;
    let right = 0;
    for (const p of perArticle) {
      p.found.forEach((f, i) => {
        const c = f.confidence ?? 0;
        if (c < lo || c >= hi) return;
        found++;
        if (p.score.correct[i]) right++;
      });
    }
    return { band: `${lo.toFixed(2)}–${Math.min(1, hi).toFixed(2)}`, found, right };
  });
}

/** Extractions per second on this (single) thread: whole passes over the set for at least minSeconds. */
function measureSpeed(set: EvalArticle[], io: EvalIO, minSeconds: number): { perSecond: number; perCpuSecond: number; articles: number; seconds: number } {
  // one untimed pass so the figures are of compiled code, not of the JIT warming up
  for (const a of set) extractQuotations(a.article);
  let n = 0;
  const t0 = io.now();
  const c0 = io.cpu();
  do {
    for (const a of set) extractQuotations(a.article);
    n += set.length;
  } while (io.now() - t0 < minSeconds * 1000);
  const seconds = (io.now() - t0) / 1000;
  const cpuSeconds = Math.max(1e-6, (io.cpu() - c0) / 1000);
  return { perSecond: n / seconds, perCpuSecond: n / cpuSeconds, articles: n, seconds };
}

const f2 = (x: number): string => x.toFixed(2);
const show = (text: string, s: Span): string =>
  `${s.form === 'DIRECT_QUOTE' ? 'D' : 'R'} ${JSON.stringify(text.slice(s.start, s.end).slice(0, 110))} — ${s.speaker ?? '(no speaker)'}`;

export function runEval(argv: string[], io: EvalIO): number {
  const o = parseArgs(argv, io.cwd, io.root);
  if (typeof o === 'string') {
    io.err(`eval:extract: ${o}`);
    io.err(USAGE);
    return 2;
  }
  let set: EvalArticle[];
  try {
    set = loadSet(o.set);
  } catch (error) {
    if (error instanceof EvalSetError) {
      io.err(`eval:extract: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (set.length === 0) {
    io.err(`eval:extract: no <name>.json + <name>.gold.json pairs in ${o.set}`);
    return 1;
  }
  const perArticle: Array<{ a: EvalArticle; score: ArticleScore; found: Span[] }> = [];
  for (const a of set) {
    const found = toSpans(extractQuotations(a.article));
    perArticle.push({ a, found, score: scoreArticle(a.article.text, a.gold, found) });
  }
  const zero = (): Counts => ({ gold: 0, found: 0, matched: 0 });
  const total: Record<string, Record<Slice, Counts>> = {};
  for (const t of THRESHOLDS) {
    total[t] = { DIRECT_QUOTE: zero(), INDIRECT_QUOTE: zero(), ALL: zero() };
    for (const p of perArticle) for (const s of SLICES) total[t][s] = addCounts(total[t][s], p.score.counts[t][s]);
  }
  const sp = { right: 0, total: 0, direct: { right: 0, total: 0 }, reported: { right: 0, total: 0 } };
  for (const p of perArticle) {
    sp.right += p.score.speakers.right;
    sp.total += p.score.speakers.total;
    sp.direct.right += p.score.speakers.byForm.DIRECT_QUOTE.right;
    sp.direct.total += p.score.speakers.byForm.DIRECT_QUOTE.total;
    sp.reported.right += p.score.speakers.byForm.INDIRECT_QUOTE.right;
    sp.reported.total += p.score.speakers.byForm.INDIRECT_QUOTE.total;
  }
  const acc = (x: { right: number; total: number }): number => (x.total === 0 ? 1 : x.right / x.total);
  const speed = measureSpeed(set, io, o.minSeconds);
  const languages = [...new Set(set.map((a) => a.article.language ?? '?'))].sort();

  if (o.json) {
    const byThreshold: Record<string, Record<string, ReturnType<typeof scores>>> = {};
    for (const t of THRESHOLDS) {
      byThreshold[t] = {};
      for (const s of SLICES) byThreshold[t][LABEL[s]] = scores(total[t][s]);
    }
    io.out(
      JSON.stringify(
        {
          set: o.set,
          articles: set.length,
          languages,
          overlap: byThreshold,
          speakerAccuracy: { all: acc(sp), direct: acc(sp.direct), reported: acc(sp.reported), judged: sp.total },
          calibration: calibration(perArticle),
          articlesPerSecond: Math.round(speed.perSecond),
          articlesPerCpuSecond: Math.round(speed.perCpuSecond),
          perArticle: perArticle.map((p) => ({
            name: p.a.name,
            gold: p.a.gold.length,
            found: p.found.length,
            matched: p.score.pairs.length,
            misses: p.score.misses.map((s) => ({ form: s.form, text: p.a.article.text.slice(s.start, s.end), speaker: s.speaker })),
            falsePositives: p.score.falsePositives.map((s) => ({ form: s.form, text: p.a.article.text.slice(s.start, s.end), speaker: s.speaker })),
            wrongSpeakers: p.score.wrongSpeakers.map((w) => ({
              text: p.a.article.text.slice(w.gold.start, w.gold.end),
              gold: w.gold.speaker,
              found: w.found.speaker,
            })),
          })),
        },
        null,
        2,
      ),
    );
    return 0;
  }

  const g = total[THRESHOLDS[0]];
  io.out(`Extraction on ${o.set}`);
  io.out(
    `${set.length} articles (${languages.join(', ')}); gold quotations: ${g.ALL.gold} (${g.DIRECT_QUOTE.gold} direct, ${g.INDIRECT_QUOTE.gold} reported); found: ${g.ALL.found}`,
  );
  io.out('');
  io.out(`            ${THRESHOLDS.map((t) => `overlap >= ${t}`.padEnd(21)).join('  ')}`);
  io.out(`            ${THRESHOLDS.map(() => 'P      R      F1    '.padEnd(21)).join('  ')}`);
  for (const s of SLICES) {
    const cells = THRESHOLDS.map((t) => {
      const x = scores(total[t][s]);
      return `${f2(x.precision)}   ${f2(x.recall)}   ${f2(x.f1)}`.padEnd(21);
    });
    io.out(`${LABEL[s].padEnd(12)}${cells.join('  ')}`);
  }
  io.out('');
  io.out(
    `speaker accuracy on the quotations found (overlap >= ${THRESHOLDS[0]}): ${f2(acc(sp))} (${sp.right}/${sp.total}); direct ${f2(acc(sp.direct))} (${sp.direct.right}/${sp.direct.total}), reported ${f2(acc(sp.reported))} (${sp.reported.right}/${sp.reported.total})`,
  );
  io.out(
    `confidence (found quotations entirely right: place, form and speaker): ${calibration(perArticle)
      .map((b) => `${b.band}: ${b.found ? f2(b.right / b.found) : '-'} of ${b.found}`)
      .join('; ')}`,
  );
  io.out(
    `speed: ${Math.round(speed.perSecond)} articles/s on one core, ${Math.round(speed.perCpuSecond)} per CPU-second (${speed.articles} extractions in ${speed.seconds.toFixed(1)} s wall)`,
  );
  if (o.verbose) {
    for (const p of perArticle) {
      const { misses, falsePositives, wrongSpeakers, wrongForms } = p.score;
      if (!misses.length && !falsePositives.length && !wrongSpeakers.length && !wrongForms.length) continue;
      io.out('');
      io.out(`== ${p.a.name}`);
      for (const m of misses) io.out(`  miss   ${show(p.a.article.text, m)}`);
      for (const f of falsePositives) io.out(`  extra  ${show(p.a.article.text, f)}`);
      for (const w of wrongForms)
        io.out(`  form   ${JSON.stringify(p.a.article.text.slice(w.gold.start, w.gold.end).slice(0, 70))}: found ${w.found.form}, gold ${w.gold.form}`);
      for (const w of wrongSpeakers)
        io.out(
          `  who    ${JSON.stringify(p.a.article.text.slice(w.gold.start, w.gold.end).slice(0, 70))}: found ${w.found.speaker ?? '(none)'}, gold ${w.gold.speaker}`,
        );
    }
  }
  return 0;
}
