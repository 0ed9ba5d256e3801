import type { GraphQLResolveInfo } from 'graphql';
import {
  checkSearch,
  badInput,
  decodeCursor,
  encodeCursor,
  keysetOrder,
  keysetPredicate,
  notFound,
  PageArgs,
  pageRequest,
  SortColumn,
  toPage,
  containsPattern,
  Params,
} from '@newsgraph/kit';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements, MAX_KEYS } from '../statement/statement.list';
import { StanceKind, StatementConnection, StatementFilter } from '../statement/statement.types';
import { Topic } from '../topic/topic.types';
import { Claim, ClaimConnection, ClaimModel, toClaimModel } from './claim.types';

const CLAIM_ORDER: SortColumn[] = [{ sql: 'key' }];

@Resolver(() => Claim)
export class ClaimResolver {
  @Query(() => Claim, { description: 'One claim by key; an unknown key is a NOT_FOUND error.' })
  async claim(@Arg('key', { description: 'The key to look up.' }) key: string, @Ctx() ctx: StatementsContext) {
    const found = await ctx.loaders.claimByKey.load(key);
    if (!found) throw notFound('claim', key);
    return found;
  }

  @Query(() => [Claim], { nullable: 'items', description: 'Claims by key, in the order asked, null for unknown keys (at most 500).' })
  claimsByKeys(@Arg('keys', () => [String], { description: 'Keys to look up (at most 500).' }) keys: string[], @Ctx() ctx: StatementsContext) {
    if (keys.length > MAX_KEYS) throw badInput('keys', `at most ${MAX_KEYS} keys per call, got ${keys.length}`);
    return ctx.loaders.claimByKey.loadMany(keys);
  }

  @Query(() => ClaimConnection, { description: 'Claims, by key; `search` matches the text ignoring case, `topic` keeps claims carrying that topic.' })
  async claims(
    @Arg('search', () => String, { nullable: true, description: 'Text to look for.' }) search: string | null,
    @Arg('topic', () => String, { nullable: true, description: 'Only claims carrying this topic.' }) topic: string | null,
    @Args() pageArgs: PageArgs,
    @Ctx() ctx: StatementsContext,
  ) {
    const page = pageRequest(pageArgs);
    const after = decodeCursor(page.after, ['string'], 'after');
    const before = decodeCursor(page.before, ['string'], 'before');
    const params = new Params();
    const add = (v: unknown) => params.add(v);
    const where: string[] = [];
    if (search != null) where.push(`text ILIKE ${params.add(containsPattern(checkSearch('search', search)))}`);
    if (topic != null) where.push(`topics @> ARRAY[${params.add(topic)}]::text[]`);
    const countParams = [...params.values];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (after) where.push(keysetPredicate(CLAIM_ORDER, after, 'after', add));
    if (before) where.push(keysetPredicate(CLAIM_ORDER, before, 'before', add));
    const [rows, [{ count }]] = await Promise.all([
      ctx.db.query(
        `SELECT key, text, topics FROM claim ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${keysetOrder(CLAIM_ORDER, page.backward)} LIMIT ${params.add(page.size + 1)}`,
        params.values,
      ),
      ctx.db.query(`SELECT count(*)::int AS count FROM claim ${countWhere}`, countParams),
    ]);
    return toPage(
      rows.map(toClaimModel),
      page,
      count,
      (c: ClaimModel) => encodeCursor([c.key]),
      (c) => c,
    );
  }

  @FieldResolver(() => [Topic], { description: 'Topics of the claim; every statement taking a stance on it is about them too.' })
  topics(@Root() c: ClaimModel, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.topicByKey.loadMany(c.topicKeys.slice(0, LIST_BOUNDS.claimTopics));
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements taking a stance on this claim (only those taking `stance` when given), newest first.' })
  statements(
    @Root() c: ClaimModel,
    @Arg('stance', () => StanceKind, { nullable: true, description: 'Only statements taking this stance.' }) stance: StanceKind | null,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: StatementsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStatements(ctx, filter, page, {
      info,
      extra: async (params) => [
        `EXISTS (SELECT 1 FROM stance st WHERE st.statement_key = s.key AND st.claim_key = ${params.add(c.key)}${
          stance ? ` AND st.stance = ${params.add(stance)}` : ''
        })`,
      ],
    });
  }

  @FieldResolver(() => Int, { description: 'How many statements affirm the claim.' })
  async affirmCount(@Root() c: ClaimModel, @Ctx() ctx: StatementsContext) {
    return (await ctx.loaders.stanceCounts.load(c.key)).AFFIRMS;
  }

  @FieldResolver(() => Int, { description: 'How many statements deny the claim.' })
  async denyCount(@Root() c: ClaimModel, @Ctx() ctx: StatementsContext) {
    return (await ctx.loaders.stanceCounts.load(c.key)).DENIES;
  }
}
