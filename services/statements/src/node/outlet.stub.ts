import { Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The sources subgraph owns outlets. This subgraph answers `node(id:)` for every type, so it
 * must know Outlet as a Node; all it holds of one is the key (the gateway asks sources for the rest).
 */
@Directive('@key(fields: "key")')
@ObjectType({ implements: Node, description: 'A publication or broadcaster (owned by the sources service).' })
export class Outlet {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Outlet:<key>`.' })
  id?: string;

  @Field({ description: 'Stable key, e.g. `outlet:novinite`.' })
  key: string;
}
