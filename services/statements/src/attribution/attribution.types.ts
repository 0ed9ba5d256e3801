import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Actor } from '../actor/actor.stub';

export enum AttributionRelation {
  MEMBER_OF = 'MEMBER_OF',
  PART_OF = 'PART_OF',
  SPOKE_ON_BEHALF_OF = 'SPOKE_ON_BEHALF_OF',
}

registerEnumType(AttributionRelation, {
  name: 'AttributionRelation',
  description: 'How one step of an attribution path leads to the next actor.',
  valuesConfig: {
    MEMBER_OF: { description: 'The previous actor held a membership (a role) in this one on the statement’s day.' },
    PART_OF: { description: 'The previous actor is structurally part of this one (`partOf`).' },
    SPOKE_ON_BEHALF_OF: { description: 'The speaker spoke for this actor (the statement’s `onBehalfOf`).' },
  },
});

@ObjectType({ description: 'One actor on an attribution path, and how the actor before it leads to it.' })
export class AttributionStep {
  @Field(() => Actor, { description: 'The actor reached at this step.' })
  actor: Actor;

  @Field(() => AttributionRelation, {
    nullable: true,
    description: 'How the previous step’s actor leads to this one; null on the first step (the speaker).',
  })
  relation: AttributionRelation | null;

  @Field(() => String, { nullable: true, description: 'For MEMBER_OF: the role held, e.g. `Minister of Foreign Affairs`.' })
  role: string | null;

  @Field(() => String, { nullable: true, description: 'For MEMBER_OF: when the membership began, as given (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); null if open.' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'For MEMBER_OF: when it ended, as given and inclusive; null while still held.' })
  to: string | null;
}

@ObjectType({
  description:
    'Why a statement counts as "by" an actor: the roll-up path that held on the day it was said, from the speaker (or, when only that holds, through the actor it spoke on behalf of) to the actor asked.',
})
export class Attribution {
  @Field({ description: 'The day the path holds on: the statement’s `saidOn`.' })
  on: string;

  @Field(() => [AttributionStep], {
    description:
      'The steps, speaker first and the actor asked last, e.g. Albares -> MEMBER_OF the Ministry of Foreign Affairs (from 2021-07-12) -> PART_OF the Government of Spain -> PART_OF Spain. The shortest path; of equally short ones, the same one every time.',
  })
  steps: AttributionStep[];
}
