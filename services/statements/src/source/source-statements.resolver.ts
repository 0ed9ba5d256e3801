import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.resolver';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { Source } from './source.stub';

@Resolver(() => Source)
export class SourceStatementsResolver {
  @FieldResolver(() => StatementConnection, { description: 'Statements this source attests, newest first; `filter` narrows further.' })
  statements(
    @Root() source: Source,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item already seen (`pageInfo.endCursor`).' }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    return listStatements(ctx, filter, first, after, async (params) => [
      `EXISTS (SELECT 1 FROM attestation a WHERE a.statement_key = s.key AND a.source_key = ${params.add(source.key)})`,
    ]);
  }
}
