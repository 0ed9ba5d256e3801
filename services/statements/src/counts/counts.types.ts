import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Actor } from '../actor/actor.stub';
import { StanceKind } from '../statement/statement.types';

export enum CountInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export enum CountSplit {
  STANCE = 'STANCE',
  ACTOR = 'ACTOR',
}

registerEnumType(CountInterval, {
  name: 'CountInterval',
  description: 'The width of one bucket of statementCounts; buckets follow the day each statement was said (`saidOn`).',
  valuesConfig: {
    DAY: { description: 'One bucket per calendar day.' },
    WEEK: { description: 'One bucket per ISO week, starting on Monday.' },
    MONTH: { description: 'One bucket per calendar month, starting on its first day.' },
  },
});

registerEnumType(CountSplit, {
  name: 'CountSplit',
  description: 'How statementCounts splits each bucket into parts.',
  valuesConfig: {
    STANCE: {
      description:
        'Three parts per bucket: statements affirming, denying (a claim: the filter’s `claim` when given, else any), and taking no stance (`stance: null`). A statement affirming one claim and denying another counts in both.',
    },
    ACTOR: {
      description:
        'One part per speaker (the actor who said it, no roll-up) among the most active in the whole range (`actors` of them, same ones in every bucket), and one part (`actor: null`) for all other speakers.',
    },
  },
});

@ObjectType({ description: 'One part of a bucket (see CountSplit).' })
export class CountPart {
  @Field(() => StanceKind, { nullable: true, description: 'With split STANCE: the stance counted; null for statements taking none.' })
  stance: StanceKind | null;

  @Field(() => Actor, { nullable: true, description: 'With split ACTOR: the speaker counted; null for all the others.' })
  actor: Actor | null;

  @Field(() => Int, { description: 'Statements in the bucket in this part.' })
  count: number;
}

@ObjectType({ description: 'The statements of one day, week or month.' })
export class CountBucket {
  @Field({ description: 'First day of the bucket (YYYY-MM-DD).' })
  start: string;

  @Field({ description: 'The day after the bucket’s last day (YYYY-MM-DD): buckets are `[start, end)`.' })
  end: string;

  @Field(() => Int, { description: 'Statements said in the bucket that match the filter.' })
  count: number;

  @Field(() => [CountPart], { description: 'The bucket split as asked (empty without `split`), in the same order in every bucket.' })
  parts: CountPart[];
}

@ObjectType({ description: 'Counts of matching statements per day, week or month, for charts.' })
export class StatementCounts {
  @Field(() => CountInterval, { description: 'The bucket width asked for.' })
  interval: CountInterval;

  @Field(() => CountSplit, { nullable: true, description: 'The split asked for, if any.' })
  split: CountSplit | null;

  @Field(() => Int, { description: 'All matching statements (the sum of the buckets’ counts).' })
  total: number;

  @Field(() => [CountBucket], {
    description:
      'Every bucket from the first (that of `filter.saidAfter`, else of the earliest match) to the last (that before `filter.saidBefore`, else of the latest match), empty ones included, oldest first.',
  })
  buckets: CountBucket[];
}
