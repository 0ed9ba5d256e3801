import { createGatewayLookup, LookupError, LookupFetch } from './gateway-lookup';

const URL = 'http://gateway.test/graphql';

/** A gateway stand-in that answers by operation name and records what it was asked. */
function fake(answer: (op: string, variables: Record<string, any>) => unknown) {
  const asked: Array<{ op: string; variables: Record<string, any>; headers: Record<string, string> }> = [];
  const fetch: LookupFetch = async (url, init) => {
    expect(url).toBe(URL);
    const { query, variables } = JSON.parse(init.body);
    const op = /query (\w+)/.exec(query)![1];
    asked.push({ op, variables, headers: init.headers });
    const body = answer(op, variables);
    return { status: 200, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
  return { fetch, asked };
}

test('actors by search, without a token, cached for a while', async () => {
  let now = 0;
  const g = fake(() => ({ data: { actors: { edges: [{ node: { key: 'country:es', kind: 'COUNTRY', name: 'Spain', aliases: [{ value: 'España' }] } }] } } }));
  const lookup = createGatewayLookup({ url: URL, fetch: g.fetch, now: () => now, cacheMs: 1000 });
  expect(await lookup.findActors('España')).toEqual([{ key: 'country:es', kind: 'COUNTRY', name: 'Spain', aliases: ['España'] }]);
  await lookup.findActors('España');
  expect(g.asked).toHaveLength(1);
  expect(g.asked[0]).toMatchObject({ op: 'ExtractFindActors', variables: { s: 'España' } });
  expect(g.asked[0].headers.authorization).toBeUndefined();
  now = 1001;
  await lookup.findActors('España');
  expect(g.asked).toHaveLength(2);
});

test('claims: every page, up to the cap', async () => {
  const page = (n: number, next: boolean) => ({
    data: {
      claims: {
        edges: [{ node: { key: `claim:${n}`, text: `Claim ${n}`, topics: [{ key: 'base-use' }] } }],
        pageInfo: { hasNextPage: next, endCursor: next ? `c${n}` : null },
      },
    },
  });
  const g = fake((_op, v) => (v.after === null ? page(1, true) : v.after === 'c1' ? page(2, true) : page(3, false)));
  expect(await createGatewayLookup({ url: URL, fetch: g.fetch }).listClaims()).toEqual(
    [1, 2, 3].map((n) => ({ key: `claim:${n}`, text: `Claim ${n}`, topics: ['base-use'] })),
  );
  expect(g.asked.map((a) => a.variables.after)).toEqual([null, 'c1', 'c2']);
  const capped = fake((_op, v) => (v.after === null ? page(1, true) : page(2, true)));
  expect(await createGatewayLookup({ url: URL, fetch: capped.fetch, maxClaims: 2 }).listClaims()).toHaveLength(2);
});

test('statements as stored, ready to be written again; actor keys that exist', async () => {
  const g = fake((op) =>
    op === 'ExtractFindStatements'
      ? {
          data: {
            statementsByKeys: [
              {
                key: 'stmt:a',
                text: 'A',
                language: 'en',
                form: 'DIRECT_QUOTE',
                saidAt: '2026-03-04',
                venue: null,
                ownTopics: [],
                speaker: { key: 'person:a' },
                onBehalfOf: null,
                stances: [{ stance: 'DENIES', claim: { key: 'claim:c' } }],
                relations: [],
                attestations: [{ quotedText: null, source: { key: 'src:b' } }],
                extraction: null,
              },
              null,
            ],
          },
        }
      : { data: { actorsByKeys: [null, { key: 'person:b' }] } },
  );
  const lookup = createGatewayLookup({ url: URL, fetch: g.fetch });
  expect(await lookup.findStatements!(['stmt:a', 'stmt:unknown'])).toEqual([
    {
      key: 'stmt:a',
      speaker: 'person:a',
      text: 'A',
      language: 'en',
      form: 'DIRECT_QUOTE',
      saidAt: '2026-03-04',
      topics: [],
      stances: [{ claim: 'claim:c', stance: 'DENIES' }],
      relations: [],
      attestations: [{ source: 'src:b' }],
    },
  ]);
  expect(await lookup.existingActors!(['person:a', 'person:b'])).toEqual(new Set(['person:b']));
});

test('failures say what and where, and are not cached', async () => {
  let calls = 0;
  const flaky = fake(() =>
    ++calls === 1 ? { errors: [{ message: 'Too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } }] } : { data: { actors: { edges: [] } } },
  );
  const lookup = createGatewayLookup({ url: URL, fetch: flaky.fetch });
  await expect(lookup.findActors('x')).rejects.toThrow(new LookupError(`the gateway at ${URL} refused a lookup: [QUERY_TOO_COMPLEX] Too complex`));
  expect(await lookup.findActors('x')).toEqual([]);
  await expect(createGatewayLookup({ url: URL, fetch: fake(() => '<html>502</html>').fetch }).findActors('x')).rejects.toThrow(
    /answered HTTP 200 without GraphQL: <html>502/,
  );
  const down: LookupFetch = async () => {
    throw new TypeError('fetch failed');
  };
  await expect(createGatewayLookup({ url: URL, fetch: down }).listClaims()).rejects.toThrow(`cannot reach the gateway at ${URL}: fetch failed`);
});
