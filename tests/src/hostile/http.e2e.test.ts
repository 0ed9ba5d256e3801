import { randomBytes } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { startTestStack, TestStack } from '../harness';
import { codes, ExtraGateway, messages, post, raw, startGateway } from './client';

/**
 * HOSTILE-REQUESTS.md rows 1-21 and 23 against the real federation (development gateway) and a
 * second gateway process in production mode over the same subgraphs.
 */
const SECRET = `hostile-${randomBytes(8).toString('hex')}`;
let stack: TestStack;
let url: string;
let prod: ExtraGateway;

beforeAll(async () => {
  stack = await startTestStack({ subgraphSecret: SECRET, env: { NEWSGRAPH_SUBGRAPH_SECRET: SECRET } } as any);
  url = stack.gatewayUrl;
  prod = await startGateway({
    NODE_ENV: 'production',
    NEWSGRAPH_SUBGRAPH_SECRET: SECRET,
    ACTORS_URL: stack.urls.actors,
    STATEMENTS_URL: stack.urls.statements,
    SOURCES_URL: stack.urls.sources,
  });
}, 120_000);

afterAll(async () => {
  await prod?.stop();
  await stack?.teardown();
});

const ES = 'actor(key: "country:es")';

function expectRejected(answer: Awaited<ReturnType<typeof post>>, code: string, message: RegExp) {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
  expect(answer.body.data).toBeUndefined();
  expect(codes(answer)).toContain(code);
  expect(messages(answer)).toMatch(message);
}

describe('operation limits', () => {
  test('1 deep nesting: depth 12 is refused (limit 10)', async () => {
    const q = `{${ES}{statements{edges{node{speaker{statements{edges{node{speaker{statements{edges{node{id}}}}}}}}}}}}}`;
    expectRejected(await post(url, { query: q }), 'QUERY_TOO_DEEP', /Query depth limit of 10 exceeded, found 13\./);
  });

  test('1 legacy application/json: the same rejection with HTTP 200', async () => {
    const q = `{${ES}{statements{edges{node{speaker{statements{edges{node{speaker{statements{edges{node{id}}}}}}}}}}}}}`;
    const answer = await post(url, { query: q }, { accept: 'application/json' });
    expect(answer.status).toBe(200);
    expect(codes(answer)).toEqual(['QUERY_TOO_DEEP']);
  });

  test('2 depth through a fragment reused at two depths counts the deeper use', async () => {
    const q = `{ a: ${ES}{ ...F } b: ${ES}{statements{edges{node{speaker{statements{edges{node{speaker{...F}}}}}}}}} }
      fragment F on Actor { statements { edges { node { id } } } }`;
    expectRejected(await post(url, { query: q }), 'QUERY_TOO_DEEP', /found 13/);
  });

  test('3 alias overloading on a real field: 31 aliases are refused (limit 30)', async () => {
    const q = `{${Array.from({ length: 31 }, (_, i) => `a${i}: ${ES}{id}`).join(' ')}}`;
    expectRejected(await post(url, { query: q }), 'TOO_MANY_ALIASES', /Aliases limit of 30 exceeded, found 31\./);
  });

  test('3b alias overloading with __typename counts too', async () => {
    const q = `query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join(' ')} }`;
    expectRejected(await post(url, { query: q }), 'TOO_MANY_ALIASES', /found 101/);
  });

  test('root fields: 21 root fields are refused (limit 20)', async () => {
    const q = `{${Array.from({ length: 21 }, () => '__typename').join(' ')}}`;
    expectRejected(await post(url, { query: q }), 'TOO_MANY_ROOT_FIELDS', /Root fields limit of 20 exceeded, found 21\./);
  });

  test('4 array batching is refused', async () => {
    const answer = await post(
      url,
      Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })),
    );
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['BAD_REQUEST']);
    expect(messages(answer)).toBe('Batching is not supported.');
  });

  test('5 alias-batched mutation flood: 50 aliased writes are refused before any write', async () => {
    const m = `mutation { ${Array.from({ length: 50 }, (_, i) => `m${i}: upsertActors(actors: [{ key: "person:flood-${i}", name: "F" }]) { created }`).join(' ')} }`;
    const answer = await post(url, { query: m }, { headers: { authorization: `Bearer ${stack.token}` } });
    expectRejected(answer, 'TOO_MANY_ALIASES', /found 50/);
    const check = await post(url, { query: '{ actors(search: "F") { totalCount } }' }, { accept: 'application/json' });
    expect(check.body.data.actors.totalCount).toBe(0);
  });

  // how fast it finishes is the bench's business, not a test's (a timed assertion flakes on a loaded machine)
  test('6 field duplication: 500 duplicated fields run; 500 root __typename hit the root-field limit; 2100 tokens are refused at parse', async () => {
    const ok = await post(url, { query: `query cop { outlets(first: 1) { ${'totalCount '.repeat(500)} } }` });
    expect(ok.status).toBe(200);
    expect(ok.body.data.outlets.totalCount).toBeGreaterThanOrEqual(0);
    const root = await post(url, { query: `query cop { ${'__typename '.repeat(500)} }` });
    expectRejected(root, 'TOO_MANY_ROOT_FIELDS', /found 500/);
    expectRejected(await post(url, { query: `{ ${'hello '.repeat(2100)} }` }), 'TOO_MANY_TOKENS', /Token limit of 2000 exceeded/);
  });

  test('7 directive overloading: unknown directives fail validation; 51 known ones are refused', async () => {
    const unknown = await post(url, { query: `query cop { __typename ${'@aa'.repeat(10)} }` });
    expect(unknown.status).toBe(400);
    expect(codes(unknown)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messages(unknown)).toMatch(/Unknown directive "@aa"/);
    const many = await post(url, { query: `query cop { __typename ${'@include(if: true)'.repeat(51)} }` });
    expect(codes(many)).toContain('TOO_MANY_DIRECTIVES');
    expect(messages(many)).toMatch(/Directives limit of 50 exceeded, found 51\./);
  });

  test('8 circular fragments fail validation without crashing any rule', async () => {
    const q = '{__schema{...A}} fragment A on __Schema{__typename ...B} fragment B on __Schema{...A}';
    const answer = await post(url, { query: q });
    expectRejected(answer, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "A" within itself via "B"\./);
    expect((await post(url, { query: '{__typename}' })).status).toBe(200);
  });

  test('12 amount bomb: a literal first and a $variable first are both counted', async () => {
    const literal = await post(url, { query: `{${ES}{statements(first: 99999999){edges{node{id}}}}}` });
    expectRejected(literal, 'QUERY_TOO_COMPLEX', /Query cost limit of 100000 exceeded, found \d+\./);
    const variable = await post(url, {
      query: `query($n: Int){${ES}{statements(first: $n){edges{node{id}}}}}`,
      variables: { n: 99999999 },
    });
    expectRejected(variable, 'QUERY_TOO_COMPLEX', /Query cost limit of 100000 exceeded/);
  });

  test('13 an operation or fragment named __schema is still counted', async () => {
    const expensive = `${ES}{statements(first: 99999999){edges{node{id}}}}`;
    expectRejected(await post(url, { query: `query __schema { ${expensive} }` }), 'QUERY_TOO_COMPLEX', /exceeded/);
    const fragment = await post(url, { query: `{ ...__schema } fragment __schema on Query { ${expensive} }` });
    expectRejected(fragment, 'QUERY_TOO_COMPLEX', /exceeded/);
  });

  test('14 token flood: a 20 000-token document is refused at parse', async () => {
    const q = `{ ${'a '.repeat(20_000)} }`;
    expectRejected(await post(url, { query: q }), 'TOO_MANY_TOKENS', /Token limit of 2000/);
  });

  test('the headline query and GraphiQL introspection stay within the limits', async () => {
    const intro = await post(url, { query: getIntrospectionQuery() });
    expect(intro.status).toBe(200);
    expect(intro.body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('production mode', () => {
  test('9 circular introspection is refused (introspection off)', async () => {
    const q = 'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }';
    const answer = await post(prod.url, { query: q });
    expect(answer.status).toBe(400);
    expect(messages(answer)).toMatch(/introspection/i);
    // development: the same document is refused by the depth limit (introspection counts)
    expectRejected(await post(url, { query: q }), 'QUERY_TOO_DEEP', /found 11/);
  });

  test('10 introspection abuse: __schema and __type are both refused', async () => {
    for (const q of [getIntrospectionQuery(), '{__type(name:"Statement"){fields{name}}}']) {
      const answer = await post(prod.url, { query: q });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(messages(answer)).toMatch(/GraphQL introspection (has been disabled|is not allowed)/);
    }
    expect((await post(prod.url, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });

  test('11 field suggestions: no "Did you mean" in production, present in development', async () => {
    for (const q of ['query cop { __schema { directive } }', '{actr{id}}']) {
      const answer = await post(prod.url, { query: q });
      expect(answer.status).toBe(400);
      expect(messages(answer)).not.toMatch(/Did you mean/);
    }
    const dev = await post(url, { query: '{actr{id}}' });
    expect(messages(dev)).toMatch(/Did you mean "actor"/);
    expect(messages(await post(prod.url, { query: '{actr{id}}' }))).toBe('Cannot query field "actr" on type "Query".');
  });

  test('GraphiQL is not served in production', async () => {
    const page = await raw(prod.url, { headers: { accept: 'text/html' } });
    expect(page.text).not.toMatch(/graphiql/i);
  });
});

describe('transport rules', () => {
  test('15 oversized body: more than 1 MiB is refused with 413', async () => {
    const answer = await post(url, { query: `{__typename}`, variables: { pad: 'x'.repeat(1_100_000) } });
    expect(answer.status).toBe(413);
    expect(codes(answer)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  test('16 simple requests: a GET query runs without any extra header; text/plain and url-encoded POST are refused', async () => {
    // newsgraph honours no ambient credential, so a cross-site GET can do nothing a plain request could not
    const get = await raw(`${url}?query=${encodeURIComponent('{__typename}')}`);
    expect(get.status).toBe(200);
    expect(get.body.data).toEqual({ __typename: 'Query' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const body = type === 'text/plain' ? JSON.stringify({ query: '{__typename}' }) : 'query=%7B__typename%7D';
      const answer = await raw(url, { method: 'POST', headers: { 'content-type': type }, body });
      expect(answer.status).toBe(415);
      expect(codes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  test('17 GET with a non-JSON content type is refused with 415', async () => {
    const answer = await raw(`${url}?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
  });

  test('18 mutation over GET is refused with 405', async () => {
    const answer = await raw(`${url}?query=${encodeURIComponent('mutation cop {__typename}')}`);
    expect(answer.status).toBe(405);
    expect(messages(answer)).toMatch(/mutation operation from a POST request/);
  });

  test('19 variable coercion: a number for a String variable is refused', async () => {
    const answer = await post(url, { query: 'query($k: String!){ actor(key: $k){ id } }', variables: { k: 123 } });
    expect(answer.status).toBe(400);
    expect(messages(answer)).toMatch(/Variable "\$k" got invalid value 123/);
  });

  test('20 a charset other than UTF-8 is refused with 415', async () => {
    const answer = await raw(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-7' },
      body: JSON.stringify({ query: '{__typename}' }),
    });
    expect(answer.status).toBe(415);
    expect(messages(answer)).toMatch(/charset "utf-7"/);
  });

  test('21 unhandled errors leak no stack trace or exception', async () => {
    for (const answer of [
      await post(url, { query: 'qwerty cop { abc }' }),
      await post(url, { query: '{ actor(key: "no-such:actor") { id } }' }, { accept: 'application/json' }),
      await post(url, '{"query": "{__typename}", "variables": ', { accept: 'application/json' }),
    ]) {
      expect(answer.text).not.toMatch(/stacktrace|exception|at [\w.]+ \(|node_modules|\.js:\d+/);
    }
    const known = await post(url, { query: '{ actor(key: "no-such:actor") { id } }' }, { accept: 'application/json' });
    expect(codes(known)).toEqual(['NOT_FOUND']);
  });

  test('23 prototype pollution in variables has no effect on later requests', async () => {
    await post(
      url,
      `{"query":"query($input: [ActorInput!]!){ upsertActors(actors: $input) { created } }","variables":{"input":[{"key":"person:p","name":"P","__proto__":{"x":1}}],"__proto__":{"k":"country:es"}}}`,
      {
        headers: { authorization: `Bearer ${stack.token}` },
      },
    );
    await post(url, '{"query":"{__typename}","variables":{"__proto__":{"k":"country:es","x":1}}}');
    // if Object.prototype had gained `k`, the missing required variable would be "provided"
    const later = await post(url, { query: 'query($k: String!){ actor(key: $k){ id } }', variables: {} });
    expect(later.status).toBe(400);
    expect(messages(later)).toMatch(/Variable "\$k" of required type "String!" was not provided/);
  });
});

describe('graphql-http server audits', () => {
  test('every MUST, SHOULD and MAY audit passes for a client that sends no extra header', async () => {
    const audits = serverAudits({ url });
    expect(audits.length).toBe(61);
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name} [${audit.id}]: ${result.reason}`);
    }
    console.log(`graphql-http audit: ${audits.length - failures.length}/${audits.length}`);
    expect(failures).toEqual([]);
  });
});
