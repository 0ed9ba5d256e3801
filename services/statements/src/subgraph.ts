import 'reflect-metadata';
import type { ExternalReferences } from './statement/external-references';
import { buildFederatedSchema, createSubgraphServer, createTokenCheck, SubgraphDeps, SubgraphServer, subgraphServerOptions } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { ActorStatementsResolver } from './actor/actor-statements.resolver';
import { ClaimResolver } from './claim/claim.resolver';
import { createLoaders, StatementsContext } from './context';
import { CountCache } from './statement/count-cache';
import { createStatementFeed, StatementFeed } from './feed/feed.hub';
import { FeedResolver } from './feed/feed.resolver';
import { ActorsDirectory } from './rollup/actors-directory';
import { SourceStatementsResolver } from './source/source-statements.resolver';
import { IngestResolver } from './statement/ingest.resolver';
import { AttestationResolver, StanceResolver, StatementRelationResolver, StatementResolver } from './statement/statement.resolver';
import { TopicResolver } from './topic/topic.resolver';
import { NodeResolver, OutletNodeResolver } from './node/node.resolver';
import { Outlet } from './node/outlet.stub';
import type { NodeOwners } from './node/node-owners';
import { AttributionResolver } from './attribution/attribution.resolver';
import { StatementCountsResolver } from './counts/counts.resolver';
import { StatementExportResolver } from './export/export.resolver';
import { ContestedClaimsResolver } from './position/contested.resolver';
import { ActorPositionsResolver, ClaimPositionsResolver, PositionChangeResolver, PositionResolver } from './position/position.resolver';

export async function buildStatementsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        StatementResolver,
        AttestationResolver,
        StanceResolver,
        StatementRelationResolver,
        ClaimResolver,
        TopicResolver,
        ActorStatementsResolver,
        SourceStatementsResolver,
        IngestResolver,
        FeedResolver,
        NodeResolver,
        OutletNodeResolver,
        ClaimPositionsResolver,
        ActorPositionsResolver,
        PositionResolver,
        PositionChangeResolver,
        ContestedClaimsResolver,
        AttributionResolver,
        StatementCountsResolver,
        StatementExportResolver,
      ],
      // reachable only through `node(id:)`
      orphanedTypes: [Outlet],
    },
    {
      Statement: {
        __resolveReference: (ref: { key: string }, ctx: StatementsContext) => ctx.loaders.statementByKey.load(ref.key),
      },
      Claim: {
        __resolveReference: (ref: { key: string }, ctx: StatementsContext) => ctx.loaders.claimByKey.load(ref.key),
      },
      // Actors and sources are owned elsewhere: their key is all this subgraph needs.
      Actor: { __resolveReference: (ref: { key: string }) => ({ key: ref.key }) },
      Source: { __resolveReference: (ref: { key: string }) => ({ key: ref.key }) },
      Outlet: { __resolveReference: (ref: { key: string }) => ({ key: ref.key }) },
    },
  );
}

export interface StatementsDeps extends SubgraphDeps {
  directory: ActorsDirectory;
  /** asked whether actors, sources and outlets exist for `node(id:)`; absent: ids are trusted */
  owners?: NodeOwners;
  /** the live feed; by default one is made on the data source and closed with the server */
  feed?: StatementFeed;
  /** keep list counts until the next write (statement/count-cache.ts); default true */
  countCache?: boolean;
  /** where a write's speakers and sources are checked (the actors and sources subgraphs) */
  externalReferences?: ExternalReferences;
}

export async function createStatementsSubgraph(deps: StatementsDeps): Promise<SubgraphServer> {
  const schema = await buildStatementsSchema();
  const checkToken = createTokenCheck(deps.writeTokens);
  const logger = deps.logger;
  const feed =
    deps.feed ?? createStatementFeed({ db: deps.dataSource, directory: deps.directory, log: logger ? (message) => logger.warn(message) : undefined });
  const counts = deps.countCache === false ? undefined : new CountCache();
  const context = (authorization: string | undefined): StatementsContext => ({
    counts,
    caller: checkToken(authorization),
    db: deps.dataSource,
    directory: deps.directory,
    owners: deps.owners,
    external: deps.externalReferences,
    feed,
    loaders: createLoaders(deps.dataSource, deps.directory, deps.owners),
  });
  return createSubgraphServer<StatementsContext>({
    ...subgraphServerOptions(deps),
    name: 'statements',
    schema,
    createContext: (req) => context(req.headers.authorization),
    subscriptions: {
      createContext: (req) => context(req.headers.authorization),
      onClose: deps.feed ? undefined : () => feed.close(),
    },
  });
}
