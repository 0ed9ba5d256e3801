import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter every write transaction that changes something increments (statement.writer.ts). A
 * cached count is valid while the counter has not moved (statement/count-cache.ts), in every
 * process of the service, since the counter lives in the shared database.
 */
export class WriteVersion1764600000000 implements MigrationInterface {
  name = 'WriteVersion1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE write_version (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version bigint NOT NULL DEFAULT 0
    )`);
    await q.query('INSERT INTO write_version DEFAULT VALUES');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE write_version');
  }
}
