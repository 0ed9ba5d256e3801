import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractQuotations } from './extract';
import type { Article } from './types';

// compiled to packages/extract/dist/, so the repository root is three levels up
const SETS = ['fixtures/articles', 'fixtures/articles/holdout'].map((p) => path.resolve(__dirname, '../../..', p));

function articles(): Array<[string, Article]> {
  return SETS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.gold.json'))
      .map((f): [string, Article] => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8'))]),
  );
}

/** Every span a finder reports is the article's own text, and every confidence is in 0..1. */
function checkInvariants(article: Article): void {
  const x = extractQuotations(article);
  for (const q of x.quotations) {
    expect(article.text.slice(q.start, q.end)).toBe(q.text);
    expect(q.start).toBeLessThan(q.end);
    expect(q.confidence).toBeGreaterThanOrEqual(0);
    expect(q.confidence).toBeLessThanOrEqual(1);
  }
  for (const m of x.mentions) expect(m.end).toBeGreaterThan(m.start);
}

test('over the whole development set, every quotation is the article’s text at its offsets', () => {
  const all = articles();
  expect(all.length).toBeGreaterThanOrEqual(25);
  let quotations = 0;
  for (const [, article] of all) {
    checkInvariants(article);
    quotations += extractQuotations(article).quotations.length;
  }
  expect(quotations).toBeGreaterThan(150);
});

/** A small deterministic generator (mulberry32): the same "random" articles on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '“',
  '”',
  '"',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '„',
  ' said ',
  ' dijo que ',
  ', he said. ',
  'Leavitt',
  'Albares',
  ' the minister ',
  ' that ',
  '.',
  ',',
  '\n\n',
  ' according to ',
  ' según ',
  'Spain’s',
  ' we will ',
  ' no ',
  ' — ',
  ':',
  'Dr. ',
  ' on Tuesday ',
  ' said:\n\n',
  '\n',
  ' told the court ',
  'Asked whether ',
  ' she smiled. ',
  ' afirmó el ministro ',
  ' who said ',
  'WASHINGTON — ',
  ' J. ',
  ' von der ',
  ' a company spokesman said ',
  ' de la ',
  ' (Reuters) – ',
];

test('on generated texts full of marks and cues, the invariants still hold and nothing throws', () => {
  const next = rng(20260305);
  for (let n = 0; n < 600; n++) {
    const parts: string[] = [];
    const len = 5 + Math.floor(next() * 60);
    for (let i = 0; i < len; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]);
    checkInvariants({ text: parts.join(''), language: next() < 0.5 ? 'en' : 'es', publishedAt: '2026-03-05' });
  }
});
