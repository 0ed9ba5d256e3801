import { connectionTypes, globalId, Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

export interface OutletModel {
  id: string;
  key: string;
  name: string;
  nameFolded: string;
  country: string | null;
}

export const OUTLET_COLUMNS = 'o.key, o.name, o.name_folded, o.country';

/** A row of OUTLET_COLUMNS. */
export interface OutletRow {
  key: string;
  name: string;
  name_folded: string;
  country: string | null;
}

export function toOutletModel(row: OutletRow): OutletModel {
  return { id: globalId('Outlet', row.key), key: row.key, name: row.name, nameFolded: row.name_folded, country: row.country };
}

@Directive('@key(fields: "key")')
@ObjectType({
  implements: Node,
  description: 'A publication or broadcaster that publishes sources, e.g. Novinite or Cadena SER.',
})
export class Outlet {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Outlet:<key>` (e.g. `Outlet:outlet:novinite`); `node(id:)` refetches it.' })
  id: string;

  @Field({ description: 'Stable key, e.g. `outlet:novinite`.' })
  key: string;

  @Field({ description: 'Display name, e.g. `Novinite`.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Country of the outlet, ISO 3166-1 alpha-2 (e.g. `BG`).' })
  country: string | null;
}

export const { Connection: OutletConnection } = connectionTypes('Outlet', Outlet, 'A page of outlets, by name.');
