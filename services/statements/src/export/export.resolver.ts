import { ANSWER_BOUNDS, badInput, Params } from '@newsgraph/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { StatementsContext } from '../context';
import { RollupInterval } from '../rollup/actors-directory';
import { filterClauses, statementPage } from '../statement/statement.sql';
import { StatementFilter } from '../statement/statement.types';
import { exportedStatements } from './export.sql';
import { StatementExportPage } from './export.types';

/**
 * The largest export page. The gateway prices a page at about 170 per statement (its lists
 * assumed 10 long, limits.ts), so 500 stay under its cost limit of 100,000.
 */
export const MAX_EXPORT_PAGE = ANSWER_BOUNDS.exportPage;

@Resolver()
export class StatementExportResolver {
  @Query(() => StatementExportPage, {
    description:
      'A page of the bulk export (what GET /export/statements streams): the statements of `statements(filter:)` in the same order and with the same cursors, each with every contradiction as a key (no cap). Forward only; no totalCount. Pages of 1-500, default 500.',
  })
  async statementExport(
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Narrows the list, as in `statements(filter:)`.' }) filter: StatementFilter | null,
    @Arg('after', () => String, { nullable: true, description: 'A cursor from this export or from `statements`: the page starts right after it.' })
    after: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many statements: 1 to ${MAX_EXPORT_PAGE} (default ${MAX_EXPORT_PAGE}).` })
    first: number | null,
    @Ctx() ctx: StatementsContext,
  ): Promise<StatementExportPage> {
    const size = first ?? MAX_EXPORT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_EXPORT_PAGE) throw badInput('first', `must be an integer from 1 to ${MAX_EXPORT_PAGE}, got ${size}`);
    const params = new Params();
    const by: RollupInterval[][] = [];
    const where = await filterClauses(filter, params, { db: ctx.db, rollup: (k) => ctx.loaders.rollup.load(k) }, 's', { byIntervals: by });
    // statementPage reads one row past the page, to tell whether another follows
    const { rows } = await statementPage(ctx.db, where, params, { size, backward: false, after: after ?? null, before: null }, by);
    const page = rows.slice(0, size);
    const statements = await exportedStatements(ctx.db, page);
    return { statements, hasNextPage: rows.length > size, endCursor: statements.at(-1)?.cursor ?? null };
  }
}
