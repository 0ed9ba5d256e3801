import { exportRequest } from './run';

const env = {};

test('defaults: NDJSON of every statement from the local gateway', () => {
  expect(exportRequest([], env)).toEqual({ url: 'http://localhost:4000/export/statements?format=ndjson', format: 'ndjson' });
});

test('filter, cursor and format go into the endpoint URL; NEWSGRAPH_URL picks the gateway', () => {
  const request = exportRequest(['--format', 'csv', '--filter', '{"by":"country:es"}', '--after', 'abc'], { NEWSGRAPH_URL: 'https://news.example/graphql' });
  expect(request).not.toBe('help');
  const url = new URL((request as { url: string }).url);
  expect(url.origin + url.pathname).toBe('https://news.example/export/statements');
  expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', filter: '{"by":"country:es"}', after: 'abc' });
});

test('--claim asks for the ClaimReview document', () => {
  expect(exportRequest(['--claim', 'claim:x'], env)).toEqual({ url: 'http://localhost:4000/export/claim-review?claim=claim%3Ax', format: 'claimreview' });
});

test('usage problems say what is wrong', () => {
  expect(() => exportRequest(['--format', 'xml'], env)).toThrow(/--format must be ndjson or csv/);
  expect(() => exportRequest(['--filter', '[1]'], env)).toThrow(/StatementFilter as a JSON object/);
  expect(() => exportRequest(['--filter', '{'], env)).toThrow(/StatementFilter as a JSON object/);
  expect(() => exportRequest(['--claim', 'claim:x', '--format', 'csv'], env)).toThrow(/claimreview only/);
  expect(() => exportRequest(['--claim', 'claim:x', '--after', 'c'], env)).toThrow(/neither --filter nor --after/);
  expect(() => exportRequest(['--bogus'], env)).toThrow(/bogus/);
  expect(() => exportRequest(['stray'], env)).toThrow(/unexpected argument "stray"/);
  expect(() => exportRequest(['--url', 'ftp://x'], env)).toThrow(/not an http\(s\) URL/);
});
