import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * External identifiers of actors: the Wikidata item id (`Q29` is Spain). One actor per item, so
 * `actor(wikidata:)` has one answer; the unique index also serves that lookup.
 */
export class ExternalIds1764700000000 implements MigrationInterface {
  name = 'ExternalIds1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actor ADD COLUMN wikidata text CHECK (wikidata ~ '^Q[1-9][0-9]{0,11}$')`);
    await q.query(`CREATE UNIQUE INDEX actor_wikidata_idx ON actor (wikidata) WHERE wikidata IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actor_wikidata_idx`);
    await q.query(`ALTER TABLE actor DROP COLUMN wikidata`);
  }
}
