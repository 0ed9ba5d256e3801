import { LIST_BOUNDS } from '@newsgraph/news-package';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bounds of an actor's aliases and memberships (news-package LIST_BOUNDS, README "Security and limits"), kept by the
 * database as well as by validation: list items are stored with ordinals 0..n-1, so an ordinal
 * past the bound is a list past it. NOT VALID: rows written before are not re-checked (the reads
 * are bounded as well), every new write is.
 */
export class ListBounds1764800000000 implements MigrationInterface {
  name = 'ListBounds1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actor_alias ADD CONSTRAINT actor_alias_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.aliases}) NOT VALID`);
    await q.query(`ALTER TABLE membership ADD CONSTRAINT membership_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.memberships}) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE membership DROP CONSTRAINT membership_ordinal_bound');
    await q.query('ALTER TABLE actor_alias DROP CONSTRAINT actor_alias_ordinal_bound');
  }
}
