import { PageArgs } from '@newsgraph/kit';
import { ArgsType, Field, InputType } from 'type-graphql';
import { SourceKind } from './source.types';

@InputType({
  description:
    'The outlet of a source. With a `name` the outlet is created or updated; with only a `key` it must exist already (or be named by another source of the same input).',
})
export class OutletInput {
  @Field({ description: 'Key of the outlet, `outlet:` followed by lowercase letters, digits and `:._-`, e.g. `outlet:novinite`.' })
  key: string;

  @Field(() => String, {
    nullable: true,
    description: 'Display name; giving it creates or updates the outlet with this name and country (an absent country is cleared).',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Country, ISO 3166-1 alpha-2 (e.g. `BG`); only taken together with `name`.' })
  country?: string | null;
}

@InputType({
  description:
    'A source to create or update, matched by key. The input describes the whole source: a field left out is cleared, except `derivedFrom`, which is kept when left out.',
})
export class SourceInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable key (`^[a-z0-9][a-z0-9:._-]{0,199}$`). When absent it is derived from the canonical URL, and `url` is required.',
  })
  key?: string | null;

  @Field(() => SourceKind, { nullable: true, defaultValue: SourceKind.ARTICLE, description: 'What kind of record this is.' })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL; required for ARTICLE and SOCIAL_POST.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Headline or title.' })
  title?: string | null;

  @Field(() => OutletInput, { nullable: true, description: 'Who published it.' })
  outlet?: OutletInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'Publication time: an ISO-8601 instant with `Z` or an offset, or a date `YYYY[-MM[-DD]]`. Stored as given.',
  })
  publishedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Language, a BCP-47 tag such as `en` or `pt-BR`.' })
  language?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Keys of the sources this one copies or cites (wire copy, citation chain), in order. Each must exist or be in the same input. Given, it replaces the stored list; absent, the stored list is kept.',
  })
  derivedFrom?: string[] | null;
}

const WINDOW_HELP = 'a date `YYYY[-MM[-DD]]` or an ISO-8601 instant with offset';

@ArgsType()
export class OutletSourcesArgs extends PageArgs {
  @Field(() => SourceKind, { nullable: true, description: 'Only sources of this kind.' })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true, description: `Published at or after this: ${WINDOW_HELP}.` })
  publishedAfter?: string | null;

  @Field(() => String, { nullable: true, description: `Published before this: ${WINDOW_HELP}; a date includes its whole period.` })
  publishedBefore?: string | null;
}

/** The outlet-independent filters plus those that only make sense across outlets. */
@ArgsType()
export class SourcesArgs extends OutletSourcesArgs {
  @Field(() => String, { nullable: true, description: 'Only sources of this outlet (key); unknown: NOT_FOUND.' })
  outlet?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this language; `en` also matches `en-GB`.' })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Text the title contains (case and accents ignored).' })
  search?: string | null;
}
