import type { GraphQLResolveInfo } from 'graphql';
import { globalId, PageArgs } from '@newsgraph/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.list';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { Actor } from './actor.stub';

@Resolver(() => Actor)
export class ActorStatementsResolver {
  @FieldResolver(() => ID)
  id(@Root() actor: Actor): string {
    return globalId('Actor', actor.key);
  }

  @FieldResolver(() => StatementConnection, {
    description:
      'Statements BY this actor: its own, those of its structural parts, and those of whoever held a membership in it (or in one of its parts) on the day they spoke — the same as `statements(filter: { by: <this key> })`. `filter` narrows further.',
  })
  statements(
    @Root() actor: Actor,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: StatementsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStatements(ctx, filter, page, { info, byActor: actor.key });
  }
}
