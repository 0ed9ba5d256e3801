import { connectionTypes } from '@newsgraph/kit';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A subject statements are about, such as `base-use`. A statement is about a topic when the topic is among its own topics or those of a claim it takes a stance on.',
})
export class Topic {
  @Field({ description: 'The topic key (lowercase, e.g. `base-use`).' })
  key: string;

  @Field(() => Int, { description: 'How many statements are about this topic.' })
  statementCount: number;

  @Field(() => Int, { description: 'How many claims carry this topic.' })
  claimCount: number;
}

export const { Connection: TopicConnection } = connectionTypes('Topic', Topic, 'A page of topics, most discussed first.');
