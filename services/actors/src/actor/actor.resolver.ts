import { badInput, notFound, pageRequest, pageSize, processMetrics, requireWriter, toPage, UpsertResult } from '@newsgraph/kit';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { dayArgument, optionalDayArgument } from '../arguments';
import { ActorsContext } from '../context';
import { heldOn, Membership, MembershipConnection } from '../membership/membership.types';
import { membershipCursor } from './actor.loaders';
import { ActorInput, ActorsArgs, MembersArgs } from './actor.inputs';
import { listActors } from './actor.search';
import { Actor, ActorConnection, Alias } from './actor.types';
import { upsertActors } from './actor.writer';

/** `actorsByKeys` answers at most this many keys per call. */
export const MAX_KEYS = 500;

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => Actor, {
    nullable: true,
    description: 'One actor by key or by Wikidata item id (give exactly one); an unknown one is a NOT_FOUND error.',
  })
  async actor(
    @Arg('key', () => String, { nullable: true, description: 'The actor key, e.g. `country:es`.' }) key: string | null,
    @Arg('wikidata', () => String, { nullable: true, description: 'A Wikidata item id, e.g. `Q29` (Spain).' }) wikidata: string | null,
    @Ctx() ctx: ActorsContext,
  ) {
    if ((key == null) === (wikidata == null)) throw badInput(key == null ? 'key' : 'wikidata', 'give exactly one of `key` and `wikidata`');
    if (wikidata != null) {
      if (!/^Q[1-9][0-9]{0,11}$/.test(wikidata))
        throw badInput('wikidata', `"${wikidata.slice(0, 40)}" is not a Wikidata item id (Q followed by digits, e.g. Q29)`);
      const found = await ctx.loaders.actorByWikidata.load(wikidata);
      if (!found) throw new GraphQLError(`No actor with Wikidata item "${wikidata}"`, { extensions: { code: 'NOT_FOUND', wikidata } });
      return found;
    }
    const found = await ctx.loaders.actorByKey.load(key!);
    if (!found) throw notFound('actor', key!);
    return found;
  }

  @Query(() => ActorConnection, {
    description:
      'Actors. `search` matches the name or any alias ignoring case and accents (exact matches first, then ' +
      'prefixes, then substrings); without it actors are sorted by name. Filters combine with AND.',
  })
  async actors(@Args() { search, kind, countryCode, memberOf, partOf, at, ...pageArgs }: ActorsArgs, @Ctx() ctx: ActorsContext) {
    const request = pageRequest(pageArgs);
    const day = optionalDayArgument('at', at);
    if (day !== null && memberOf == null) throw badInput('at', 'only applies together with memberOf');
    if (countryCode != null && !/^[A-Z]{2}$/.test(countryCode)) {
      throw badInput('countryCode', `"${countryCode.slice(0, 20)}" is not an ISO 3166-1 alpha-2 code (two capital letters)`);
    }
    const [member, parent] = await Promise.all([
      memberOf != null ? ctx.loaders.actorByKey.load(memberOf) : undefined,
      partOf != null ? ctx.loaders.actorByKey.load(partOf) : undefined,
    ]);
    if (memberOf != null && !member) throw notFound('actor', memberOf);
    if (partOf != null && !parent) throw notFound('actor', partOf);
    const page = await listActors(
      ctx.dataSource,
      { search: search ?? null, kind: kind ?? null, countryCode: countryCode ?? null, memberOf: memberOf ?? null, partOf: partOf ?? null, at: day },
      request,
    );
    for (const e of page.edges) ctx.loaders.actorByKey.prime(e.node.key, e.node);
    return page;
  }

  @Query(() => [Actor], {
    nullable: 'items',
    description: `Actors by key, in the order asked, null for unknown keys (at most ${MAX_KEYS} keys).`,
  })
  actorsByKeys(@Arg('keys', () => [String], { description: 'Actor keys.' }) keys: string[], @Ctx() ctx: ActorsContext) {
    if (keys.length > MAX_KEYS) throw badInput('keys', `at most ${MAX_KEYS} keys per call, got ${keys.length}`);
    return ctx.loaders.actorByKey.loadMany(keys);
  }

  @Mutation(() => UpsertResult, {
    description:
      'Creates or updates actors by key (needs a write token). The whole list is checked first; any problem ' +
      'refuses the write with every problem listed (code INVALID_PACKAGE), and nothing is written.',
  })
  async upsertActors(@Arg('actors', () => [ActorInput], { description: 'The actors to write.' }) actors: ActorInput[], @Ctx() ctx: ActorsContext) {
    requireWriter(ctx.caller);
    const result = await upsertActors(ctx.dataSource, actors);
    processMetrics().countIngest('actors', 'actor', result);
    return result;
  }

  @FieldResolver(() => [Alias], { description: 'Other names of the actor, in the order given.' })
  aliases(@Root() actor: Actor, @Ctx() ctx: ActorsContext) {
    return ctx.loaders.aliasesByActor.load(actor.key);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Structural parent (ministry -> government -> country), if any.' })
  partOf(@Root() actor: Actor, @Ctx() ctx: ActorsContext) {
    return actor.partOfKey === null ? null : ctx.loaders.actorByKey.load(actor.partOfKey);
  }

  @FieldResolver(() => [Actor], {
    description: 'Direct structural children (actors whose `partOf` is this one), by name: the first `first` of them (`partCount` counts them all).',
  })
  async parts(
    @Root() actor: Actor,
    @Arg('first', () => Int, { nullable: true, description: 'How many to list, by name: 0 to 100 (default 20).' }) first: number | null,
    @Ctx() ctx: ActorsContext,
  ) {
    const size = pageSize(first);
    return (await ctx.loaders.partsByParent.load(actor.key)).slice(0, size);
  }

  @FieldResolver(() => Int, { description: 'How many direct structural children the actor has (the length of the whole `parts` list).' })
  async partCount(@Root() actor: Actor, @Ctx() ctx: ActorsContext): Promise<number> {
    return (await ctx.loaders.partCountByParent.load(actor.key))?.n ?? 0;
  }

  @FieldResolver(() => [Membership], { description: 'Roles this actor holds or held; with `at`, only those held on that day.' })
  async memberships(
    @Root() actor: Actor,
    @Arg('at', () => String, { nullable: true, description: 'A day (YYYY-MM-DD).' }) at: string | null,
    @Ctx() ctx: ActorsContext,
  ) {
    const day = optionalDayArgument('at', at);
    const all = await ctx.loaders.membershipsByActor.load(actor.key);
    return day === null ? all : all.filter((m) => heldOn(m, day));
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'Memberships in this organisation (its members), by member key; with `at`, only those held on that day.',
  })
  async members(@Root() actor: Actor, @Args() { at, ...pageArgs }: MembersArgs, @Ctx() ctx: ActorsContext) {
    const request = pageRequest(pageArgs);
    const day = optionalDayArgument('at', at);
    const page = await ctx.loaders.members(day, request).load(actor.key);
    // the loader fetched size + 1 rows, so toPage can tell whether another page exists
    return toPage(page.rows, request, page.totalCount, membershipCursor, (m) => m);
  }

  @FieldResolver(() => [Actor], {
    description:
      'Every actor this one rolls up to on that day, itself first: its `partOf` chain and the organisations ' +
      'it was a member of then, transitively. A statement by this actor on that day is "by" each of them. The first `first` of them.',
  })
  async rollsUpTo(
    @Root() actor: Actor,
    @Arg('at', () => String, { description: 'A day (YYYY-MM-DD).' }) at: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many to list, itself first: 0 to 100 (default 20).' }) first: number | null,
    @Ctx() ctx: ActorsContext,
  ) {
    const day = dayArgument('at', at);
    const size = pageSize(first);
    const keys = (await ctx.loaders.rollsUpTo.load(`${actor.key}\u001f${day}`)).slice(0, size);
    const found = await ctx.loaders.actorByKey.loadMany(keys);
    return found.filter((a): a is Actor => a !== null && !(a instanceof Error));
  }
}
