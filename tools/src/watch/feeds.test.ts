import { DEFAULT_INTERVAL_S, FeedsFileError, parseFeedsFile } from './feeds';

const problemsOf = (text: string): string[] => {
  try {
    parseFeedsFile('feeds.json', text);
  } catch (error) {
    if (error instanceof FeedsFileError) return error.problems;
    throw error;
  }
  throw new Error('accepted');
};

test('a good file gives each feed with its defaults filled in', () => {
  const feeds = parseFeedsFile(
    'feeds.json',
    JSON.stringify({
      feeds: [
        { url: 'https://example.org/rss.xml', outlet: ' The Harbour Times ', language: 'en' },
        { url: 'http://example.es/feed', interval: 60 },
      ],
    }),
  );
  expect(feeds).toEqual([
    { url: 'https://example.org/rss.xml', interval: DEFAULT_INTERVAL_S, outlet: 'The Harbour Times', language: 'en' },
    { url: 'http://example.es/feed', interval: 60 },
  ]);
});

test('every problem is listed at once, by its path', () => {
  expect(
    problemsOf(
      JSON.stringify({
        feeds: [
          { url: 'ftp://x/feed' },
          { interval: 'often' },
          { url: 'https://a.example/f', language: 'EN', outlet: '' },
          { url: 'https://a.example/f', extra: 1 },
        ],
        settings: {},
      }),
    ),
  ).toEqual([
    '/settings: unknown property (the file holds only "feeds")',
    '/feeds/0/url: must be http or https, got ftp:',
    "/feeds/1/url: required, the feed's http(s) address",
    '/feeds/1/interval: must be a number of seconds from 1 to 604800',
    '/feeds/2/outlet: must be a non-empty name',
    '/feeds/2/language: must be a two-letter ISO 639-1 code such as "en" or "es"',
    '/feeds/3/extra: unknown property (known: url, interval, outlet, language)',
    '/feeds/3/url: the same feed as /feeds/2',
  ]);
});

test('not JSON, not an object, no feeds', () => {
  expect(problemsOf('{"feeds": [')[0]).toMatch(/^not valid JSON/);
  expect(problemsOf('[]')).toEqual(['/: must be an object with a "feeds" list']);
  expect(problemsOf('{"feeds": []}')).toEqual(['/feeds: lists no feed']);
  expect(problemsOf('{}')).toEqual(['/feeds: must be a list of feeds ({ "url": … })']);
});
