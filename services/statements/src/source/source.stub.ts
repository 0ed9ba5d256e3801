import { Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The sources subgraph owns sources; here a source is its key, extended with the statements it attests. */
@Directive('@key(fields: "key")')
@ObjectType({ implements: Node, description: 'An article, broadcast, briefing or post that reports statements (owned by the sources service).' })
export class Source {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Source:<key>`.' })
  id?: string;

  @Field({ description: 'Stable key, e.g. `src:novinite-2026-03-05-spain-denies`.' })
  key: string;
}
