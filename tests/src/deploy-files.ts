import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, getDirectiveValues, GraphQLEnumType, GraphQLSchema, parse, StringValueNode } from 'graphql';
import { Document, parseDocument, Tags, YAMLMap, YAMLSeq } from 'yaml';

/**
 * The deployment files read as what they are (YAML documents, a GraphQL schema), for the tests
 * that keep them honest where no Docker engine runs.
 */
export const ROOT = path.resolve(__dirname, '../..');
export const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** Compose's `!reset`: the key is dropped from what the files before this one set. */
export const RESET = Symbol('compose !reset');

/** Compose's `!override`: the value replaces the earlier file's instead of merging with it. */
export class Override<T = unknown> {
  constructor(readonly value: T) {}
}

// compose's merge tags are not YAML 1.2 core: read each as what it tells compose to do
const COMPOSE_TAGS: Tags = [
  { tag: '!reset', resolve: () => RESET },
  ...(['map', 'seq'] as const).flatMap((collection) => [
    { tag: '!reset', collection, resolve: () => RESET },
    { tag: '!override', collection, resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => new Override(node.toJSON()) },
  ]),
];

export interface YamlFile {
  /** the parsed tree, for its comments */
  doc: Document.Parsed;
  value: any;
}

/**
 * Parses a YAML file (merge keys on, as compose reads them), failing on any error or warning: an
 * unknown tag or a duplicate key is a mistake in the file, not something to read past.
 */
export function readYaml(file: string): YamlFile {
  const doc = parseDocument(read(file), { merge: true, customTags: COMPOSE_TAGS, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length) throw new Error(`${file}:\n${problems.join('\n')}`);
  return { doc, value: doc.toJS() };
}

export interface Supergraph {
  schema: GraphQLSchema;
  /** subgraph name -> the URL the supergraph routes it to, from `enum join__Graph` */
  routes: Record<string, string>;
  /** the specs the schema `@link`s, e.g. `join/v0.4` */
  specs: string[];
}

/** schema/supergraph.graphql, built (so it is valid SDL) and read through its directives. */
export function readSupergraph(): Supergraph {
  const schema = buildASTSchema(parse(read('schema/supergraph.graphql')));
  const joinGraph = schema.getDirective('join__graph');
  const graphs = schema.getType('join__Graph');
  if (!joinGraph || !(graphs instanceof GraphQLEnumType)) throw new Error('schema/supergraph.graphql has no join__graph directive or join__Graph enum');
  const routes: Record<string, string> = {};
  for (const value of graphs.getValues()) {
    const args = value.astNode && getDirectiveValues(joinGraph, value.astNode);
    if (!args) throw new Error(`join__Graph.${value.name} has no @join__graph`);
    routes[String(args.name)] = String(args.url);
  }
  const specs = (schema.astNode?.directives ?? [])
    .filter((d) => d.name.value === 'link')
    .map((d) => (d.arguments?.find((a) => a.name.value === 'url')?.value as StringValueNode | undefined)?.value ?? '')
    .map((url) => url.replace(/^https:\/\/specs\.apollo\.dev\//, ''));
  return { schema, routes, specs };
}
