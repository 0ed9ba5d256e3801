import { LIST_BOUNDS } from '@newsgraph/news-package';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bounds of a statement's stances, relations, attestations and topics, and a claim's topics (news-package LIST_BOUNDS, README "Security and limits"), kept by the
 * database as well as by validation: list items are stored with ordinals 0..n-1, so an ordinal
 * past the bound is a list past it. NOT VALID: rows written before are not re-checked (the reads
 * are bounded as well), every new write is.
 */
export class ListBounds1764800000000 implements MigrationInterface {
  name = 'ListBounds1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stance ADD CONSTRAINT stance_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.stances}) NOT VALID`);
    await q.query(`ALTER TABLE relation ADD CONSTRAINT relation_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.relations}) NOT VALID`);
    await q.query(`ALTER TABLE attestation ADD CONSTRAINT attestation_ordinal_bound CHECK (ordinal >= 0 AND ordinal < ${LIST_BOUNDS.attestations}) NOT VALID`);
    await q.query(`ALTER TABLE statement ADD CONSTRAINT statement_topics_bound CHECK (cardinality(topics) <= ${LIST_BOUNDS.topics}) NOT VALID`);
    await q.query(`ALTER TABLE claim ADD CONSTRAINT claim_topics_bound CHECK (cardinality(topics) <= ${LIST_BOUNDS.claimTopics}) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE claim DROP CONSTRAINT claim_topics_bound');
    await q.query('ALTER TABLE statement DROP CONSTRAINT statement_topics_bound');
    await q.query('ALTER TABLE attestation DROP CONSTRAINT attestation_ordinal_bound');
    await q.query('ALTER TABLE relation DROP CONSTRAINT relation_ordinal_bound');
    await q.query('ALTER TABLE stance DROP CONSTRAINT stance_ordinal_bound');
  }
}
