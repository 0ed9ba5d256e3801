import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "By X" walks, for each actor rolling up to X, that actor's statements newest first and stops
 * after one page (statement.sql.ts). These indexes give that order directly and carry the columns
 * the walk tests (the day, for the roll-up interval, and the topics), so the page costs the number
 * of roll-up intervals times the page size, whatever the size of the archive. They replace the
 * (actor, said_on) indexes, whose equality lookups they serve as well.
 */
export class ByIndexes1764500000000 implements MigrationInterface {
  name = 'ByIndexes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX statement_speaker_said_idx ON statement (speaker_key, said_at DESC, key DESC) INCLUDE (said_on, all_topics)`);
    await q.query(
      `CREATE INDEX statement_on_behalf_said_idx ON statement (on_behalf_of_key, said_at DESC, key DESC) INCLUDE (said_on, all_topics)
        WHERE on_behalf_of_key IS NOT NULL`,
    );
    await q.query('DROP INDEX statement_speaker_idx');
    await q.query('DROP INDEX statement_on_behalf_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX statement_speaker_idx ON statement (speaker_key, said_on)`);
    await q.query(`CREATE INDEX statement_on_behalf_idx ON statement (on_behalf_of_key, said_on) WHERE on_behalf_of_key IS NOT NULL`);
    await q.query('DROP INDEX statement_on_behalf_said_idx');
    await q.query('DROP INDEX statement_speaker_said_idx');
  }
}
