import { notFound, pageSize, toConnection } from '@newsgraph/kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Actor } from '../actor/actor.stub';
import { Claim, ClaimModel } from '../claim/claim.types';
import { StatementsContext } from '../context';
import { RollupInterval } from '../rollup/actors-directory';
import { StanceKind, StatementModel } from '../statement/statement.types';
import { actorChangesPage, afterChangeCursor, allPositions, changeCursor, changesPerActor, positionCursor, positionsPage } from './position.sql';
import { Position, PositionChange, PositionChangeConnection, PositionChangeModel, PositionConnection, PositionModel } from './position.types';
import { topLevelOfAll } from './top-level';

const FIRST = 'Page size, 0 to 100 (default 20).';
const AFTER = 'Cursor of the last item already seen (`pageInfo.endCursor`).';

async function rollupOf(ctx: StatementsContext, actor: string): Promise<RollupInterval[]> {
  const found = await ctx.loaders.rollup.load(actor);
  if (!found.exists) throw notFound('actor', actor);
  return found.intervals;
}

async function claimOf(ctx: StatementsContext, key: string): Promise<ClaimModel> {
  const found = await ctx.loaders.claimByKey.load(key);
  if (!found) throw notFound('claim', key);
  return found;
}

async function positionTimeline(ctx: StatementsContext, claimKey: string, by: string | null | undefined, first: number | null, after: string | null) {
  const size = pageSize(first);
  const intervals = by == null ? null : await rollupOf(ctx, by);
  const { rows, totalCount } = await positionsPage(ctx.db, claimKey, intervals, size, after);
  for (const p of rows) ctx.loaders.statementByKey.prime(p.statement.key, p.statement);
  return toConnection(rows, size, totalCount, after != null, positionCursor, (p) => p);
}

async function claimChanges(ctx: StatementsContext, claimKey: string, first: number | null, after: string | null) {
  const size = pageSize(first);
  const positions = await allPositions(ctx.db, claimKey);
  const actors = await topLevelOfAll(
    positions.map((p) => p.statement),
    ctx.loaders.topLevel,
  );
  const all = changesPerActor(positions, actors);
  const page = afterChangeCursor(all, after).slice(0, size + 1);
  // the positions were read with partial statements: the page's are read in full, in one batch
  const keys = [...new Set(page.flatMap((c) => [c.before.statement.key, c.after.statement.key]))];
  const full = new Map<string, StatementModel>();
  for (const s of await ctx.loaders.statementByKey.loadMany(keys)) if (s && !(s instanceof Error)) full.set(s.key, s);
  const whole = (p: PositionModel): PositionModel => ({ ...p, statement: full.get(p.statement.key)! });
  const rows = page.map((c) => ({ ...c, before: whole(c.before), after: whole(c.after) }));
  return toConnection(rows, size, all.length, after != null, changeCursor, (c) => c);
}

@Resolver(() => Claim)
export class ClaimPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description:
      'The position timeline: every statement taking a stance on this claim, oldest first, each with its stance. With `by`, only statements by that actor (roll-up at the date each was said, as in StatementFilter.by).',
  })
  positions(
    @Root() c: ClaimModel,
    @Arg('by', () => String, { nullable: true, description: 'Only positions taken by this actor (an unknown key is a NOT_FOUND error).' }) by: string | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    return positionTimeline(ctx, c.key, by, first, after);
  }

  @FieldResolver(() => PositionChangeConnection, {
    description:
      'Changes of position on this claim, per top-level actor (see Position.topLevelActors): wherever the stance of the statements by a top-level actor turns from AFFIRMS to DENIES or back, in time order.',
  })
  positionChanges(
    @Root() c: ClaimModel,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    return claimChanges(ctx, c.key, first, after);
  }
}

@Resolver(() => Actor)
export class ActorPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description:
      'This actor’s position timeline on a claim: the statements by it (roll-up at the date each was said) taking a stance on the claim, oldest first. The same as `claim(key) { positions(by: <this key>) }`.',
  })
  async positions(
    @Root() actor: Actor,
    @Arg('claim', () => String, { description: 'The claim key (an unknown key is a NOT_FOUND error).' }) claim: string,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    await claimOf(ctx, claim);
    return positionTimeline(ctx, claim, actor.key, first, after);
  }

  @FieldResolver(() => PositionChangeConnection, {
    description:
      'This actor’s changes of position: per claim, wherever the stance of the statements by it (roll-up at the date each was said) turns from AFFIRMS to DENIES or back, with the two statements that show it, in time order.',
  })
  async positionChanges(
    @Root() actor: Actor,
    @Arg('claim', () => String, { nullable: true, description: 'Only changes on this claim (an unknown key is a NOT_FOUND error).' }) claim: string | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    const size = pageSize(first);
    if (claim != null) await claimOf(ctx, claim);
    const intervals = await rollupOf(ctx, actor.key);
    const { rows, totalCount } = await actorChangesPage(ctx.db, actor.key, intervals, claim ?? null, size, after);
    for (const c of rows) for (const p of [c.before, c.after]) ctx.loaders.statementByKey.prime(p.statement.key, p.statement);
    return toConnection(rows, size, totalCount, after != null, changeCursor, (c) => c);
  }
}

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Claim, { description: 'The claim the stance is on.' })
  claim(@Root() p: PositionModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.claimByKey.load(p.claimKey);
  }

  @FieldResolver(() => [Actor], {
    description:
      'The top-level actors the statement is by: those its speaker or `onBehalfOf` actor rolls up to on the day it was said, stopping at the first actor with no `partOf` that is not a person (a country, an international organisation, a party); the speaker itself when it reaches none. Sorted by key.',
  })
  async topLevelActors(
    @Root() p: PositionModel,
    @Arg('first', () => Int, { nullable: true, description: 'How many to list, by key: 0 to 100 (default 20).' }) first: number | null,
    @Ctx() ctx: StatementsContext,
  ): Promise<Actor[]> {
    const size = pageSize(first);
    const [keys] = await topLevelOfAll([p.statement], ctx.loaders.topLevel);
    return keys.slice(0, size).map((key) => ({ key }));
  }
}

@Resolver(() => PositionChange)
export class PositionChangeResolver {
  @FieldResolver(() => Actor, { description: 'Whose stance turned: the actor asked about, or a top-level actor for Claim.positionChanges.' })
  actor(@Root() c: PositionChangeModel): Actor {
    return { key: c.actorKey };
  }

  @FieldResolver(() => StanceKind, { description: 'The stance before the turn (that of `before`).' })
  from(@Root() c: PositionChangeModel): StanceKind {
    return c.before.stance;
  }

  @FieldResolver(() => StanceKind, { description: 'The stance after the turn (that of `after`).' })
  to(@Root() c: PositionChangeModel): StanceKind {
    return c.after.stance;
  }

  @FieldResolver(() => Claim, { description: 'The claim the stance turned on.' })
  claim(@Root() c: PositionChangeModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.claimByKey.load(c.claimKey);
  }
}
