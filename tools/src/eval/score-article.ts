import { match, sameSpeaker, tokensIn, wordTokens, type Counts, type Form, type Pair, type Span } from './metrics';

export const THRESHOLDS = [0.3, 0.8] as const;
export type Slice = Form | 'ALL';
export const SLICES: Slice[] = ['DIRECT_QUOTE', 'INDIRECT_QUOTE', 'ALL'];

export interface ArticleScore {
  /** per threshold, per slice */
  counts: Record<string, Record<Slice, Counts>>;
  /** speaker judgements on the pairs matched at the lowest threshold, form-agnostic */
  speakers: { right: number; total: number; byForm: Record<Form, { right: number; total: number }> };
  misses: Span[];
  falsePositives: Span[];
  wrongSpeakers: Array<{ gold: Span; found: Span }>;
  /** quotations found at the right place with the other form (direct for reported or the reverse) */
  wrongForms: Array<{ gold: Span; found: Span }>;
  /** per found quotation: matched at the lowest threshold, same form, right speaker */
  correct: boolean[];
  /** the matched pairs at the lowest threshold (indexes into gold / found) */
  pairs: Pair[];
}

function slice(spans: Span[], s: Slice): number[] {
  return spans.map((x, i) => (s === 'ALL' || x.form === s ? i : -1)).filter((i) => i >= 0);
}

/** Scores one article's found quotations against its gold ones. */
export function scoreArticle(text: string, gold: Span[], found: Span[]): ArticleScore {
  const tokens = wordTokens(text);
  const g = gold.map((s) => tokensIn(tokens, s.start, s.end));
  const f = found.map((s) => tokensIn(tokens, s.start, s.end));
  const counts: ArticleScore['counts'] = {};
  for (const t of THRESHOLDS) {
    counts[t] = {} as Record<Slice, Counts>;
    for (const s of SLICES) {
      const gi = slice(gold, s);
      const fi = slice(found, s);
      const pairs = match(
        gi.map((i) => g[i]),
        fi.map((i) => f[i]),
        t,
      );
      counts[t][s] = { gold: gi.length, found: fi.length, matched: pairs.length };
    }
  }
  const pairs = match(g, f, THRESHOLDS[0]);
  const speakers: ArticleScore['speakers'] = { right: 0, total: 0, byForm: { DIRECT_QUOTE: { right: 0, total: 0 }, INDIRECT_QUOTE: { right: 0, total: 0 } } };
  const wrongSpeakers: ArticleScore['wrongSpeakers'] = [];
  for (const p of pairs) {
    const ok = sameSpeaker(found[p.found].speaker, gold[p.gold].speaker ?? '');
    const byForm = speakers.byForm[gold[p.gold].form];
    speakers.total++;
    byForm.total++;
    if (ok) {
      speakers.right++;
      byForm.right++;
    } else wrongSpeakers.push({ gold: gold[p.gold], found: found[p.found] });
  }
  const matchedG = new Set(pairs.map((p) => p.gold));
  const matchedF = new Set(pairs.map((p) => p.found));
  return {
    counts,
    speakers,
    misses: gold.filter((_, i) => !matchedG.has(i)),
    falsePositives: found.filter((_, i) => !matchedF.has(i)),
    wrongSpeakers,
    correct: found.map((f, i) => {
      const p = pairs.find((x) => x.found === i);
      return !!p && gold[p.gold].form === f.form && sameSpeaker(f.speaker, gold[p.gold].speaker ?? '');
    }),
    wrongForms: pairs.filter((p) => gold[p.gold].form !== found[p.found].form).map((p) => ({ gold: gold[p.gold], found: found[p.found] })),
    pairs,
  };
}
