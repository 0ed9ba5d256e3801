import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, createTokenCheck, SubgraphDeps, SubgraphServer, subgraphServerOptions } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
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
export async function createActorsSubgraph(deps: SubgraphDeps): Promise<SubgraphServer> {
  const schema = await buildActorsSchema();
  const rollup = new RollupService(deps.dataSource);
  const checkToken = createTokenCheck(deps.writeTokens);
  return createSubgraphServer({
    ...subgraphServerOptions(deps),
    name: 'actors',
    schema,
    createContext: (req) => createActorsContext(checkToken(req.headers.authorization), deps.dataSource, rollup),
    routes: (app) => mountRollupRoutes(app, rollup, deps.logger),
  });
}
