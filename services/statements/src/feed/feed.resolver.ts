import { Arg, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import { createLoaders, StatementsContext } from '../context';
import { StatementFilter } from '../statement/statement.types';
import { feedHead } from './feed.hub';
import { FeedEvent, StatementEvent } from './feed.types';

@Resolver()
export class FeedResolver {
  @Query(() => String, {
    description:
      'Where the live feed stands now: a cursor to pass as `statementAdded(after:)` to receive every statement created from this moment on, with nothing missed between this query and the subscription (e.g. load a page of history, then subscribe from the cursor taken before it).',
  })
  async liveFeedCursor(@Ctx() ctx: StatementsContext): Promise<string> {
    return feedHead(ctx.db);
  }

  @Subscription(() => StatementEvent, {
    description:
      'The live feed: every statement created from now on that matches `filter` (same fields and meaning as `statements(filter:)`; a topic nothing is about yet is accepted), once each, in commit order. With `after` (the `cursor` of an event received before), first replays every matching statement created since that event, then goes live, with no gap and no duplicate. An update of an existing statement is not a new statement.',
    subscribe: ({ args, context }) => (context as StatementsContext).feed.subscribe(args.filter, args.after),
  })
  statementAdded(
    @Root() event: FeedEvent,
    @Ctx() ctx: StatementsContext,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Which new statements to receive; all of them when absent.' })
    _filter: StatementFilter | null,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event `cursor`: replays what was missed, then goes live.' })
    _after: string | null,
  ): FeedEvent {
    // The context lives as long as the subscription; each event is its own request, with loaders
    // of its own, so nothing read for one event (a roll-up, a contradiction) goes stale in the next.
    ctx.loaders = createLoaders(ctx.db, ctx.directory, ctx.owners);
    ctx.loaders.statementByKey.prime(event.statement.key, event.statement);
    return event;
  }
}
