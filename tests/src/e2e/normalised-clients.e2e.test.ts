import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SPAIN_ON_BASE_USE } from '../contract';
import { dataOf, loadSeed, REPO_ROOT, startTestStack, TestStack } from '../harness';

/**
 * The normalising clients: Apollo Client's default cache and Relay's compiler, against the
 * gateway. Both rely on one thing: an `id` unique across types, and for Relay a `Node` interface
 * with `node(id:)` on Query.
 */

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-clients-'));
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ALBARES = 'Actor:person:jose-manuel-albares';

describe("Apollo Client's default InMemoryCache, with no type policies", () => {
  const client = () => new ApolloClient({ link: new HttpLink({ uri: stack.gatewayUrl }), cache: new InMemoryCache() });

  test('runs the contract’s headline query as written (it selects no id)', async () => {
    const { data } = await client().query<any>({ query: gql(SPAIN_ON_BASE_USE) });
    expect(data.actor.statements.totalCount).toBe(3);
    expect(data.actor.statements.edges[2].node.attestations.some((a: any) => a.source.outlet?.name === 'Novinite')).toBe(true);
  });

  test('two queries reaching the same actor share one cache entry', async () => {
    const apollo = client();
    const LIST = gql`
      query SpainList {
        actor(key: "country:es") {
          id
          statements(filter: { topic: "base-use" }, first: 50) {
            edges {
              node {
                id
                text
                speaker {
                  id
                  name
                }
              }
            }
          }
        }
      }
    `;
    const ONE = gql`
      query OneActor($id: ID!) {
        node(id: $id) {
          id
          ... on Actor {
            name
            kind
          }
        }
      }
    `;
    await apollo.query({ query: LIST });
    await apollo.query({ query: ONE, variables: { id: ALBARES } });

    const store = apollo.cache.extract() as Record<string, any>;
    // normalised by __typename and id: one entry, holding the fields both queries asked for
    const albares = Object.keys(store).filter((k) => k.includes('jose-manuel-albares'));
    expect(albares).toEqual([`Actor:${ALBARES}`]);
    expect(store[`Actor:${ALBARES}`]).toMatchObject({ __typename: 'Actor', id: ALBARES, name: 'José Manuel Albares', kind: 'PERSON' });
    // the list's statements point at that entry rather than holding copies
    const spoken = Object.entries(store).filter(([k, v]) => k.startsWith('Statement:') && v.speaker?.__ref === `Actor:${ALBARES}`);
    expect(spoken.map(([k]) => k).sort()).toEqual([
      'Statement:Statement:stmt:albares-denies-change-2026-03-04',
      'Statement:Statement:stmt:albares-territory-not-used-2026-03-04',
    ]);

    // a change made through one query's entity shows in the other query's answer
    apollo.cache.modify({ id: apollo.cache.identify({ __typename: 'Actor', id: ALBARES }), fields: { name: () => 'J. M. Albares' } });
    const list = apollo.readQuery<any>({ query: LIST });
    const speakers = list.actor.statements.edges.map((e: any) => e.node.speaker?.name);
    expect(speakers.filter((n: string) => n === 'J. M. Albares')).toHaveLength(2);
    expect(apollo.readQuery<any>({ query: ONE, variables: { id: ALBARES } }).node.name).toBe('J. M. Albares');
  });

  test('a statement read by key and by node(id:) is one entry too, whichever subgraph served the fields', async () => {
    const apollo = client();
    const key = 'stmt:leavitt-spain-agrees-2026-03-04';
    await apollo.query({ query: gql`{ statement(key: "${key}") { id text } }` });
    await apollo.query({ query: gql`{ node(id: "Statement:${key}") { id ... on Statement { saidAt attestations { source { id title } } } } }` });
    const store = apollo.cache.extract() as Record<string, any>;
    expect(Object.keys(store).filter((k) => k.startsWith('Statement:'))).toEqual([`Statement:Statement:${key}`]);
    expect(store[`Statement:Statement:${key}`]).toMatchObject({ text: expect.stringMatching(/^Spain agrees/), saidAt: '2026-03-04' });
  });
});

describe('the real relay-compiler over operations with @refetchable, against the gateway’s SDL', () => {
  const run = promisify(execFile);
  let project: string;

  beforeAll(async () => {
    // the gateway's own schema, as a client sees it
    const introspection = dataOf(await stack.query(getIntrospectionQuery()));
    project = path.join(dir, 'relay-app');
    await mkdir(path.join(project, 'src', '__generated__'), { recursive: true });
    await writeFile(path.join(project, 'schema.graphql'), printSchema(buildClientSchema(introspection as any)));
    await writeFile(
      path.join(project, 'relay.config.json'),
      JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript', artifactDirectory: './src/__generated__' }),
    );
    await writeFile(
      path.join(project, 'src', 'SpainPage.ts'),
      `import { graphql } from 'relay-runtime';

export const actorCard = graphql\`
  fragment SpainPage_actor on Actor @refetchable(queryName: "ActorCardRefetchQuery") {
    name
    kind
    externalIds { wikidata }
  }
\`;

export const statementRow = graphql\`
  fragment SpainPage_statement on Statement @refetchable(queryName: "StatementRowRefetchQuery") {
    text
    saidAt
    speaker { ...SpainPage_actor }
  }
\`;

export const statementList = graphql\`
  fragment SpainPage_statements on Actor
    @refetchable(queryName: "SpainStatementsPaginationQuery")
    @argumentDefinitions(first: { type: "Int" }, after: { type: "String" }, last: { type: "Int" }, before: { type: "String" }) {
    statements(first: $first, after: $after, last: $last, before: $before) @connection(key: "SpainPage_statements") {
      edges { node { id ...SpainPage_statement } }
    }
  }
\`;

export const page = graphql\`
  query SpainPageQuery {
    actor(key: "country:es") { ...SpainPage_actor ...SpainPage_statements @arguments(first: 2) }
  }
\`;
`,
    );
  }, 60_000);

  /** The operation text relay-compiler wrote into an artifact. */
  async function operationText(name: string): Promise<string> {
    const artifact = await readFile(path.join(project, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');
    const text = /"text": ("(?:[^"\\]|\\.)*")/.exec(artifact);
    if (!text) throw new Error(`no operation text in ${name}.graphql.ts`);
    return JSON.parse(text[1]);
  }

  test('compiles (the compiler ships its binary inside the npm package), and its refetch queries run through the gateway', async () => {
    const compiler = path.join(REPO_ROOT, 'node_modules', 'relay-compiler', 'cli.js');
    const out = await run(process.execPath, [compiler], { cwd: project }).catch((e) => {
      throw new Error(`relay-compiler failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(out.stderr + out.stdout).not.toMatch(/error/i);

    // @refetchable on a Node type becomes a node(id:) query
    const actorRefetch = await operationText('ActorCardRefetchQuery');
    expect(actorRefetch).toMatch(/node\(id: \$id\)/);
    const actor = dataOf(await stack.query(actorRefetch, { id: 'Actor:country:es' })) as any;
    expect(actor.node).toMatchObject({ id: 'Actor:country:es', name: 'Spain', kind: 'COUNTRY', externalIds: { wikidata: 'Q29' } });

    const statementRefetch = await operationText('StatementRowRefetchQuery');
    const statement = dataOf(await stack.query(statementRefetch, { id: 'Statement:stmt:albares-denies-change-2026-03-04' })) as any;
    expect(statement.node).toMatchObject({ saidAt: '2026-03-04', speaker: { id: 'Actor:person:jose-manuel-albares', name: 'José Manuel Albares' } });

    // the page, then its connection paged forward and back through the pagination query
    const first = dataOf(await stack.query(await operationText('SpainPageQuery'))) as any;
    const edges = first.actor.statements.edges;
    expect(edges).toHaveLength(2);
    const pagination = await operationText('SpainStatementsPaginationQuery');
    const next = dataOf(await stack.query(pagination, { id: first.actor.id, first: 2, after: first.actor.statements.pageInfo.endCursor })) as any;
    expect(next.node.statements.edges).toHaveLength(1);
    expect(next.node.statements.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = dataOf(await stack.query(pagination, { id: first.actor.id, last: 2, before: next.node.statements.pageInfo.startCursor })) as any;
    expect(back.node.statements.edges.map((e: any) => e.node.id)).toEqual(edges.map((e: any) => e.node.id));
    expect(back.node.statements.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });
});
