import { match, overlap, sameSpeaker, scores, tokensIn, wordTokens } from './metrics';
import { scoreArticle } from './score-article';
import { locateGold } from './load';

// A hand-checked article: three gold quotations, three found ones.
//   gold 1 (direct, 6 words)  "We will not change our position"  Albares
//   gold 2 (direct, 4 words)  "Spain agrees to cooperate"        Leavitt
//   gold 3 (reported, 5 words) "the talks had broken down"       Ruiz
//   found A: gold 1 exactly, speaker "albares" (case differs: right)
//   found B: "Spain agrees" only: 2 of 4 words, overlap 0.5 (a match at 0.3, not at 0.8), speaker wrong
//   found C: a reported clause nobody annotated (a false positive)
const TEXT =
  '“We will not change our position,” Albares said. “Spain agrees to cooperate,” Leavitt said. Ruiz said the talks had broken down. The weather was fine, Ruiz said.';

const at = (s: string): [number, number] => {
  const i = TEXT.indexOf(s);
  return [i, i + s.length];
};

test('token overlap is shared words over the longer span', () => {
  const tokens = wordTokens(TEXT);
  const [s1, e1] = at('Spain agrees to cooperate');
  const [s2, e2] = at('Spain agrees');
  expect(overlap(tokensIn(tokens, s1, e1), tokensIn(tokens, s2, e2))).toBe(0.5);
  expect(overlap(new Set(), new Set([1]))).toBe(0);
});

test('matching is one-to-one, best overlap first', () => {
  const g = [new Set([1, 2, 3, 4])];
  const f = [new Set([1, 2]), new Set([1, 2, 3, 4])];
  expect(match(g, f, 0.3)).toEqual([{ gold: 0, found: 1, overlap: 1 }]);
});

test('precision, recall, F1 and speaker accuracy on the hand-checked article', () => {
  const gold = locateGold('t', TEXT, [
    { form: 'DIRECT_QUOTE', text: 'We will not change our position', speaker: 'José Manuel Albares' },
    { form: 'DIRECT_QUOTE', text: 'Spain agrees to cooperate', speaker: 'Karoline Leavitt' },
    { form: 'INDIRECT_QUOTE', text: 'the talks had broken down', speaker: 'Ruiz' },
  ]);
  const span = (form: 'DIRECT_QUOTE' | 'INDIRECT_QUOTE', s: string, speaker: string) => ({ form, start: at(s)[0], end: at(s)[1], speaker });
  const found = [
    span('DIRECT_QUOTE', 'We will not change our position', 'josé manuel ALBARES'),
    span('DIRECT_QUOTE', 'Spain agrees', 'Albares'),
    span('INDIRECT_QUOTE', 'The weather was fine', 'Ruiz'),
  ];
  const s = scoreArticle(TEXT, gold, found);
  // direct at 0.3: both found direct quotes match (2/2 precision, 2/2 recall)
  expect(scores(s.counts[0.3].DIRECT_QUOTE)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  // direct at 0.8: only A matches: P = 1/2, R = 1/2
  expect(scores(s.counts[0.8].DIRECT_QUOTE)).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
  // reported: C matches nothing, the gold clause is missed
  expect(scores(s.counts[0.3].INDIRECT_QUOTE)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  // all forms at 0.3: 2 of 3 found are right, 2 of 3 gold found; F1 = 2/3
  const all = scores(s.counts[0.3].ALL);
  expect(all.precision).toBeCloseTo(2 / 3);
  expect(all.recall).toBeCloseTo(2 / 3);
  expect(all.f1).toBeCloseTo(2 / 3);
  // speakers judged on the two matched pairs: A right, B wrong
  expect(s.speakers).toMatchObject({ right: 1, total: 2 });
  expect(s.misses.map((m) => TEXT.slice(m.start, m.end))).toEqual(['the talks had broken down']);
  expect(s.falsePositives.map((m) => TEXT.slice(m.start, m.end))).toEqual(['The weather was fine']);
});

test('with nothing to find and nothing found, precision and recall are 1', () => {
  expect(scores({ gold: 0, found: 0, matched: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  expect(scores({ gold: 0, found: 2, matched: 0 })).toMatchObject({ precision: 0, recall: 0 });
});

test('speaker names compare without case, accents, articles or punctuation', () => {
  expect(sameSpeaker('Jose Manuel ALBARES', 'José Manuel Albares')).toBe(true);
  expect(sameSpeaker('The White House', 'White House')).toBe(true);
  expect(sameSpeaker('Albares', 'José Manuel Albares')).toBe(false);
  expect(sameSpeaker(null, 'Albares')).toBe(false);
});

test('a gold text that is not in the article is an error naming the file and the quotation', () => {
  expect(() => locateGold('x', TEXT, [{ form: 'DIRECT_QUOTE', text: 'never printed', speaker: 'A' }])).toThrow(
    /x\.gold\.json: quotations\[0\]\.text is not in the article/,
  );
});
