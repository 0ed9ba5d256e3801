import { badInput, ErrorCode, invalidInput, notFound, pageSize, processMetrics, requireWriter, UpsertResult } from '@newsgraph/kit';
import { canonicalUrl } from '@newsgraph/news-package';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SourcesContext } from '../context';
import { Outlet, OutletModel } from '../outlet/outlet.types';
import { SourceInput, SourcesArgs } from './source.inputs';
import { listSources, parseSourceListArgs } from './source.list';
import { SOURCE_COLUMNS, Source, SourceConnection, SourceModel, toSourceModel } from './source.types';
import { planSources, referencedKeys } from './source.validate';
import { writeSourcePlan } from './source.write';

export const MAX_KEYS_PER_LOOKUP = 500;

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'One source by key; an unknown key is a NOT_FOUND error.' })
  async source(@Arg('key', { description: 'Key of the source.' }) key: string, @Ctx() ctx: SourcesContext): Promise<SourceModel> {
    const found = await ctx.loaders.sourceByKey.load(key);
    if (!found) throw notFound('source', key);
    return found;
  }

  @Query(() => Source, {
    nullable: true,
    description:
      'The source published at a URL, matched on the canonical form (tracking parameters and fragment ignored). If several sources share it, the first one written. Unknown: NOT_FOUND.',
  })
  async sourceByUrl(@Arg('url', { description: 'Absolute http(s) URL.' }) url: string, @Ctx() ctx: SourcesContext): Promise<SourceModel> {
    const canonical = canonicalUrl(url);
    if (!canonical) throw badInput('url', `"${url.slice(0, 200)}" is not an absolute http(s) URL`);
    const rows = await ctx.dataSource.query(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.canonical_url = $1 ORDER BY s.created_at, s.key LIMIT 1`, [
      canonical,
    ]);
    if (!rows.length) {
      throw new GraphQLError(`No source with URL "${canonical}"`, { extensions: { code: ErrorCode.NOT_FOUND, url: canonical } });
    }
    const source = toSourceModel(rows[0]);
    ctx.loaders.sourceByKey.prime(source.key, source);
    return source;
  }

  @Query(() => SourceConnection, {
    description: 'Sources, newest first (those without a publication time last), optionally filtered.',
  })
  async sources(@Args() args: SourcesArgs, @Ctx() ctx: SourcesContext) {
    const { filter, page } = parseSourceListArgs(args);
    if (args.outlet != null) {
      if (!(await ctx.loaders.outletByKey.load(args.outlet))) throw notFound('outlet', args.outlet);
      filter.outletKey = args.outlet;
    }
    return listSources(ctx.dataSource, filter, page);
  }

  @Query(() => [Source], {
    nullable: 'items',
    description: `Sources by key, in the order asked, null for unknown keys (at most ${MAX_KEYS_PER_LOOKUP}); used to check references before writing.`,
  })
  async sourcesByKeys(
    @Arg('keys', () => [String], { description: 'Keys to look up.' }) keys: string[],
    @Ctx() ctx: SourcesContext,
  ): Promise<Array<SourceModel | null>> {
    if (keys.length > MAX_KEYS_PER_LOOKUP) throw badInput('keys', `at most ${MAX_KEYS_PER_LOOKUP} keys, got ${keys.length}`);
    return Promise.all(keys.map((k) => ctx.loaders.sourceByKey.load(k)));
  }

  @Mutation(() => UpsertResult, {
    description:
      'Creates or updates sources (and the outlets named in them) by key, all or nothing: the whole input is checked first and any problem refuses it with every problem listed (INVALID_PACKAGE). Needs a write token.',
  })
  async upsertSources(
    @Arg('sources', () => [SourceInput], { description: 'The sources to write; they may derive from each other in any order.' })
    sources: SourceInput[],
    @Ctx() ctx: SourcesContext,
  ): Promise<UpsertResult> {
    requireWriter(ctx.caller);
    const refs = referencedKeys(sources);
    const [knownSources, knownOutlets] = await Promise.all([
      refs.sources.length ? ctx.dataSource.query<Array<{ key: string }>>('SELECT key FROM source WHERE key = ANY($1)', [refs.sources]) : [],
      refs.outlets.length ? ctx.dataSource.query<Array<{ key: string }>>('SELECT key FROM outlet WHERE key = ANY($1)', [refs.outlets]) : [],
    ]);
    const plan = planSources(sources, {
      sources: new Set(knownSources.map((r) => r.key)),
      outlets: new Set(knownOutlets.map((r) => r.key)),
    });
    if (plan.problems.length) throw invalidInput(plan.problems);
    const { outlets, ...result } = await writeSourcePlan(ctx.dataSource, plan);
    processMetrics().countIngest('sources', 'source', result);
    processMetrics().countIngest('sources', 'outlet', outlets);
    return result;
  }

  @FieldResolver(() => Outlet, { nullable: true, description: 'Who published it.' })
  outlet(@Root() source: SourceModel, @Ctx() ctx: SourcesContext): Promise<OutletModel | null> | null {
    return source.outletKey ? ctx.loaders.outletByKey.load(source.outletKey) : null;
  }

  @FieldResolver(() => [Source], { description: 'The sources this one copies or cites (wire copy, citation chain), in the order given.' })
  async derivedFrom(@Root() source: SourceModel, @Ctx() ctx: SourcesContext): Promise<SourceModel[]> {
    return (await ctx.loaders.derivedFromBySource.load(source.key)).map((l) => l.source);
  }

  @FieldResolver(() => [Source], {
    description: 'The sources that copy or cite this one, newest first: the first `first` of them (`derivativeCount` counts them all).',
  })
  async derivatives(
    @Root() source: SourceModel,
    @Arg('first', () => Int, { nullable: true, description: 'How many to list, newest first: 0 to 100 (default 20).' }) first: number | null,
    @Ctx() ctx: SourcesContext,
  ): Promise<SourceModel[]> {
    const size = pageSize(first);
    return (await ctx.loaders.derivativesBySource.load(source.key)).slice(0, size).map((l) => l.source);
  }

  @FieldResolver(() => Int, { description: 'How many sources copy or cite this one (the length of the whole `derivatives` list).' })
  async derivativeCount(@Root() source: SourceModel, @Ctx() ctx: SourcesContext): Promise<number> {
    return (await ctx.loaders.derivativeCountBySource.load(source.key))?.n ?? 0;
  }
}
