import { GraphQLError } from 'graphql';
import { ANSWER_BOUNDS, notFound } from '@newsgraph/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { PathStep } from '../rollup/actors-directory';
import { Statement, StatementModel } from '../statement/statement.types';
import { Attribution, AttributionRelation, AttributionStep } from './attribution.types';

function step(s: PathStep): AttributionStep {
  return {
    actor: { key: s.parent },
    relation: s.relation === 'MEMBER_OF' ? AttributionRelation.MEMBER_OF : AttributionRelation.PART_OF,
    role: s.role,
    from: s.from,
    to: s.to,
  };
}

const first = (actor: string): AttributionStep => ({ actor: { key: actor }, relation: null, role: null, from: null, to: null });

/**
 * Statement.attribution lives with statements (which know the speaker, `onBehalfOf` and the day)
 * and asks the actors subgraph for the path (it owns partOf and memberships), batched per request
 * like every roll-up question: see README, Architecture.
 */
/**
 * The most steps an attribution answers. A roll-up path is as long as the chain of partOf and
 * memberships it follows, which nothing bounds at write; real ones are a handful (Albares ->
 * ministry -> government -> Spain is four). Past this the field is an error, never a longer list,
 * so the gateway can price `Attribution.steps` by it (cost-rules.ts). The roll-up itself ("by")
 * follows chains of any depth.
 */
export const MAX_ATTRIBUTION_STEPS = ANSWER_BOUNDS.attributionSteps;

function bounded(s: StatementModel, to: string, attribution: Attribution): Attribution {
  if (attribution.steps.length <= MAX_ATTRIBUTION_STEPS) return attribution;
  throw new GraphQLError(
    `The path from ${s.speakerKey} to ${to} on ${s.saidOn} is ${attribution.steps.length} steps; an attribution answers at most ${MAX_ATTRIBUTION_STEPS}.`,
    { extensions: { code: 'LIMIT_EXCEEDED' } },
  );
}

@Resolver(() => Statement)
export class AttributionResolver {
  @FieldResolver(() => Attribution, {
    nullable: true,
    description:
      'Why this statement is "by" an actor: the roll-up path on the day it was said, from its speaker (preferred) or through the actor it spoke on behalf of; null when the statement is not by that actor. An unknown actor key is a NOT_FOUND error.',
  })
  async attribution(
    @Root() s: StatementModel,
    @Arg('to', () => String, { description: 'The actor key, e.g. `country:es`.' }) to: string,
    @Ctx() ctx: StatementsContext,
  ): Promise<Attribution | null> {
    const id = (actor: string) => `${actor}\u001f${to}\u001f${s.saidOn}`;
    const [bySpeaker, byOnBehalf] = await Promise.all([
      ctx.loaders.path.load(id(s.speakerKey)),
      s.onBehalfOfKey ? ctx.loaders.path.load(id(s.onBehalfOfKey)) : null,
    ]);
    if (!bySpeaker.targetExists) throw notFound('actor', to);
    if (bySpeaker.steps) return bounded(s, to, { on: s.saidOn, steps: [first(s.speakerKey), ...bySpeaker.steps.map(step)] });
    if (byOnBehalf?.steps) {
      const spokeFor: AttributionStep = { ...first(s.onBehalfOfKey!), relation: AttributionRelation.SPOKE_ON_BEHALF_OF };
      return bounded(s, to, { on: s.saidOn, steps: [first(s.speakerKey), spokeFor, ...byOnBehalf.steps.map(step)] });
    }
    return null;
  }
}
