import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLResolveInfo, GraphQLSchema, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap, getMetadataStorage, PubSub } from 'type-graphql';

/** Federation 2 directives the subgraphs use; each must be imported through `@link`. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * Subscriptions here bring their own `subscribe` function (events come from the database, not
 * from memory), but type-graphql refuses to build a schema with a @Subscription and no pubSub.
 */
const NO_PUB_SUB: PubSub = {
  publish() {
    throw new Error('in-memory publishing is not used: subscriptions pass their own `subscribe`');
  },
  subscribe() {
    throw new Error('in-memory topics are not used: subscriptions pass their own `subscribe`');
  },
};

/** `__resolveReference` per entity type: turns a representation into the entity (or null). */
export type ReferenceResolvers = Record<
  string,
  // a method, so that each resolver may name the shape of its own representation and context
  { __resolveReference(reference: unknown, context: unknown, info: GraphQLResolveInfo): unknown }
>;

/**
 * The object fields that are a plain property of their parent, per GraphQL type: declared with
 * `@Field` only, with no middlewares or roles and the same name in the schema as on the class.
 * type-graphql gives each of them a resolver that builds its resolver data and runs the (empty)
 * middleware chain for every value of every row; graphql's default resolver reads the same
 * property with none of that, so these fields are left to it. A name some `@FieldResolver` has
 * is never taken as plain, on any type: type-graphql's metadata is global to the process (tests
 * build several subgraphs, whose types share names), and keeping a wrapper is always correct.
 */
function plainFields(options: Omit<BuildSchemaOptions, 'skipCheck'>): Map<string, Set<string>> {
  const plain = new Map<string, Set<string>>();
  // anything that runs around every resolver must keep type-graphql's wrapper
  if (options.globalMiddlewares?.length || options.authChecker) return plain;
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => r.methodName));
  const wrapped = new Set<string>();
  for (const type of storage.objectTypes) {
    for (const field of type.fields ?? []) {
      if (field.middlewares?.length || field.roles || field.name !== field.schemaName || resolved.has(field.name)) {
        wrapped.add(`${type.name}.${field.schemaName}`);
        continue;
      }
      let names = plain.get(type.name);
      if (!names) plain.set(type.name, (names = new Set()));
      names.add(field.schemaName);
    }
  }
  for (const [typeName, names] of plain) for (const name of names) if (wrapped.has(`${typeName}.${name}`)) names.delete(name);
  return plain;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes.
 *
 * type-graphql knows nothing of federation, so the schema is built without checks, printed with
 * its `@key`/`@shareable` directives, prefixed with the federation `@link`, and rebuilt by
 * `buildSubgraphSchema` (which adds `_entities`/`_service`). The resolvers type-graphql generated
 * are carried over (a subscription's `subscribe` with its `resolve`), and the reference resolvers
 * merged in.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ pubSub: NO_PUB_SUB, ...options, skipCheck: true });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers: Record<string, object> = createResolversMap(schema);
  for (const [typeName, fields] of plainFields(options)) {
    const map = resolvers[typeName] as Record<string, unknown> | undefined;
    if (map) for (const field of fields) delete map[field];
  }
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  // Apollo's resolver map has no place for `__resolveReference`'s (representation, context, info)
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
