import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims, statements and what hangs off a statement (stances, relations, attestations).
 * Speakers and sources live in other subgraphs: they are plain key columns here.
 */
export class Initial1764300000000 implements MigrationInterface {
  name = 'Initial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE claim (
      key text PRIMARY KEY,
      text text NOT NULL,
      topics text[] NOT NULL DEFAULT '{}',
      content_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX claim_topics_idx ON claim USING gin (topics)`);

    // all_topics = own topics plus the topics of every claim the statement takes a stance on, kept
    // current on write so that "about T" is one indexed predicate.
    // search: English stems for the common case plus the plain words, so other languages still match.
    await q.query(`CREATE TABLE statement (
      key text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      speaker_key text NOT NULL,
      on_behalf_of_key text,
      text text NOT NULL,
      language text,
      form text,
      said_at timestamptz NOT NULL,
      said_on date NOT NULL,
      said_at_text text NOT NULL,
      venue text,
      topics text[] NOT NULL DEFAULT '{}',
      all_topics text[] NOT NULL DEFAULT '{}',
      content_hash text NOT NULL,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', text), 'A') || to_tsvector('simple', text)
      ) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX statement_said_idx ON statement (said_at DESC, key DESC)`);
    await q.query(`CREATE INDEX statement_speaker_idx ON statement (speaker_key, said_on)`);
    await q.query(`CREATE INDEX statement_on_behalf_idx ON statement (on_behalf_of_key, said_on) WHERE on_behalf_of_key IS NOT NULL`);
    await q.query(`CREATE INDEX statement_all_topics_idx ON statement USING gin (all_topics)`);
    await q.query(`CREATE INDEX statement_search_idx ON statement USING gin (search)`);

    await q.query(`CREATE TABLE stance (
      statement_key text NOT NULL REFERENCES statement(key) ON DELETE CASCADE,
      claim_key text NOT NULL REFERENCES claim(key),
      stance text NOT NULL CHECK (stance IN ('AFFIRMS', 'DENIES')),
      ordinal int NOT NULL,
      PRIMARY KEY (statement_key, claim_key)
    )`);
    await q.query(`CREATE INDEX stance_claim_idx ON stance (claim_key, stance)`);

    await q.query(`CREATE TABLE relation (
      statement_key text NOT NULL REFERENCES statement(key) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('CONTRADICTS', 'SUPPORTS', 'RESPONDS_TO')),
      target_key text NOT NULL REFERENCES statement(key) DEFERRABLE INITIALLY DEFERRED,
      ordinal int NOT NULL,
      PRIMARY KEY (statement_key, type, target_key)
    )`);
    await q.query(`CREATE INDEX relation_target_idx ON relation (target_key, type)`);

    await q.query(`CREATE TABLE attestation (
      statement_key text NOT NULL REFERENCES statement(key) ON DELETE CASCADE,
      ordinal int NOT NULL,
      source_key text NOT NULL,
      quoted_text text,
      PRIMARY KEY (statement_key, ordinal)
    )`);
    await q.query(`CREATE INDEX attestation_source_idx ON attestation (source_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attestation');
    await q.query('DROP TABLE relation');
    await q.query('DROP TABLE stance');
    await q.query('DROP TABLE statement');
    await q.query('DROP TABLE claim');
  }
}
