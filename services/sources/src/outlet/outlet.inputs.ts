import { PageArgs } from '@newsgraph/kit';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class OutletsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Text the name contains (case and accents ignored).' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only outlets of this country (ISO 3166-1 alpha-2).' })
  country?: string | null;
}
