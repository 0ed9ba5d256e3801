import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.resolver';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { Actor } from './actor.stub';

@Resolver(() => Actor)
export class ActorStatementsResolver {
  @FieldResolver(() => StatementConnection, {
    description:
      'Statements BY this actor: its own, those of its structural parts, and those of whoever held a membership in it (or in one of its parts) on the day they spoke — the same as `statements(filter: { by: <this key> })`. `filter` narrows further.',
  })
  statements(
    @Root() actor: Actor,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item already seen (`pageInfo.endCursor`).' }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    return listStatements(ctx, filter, first, after, undefined, actor.key);
  }
}
