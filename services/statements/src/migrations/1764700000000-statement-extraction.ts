import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an extractor found a statement (`npm run extract`, CONTRACT.md section 7): confidence,
 * offsets in the article, and whether a person should review it. Kept as given, so a review
 * workflow can list what still needs a look; null for statements written by hand.
 */
export class StatementExtraction1764700000000 implements MigrationInterface {
  name = 'StatementExtraction1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE statement ADD COLUMN extraction jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE statement DROP COLUMN extraction');
  }
}
