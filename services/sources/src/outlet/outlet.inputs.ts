import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class OutletsArgs {
  @Field(() => String, { nullable: true, description: 'Text the name contains (case and accents ignored).' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only outlets of this country (ISO 3166-1 alpha-2).' })
  country?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item after which the page starts.' })
  after?: string | null;
}
