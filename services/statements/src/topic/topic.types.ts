import { connectionTypes, Node } from '@newsgraph/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  implements: Node,
  description:
    'A subject statements are about, such as `base-use`. A statement is about a topic when the topic is among its own topics or those of a claim it takes a stance on.',
})
export class Topic {
  /** resolved from the key (TopicResolver.id) */
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Topic:<key>` (e.g. `Topic:base-use`).' })
  id?: string;

  @Field({ description: 'The topic key (lowercase, e.g. `base-use`).' })
  key: string;

  @Field(() => Int, { description: 'How many statements are about this topic.' })
  statementCount: number;

  @Field(() => Int, { description: 'How many claims carry this topic.' })
  claimCount: number;
}

export const { Connection: TopicConnection } = connectionTypes('Topic', Topic, 'A page of topics, most discussed first.');
