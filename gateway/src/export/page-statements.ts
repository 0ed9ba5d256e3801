import { dataOrRefuse, Execute } from './execute';
import { EXPORT_PAGE_SIZE, EXPORT_QUERY, ExportedStatement } from './statement-export';

interface Page {
  statementExport: { statements: ExportedStatement[]; hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every statement matching `filter`, in the list's order (newest first), one page at a time. The
 * list is keyset-paged on (said_at, key), so a statement written during the export never shifts
 * the pages that follow; `after` resumes an interrupted export right after the last statement it
 * delivered.
 *
 * While the caller writes a page, the next one is already being read: at most two pages are held
 * in memory, whatever the archive's size, and the subgraphs work while the client reads.
 *
 * The first page is fetched before anything is yielded, so a bad filter or cursor throws
 * ExportRefused before the caller has sent a byte.
 */
export async function* pageStatements(
  execute: Execute,
  filter: Record<string, unknown> | undefined,
  after: string | undefined,
  signal: AbortSignal,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportedStatement[]> {
  const read = (cursor: string | undefined) => {
    const page = execute<Page>(EXPORT_QUERY, { filter, after: cursor, first: pageSize }, signal).then((a) => dataOrRefuse(a).statementExport);
    // a read-ahead the caller never gets to (it stopped, or the client left) must not be an unhandled rejection
    page.catch(() => undefined);
    return page;
  };
  let next: ReturnType<typeof read> | null = read(after);
  while (next) {
    const page: Awaited<ReturnType<typeof read>> = await next;
    next = page.hasNextPage && page.endCursor && !signal.aborted ? read(page.endCursor) : null;
    if (page.statements.length > 0) yield page.statements;
  }
}
