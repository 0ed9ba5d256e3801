import fc from 'fast-check';
import { checkPackage } from '@newsgraph/news-package';
import { Article } from '../types';
import { articleToPackage } from './pipeline';

// Articles assembled from the ways news prints speech (every quotation style, split quotes,
// pronouns, scare quotes, reported speech, odd spacing): whatever the finder makes of them, the
// package must be valid, every statement's offsets must point at its own words in the article,
// and the same article must always give the same package.
const SPEAKERS = ['Foreign Minister Ana Ruiz', 'White House spokeswoman Karoline Leavitt', 'the ministry', 'Mayor Tom Hale', 'la ministra Elena Soto'];
const WORDS = ['the talks will continue', 'nothing has been agreed', 'we categorically deny any change', 'the bases will not be used', 'no hay ningún acuerdo'];
const MARKS: Array<[string, string]> = [
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
  ['„', '“'],
  ['‘', '’'],
];

const sentence = fc.oneof(
  fc
    .tuple(fc.constantFrom(...MARKS), fc.constantFrom(...WORDS), fc.constantFrom(...SPEAKERS))
    .map(([[o, c], w, s]) => `${o}${w[0].toUpperCase()}${w.slice(1)},${c} ${s} said.`),
  fc.tuple(fc.constantFrom(...SPEAKERS), fc.constantFrom(...WORDS)).map(([s, w]) => `${s[0].toUpperCase()}${s.slice(1)} said that ${w}.`),
  fc.tuple(fc.constantFrom(...MARKS), fc.constantFrom(...WORDS)).map(([[o, c], w]) => `${o}${w},${c} she added. ${o}And that is final.${c}`),
  fc.tuple(fc.constantFrom(...SPEAKERS), fc.constantFrom(...WORDS)).map(([s, w]) => `According to ${s}, ${w}.`),
  fc.constantFrom('The so-called “deal” was never published.', 'Markets were calm on Tuesday.', 'Según fuentes oficiales, la reunión terminó tarde.'),
);
const article = fc
  .record({
    paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    gap: fc.constantFrom(' ', '  ', ' \u00a0'),
    dated: fc.boolean(),
    url: fc.boolean(),
  })
  .map(({ paragraphs, gap, dated, url }): Article => ({
    text: paragraphs.map((p) => p.join(gap)).join('\n\n'),
    title: 'Officials speak',
    ...(url ? { url: 'https://news.example.com/officials-speak' } : {}),
    ...(dated ? { publishedAt: '2026-03-05T10:00:00+01:00' } : {}),
  }));

test("packages from any article are valid, and their spans are the article's own words", async () => {
  let statements = 0;
  await fc.assert(
    fc.asyncProperty(article, async (a) => {
      const result = await articleToPackage(a);
      expect(checkPackage(result.package).problems).toEqual([]);
      const sourceKey = result.package.sources![0].key;
      const actors = new Set((result.package.actors ?? []).map((x) => x.key));
      statements += result.package.statements?.length ?? 0;
      for (const s of result.package.statements ?? []) {
        expect(a.text.slice(s.extraction!.start, s.extraction!.end)).toBe(s.text);
        expect(actors.has(s.speaker)).toBe(true);
        expect(s.attestations).toEqual([{ source: sourceKey, quotedText: s.text }]);
        expect(s.saidAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (!a.publishedAt) expect(result.problems.map((p) => p.where)).toContain('/publishedAt');
      expect(JSON.stringify((await articleToPackage(a)).package)).toBe(JSON.stringify(result.package));
    }),
    { numRuns: 150 },
  );
  // the generator does make quotations the finder takes: the property is not vacuous
  expect(statements).toBeGreaterThan(100);
});
