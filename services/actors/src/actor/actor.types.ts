import { connectionTypes, globalId, Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ActorKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
  GOVERNMENT = 'GOVERNMENT',
  COUNTRY = 'COUNTRY',
  OTHER = 'OTHER',
}

registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What sort of actor this is.',
  valuesConfig: {
    PERSON: { description: 'A person, e.g. a minister or a spokesperson.' },
    ORGANIZATION: { description: 'A ministry, party, company, agency, alliance or any other body.' },
    GOVERNMENT: { description: 'The government (executive) of a country or region.' },
    COUNTRY: { description: 'A country; carries its ISO 3166-1 alpha-2 `countryCode`.' },
    OTHER: { description: 'Anything else that speaks or is spoken for.' },
  },
});

@ObjectType({ description: 'Another name an actor is known by, optionally in a given language.' })
export class Alias {
  @Field({ description: 'The name as written, e.g. `España`.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'Language of the alias (a BCP 47 tag such as `es`), when known.' })
  lang: string | null;
}

@ObjectType({ description: 'Identifiers of an actor in other databases, so data from elsewhere can be joined to it.' })
export class ExternalIds {
  @Field(() => String, { nullable: true, description: 'Wikidata item id, e.g. `Q29` for Spain; `actor(wikidata:)` finds the actor by it.' })
  wikidata: string | null;

  @Field(() => String, { nullable: true, description: 'The Wikidata item page, e.g. `https://www.wikidata.org/wiki/Q29`.' })
  wikidataUrl: string | null;
}

@Directive('@key(fields: "key")')
@ObjectType({
  implements: Node,
  description:
    'A person, organisation, government or country that makes or is responsible for statements. ' +
    'Actors form a graph: `partOf` is the structural parent (ministry -> government -> country) and ' +
    '`memberships` are roles held in organisations for a time. An actor speaks for everything it ' +
    '`rollsUpTo` on the day it speaks.',
})
export class Actor {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `Actor:<key>` (e.g. `Actor:country:es`); `node(id:)` refetches it.' })
  id: string;

  @Field({ description: 'Stable key, e.g. `country:es` or `person:jose-manuel-albares`.' })
  key: string;

  @Field(() => ActorKind, { description: 'What sort of actor this is.' })
  kind: ActorKind;

  @Field({ description: 'Display name, e.g. `José Manuel Albares`.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code (`ES`), for countries and actors tied to one.' })
  countryCode: string | null;

  @Field(() => ExternalIds, { description: 'Identifiers of the actor elsewhere (Wikidata); fields are null when unknown.' })
  externalIds: ExternalIds;

  /** key of the structural parent; exposed through the `partOf` field resolver */
  partOfKey: string | null;
}

export const { Connection: ActorConnection, Edge: ActorEdge } = connectionTypes('Actor', Actor, 'A page of actors, with the total number of matches.');

/** Columns read whenever an actor row becomes an `Actor`. */
export const ACTOR_COLUMNS = 'a.key, a.kind, a.name, a.country_code, a.part_of, a.wikidata';

/** A row of ACTOR_COLUMNS. */
export interface ActorRow {
  key: string;
  kind: string;
  name: string;
  country_code: string | null;
  part_of: string | null;
  wikidata: string | null;
}

export function toActor(row: ActorRow): Actor {
  return {
    id: globalId('Actor', row.key),
    key: row.key,
    kind: row.kind as ActorKind,
    name: row.name,
    countryCode: row.country_code,
    partOfKey: row.part_of,
    externalIds: { wikidata: row.wikidata, wikidataUrl: row.wikidata ? `https://www.wikidata.org/wiki/${row.wikidata}` : null },
  };
}
