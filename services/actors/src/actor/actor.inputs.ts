import { PageArgs } from '@newsgraph/kit';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ActorKind } from './actor.types';

@InputType({ description: 'Another name of an actor.' })
export class AliasInput {
  @Field({ description: 'The name as written.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'Language tag (BCP 47, e.g. `es`), when known.' })
  lang?: string | null;
}

@InputType({ description: 'A role held in an organisation for a time.' })
export class MembershipInput {
  @Field({ description: 'Key of the organisation (in the database already, or in the same write).' })
  organization: string;

  @Field(() => String, { nullable: true, description: 'The role, e.g. `Minister of Foreign Affairs`.' })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'Start: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null = open.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'End (inclusive): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null = still held.' })
  to?: string | null;
}

@InputType({ description: 'Identifiers of an actor in other databases.' })
export class ExternalIdsInput {
  @Field(() => String, { nullable: true, description: 'Wikidata item id, `Q` and digits (e.g. `Q29`); one actor per item.' })
  wikidata?: string | null;
}

@InputType({
  description:
    'An actor to create or update, matched by key. Scalar fields are replaced; `aliases` and `memberships` ' +
    'replace the stored lists when given and leave them alone when absent.',
})
export class ActorInput {
  @Field({ description: 'Stable key matching `^[a-z0-9][a-z0-9:._-]{0,199}$`, e.g. `person:jose-manuel-albares`.' })
  key: string;

  @Field(() => ActorKind, { nullable: true, defaultValue: ActorKind.OTHER, description: 'What sort of actor; default OTHER.' })
  kind?: ActorKind | null;

  @Field({ description: 'Display name (not empty).' })
  name: string;

  @Field(() => [AliasInput], { nullable: true, description: 'Other names; replaces the stored list when given.' })
  aliases?: AliasInput[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, two capital letters (`ES`).' })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the structural parent (ministry -> government -> country).' })
  partOf?: string | null;

  @Field(() => [MembershipInput], { nullable: true, description: 'Roles held; replaces the stored list when given.' })
  memberships?: MembershipInput[] | null;

  @Field(() => ExternalIdsInput, { nullable: true, description: 'Identifiers elsewhere; replace the stored ones when given, kept when absent.' })
  externalIds?: ExternalIdsInput | null;
}

@ArgsType()
export class ActorsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Text to find in names and aliases, ignoring case and accents, e.g. `espana`.' })
  search?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'Only actors of this kind.' })
  kind?: ActorKind | null;

  @Field(() => String, { nullable: true, description: 'Only actors with this ISO 3166-1 alpha-2 code (`ES`).' })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only actors with a membership in this organisation (key); see `at`.' })
  memberOf?: string | null;

  @Field(() => String, { nullable: true, description: 'Only direct structural children of this actor (key).' })
  partOf?: string | null;

  @Field(() => String, { nullable: true, description: 'With `memberOf`: only memberships held on this day (YYYY-MM-DD).' })
  at?: string | null;
}

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only memberships held on this day (YYYY-MM-DD).' })
  at?: string | null;
}
