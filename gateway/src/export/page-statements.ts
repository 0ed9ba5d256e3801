import { dataOrRefuse, Execute } from './execute';
import { EXPORT_PAGE_SIZE, EXPORT_QUERY, ExportEdge } from './statement-export';

interface Page {
  statements: { edges: ExportEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * Every statement matching `filter`, in the list's order (newest first), one page at a time:
 * at most one page is held in memory, whatever the archive's size. The list is keyset-paged on
 * (said_at, key), so a statement written during the export never shifts the pages that follow;
 * `after` resumes an interrupted export right after the last statement it delivered.
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
): AsyncGenerator<ExportEdge[]> {
  let cursor = after;
  for (;;) {
    const answer = await execute<Page>(EXPORT_QUERY, { filter, after: cursor, first: pageSize }, signal);
    const page = dataOrRefuse(answer).statements;
    if (page.edges.length > 0) yield page.edges;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || signal.aborted) return;
    cursor = page.pageInfo.endCursor;
  }
}
