import { Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The actors subgraph owns actors; here an actor is its key, extended with the statements by it. */
@Directive('@key(fields: "key")')
@ObjectType({ implements: Node, description: 'A person, organisation, government or country (owned by the actors service).' })
export class Actor {
  // shareable: derived from the key, so `node(id:)` here can answer it without asking actors
  @Directive('@shareable')
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Actor:<key>` (e.g. `Actor:country:es`).' })
  id?: string;

  @Field({ description: 'Stable key, e.g. `country:es` or `person:jose-manuel-albares`.' })
  key: string;
}
