import { dataOf, startTestStack, TestStack } from '../harness';
import { codes, messages, post } from './client';
import { crowdedClaimPackage, writePackage } from './crowded-claim';

/**
 * One request must never take the federation down: each case here once did (issue 11), each
 * against the real processes through the gateway.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const loaded = await stack.ingest([await writePackage('crowded.json', crowdedClaimPackage(300))]);
  if (loaded.code !== 0) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 240_000);

afterAll(async () => {
  await stack?.teardown();
});

const headlineShape = (page: number, contradictions: string) => `{
  actor(key: "person:port-minister") {
    statements(filter: { topic: "harbour-levy" }, first: ${page}) {
      totalCount
      edges { cursor node {
        key text saidAt speaker { key name }
        attestations { quotedText source { url title outlet { name } } }
        contradictionCount(by: "person:opposition-spokesman")
        contradictions(by: "person:opposition-spokesman"${contradictions}) {
          origin statement { key text speaker { key name } attestations { source { url } } }
        }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

describe('contradictions are a bounded list with a count', () => {
  test('the headline shape over a claim with 300 statements on each side answers, 20 contradictions each, and the count of all', async () => {
    const res = await stack.query(headlineShape(50, ''));
    const page = dataOf(res).actor.statements;
    expect(page.totalCount).toBe(300);
    expect(page.edges).toHaveLength(50);
    for (const { node } of page.edges) {
      expect(node.contradictionCount).toBe(300);
      expect(node.contradictions).toHaveLength(20);
      expect(new Set(node.contradictions.map((c: any) => c.origin))).toEqual(new Set(['DERIVED']));
      expect(node.contradictions[0].statement.speaker.key).toBe('person:opposition-spokesman');
      // oldest first: the opposition's earliest denial (2026-01-01; the key breaks the tie)
      expect(node.contradictions[0].statement.key).toBe('stmt:denies-0');
    }
    // and the statements process is still the one that started: it did not run out of memory
    const statements = stack.processes.find((p) => p.service === 'statements')!;
    expect(statements.child.exitCode).toBeNull();
    expect((await fetch(new URL('/healthz', statements.url))).status).toBe(200);
  }, 60_000);

  test('`first` pages the list: 0 gives the count alone, 100 is the most', async () => {
    const res = dataOf(
      await stack.query(`{ statement(key: "stmt:affirms-0") {
        none: contradictions(first: 0) { origin }
        most: contradictions(first: 100) { statement { key } }
        contradictionCount
      } }`),
    );
    expect(res.statement.none).toEqual([]);
    expect(res.statement.most).toHaveLength(100);
    expect(res.statement.contradictionCount).toBe(300);
  });

  test('`first` above 100 is BAD_USER_INPUT with the path of the field', async () => {
    const res = await stack.query(`{ statement(key: "stmt:affirms-0") { contradictions(first: 1000) { origin } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/"first".*0 to 100/);
    expect(res.errors?.[0].path).toEqual(['statement', 'contradictions']);
  });

  test('the gateway prices contradictions by their `first`: 100 x 100 with attestations is refused before any subgraph works', async () => {
    const answer = await post(stack.gatewayUrl, { query: headlineShape(100, ', first: 100') });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(messages(answer)).toMatch(/Query cost limit of 100000 exceeded, found \d+/);
  });
});

/** `levels` fragments on `type`, each spreading the one below ten times, under `root`. */
function fanOut(levels: number, type: string, leaf: string, root: (spread: string) => string): string {
  const fragments = [`fragment F0 on ${type} { ${leaf} }`];
  for (let i = 1; i <= levels; i += 1)
    fragments.push(
      `fragment F${i} on ${type} { ${Array(10)
        .fill(`...F${i - 1}`)
        .join(' ')} }`,
    );
  return `${root(`...F${levels}`)} ${fragments.join(' ')}`;
}

test('a lookup by keys is priced by the number of keys', async () => {
  const query = 'query K($k: [String!]!) { statementsByKeys(keys: $k) { key contradictions(first: 100) { origin statement { key text } } } }';
  const few = await post(stack.gatewayUrl, { query, variables: { k: ['stmt:affirms-0', 'stmt:affirms-1'] } });
  expect(few.status).toBe(200);
  expect(few.body.data.statementsByKeys[1].contradictions).toHaveLength(100);
  const many = await post(stack.gatewayUrl, { query, variables: { k: Array.from({ length: 500 }, (_, i) => `stmt:affirms-${i % 300}`) } });
  expect(many.status).toBe(400);
  expect(codes(many)).toEqual(['QUERY_TOO_COMPLEX']);
});

describe('fragment fan-out is measured once per fragment', () => {
  // 10^12 inlined fields in about 1,200 characters: walking every spread again would never end,
  // so these answer only because each fragment is measured once.
  test('cost: twelve levels under a list are refused as too complex', async () => {
    const query = fanOut(12, 'Statement', 'key', (s) => `{ statements(first: 1) { edges { node { ${s} } } } }`);
    expect(query.length).toBeLessThan(1300);
    const answer = await post(stack.gatewayUrl, { query });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  test('aliases and root fields: twelve levels at the root are refused by count', async () => {
    const answer = await post(stack.gatewayUrl, { query: fanOut(12, 'Query', 'n: __typename', (s) => `{ ${s} }`) });
    expect(answer.status).toBe(400);
    expect(codes(answer).sort()).toEqual(['TOO_MANY_ALIASES', 'TOO_MANY_ROOT_FIELDS']);
    expect(messages(answer)).toMatch(/Root fields limit of 20 exceeded, found 1000000000000\./);
  });

  test('depth: a fragment spread 10^12 times counts its depth from where it is spread', async () => {
    const deep = 'statements { edges { node { speaker { statements { edges { node { speaker { statements { totalCount } } } } } } } } }';
    const answer = await post(stack.gatewayUrl, { query: fanOut(12, 'Actor', deep, (s) => `{ actor(key: "person:port-minister") { ${s} } }`) });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['QUERY_TOO_DEEP']);
    expect(messages(answer)).toMatch(/Query depth limit of 10 exceeded, found 11\./);
  });
});

describe('search input is bounded before it reaches the database', () => {
  const search = (text: string) =>
    stack.query('query Find($text: String!) { statements(filter: { text: $text }, first: 5) { edges { node { key } } } }', { text });
  const refused = (res: Awaited<ReturnType<typeof search>>, message: RegExp) => {
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.path).toEqual(['statements']);
    expect(res.errors?.[0]?.message).toMatch(message);
  };

  test('a plain search still finds', async () => {
    expect(dataOf(await search('harbour levy')).statements.edges).toHaveLength(5);
  });

  test('68 KB of distinct words: BAD_USER_INPUT naming the argument and the limit', async () => {
    const words = Array.from({ length: 8000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    refused(await search(words), /Invalid argument "filter\.text": at most 500 characters, got \d+/);
  });

  test('100 KB of one word: BAD_USER_INPUT, not a stack overflow in the database', async () => {
    refused(await search('a'.repeat(100_000)), /at most 500 characters/);
  });

  test('more than 32 words: BAD_USER_INPUT', async () => {
    refused(await search(Array.from({ length: 40 }, (_, i) => `levy${i}`).join(' ')), /at most 32 words, got 40/);
  });
});

describe('forged input gets BAD_USER_INPUT, never "Unexpected error."', () => {
  const cursor = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');

  test('a well-formed cursor whose instant is not one', async () => {
    const res = await stack.query('query P($after: String) { statements(first: 2, after: $after) { edges { node { key } } } }', {
      after: cursor(['not-an-instant', 'stmt:affirms-1']),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/Invalid argument "after": .* is not a cursor of this list/);
    expect(res.errors?.[0]?.path).toEqual(['statements']);
  });

  test('a cursor whose count is beyond an integer column', async () => {
    const res = await stack.query('query P($after: String) { topics(first: 2, after: $after) { edges { node { key } } } }', {
      after: cursor([1e15, 'harbour-levy']),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.path).toEqual(['topics']);
  });

  test('a NUL in `search`, as a variable or a literal, names where it is', async () => {
    const asVariable = await stack.query('query S($q: String) { actors(search: $q) { totalCount } }', { q: 'Mar\u0000ta' });
    expect(asVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(asVariable.errors?.[0]?.message).toMatch(/Variable "\$q" contains the NUL character/);
    const asLiteral = await stack.query('{ actors(search: "Mar\\u0000ta") { totalCount } }');
    expect(asLiteral.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(asLiteral.errors?.[0]?.message).toMatch(/line 1, column 18 contains the NUL character/);
  });
});
