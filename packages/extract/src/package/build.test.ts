import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPackage, deriveSourceKey, deriveStatementKey } from '@newsgraph/news-package';
import { createFixedLookup, KnownActor, KnownStatement } from '../link/lookup';
import { readArticle } from '../read';
import { Article, Extraction, Quotation, Speaker } from '../types';
import { buildPackage } from './build';
import { articleToPackage } from './pipeline';

const TEXT =
  'White House spokeswoman Maria Lopez said Spain had agreed to help. "Spain agrees to cooperate," Lopez said. ' +
  '"Spain agrees to cooperate," she repeated. The "deal" was not explained.';
const at = (words: string, from = 0) => ({ start: TEXT.indexOf(words, from), end: TEXT.indexOf(words, from) + words.length });
const lopez: Speaker = { name: 'Maria Lopez', kind: 'PERSON', surface: 'Lopez', aliases: ['Lopez', 'she'], role: 'spokeswoman', organization: 'White House' };
const quote = (text: string, from: number, extra: Partial<Quotation> = {}): Quotation => ({
  form: 'DIRECT_QUOTE',
  text,
  ...at(text, from),
  speaker: lopez,
  cue: 'say',
  confidence: 0.9,
  ...extra,
});
const EXTRACTION: Extraction = {
  language: 'en',
  quotations: [
    quote('Spain had agreed to help', 0, { form: 'INDIRECT_QUOTE', confidence: 0.6 }),
    quote('Spain agrees to cooperate', 60),
    quote('Spain agrees to cooperate', 100),
    quote('deal', 0, { speaker: null, confidence: 0.2 }),
  ],
  mentions: [
    { name: 'White House', kind: 'ORGANIZATION', ...at('White House') },
    { name: 'Spain', kind: 'COUNTRY', ...at('Spain') },
  ],
};
const ARTICLE: Article = {
  text: TEXT,
  title: 'Spain agrees',
  url: 'https://news.example.com/a?utm_source=x',
  outlet: 'Example News',
  publishedAt: '2026-03-05T09:00:00+01:00',
};
const KNOWN: KnownActor[] = [
  { key: 'org:white-house', kind: 'ORGANIZATION', name: 'White House', aliases: ['The White House'] },
  { key: 'country:es', kind: 'COUNTRY', name: 'Spain', aliases: ['España'] },
];
const CLAIMS = [{ key: 'claim:coop', text: 'Spain has agreed to cooperate with the US', topics: ['military-cooperation'] }];

test('one source, a new speaker with the membership her apposition names, one statement per distinct quotation', async () => {
  const built = await buildPackage(ARTICLE, EXTRACTION, createFixedLookup(KNOWN, CLAIMS));
  const src = deriveSourceKey(ARTICLE.url!);
  expect(built.package.sources).toEqual([
    {
      key: src,
      kind: 'ARTICLE',
      url: ARTICLE.url,
      title: 'Spain agrees',
      outlet: { key: 'outlet:example-news', name: 'Example News' },
      publishedAt: ARTICLE.publishedAt,
      language: 'en',
    },
  ]);
  expect(built.package.actors).toEqual([
    {
      key: 'person:maria-lopez',
      kind: 'PERSON',
      name: 'Maria Lopez',
      aliases: ['Lopez'],
      memberships: [{ organization: 'org:white-house', role: 'spokeswoman', from: '2026-03-05' }],
    },
  ]);
  const [reported, direct] = built.package.statements!;
  expect(built.package.statements).toHaveLength(2); // the repeated words are one statement
  expect(direct).toEqual({
    key: deriveStatementKey('person:maria-lopez', '2026-03-05', 'Spain agrees to cooperate'),
    speaker: 'person:maria-lopez',
    onBehalfOf: 'org:white-house',
    text: 'Spain agrees to cooperate',
    language: 'en',
    form: 'DIRECT_QUOTE',
    saidAt: '2026-03-05',
    attestations: [{ source: src, quotedText: 'Spain agrees to cooperate' }],
    extraction: { confidence: 0.9, ...at('Spain agrees to cooperate', 60), review: false },
    stances: [{ claim: 'claim:coop', stance: 'AFFIRMS' }],
  });
  // low confidence: for review
  expect(reported.extraction).toMatchObject({ confidence: 0.6, review: true });
  expect(built.quotations.map((q) => [q.statementKey === undefined, q.leftOut])).toEqual([
    [false, undefined],
    [false, undefined],
    [false, undefined],
    [true, 'nobody is quoted as saying it'],
  ]);
  expect(built.mentions).toEqual([
    { name: 'White House', key: 'org:white-house' },
    { name: 'Spain', key: 'country:es' },
  ]);
  expect(checkPackage(built.package).problems).toEqual([]);
});

test('a known outlet is referred to by key alone, so its country stays as stored', async () => {
  const lookup = createFixedLookup(KNOWN, CLAIMS, [], [{ key: 'outlet:example', name: 'Example News' }]);
  expect((await buildPackage(ARTICLE, EXTRACTION, lookup)).package.sources![0].outlet).toEqual({ key: 'outlet:example' });
  const other = createFixedLookup(KNOWN, CLAIMS, [], [{ key: 'outlet:example-news-weekly', name: 'Example News Weekly' }]);
  expect((await buildPackage(ARTICLE, EXTRACTION, other)).package.sources![0].outlet).toEqual({ key: 'outlet:example-news', name: 'Example News' });
});

test('without a lookup nothing is linked and no stance is proposed', async () => {
  const built = await buildPackage(ARTICLE, EXTRACTION);
  // no aliases: nobody checked the key is free, and given aliases would replace a known actor's
  expect(built.package.actors).toEqual([{ key: 'person:maria-lopez', kind: 'PERSON', name: 'Maria Lopez' }]);
  expect(built.package.statements!.every((s) => !s.stances && !s.onBehalfOf)).toBe(true);
  expect(built.mentions).toEqual([]);
});

test('a speaker the graph knows is referred to by key; a new one never takes a known key', async () => {
  const known = createFixedLookup([...KNOWN, { key: 'person:maria-lopez', kind: 'PERSON', name: 'María López Ruiz', aliases: [] }]);
  const built = await buildPackage(ARTICLE, EXTRACTION, known);
  expect(built.package.actors![0].key).toMatch(/^person:maria-lopez-[0-9a-f]{6}$/);
  expect(built.package.statements!.every((s) => s.speaker === built.package.actors![0].key)).toBe(true);

  const linked = await buildPackage(
    ARTICLE,
    EXTRACTION,
    createFixedLookup([...KNOWN, { key: 'person:m-lopez', kind: 'PERSON', name: 'Maria Lopez', aliases: [] }]),
  );
  expect(linked.package.actors).toBeUndefined();
  expect(linked.package.statements!.every((s) => s.speaker === 'person:m-lopez')).toBe(true);
  expect(linked.quotations[1].speakerKnown).toBe(true);
});

test('a statement the graph holds keeps what is stored and gains this attestation', async () => {
  const key = deriveStatementKey('person:m-lopez', '2026-03-05', 'Spain agrees to cooperate');
  const stored: KnownStatement = {
    key,
    speaker: 'person:m-lopez',
    text: 'Spain agrees to cooperate.',
    saidAt: '2026-03-05',
    form: 'DIRECT_QUOTE',
    venue: 'briefing',
    topics: ['diplomacy'],
    stances: [],
    relations: [],
    attestations: [{ source: 'src:other-outlet', quotedText: 'Spain agrees to cooperate.' }],
  };
  const lookup = createFixedLookup([...KNOWN, { key: 'person:m-lopez', kind: 'PERSON', name: 'Maria Lopez', aliases: [] }], CLAIMS, [stored]);
  const built = await buildPackage(ARTICLE, EXTRACTION, lookup);
  const merged = built.package.statements!.find((s) => s.key === key)!;
  expect(merged).toEqual({
    key,
    speaker: 'person:m-lopez',
    text: 'Spain agrees to cooperate.',
    saidAt: '2026-03-05',
    form: 'DIRECT_QUOTE',
    venue: 'briefing',
    topics: ['diplomacy'],
    attestations: [
      { source: 'src:other-outlet', quotedText: 'Spain agrees to cooperate.' },
      { source: deriveSourceKey(ARTICLE.url!), quotedText: 'Spain agrees to cooperate' },
    ],
    extraction: { confidence: 0.9, ...at('Spain agrees to cooperate', 60), review: false },
  });
  expect(built.quotations[1].known).toBe(true);
});

test('no publication date: undated words are left out and the problem is listed; the source keeps a stable key', async () => {
  const undated = { ...ARTICLE, url: undefined, publishedAt: undefined };
  const dated: Quotation = { ...EXTRACTION.quotations[1], saidAt: '2026-03-03' };
  const built = await buildPackage(undated, { ...EXTRACTION, quotations: [EXTRACTION.quotations[0], dated] });
  expect(built.problems).toEqual([{ where: '/publishedAt', message: expect.stringMatching(/^no publication date found/) }]);
  expect(built.package.statements!.map((s) => s.saidAt)).toEqual(['2026-03-03']);
  expect(built.quotations[0].leftOut).toMatch(/^no date/);
  expect(built.package.sources![0]).toMatchObject({ kind: 'OTHER', key: expect.stringMatching(/^src:example-news-undated-spain-agrees-[0-9a-f]{12}$/) });
  expect((await buildPackage(undated, EXTRACTION)).package.sources![0].key).toBe(built.package.sources![0].key);
  expect((await buildPackage({ ...undated, title: 'Other' }, EXTRACTION)).package.sources![0].key).not.toBe(built.package.sources![0].key);
  expect(checkPackage(built.package).problems).toEqual([]);
});

// With the real finder over every article we have: each package is valid, and every statement's
// offsets point at its own words in the article.
const ROOT = path.resolve(__dirname, '../../../../fixtures');
const articles = [
  path.join(ROOT, 'seed/000_7254b9545039598a.txt'),
  ...['articles', 'articles/holdout'].flatMap((d) =>
    readdirSync(path.join(ROOT, d))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.gold.json'))
      .map((f) => path.join(ROOT, d, f)),
  ),
];
test.each(articles.map((f) => [path.relative(ROOT, f), f]))("%s: a valid package whose spans are the article's own words", async (_name, file) => {
  const { article } = readArticle(file, readFileSync(file, 'utf8'));
  const result = await articleToPackage(article!, { lookup: createFixedLookup(KNOWN, CLAIMS) });
  expect(checkPackage(result.package).problems).toEqual([]);
  for (const s of result.package.statements ?? []) {
    expect(article!.text.slice(s.extraction!.start, s.extraction!.end)).toBe(s.text);
    expect(s.attestations).toEqual([{ source: result.package.sources![0].key, quotedText: s.text }]);
  }
});
