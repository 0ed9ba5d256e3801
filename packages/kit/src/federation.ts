import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLResolveInfo, GraphQLSchema, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap, PubSub } from 'type-graphql';

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
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  // Apollo's resolver map has no place for `__resolveReference`'s (representation, context, info)
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
