import type { GraphQLResolveInfo } from 'graphql';
import { notFound, PageArgs, badInput } from '@newsgraph/kit';
import { LIST_BOUNDS, STATEMENT_TOPICS_READ } from '@newsgraph/news-package';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { Actor } from '../actor/actor.stub';
import { Claim } from '../claim/claim.types';
import { Source } from '../source/source.stub';
import { Topic } from '../topic/topic.types';
import { DEFAULT_CONTRADICTIONS, MAX_CONTRADICTIONS } from './contradictions.loader';
import { listStatements, MAX_KEYS } from './statement.list';
import { Attestation, Contradiction, Stance, Statement, StatementConnection, StatementFilter, StatementModel, StatementRelation } from './statement.types';

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => Statement, { description: 'One statement by key; an unknown key is a NOT_FOUND error.' })
  async statement(@Arg('key', { description: 'The key to look up.' }) key: string, @Ctx() ctx: StatementsContext): Promise<StatementModel> {
    const found = await ctx.loaders.statementByKey.load(key);
    if (!found) throw notFound('statement', key);
    return found;
  }

  @Query(() => StatementConnection, {
    description:
      'Statements matching a filter, newest first (Relay connection: `first`/`after` forward, `last`/`before` backward; pages of 0-100, default 20).',
  })
  statements(
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: StatementsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStatements(ctx, filter, page, { info });
  }

  @Query(() => [Statement], {
    nullable: 'items',
    description: 'Statements by key, in the order asked, null for unknown keys (at most 500 keys).',
  })
  async statementsByKeys(@Arg('keys', () => [String], { description: 'Keys to look up (at most 500).' }) keys: string[], @Ctx() ctx: StatementsContext) {
    if (keys.length > MAX_KEYS) throw badInput('keys', `at most ${MAX_KEYS} keys per call, got ${keys.length}`);
    return ctx.loaders.statementByKey.loadMany(keys);
  }

  // nullable on purpose: the actors subgraph owns the speaker's fields, and when it is down the
  // gateway nulls the speaker alone instead of the whole statement list (README "Faults")
  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'Who said it. Always set in the data; null only when the actors service cannot be reached (an error then names it).',
  })
  speaker(@Root() s: StatementModel): Actor {
    return { key: s.speakerKey };
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The organisation the speaker spoke for, when reported (a spokeswoman for the White House).' })
  onBehalfOf(@Root() s: StatementModel): Actor | null {
    return s.onBehalfOfKey ? { key: s.onBehalfOfKey } : null;
  }

  @FieldResolver(() => [Topic], { description: 'Every topic the statement is about: its own and those of the claims it takes a stance on.' })
  topics(@Root() s: StatementModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.topicByKey.loadMany(s.allTopics.slice(0, STATEMENT_TOPICS_READ));
  }

  @FieldResolver(() => [String], { description: 'Topic keys given for the statement itself (without those inherited from claims).' })
  ownTopics(@Root() s: StatementModel): string[] {
    return s.topics.slice(0, LIST_BOUNDS.topics);
  }

  @FieldResolver(() => [Stance], { description: 'The claims it affirms or denies.' })
  stances(@Root() s: StatementModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.stancesByStatement.load(s.key);
  }

  @FieldResolver(() => [StatementRelation], { description: 'Explicit relations from this statement to others (contradicts, supports, responds to).' })
  relations(@Root() s: StatementModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.relationsByStatement.load(s.key);
  }

  @FieldResolver(() => [Attestation], { description: 'The sources reporting it, with the words each prints (at least one).' })
  attestations(@Root() s: StatementModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.attestationsByStatement.load(s.key);
  }

  @FieldResolver(() => [Contradiction], {
    description:
      'Statements that contradict this one: linked by a CONTRADICTS relation in either direction (EXPLICIT) or taking the opposite stance on the same claim (DERIVED); a pair that is both is listed once, as EXPLICIT. With `by`, only contradicting statements BY that actor (see StatementFilter.by). Oldest first, at most `first` of them.',
  })
  async contradictions(
    @Root() s: StatementModel,
    @Arg('by', () => String, { nullable: true, description: 'Only contradicting statements by this actor (roll-up at the time each was said).' })
    by: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many to list, oldest first: 0 to ${MAX_CONTRADICTIONS} (default ${DEFAULT_CONTRADICTIONS}); \`contradictionCount\` says how many there are in all.`,
    })
    first: number | null,
    @Ctx() ctx: StatementsContext,
  ) {
    const size = contradictionsPageSize(first);
    await knownActor(ctx, by);
    return (await ctx.loaders.contradictions(by ?? null, size).load(s.key)).items;
  }

  @FieldResolver(() => Int, {
    description: 'How many statements contradict this one (with `by`, only those by that actor): the length of the whole `contradictions` list.',
  })
  async contradictionCount(
    @Root() s: StatementModel,
    @Arg('by', () => String, { nullable: true, description: 'Count only contradicting statements by this actor (as in `contradictions(by:)`).' })
    by: string | null,
    @Ctx() ctx: StatementsContext,
  ): Promise<number> {
    await knownActor(ctx, by);
    return (await ctx.loaders.contradictions(by ?? null, 0).load(s.key)).total;
  }
}

async function knownActor(ctx: StatementsContext, by: string | null): Promise<void> {
  if (by == null) return;
  const found = await ctx.loaders.rollup.load(by);
  if (!found.exists) throw notFound('actor', by);
}

function contradictionsPageSize(first: number | null): number {
  if (first == null) return DEFAULT_CONTRADICTIONS;
  if (!Number.isInteger(first) || first < 0 || first > MAX_CONTRADICTIONS) {
    throw badInput('first', `must be an integer from 0 to ${MAX_CONTRADICTIONS}, got ${first}`);
  }
  return first;
}

@Resolver(() => Attestation)
export class AttestationResolver {
  @FieldResolver(() => Source, { description: 'The source (article, broadcast, briefing…).' })
  source(@Root() a: Attestation): Source {
    return { key: a.sourceKey };
  }
}

@Resolver(() => StatementRelation)
export class StatementRelationResolver {
  @FieldResolver(() => Statement, { description: 'The statement this one relates to.' })
  async statement(@Root() r: StatementRelation, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.statementByKey.load(r.targetKey);
  }
}

@Resolver(() => Stance)
export class StanceResolver {
  @FieldResolver(() => Claim, { description: 'The claim taken a stance on.' })
  async claim(@Root() s: Stance, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.claimByKey.load(s.claimKey);
  }
}
