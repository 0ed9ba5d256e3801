import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Client } from 'pg';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';
import { codes, messages, post } from './client';
import { writePackage } from './crowded-claim';

/**
 * Every list an answer holds is bounded whatever the data (issue 11): the lists an item is written
 * with have a bound kept at validation and by the database, and the gateway prices them by it; the
 * lists that grow with other items (an organisation's parts, a wire story's derivatives) take
 * `first` (default 20, at most 100) and have a count. Real processes, through the gateway.
 */
let stack: TestStack;
const PARTS = 300;
const DERIVATIVES = 150;
const SOURCE = 'src:novinite-2026-03-05-spain-denies';
const CHAIN = 40;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
  const pkg = {
    format: 'newsgraph.package/v1',
    actors: [
      { key: 'org:hub-ministry', kind: 'ORGANIZATION', name: 'Hub Ministry' },
      // a chain of 40 organisations, each part of the next, and a person in the first: a roll-up
      // path of 41 steps, past what an attribution answers
      ...Array.from({ length: CHAIN }, (_, i) => ({
        key: `org:chain-${i}`,
        kind: 'ORGANIZATION',
        name: `Chain Level ${i}`,
        ...(i < CHAIN - 1 ? { partOf: `org:chain-${i + 1}` } : {}),
      })),
      { key: 'person:deep', kind: 'PERSON', name: 'Deep Speaker', memberships: [{ organization: 'org:chain-0', from: '2020-01-01' }] },
      ...Array.from({ length: PARTS }, (_, i) => ({
        key: `org:hub-office-${i}`,
        kind: 'ORGANIZATION',
        name: `Hub Office ${String(i).padStart(3, '0')}`,
        partOf: 'org:hub-ministry',
      })),
    ],
    sources: [
      { key: 'src:wire-original', kind: 'ARTICLE', url: 'https://wire.example.org/original', title: 'The wire story' },
      ...Array.from({ length: DERIVATIVES }, (_, i) => ({
        key: `src:wire-copy-${i}`,
        kind: 'ARTICLE',
        url: `https://copies.example.org/${i}`,
        title: `Copy ${i}`,
        derivedFrom: ['src:wire-original'],
      })),
    ],
    statements: [
      {
        key: 'stmt:deep-1',
        speaker: 'person:deep',
        text: 'The chain answers to the top.',
        saidAt: '2026-03-05',
        attestations: [{ source: 'src:wire-original' }],
      },
    ],
  };
  const loaded = await stack.ingest([await writePackage('lists.json', pkg)]);
  if (loaded.code !== 0) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 240_000);

afterAll(async () => {
  await stack?.teardown();
});

describe('lists that grow with the data take first and have a count', () => {
  test('an organisation with 300 parts answers 20 of them by default, 100 at most, and counts all 300', async () => {
    const hub = dataOf(
      await stack.query('{ actor(key: "org:hub-ministry") { partCount parts { key name } most: parts(first: 100) { key } none: parts(first: 0) { key } } }'),
    ).actor;
    expect(hub.partCount).toBe(PARTS);
    expect(hub.parts).toHaveLength(20);
    expect(hub.parts[0].name).toBe('Hub Office 000');
    expect(hub.most).toHaveLength(100);
    expect(hub.most[99].key).toBe('org:hub-office-99');
    expect(hub.none).toEqual([]);
  });

  test('`parts(first: 101)` is BAD_USER_INPUT with the field path', async () => {
    const res = await stack.query('{ actor(key: "org:hub-ministry") { parts(first: 101) { key } } }');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/"first".*0 to 100, got 101/);
    expect(res.errors?.[0].path).toEqual(['actor', 'parts']);
  });

  test('a wire story copied 150 times answers 20 derivatives by default and counts all 150', async () => {
    const wire = dataOf(
      await stack.query('{ source(key: "src:wire-original") { derivativeCount derivatives { key } some: derivatives(first: 5) { key } } }'),
    ).source;
    expect(wire.derivativeCount).toBe(DERIVATIVES);
    expect(wire.derivatives).toHaveLength(20);
    expect(wire.some).toHaveLength(5);
    expect(new Set(wire.derivatives.map((s: any) => s.key)).size).toBe(20);
  });

  test('an attribution answers a path of up to 32 steps; a longer one is LIMIT_EXCEEDED on the field, while "by" still counts it', async () => {
    const near = dataOf(
      await stack.query('{ statement(key: "stmt:deep-1") { attribution(to: "org:chain-5") { steps { actor { key } relation } } } }'),
    ).statement;
    // the speaker, MEMBER_OF chain-0, then PART_OF chain-1 .. chain-5
    expect(near.attribution.steps.map((s: any) => s.actor.key)).toEqual(['person:deep', ...Array.from({ length: 6 }, (_, i) => `org:chain-${i}`)]);
    const far = await stack.query('{ statement(key: "stmt:deep-1") { key attribution(to: "org:chain-39") { steps { actor { key } } } } }');
    expect(far.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(far.errors?.[0].message).toMatch(/41 steps; an attribution answers at most 32/);
    expect(far.errors?.[0].path).toEqual(['statement', 'attribution']);
    const by = dataOf(await stack.query('{ statements(filter: { by: "org:chain-39" }) { totalCount edges { node { key } } } }')).statements;
    expect(by.edges.map((e: any) => e.node.key)).toEqual(['stmt:deep-1']);
  });

  test('the contract’s headline query still runs unchanged', async () => {
    const res = dataOf(
      await stack.query(`query SpainOnBaseUse { actor(key: "country:es") { key name statements(filter: { topic: "base-use" }, first: 50) { totalCount
        edges { cursor node { key text saidAt speaker { key name } attestations { quotedText source { url title outlet { name } } }
          contradictions(by: "country:us") { origin statement { key text speaker { key name } attestations { source { url } } } } } }
        pageInfo { hasNextPage endCursor } } } }`),
    );
    expect(res.actor.statements.totalCount).toBeGreaterThan(0);
  });
});

describe('lists an item is written with have a bound, kept at validation and by the database', () => {
  const census = async () =>
    dataOf(await stack.query('{ actors(first: 1) { totalCount } statements(first: 1) { totalCount } sources(first: 1) { totalCount } }'));

  test('a package over a bound is refused at validation with the path, and nothing is written', async () => {
    const before = await census();
    const pkg = {
      format: 'newsgraph.package/v1',
      actors: [
        {
          key: 'person:many-names',
          kind: 'PERSON',
          name: 'Many Names',
          aliases: Array.from({ length: LIST_BOUNDS.aliases + 1 }, (_, i) => `Name ${i}`),
        },
      ],
      claims: [
        { key: 'claim:many-topics', text: 'A claim on everything', topics: Array.from({ length: LIST_BOUNDS.claimTopics + 1 }, (_, i) => `topic-${i}`) },
      ],
      statements: [
        {
          key: 'stmt:many-sources',
          speaker: 'person:many-names',
          text: 'Said everywhere',
          saidAt: '2026-03-04',
          attestations: Array.from({ length: LIST_BOUNDS.attestations + 1 }, () => ({ source: SOURCE })),
        },
      ],
    };
    const result = await stack.ingest([await writePackage('over.json', pkg)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\/actors\/0\/aliases: aliases: 101 given, at most 100 per item/);
    expect(result.stderr).toContain(`/claims/0/topics: topics: ${LIST_BOUNDS.claimTopics + 1} given, at most ${LIST_BOUNDS.claimTopics} per item`);
    expect(result.stderr).toMatch(/\/statements\/0\/attestations: attestations: 21 given, at most 20 per item/);
    expect(result.stderr).toMatch(/nothing of this package was written/);
    expect(await census()).toEqual(before);
  });

  test('through the gateway, a mutation over a bound is refused with the path of the list', async () => {
    const auth = { authorization: `Bearer ${stack.token}` };
    const actors = await stack.query(
      'mutation($a: [ActorInput!]!) { upsertActors(actors: $a) { created } }',
      {
        a: [
          {
            key: 'person:many-roles',
            kind: 'PERSON',
            name: 'Many Roles',
            memberships: Array.from({ length: 101 }, () => ({ organization: 'org:hub-ministry' })),
          },
        ],
      },
      auth,
    );
    expect(actors.errors?.[0].extensions?.code).toBe('INVALID_PACKAGE');
    expect(JSON.stringify(actors.errors?.[0].extensions?.problems)).toMatch(/\/actors\/0\/memberships.*101 given, at most 100/);
    const sources = await stack.query(
      'mutation($s: [SourceInput!]!) { upsertSources(sources: $s) { created } }',
      {
        s: [
          {
            key: 'src:derived-a-lot',
            kind: 'ARTICLE',
            url: 'https://x.example.org/a-lot',
            derivedFrom: Array.from({ length: 21 }, (_, i) => `src:wire-copy-${i}`),
          },
        ],
      },
      auth,
    );
    expect(sources.errors?.[0].extensions?.code).toBe('INVALID_PACKAGE');
    expect(JSON.stringify(sources.errors?.[0].extensions?.problems)).toMatch(/\/sources\/0\/derivedFrom.*21 given, at most 20/);
    const statements = await stack.query(
      'mutation($s: [StatementInput!]!) { upsertStatements(statements: $s) { created } }',
      {
        s: [
          {
            key: 'stmt:gw-many-sources',
            speaker: 'org:hub-ministry',
            text: 'Said everywhere',
            saidAt: '2026-03-04',
            attestations: Array.from({ length: 21 }, () => ({ source: SOURCE })),
          },
        ],
      },
      auth,
    );
    expect(statements.errors?.[0].extensions?.code).toBe('INVALID_PACKAGE');
    expect(JSON.stringify(statements.errors?.[0].extensions?.problems)).toMatch(/\/statements\/0\/attestations.*21 given, at most 20/);
    const written = await stack.query('{ actor(key: "person:many-roles") { key } }');
    expect(written.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('the database refuses a row past a bound, whoever writes it', async () => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${stack.prefix}actors`;
    const db = new Client({ connectionString: u.toString() });
    await db.connect();
    try {
      await expect(
        db.query("INSERT INTO actor_alias (actor_key, ordinal, value, lang, value_folded) VALUES ('org:hub-ministry', $1, 'x', NULL, 'x')", [
          LIST_BOUNDS.aliases,
        ]),
      ).rejects.toThrow(/actor_alias_ordinal_bound/);
    } finally {
      await db.end();
    }
  });
});

describe('the gateway prices each list by its real bound', () => {
  // aliases 100, memberships 100, parts by their first (20): 100 actors of it is over the limit,
  // where the old assumption of 10 items a list priced it at about 17,000
  const wide = (n: number) =>
    `{ actors(first: ${n}) { edges { node { key aliases { value } memberships { role organization { key name } } parts { key aliases { value } } } } } }`;

  test('a page of 100 actors with their aliases, memberships and parts’ aliases is refused before any subgraph works', async () => {
    const answer = await post(stack.gatewayUrl, { query: wide(100) });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(messages(answer)).toMatch(/Query cost limit of 100000 exceeded, found \d+/);
  });

  test('the same shape for a few actors answers', async () => {
    const answer = await post(stack.gatewayUrl, { query: wide(5) });
    expect(answer.status).toBe(200);
    expect(answer.body.data.actors.edges).toHaveLength(5);
  });
});
