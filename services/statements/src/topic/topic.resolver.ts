import { checkSearch, decodeCursor, encodeCursor, notFound, pageSize, toConnection } from '@newsgraph/kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { listStatements } from '../statement/statement.resolver';
import { Params } from '../statement/statement.sql';
import { StatementConnection, StatementFilter } from '../statement/statement.types';
import { Topic, TopicConnection } from './topic.types';

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
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item already seen (`pageInfo.endCursor`).' }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    const size = pageSize(first);
    const cursor = decodeCursor(after, ['number', 'string']);
    const params = new Params();
    const where: string[] = [];
    if (search != null) where.push(`key LIKE ${params.add(`%${checkSearch('search', search).toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const countParams = [...params.values];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (cursor) where.push(`(statement_count, key) < (${params.add(cursor[0])}::int, ${params.add(cursor[1])})`);
    // Counts are computed from the arrays; a topics table maintained on write is the scaling path.
    const base = `WITH topic AS (
        SELECT k AS key,
               (SELECT count(*)::int FROM statement WHERE all_topics @> ARRAY[k]) AS statement_count,
               (SELECT count(*)::int FROM claim WHERE topics @> ARRAY[k]) AS claim_count
          FROM (SELECT DISTINCT unnest(all_topics) AS k FROM statement
                UNION SELECT DISTINCT unnest(topics) FROM claim) keys)`;
    const [rows, [{ count }]] = await Promise.all([
      ctx.db.query(
        `${base} SELECT * FROM topic ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY statement_count DESC, key DESC LIMIT ${params.add(size + 1)}`,
        params.values,
      ),
      ctx.db.query(`${base} SELECT count(*)::int AS count FROM topic ${countWhere}`, countParams),
    ]);
    const topics: Topic[] = rows.map((r: any) => ({ key: r.key, statementCount: r.statement_count, claimCount: r.claim_count }));
    return toConnection(topics, size, count, after != null, (t) => encodeCursor([t.statementCount, t.key]), (t) => t);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements about this topic, newest first; `filter` narrows further.' })
  statements(
    @Root() topic: Topic,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list; every given field must hold.' }) filter: StatementFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item already seen (`pageInfo.endCursor`).' }) after: string | null,
    @Ctx() ctx: StatementsContext,
  ) {
    return listStatements(ctx, filter, first, after, async (params: Params) => [
      `s.all_topics @> ARRAY[${params.add(topic.key)}]::text[]`,
    ]);
  }
}
