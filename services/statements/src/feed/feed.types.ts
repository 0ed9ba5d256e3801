import { Field, ObjectType } from 'type-graphql';
import { Statement, StatementModel } from '../statement/statement.types';

/** One event of the live feed as the resolvers pass it around. */
export interface FeedEvent {
  cursor: string;
  statement: StatementModel;
}

@ObjectType({ description: 'A statement arriving on the live feed, with its position in the feed.' })
export class StatementEvent {
  @Field({
    description:
      'Opaque position of this event in the feed (commit order). Resubscribe with it as `after` to receive every matching statement created since, and nothing twice.',
  })
  cursor: string;

  @Field(() => Statement, { description: 'The statement that was just created.' })
  statement: StatementModel;
}
