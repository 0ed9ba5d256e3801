import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';

/**
 * Relay global object identification and two-way paging, through the gateway: `node(id:)` for
 * every type of every subgraph, and every connection walked forward and backward.
 */

let stack: TestStack;
let dir: string;

/**
 * A local council with seven members, a dozen statements (several on the same day, so the key
 * breaks ties), an outlet with sources some of which carry no date, and a few claims: enough
 * rows that every list has several pages of two.
 */
function councilPackage() {
  const members = ['ana-ortiz', 'bruno-lima', 'carla-vidal', 'dario-sanz', 'elena-roca', 'fermin-gil', 'gloria-paz'];
  const days = ['2026-02-10', '2026-02-10', '2026-02-11', '2026-02-11', '2026-02-11', '2026-02-12', '2026-02-13'];
  return {
    format: 'newsgraph.package/v1',
    actors: [
      { key: 'org:villaverde-council', kind: 'ORGANIZATION', name: 'Villaverde Town Council' },
      ...members.map((m, i) => ({
        key: `person:${m}`,
        kind: 'PERSON',
        name: m
          .split('-')
          .map((w) => w[0].toUpperCase() + w.slice(1))
          .join(' '),
        memberships: [{ organization: 'org:villaverde-council', role: i === 0 ? 'Mayor' : 'Councillor', from: '2023-06-17' }],
      })),
    ],
    sources: [
      ...days.map((day, i) => ({
        key: `src:villaverde-gazette-${i}`,
        kind: 'ARTICLE',
        url: `https://gazette.example/villaverde/${i}`,
        title: `Council session report ${i}`,
        outlet: { key: 'outlet:villaverde-gazette', name: 'Villaverde Gazette', country: 'ES' },
        publishedAt: `${day}T18:00:00+01:00`,
        language: 'en',
      })),
      ...[0, 1].map((i) => ({
        key: `src:villaverde-radio-notes-${i}`,
        kind: 'BROADCAST',
        title: `Radio notes ${i}`,
        outlet: { key: 'outlet:villaverde-gazette' },
      })),
      {
        key: 'src:valley-weekly-1',
        kind: 'ARTICLE',
        url: 'https://weekly.example/1',
        title: 'Valley weekly',
        outlet: { key: 'outlet:valley-weekly', name: 'Valley Weekly' },
      },
      {
        key: 'src:alto-courier-1',
        kind: 'ARTICLE',
        url: 'https://courier.example/1',
        title: 'Alto courier',
        outlet: { key: 'outlet:alto-courier', name: 'Alto Courier' },
      },
    ],
    claims: ['bus-line-cut', 'pool-reopens', 'budget-balanced', 'park-sold'].map((c) => ({
      key: `claim:villaverde-${c}`,
      text: `Villaverde: ${c.replace(/-/g, ' ')}`,
      topics: ['villaverde-budget'],
    })),
    statements: members.flatMap((m, i) =>
      [0, 1].map((n) => ({
        key: `stmt:villaverde-${m}-${n}`,
        speaker: `person:${m}`,
        text: `${n === 0 ? 'We will not cut the bus line' : 'The budget for next year is balanced'}, said councillor ${i}.`,
        saidAt: days[i],
        topics: ['villaverde-budget'],
        stances: [{ claim: n === 0 ? 'claim:villaverde-bus-line-cut' : 'claim:villaverde-budget-balanced', stance: n === 0 ? 'DENIES' : 'AFFIRMS' }],
        attestations: [{ source: `src:villaverde-gazette-${i}`, quotedText: 'as reported' }],
      })),
    ),
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-relay-'));
  const file = path.join(dir, 'council.package.json');
  await writeFile(file, JSON.stringify(councilPackage()));
  const loaded = await stack.ingest([file]);
  if (loaded.code !== 0) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('global object identification', () => {
  // one entity of each type, asked by its key the ordinary way and then by its id
  const byKey: [string, string, string][] = [
    ['Actor', 'actor(key: "country:es") { id key name }', 'key name'],
    ['Statement', 'statement(key: "stmt:albares-denies-change-2026-03-04") { id key text }', 'key text'],
    ['Claim', 'claim(key: "claim:spain-agreed-to-cooperate-with-us-military-against-iran") { id key text }', 'key text'],
    ['Topic', 'topic(key: "base-use") { id key statementCount }', 'key statementCount'],
    ['Source', 'source(key: "src:novinite-2026-03-05-spain-denies") { id key title }', 'key title'],
    ['Outlet', 'outlet(key: "outlet:novinite") { id key name }', 'key name'],
  ];

  test.each(byKey)('node(id:) refetches a %s from its own subgraph, with the same fields', async (type, rootField, fields) => {
    const direct = Object.values(dataOf(await stack.query(`{ ${rootField} }`)))[0] as any;
    expect(direct.id).toBe(`${type}:${direct.key}`);
    const { node } = dataOf(await stack.query(`query($id: ID!) { node(id: $id) { __typename id ... on ${type} { ${fields} } } }`, { id: direct.id }));
    expect(node).toEqual({ __typename: type, ...direct });
  });

  test('ids are unique across types, also for an actor and a claim that share a key', async () => {
    const write = await stack.query(
      `mutation {
        a: upsertActors(actors: [{ key: "villaverde:market", kind: OTHER, name: "Villaverde market traders" }]) { created }
        c: upsertStatements(statements: [], claims: [{ key: "villaverde:market", text: "The market will move to the old station" }]) { created }
      }`,
      undefined,
      { authorization: `Bearer ${stack.token}` },
    );
    dataOf(write);
    const { actor, claim } = dataOf(await stack.query('{ actor(key: "villaverde:market") { id } claim(key: "villaverde:market") { id } }'));
    expect(actor.id).not.toBe(claim.id);
    const { nodes } = dataOf(
      await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Actor { name } ... on Claim { text } } }', { ids: [actor.id, claim.id] }),
    );
    expect(nodes).toEqual([
      { __typename: 'Actor', name: 'Villaverde market traders' },
      { __typename: 'Claim', text: 'The market will move to the old station' },
    ]);
  });

  test('an id nothing has is null for every type, also when only the id is asked for', async () => {
    for (const type of ['Actor', 'Statement', 'Claim', 'Topic', 'Source', 'Outlet']) {
      const res = await stack.query('query($id: ID!) { node(id: $id) { id } }', { id: `${type}:nothing-has-this-key` });
      expect(res).toMatchObject({ data: { node: null } });
      expect(res.errors).toBeUndefined();
    }
  });

  test('nodes(ids:) answers in the order asked, null where nothing has the id, across subgraphs', async () => {
    const ids = ['Source:src:novinite-2026-03-05-spain-denies', 'Actor:nobody', 'Actor:country:us', 'Statement:stmt:leavitt-spain-agrees-2026-03-04'];
    const { nodes } = dataOf(await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }));
    expect(nodes).toEqual([{ id: ids[0] }, null, { id: ids[2] }, { id: ids[3] }]);
  });

  test('a malformed id is a BAD_USER_INPUT error naming it, and nodes(ids:) is bounded', async () => {
    const one = await stack.query('{ node(id: "country:es") { id } }');
    expect(one.errors?.[0]).toMatchObject({ path: ['node'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(one.errors?.[0].message).toMatch(/Invalid argument "id": "country:es" is not a newsgraph id/);
    const many = await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['Actor:country:es', 'x'] });
    expect(many.errors?.[0].message).toMatch(/Invalid argument "ids\[1\]"/);
    const tooMany = await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 101 }, (_, i) => `Actor:a${i}`) });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(tooMany.errors?.[0].message).toMatch(/at most 100 ids per call, got 101/);
  });

  test('nodes(ids:) asks each owner once for a batch of its ids, however many there are', async () => {
    const served = async (service: 'actors' | 'sources') =>
      (await (await fetch(`${new URL(stack.urls[service]).origin}/metrics`)).text())
        .split('\n')
        .filter((l) => l.startsWith('newsgraph_graphql_requests_total'))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    const { actors } = dataOf(await stack.query('{ actors(first: 20) { edges { node { id } } } }'));
    const ids = [...actors.edges.map((e: any) => e.node.id), 'Actor:nobody', 'Source:src:novinite-2026-03-05-spain-denies', 'Outlet:outlet:novinite'];
    const before = { actors: await served('actors'), sources: await served('sources') };
    const { nodes } = dataOf(await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Actor { name } ... on Outlet { name } } }', { ids }));
    expect(nodes.filter((n: any) => n === null)).toHaveLength(1);
    expect(nodes.filter((n: any) => n?.name)).toHaveLength(actors.edges.length + 1);
    // actors: one existence check from statements, one entity fetch from the gateway
    expect((await served('actors')) - before.actors).toBe(2);
    expect((await served('sources')) - before.sources).toBe(2);
  });

  test('the ids in a connection are the ids node(id:) answers (what a Relay refetch relies on)', async () => {
    const { actor } = dataOf(await stack.query('{ actor(key: "country:es") { statements(first: 3) { edges { node { id speaker { id } } } } } }'));
    const ids = actor.statements.edges.flatMap((e: any) => [e.node.id, e.node.speaker.id]);
    const { nodes } = dataOf(await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }));
    expect(nodes.map((n: any) => n.id)).toEqual(ids);
  });
});

/** A connection under test: where it sits in a query, and what identifies one of its nodes. */
interface Listed {
  name: string;
  /** the query, with `ARGS` where the paging arguments go and `NODE` where the node's selection goes */
  query: string;
  node: string;
  identify: (node: any) => string;
  /** the connection in the response */
  pick: (data: any) => any;
}

const byId = (n: any) => n.id;
const LISTS: Listed[] = [
  { name: 'statements (no filter)', query: '{ statements(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.statements },
  {
    name: 'statements by an organisation (driven by the roll-up)',
    query: '{ statements(filter: { by: "org:villaverde-council" }, ARGS) { NODE } }',
    node: 'id',
    identify: byId,
    pick: (d) => d.statements,
  },
  {
    name: 'Actor.statements',
    query: '{ actor(key: "org:villaverde-council") { statements(ARGS) { NODE } } }',
    node: 'id',
    identify: byId,
    pick: (d) => d.actor.statements,
  },
  {
    name: 'Topic.statements',
    query: '{ topic(key: "villaverde-budget") { statements(ARGS) { NODE } } }',
    node: 'id',
    identify: byId,
    pick: (d) => d.topic.statements,
  },
  {
    name: 'Claim.statements',
    query: '{ claim(key: "claim:villaverde-bus-line-cut") { statements(ARGS) { NODE } } }',
    node: 'id',
    identify: byId,
    pick: (d) => d.claim.statements,
  },
  { name: 'actors by name', query: '{ actors(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.actors },
  { name: 'actors by search rank', query: '{ actors(search: "a", ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.actors },
  {
    name: 'Actor.members',
    query: '{ actor(key: "org:villaverde-council") { members(ARGS) { NODE } } }',
    node: 'actor { key } role',
    identify: (n) => n.actor.key,
    pick: (d) => d.actor.members,
  },
  { name: 'sources (undated last)', query: '{ sources(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.sources },
  {
    name: 'Outlet.sources',
    query: '{ outlet(key: "outlet:villaverde-gazette") { sources(ARGS) { NODE } } }',
    node: 'id',
    identify: byId,
    pick: (d) => d.outlet.sources,
  },
  { name: 'outlets', query: '{ outlets(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.outlets },
  { name: 'claims', query: '{ claims(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.claims },
  { name: 'topics', query: '{ topics(ARGS) { NODE } }', node: 'id', identify: byId, pick: (d) => d.topics },
];

async function page(list: Listed, args: string) {
  const selection = `totalCount edges { cursor node { ${list.node} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
  const query = list.query.replace('ARGS', args).replace('{ NODE }', `{ ${selection} }`);
  const connection = list.pick(dataOf(await stack.query(query)));
  return { ...connection, items: connection.edges.map((e: any) => list.identify(e.node)) as string[] };
}

describe.each(LISTS)('$name pages both ways (Relay cursor connections)', (list) => {
  test('walking backward with last/before meets every item walking forward met, in the same order', async () => {
    const whole = await page(list, 'first: 100');
    expect(whole.items.length).toBeGreaterThanOrEqual(4);
    expect(whole.totalCount).toBe(whole.items.length);

    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page(list, `first: 2${after ? `, after: "${after}"` : ''}`);
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      forward.push(...p.items);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forward).toEqual(whole.items);

    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const p = await page(list, `last: 2${before ? `, before: "${before}"` : ''}`);
      // the edges of a backward page are in list order, and the cursors bound it
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
      expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]?.cursor ?? null);
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      expect(p.totalCount).toBe(whole.items.length);
      backward.unshift(p.items);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(whole.items);
    // the last page holds the last items; the first backward page ends the list
    expect(backward[backward.length - 1]).toEqual(whole.items.slice(-2));
  });

  test('after and before together bound a range; first and last together are refused', async () => {
    const whole = await page(list, 'first: 100');
    const [start, end] = [whole.edges[0].cursor, whole.edges[whole.edges.length - 1].cursor];
    const inside = await page(list, `first: 100, after: "${start}", before: "${end}"`);
    expect(inside.items).toEqual(whole.items.slice(1, -1));
    const tail = await page(list, `last: 1, after: "${start}", before: "${end}"`);
    expect(tail.items).toEqual(whole.items.slice(-2, -1));

    const query = list.query.replace('ARGS', 'first: 1, last: 1').replace('{ NODE }', '{ totalCount }');
    const refused = await stack.query(query);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toMatch(/"last": give `first` or `last`, not both/);
  });
});

test('a cursor of another list, given as before, is refused naming the argument', async () => {
  const { claims } = dataOf(await stack.query('{ claims(first: 1) { edges { cursor } } }'));
  const res = await stack.query(`{ statements(last: 2, before: "${claims.edges[0].cursor}") { totalCount } }`);
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(res.errors?.[0].message).toMatch(/Invalid argument "before": .* is not a cursor of this list/);
});

describe('Wikidata identifiers, from the seed package through the gateway', () => {
  test.each([
    ['Q29', 'country:es', 'Spain'],
    ['Q30', 'country:us', 'United States'],
    ['Q794', 'country:ir', 'Iran'],
  ])('actor(wikidata: "%s") finds %s', async (qid, key, name) => {
    const { actor } = dataOf(await stack.query('query($q: String) { actor(wikidata: $q) { id key name externalIds { wikidata wikidataUrl } } }', { q: qid }));
    expect(actor).toEqual({ id: `Actor:${key}`, key, name, externalIds: { wikidata: qid, wikidataUrl: `https://www.wikidata.org/wiki/${qid}` } });
  });

  test('the headline query can start from the Wikidata item instead of the key', async () => {
    const query = (root: string) => `{ actor(${root}) { statements(filter: { topic: "base-use" }, first: 50) { totalCount edges { node { id } } } } }`;
    const byKey = dataOf(await stack.query(query('key: "country:es"')));
    const byQid = dataOf(await stack.query(query('wikidata: "Q29"')));
    expect(byQid).toEqual(byKey);
    expect(byKey.actor.statements.totalCount).toBe(3);
  });
});
