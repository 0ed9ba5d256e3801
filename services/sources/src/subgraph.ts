import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, ListenerLimits, Logger, SubgraphServer } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { createContextFactory } from './context';
import { outletReference } from './outlet/outlet.reference';
import { OutletResolver } from './outlet/outlet.resolver';
import { sourceReference } from './source/source.reference';
import { SourceResolver } from './source/source.resolver';

/** The sources subgraph schema (Federation 2): Source and Outlet entities, keyed by `key`. */
export async function buildSourcesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [SourceResolver, OutletResolver], validate: false },
    { Source: sourceReference, Outlet: outletReference },
  );
}

export interface SourcesSubgraphDeps {
  /** an initialised data source whose migrations have run */
  dataSource: DataSource;
  /** bearer tokens allowed to write */
  writeTokens: string[];
  production?: boolean;
  /** required in `x-newsgraph-subgraph-secret` on /graphql when set */
  subgraphSecret?: string;
  /** the process logger (one `request completed` line per request) */
  logger?: Logger;
  /** bearer token /metrics requires, when set */
  metricsToken?: string;
  /** deadlines and connection cap of its listener (NEWSGRAPH_REQUEST_TIMEOUT_MS and friends) */
  listenerLimits?: Partial<ListenerLimits>;
}

/** Builds the sources subgraph server; it does not listen until `.listen(port, host)`. */
export async function createSourcesSubgraph(deps: SourcesSubgraphDeps): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: 'sources',
    schema: await buildSourcesSchema(),
    dataSource: deps.dataSource,
    createContext: createContextFactory(deps.dataSource, deps.writeTokens),
    production: deps.production,
    secret: deps.subgraphSecret,
    logger: deps.logger,
    metricsToken: deps.metricsToken,
    listenerLimits: deps.listenerLimits,
  });
}
