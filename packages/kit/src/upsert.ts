import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** What a write mutation did; the same shape in every subgraph. */
@Directive('@shareable')
@ObjectType({ description: 'What an upsert did: items are matched by key, so writing the same input twice changes nothing.' })
export class UpsertResult {
  @Field(() => Int, { description: 'Items that did not exist before.' })
  created: number;

  @Field(() => Int, { description: 'Existing items whose content changed.' })
  updated: number;

  @Field(() => Int, { description: 'Existing items written with identical content.' })
  unchanged: number;

  @Field(() => [String], { description: 'Keys of all items written, in input order (derived keys included).' })
  keys: string[];
}
