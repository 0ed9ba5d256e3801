import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, ListenerLimits, createTokenCheck, Logger, SubgraphServer } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { actorReference } from './actor/actor.reference';
import { ActorResolver } from './actor/actor.resolver';
import { createActorsContext } from './context';
import { MembershipResolver } from './membership/membership.resolver';
import { RollupService } from './rollup/rollup.service';
import { mountRollupRoutes } from './rollup/rollup.routes';

/** The actors subgraph schema (Federation 2); the same for every server instance. */
export async function buildActorsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [ActorResolver, MembershipResolver] }, actorReference);
}

/** The actors HTTP server (GraphQL plus the internal roll-up endpoints); built, not listening. */
export async function createActorsSubgraph(deps: {
  dataSource: DataSource;
  writeTokens: string[];
  production?: boolean;
  /** required in `x-newsgraph-subgraph-secret` on /graphql and /internal/* when set */
  subgraphSecret?: string;
  /** the process logger (one `request completed` line per request) */
  logger?: Logger;
  /** bearer token /metrics requires, when set */
  metricsToken?: string;
  /** deadlines and connection cap of its listener (NEWSGRAPH_REQUEST_TIMEOUT_MS and friends) */
  listenerLimits?: Partial<ListenerLimits>;
}): Promise<SubgraphServer> {
  const schema = await buildActorsSchema();
  const rollup = new RollupService(deps.dataSource);
  const checkToken = createTokenCheck(deps.writeTokens);
  return createSubgraphServer({
    name: 'actors',
    schema,
    dataSource: deps.dataSource,
    production: deps.production,
    secret: deps.subgraphSecret,
    logger: deps.logger,
    metricsToken: deps.metricsToken,
    listenerLimits: deps.listenerLimits,
    createContext: (req) => createActorsContext(checkToken(req.headers.authorization), deps.dataSource, rollup),
    routes: (app) => mountRollupRoutes(app, rollup, deps.logger),
  });
}
