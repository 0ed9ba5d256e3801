import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { SAME_FROM_THE_ROOT, SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, REPO_ROOT, startTestStack, TestStack } from '../harness';
import { FEED_FROM_START, SPAIN_BASE_USE_NEWEST_FIRST } from './feed';

/**
 * GraphQL Code Generator as a new user runs it: the client preset, `schema` set to the gateway's
 * URL and nothing else (it introspects over HTTP with no extra header), the contract's operations
 * as documents. What it writes must type-check, strictly, with code that uses it, and the typed
 * documents it writes must run against the gateway as they are.
 */

// graphql-request ships CommonJS for require(), but its type declarations only describe the ES module
type GraphQLRequest = typeof import('graphql-request', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be typed from the ES module's declarations but load the CommonJS build
const { GraphQLClient }: GraphQLRequest = require('graphql-request');
const run = promisify(execFile);

const NODE_BY_ID = `query NodeById($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Actor { name kind externalIds { wikidata } }
    ... on Statement { text saidAt }
  }
}`;

/** Code a user would write against the generated module; each line fails to compile if a type is wrong or lost. */
const USAGE = `import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  ContradictionOrigin,
  FeedFromStartDocument,
  NodeByIdDocument,
  SameFromTheRootDocument,
  SpainOnBaseUseDocument,
} from './gql/graphql';

declare function request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;

export async function headline(): Promise<string[]> {
  const data = await request(SpainOnBaseUseDocument, {});
  const total: number = data.actor?.statements.totalCount ?? 0;
  const edges = data.actor?.statements.edges ?? [];
  const origins: ContradictionOrigin[] = edges.flatMap((e) => e?.node?.contradictions.map((c) => c.origin) ?? []);
  const against: string[] = edges.flatMap((e) => e?.node?.contradictions.map((c) => c.statement.key) ?? []);
  const outlets: Array<string | null | undefined> = edges.flatMap((e) => e?.node?.attestations.map((a) => a.source?.outlet?.name) ?? []);
  const next: boolean = data.actor?.statements.pageInfo.hasNextPage ?? false;
  // @ts-expect-error the headline query selects no id, so the type has none
  data.actor?.id;
  // @ts-expect-error an operation without variables takes none
  await request(SpainOnBaseUseDocument, { first: 10 });
  return [String(total), ...origins, ...against, ...outlets.map(String), String(next)];
}

export async function fromTheRoot(): Promise<number> {
  const data = await request(SameFromTheRootDocument, {});
  return data.statements.totalCount;
}

export async function feed(after: string): Promise<string | undefined> {
  const event = await request(FeedFromStartDocument, { after });
  // @ts-expect-error the cursor is a String, not a number
  await request(FeedFromStartDocument, { after: 42 });
  return event.statementAdded?.statement?.key;
}

export async function byId(id: string): Promise<string> {
  const { node } = await request(NodeByIdDocument, { id });
  // @ts-expect-error id is required
  await request(NodeByIdDocument, {});
  if (node?.__typename === 'Actor') return node.name;
  if (node?.__typename === 'Statement') return node.text;
  // @ts-expect-error name is only on the Actor branch of the union
  return node?.name;
}
`;

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-codegen-'));
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let generated: Array<{ filename: string; content: string }>;

test('generate() with only the gateway URL as its schema writes the client preset', async () => {
  const documents = path.join(dir, 'documents');
  await mkdir(documents);
  const operations = { 'spain-on-base-use': SPAIN_ON_BASE_USE, 'same-from-the-root': SAME_FROM_THE_ROOT, feed: FEED_FROM_START, 'node-by-id': NODE_BY_ID };
  for (const [name, text] of Object.entries(operations)) await writeFile(path.join(documents, `${name}.graphql`), text);

  // the whole configuration: the URL, the documents, the preset (as in the README's codegen.ts)
  const config = { schema: stack.gatewayUrl, documents: `${documents}/*.graphql`, generates: { [`${dir}/gql/`]: { preset: 'client' } }, silent: true };
  // run from the repository, where the generator finds its preset package
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'run-codegen.js'), JSON.stringify(config)], { cwd: REPO_ROOT });
  const filenames: string[] = JSON.parse(stdout);
  generated = await Promise.all(filenames.map(async (filename) => ({ filename, content: await readFile(path.resolve(dir, filename), 'utf8') })));
  const names = generated.map((f) => path.basename(f.filename)).sort();
  expect(names).toEqual(expect.arrayContaining(['gql.ts', 'graphql.ts', 'index.ts']));
  const types = generated.find((f) => f.filename.endsWith('graphql.ts'))!.content;
  for (const name of [
    'SpainOnBaseUseQuery',
    'SameFromTheRootQuery',
    'FeedFromStartSubscription',
    'FeedFromStartSubscriptionVariables',
    'NodeByIdQuery',
    'NodeByIdQueryVariables',
  ]) {
    expect(types).toMatch(new RegExp(`export type ${name} = `));
  }
  // the gateway's descriptions reach the generated code as doc comments
  expect(types).toMatch(/\/\*\* Why two statements count as contradicting each other\. \*\/\nexport type ContradictionOrigin =/);
}, 60_000);

test('the generated code and code using it type-check strictly, with no diagnostics', async () => {
  expect(generated).toBeDefined();
  const usage = path.join(dir, 'usage.ts');
  await writeFile(usage, USAGE);
  const program = ts.createProgram([usage, ...generated.map((f) => path.resolve(dir, f.filename))], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noUnusedLocals: true,
    // the temp folder has no node_modules: resolve packages from the repository's
    baseUrl: REPO_ROOT,
    paths: { '*': ['node_modules/*'] },
    types: [],
    skipLibCheck: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(diagnostics).toEqual([]);

  // the headline query's result type reaches actor.statements.edges[].node.contradictions[].origin
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path.join(dir, 'gql', 'graphql.ts'))!;
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'SpainOnBaseUseQuery')!;
  expect(alias).toBeDefined();
  const field = (type: ts.Type, name: string): ts.Type => {
    const symbol = checker.getNonNullableType(type).getProperty(name);
    if (!symbol) throw new Error(`no field ${name} on ${checker.typeToString(type)}`);
    return checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, alias));
  };
  const item = (type: ts.Type): ts.Type => checker.getNonNullableType(checker.getIndexTypeOfType(checker.getNonNullableType(type), ts.IndexKind.Number)!);
  const edge = item(field(field(field(checker.getTypeAtLocation(alias), 'actor'), 'statements'), 'edges'));
  const contradiction = item(field(field(edge, 'node'), 'contradictions'));
  expect(checker.typeToString(field(contradiction, 'origin'))).toBe('ContradictionOrigin');
  expect(checker.typeToString(field(field(field(contradiction, 'statement'), 'speaker'), 'name'))).toBe('string');
}, 60_000);

test('the typed documents it wrote run against the gateway as they are', async () => {
  expect(generated).toBeDefined();
  const types = generated.find((f) => f.filename.endsWith('graphql.ts'))!;
  // graphql.ts imports types only, so its JavaScript needs no package at run time
  const js = ts.transpileModule(types.content, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(dir, 'graphql.cjs');
  await writeFile(file, js);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module codegen just wrote, loaded as any client would load it
  const documents = require(file);
  const client = new GraphQLClient(stack.gatewayUrl);

  const headline: any = await client.request(documents.SpainOnBaseUseDocument);
  expect(headline.actor.statements.edges.map((e: any) => e.node.key)).toEqual(SPAIN_BASE_USE_NEWEST_FIRST);
  expect(headline.actor.statements.edges.some((e: any) => e.node.contradictions.length > 0)).toBe(true);
  const root: any = await client.request(documents.SameFromTheRootDocument);
  expect(root.statements.totalCount).toBe(SPAIN_BASE_USE_NEWEST_FIRST.length);
  const spain: any = await client.request(documents.NodeByIdDocument, { id: 'Actor:country:es' });
  expect(spain.node).toMatchObject({ __typename: 'Actor', id: 'Actor:country:es', name: 'Spain', externalIds: { wikidata: 'Q29' } });
}, 60_000);
