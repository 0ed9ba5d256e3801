import { connectionTypes, globalId, Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

export interface ClaimModel {
  id: string;
  key: string;
  text: string;
  topicKeys: string[];
}

/** A claim row as the database returns it. */
export interface ClaimRow {
  key: string;
  text: string;
  topics: string[];
}

export function toClaimModel(row: ClaimRow): ClaimModel {
  return { id: globalId('Claim', row.key), key: row.key, text: row.text, topicKeys: row.topics };
}

@Directive('@key(fields: "key")')
@ObjectType({
  implements: Node,
  description:
    'A normalised proposition that statements affirm or deny, e.g. "Spain has agreed to cooperate with the US military operation against Iran". Opposite stances on one claim are DERIVED contradictions.',
})
export class Claim {
  @Field(() => ID, {
    description:
      'Global id, unique across all types and stable: `Claim:<key>` (e.g. `Claim:claim:spain-agreed-to-cooperate-with-us-military-against-iran`); `node(id:)` refetches it.',
  })
  id: string;

  @Field({ description: 'Stable key, e.g. `claim:spain-agreed-to-cooperate-with-us-military-against-iran`.' })
  key: string;

  @Field({ description: 'The proposition, stated neutrally.' })
  text: string;
}

export const { Connection: ClaimConnection } = connectionTypes('Claim', Claim, 'A page of claims.');
