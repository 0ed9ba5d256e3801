import type { GraphQLResolveInfo } from 'graphql';
import {
  checkSearch,
  decodeCursor,
  encodeCursor,
  globalId,
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
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.list';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { TopicRow, toTopic } from './topic.loaders';
import { Topic, TopicConnection } from './topic.types';

/** Most discussed first. */
const TOPIC_ORDER: SortColumn[] = [
  { sql: 'statement_count', desc: true, cast: 'int' },
  { sql: 'key', desc: true },
];

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => Topic, { description: 'One topic by key; a topic no statement or claim carries is a NOT_FOUND error.' })
  async topic(@Arg('key', { description: 'The key to look up.' }) key: string, @Ctx() ctx: StatementsContext) {
    const found = await ctx.loaders.topicByKey.load(key);
    if (!found || (found.statementCount === 0 && found.claimCount === 0)) throw notFound('topic', key);
    return found;
  }

  @Query(() => TopicConnection, { description: 'Topics with their statement counts, most discussed first; `search` keeps keys containing it.' })
  async topics(
    @Arg('search', () => String, { nullable: true, description: 'Text to look for.' }) search: string | null,
    @Args() pageArgs: PageArgs,
    @Ctx() ctx: StatementsContext,
  ) {
    const page = pageRequest(pageArgs);
    const after = decodeCursor(page.after, ['number', 'string'], 'after');
    const before = decodeCursor(page.before, ['number', 'string'], 'before');
    const params = new Params();
    const add = (v: unknown) => params.add(v);
    const where: string[] = [];
    if (search != null) where.push(`key LIKE ${params.add(containsPattern(checkSearch('search', search).toLowerCase()))}`);
    const countParams = [...params.values];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (after) where.push(keysetPredicate(TOPIC_ORDER, after, 'after', add));
    if (before) where.push(keysetPredicate(TOPIC_ORDER, before, 'before', add));
    // Counts are computed from the arrays; a topics table maintained on write is the scaling path.
    const base = `WITH topic AS (
        SELECT k AS key,
               (SELECT count(*)::int FROM statement WHERE all_topics @> ARRAY[k]) AS statement_count,
               (SELECT count(*)::int FROM claim WHERE topics @> ARRAY[k]) AS claim_count
          FROM (SELECT DISTINCT unnest(all_topics) AS k FROM statement
                UNION SELECT DISTINCT unnest(topics) FROM claim) keys)`;
    const [rows, [{ count }]] = await Promise.all([
      ctx.db.query<TopicRow[]>(
        `${base} SELECT * FROM topic ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${keysetOrder(TOPIC_ORDER, page.backward)} LIMIT ${params.add(page.size + 1)}`,
        params.values,
      ),
      ctx.db.query<{ count: number }[]>(`${base} SELECT count(*)::int AS count FROM topic ${countWhere}`, countParams),
    ]);
    const topics: Topic[] = rows.map(toTopic);
    return toPage(
      topics,
      page,
      count,
      (t) => encodeCursor([t.statementCount, t.key]),
      (t) => t,
    );
  }

  @FieldResolver(() => ID)
  id(@Root() topic: Topic): string {
    return globalId('Topic', topic.key);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements about this topic, newest first; `filter` narrows further.' })
  statements(
    @Root() topic: Topic,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: StatementsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStatements(ctx, filter, page, { info, extra: async (params: Params) => [`s.all_topics @> ARRAY[${params.add(topic.key)}]::text[]`] });
  }
}
