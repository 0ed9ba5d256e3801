import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live feed's outbox: one row per created statement, written in the statement's own
 * transaction. Writers are serialised by an advisory lock, so `seq` order is commit order and a
 * reader that has seen `seq = n` has seen every committed event before it.
 */
export class StatementEvents1764400000000 implements MigrationInterface {
  name = 'StatementEvents1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE statement_event (
      seq bigserial PRIMARY KEY,
      statement_key text NOT NULL REFERENCES statement(key) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // the cascade from statement looks events up by key
    await q.query(`CREATE INDEX statement_event_statement_idx ON statement_event (statement_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE statement_event');
  }
}
