import { EntityManager } from 'typeorm';

/** The NOTIFY channel that wakes feed readers in every statements process. */
export const FEED_CHANNEL = 'newsgraph_statement_events';

/**
 * Records one event per created statement, in the order given, inside the writer's transaction
 * (which holds the write lock, so seq order is commit order). The NOTIFY is queued now and only
 * delivered if and when the transaction commits, so nothing is announced before it is visible.
 */
export async function recordStatementEvents(tx: EntityManager, createdKeys: readonly string[]): Promise<void> {
  if (createdKeys.length === 0) return;
  const [{ last }] = await tx.query(
    `WITH added AS (
       INSERT INTO statement_event (statement_key)
       SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS x(k, i) ORDER BY i
       RETURNING seq)
     SELECT max(seq)::text AS last FROM added`,
    [createdKeys],
  );
  await tx.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, last]);
}
