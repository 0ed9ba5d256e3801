import { LIST_BOUNDS } from '@newsgraph/news-package';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bounds of a source's derivedFrom (news-package LIST_BOUNDS, README "Security and limits"), kept by the
 * database as well as by validation: list items are stored with ordinals 0..n-1, so an ordinal
 * past the bound is a list past it. NOT VALID: rows written before are not re-checked (the reads
 * are bounded as well), every new write is.
 */
export class ListBounds1764800000000 implements MigrationInterface {
  name = 'ListBounds1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE source_derivation ADD CONSTRAINT source_derivation_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.derivedFrom}) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE source_derivation DROP CONSTRAINT source_derivation_ordinal_bound');
  }
}
