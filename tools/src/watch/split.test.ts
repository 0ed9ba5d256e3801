import type { NewsPackage } from '@newsgraph/news-package';
import { isSure, subPackage, sureIndices } from './split';

const source = 'src:harbour-1';
const stmt = (speaker: string, confidence: number | undefined, review = false, stances: { claim: string; stance: 'AFFIRMS' | 'DENIES' }[] = []) => ({
  speaker,
  text: `words of ${speaker}`,
  saidAt: '2026-03-05',
  attestations: [{ source }],
  ...(stances.length ? { stances } : {}),
  ...(confidence === undefined ? {} : { extraction: { confidence, start: 0, end: 5, review } }),
});

const pkg: NewsPackage = {
  format: 'newsgraph.package/v1',
  actors: [
    { key: 'country:xx', name: 'Xland', kind: 'COUNTRY' },
    { key: 'org:xx-ministry', name: 'Ministry', kind: 'ORGANIZATION', partOf: 'country:xx' },
    { key: 'person:ana', name: 'Ana', kind: 'PERSON', memberships: [{ organization: 'org:xx-ministry', role: 'minister' }] },
    { key: 'person:ben', name: 'Ben', kind: 'PERSON' },
  ],
  sources: [{ key: source, kind: 'ARTICLE', url: 'https://harbour.example/1' }],
  claims: [
    { key: 'claim:a', text: 'A' },
    { key: 'claim:b', text: 'B' },
  ],
  statements: [
    stmt('person:ana', 0.9, false, [{ claim: 'claim:a', stance: 'DENIES' }]),
    stmt('person:ben', 0.95, true, [{ claim: 'claim:b', stance: 'AFFIRMS' }]),
    stmt('person:known-elsewhere', 0.8),
    stmt('person:ben', 0.5),
    stmt('person:ana', undefined),
  ],
};

test('sure: at or above the threshold and not flagged for review; no confidence is never sure', () => {
  expect(sureIndices(pkg, 0.8)).toEqual([0, 2]);
  expect(sureIndices(pkg, 0.9)).toEqual([0]);
  expect(isSure(pkg.statements![1], 0)).toBe(false);
  expect(isSure(pkg.statements![4], 0)).toBe(false);
});

test('the sub-package carries what its statements need and nothing a doubtful one alone needs', () => {
  const sub = subPackage(pkg, [0, 2]);
  // Ana, her ministry and its country come along; Ben, whom only unsure statements name, does not
  expect(sub.actors!.map((a) => a.key)).toEqual(['country:xx', 'org:xx-ministry', 'person:ana']);
  expect(sub.sources).toEqual(pkg.sources);
  expect(sub.claims!.map((c) => c.key)).toEqual(['claim:a']);
  expect(sub.statements).toEqual([pkg.statements![0], pkg.statements![2]]);
});
