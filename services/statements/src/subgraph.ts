import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, createTokenCheck, SubgraphServer } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { ActorStatementsResolver } from './actor/actor-statements.resolver';
import { ClaimResolver } from './claim/claim.resolver';
import { createLoaders, StatementsContext } from './context';
import { ActorsDirectory } from './rollup/actors-directory';
import { SourceStatementsResolver } from './source/source-statements.resolver';
import { IngestResolver } from './statement/ingest.resolver';
import {
  AttestationResolver,
  StanceResolver,
  StatementRelationResolver,
  StatementResolver,
} from './statement/statement.resolver';
import { TopicResolver } from './topic/topic.resolver';

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
      ],
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
    },
  );
}

export interface StatementsDeps {
  dataSource: DataSource;
  writeTokens: string[];
  directory: ActorsDirectory;
  production?: boolean;
}

export async function createStatementsSubgraph(deps: StatementsDeps): Promise<SubgraphServer> {
  const schema = await buildStatementsSchema();
  const checkToken = createTokenCheck(deps.writeTokens);
  return createSubgraphServer<StatementsContext>({
    name: 'statements',
    schema,
    dataSource: deps.dataSource,
    production: deps.production,
    createContext: (req) => ({
      caller: checkToken(req.headers.authorization),
      db: deps.dataSource,
      directory: deps.directory,
      loaders: createLoaders(deps.dataSource, deps.directory),
    }),
  });
}
