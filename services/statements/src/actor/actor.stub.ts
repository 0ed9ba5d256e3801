import { Directive, Field, ObjectType } from 'type-graphql';

/** The actors subgraph owns actors; here an actor is its key, extended with the statements by it. */
@Directive('@key(fields: "key")')
@ObjectType({ description: 'A person, organisation, government or country (owned by the actors service).' })
export class Actor {
  @Field({ description: 'Stable key, e.g. `country:es` or `person:jose-manuel-albares`.' })
  key: string;
}
