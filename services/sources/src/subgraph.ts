import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, SubgraphDeps, SubgraphServer, subgraphServerOptions } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { createContextFactory } from './context';
import { outletReference } from './outlet/outlet.reference';
import { OutletResolver } from './outlet/outlet.resolver';
import { sourceReference } from './source/source.reference';
import { SourceResolver } from './source/source.resolver';

/** The sources subgraph schema (Federation 2): Source and Outlet entities, keyed by `key`. */
export async function buildSourcesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [SourceResolver, OutletResolver], validate: false }, { Source: sourceReference, Outlet: outletReference });
}

/** Sources needs nothing beyond what every subgraph takes. */
export type SourcesSubgraphDeps = SubgraphDeps;

/** Builds the sources subgraph server; it does not listen until `.listen(port, host)`. */
export async function createSourcesSubgraph(deps: SourcesSubgraphDeps): Promise<SubgraphServer> {
  return createSubgraphServer({
    ...subgraphServerOptions(deps),
    name: 'sources',
    schema: await buildSourcesSchema(),
    createContext: createContextFactory(deps.dataSource, deps.writeTokens),
  });
}
