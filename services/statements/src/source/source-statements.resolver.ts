import type { GraphQLResolveInfo } from 'graphql';
import { globalId, PageArgs } from '@newsgraph/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.list';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { Source } from './source.stub';

@Resolver(() => Source)
export class SourceStatementsResolver {
  @FieldResolver(() => ID)
  id(@Root() source: Source): string {
    return globalId('Source', source.key);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements this source attests, newest first; `filter` narrows further.' })
  statements(
    @Root() source: Source,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: StatementsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStatements(ctx, filter, page, {
      info,
      extra: async (params) => [`EXISTS (SELECT 1 FROM attestation a WHERE a.statement_key = s.key AND a.source_key = ${params.add(source.key)})`],
    });
  }
}
