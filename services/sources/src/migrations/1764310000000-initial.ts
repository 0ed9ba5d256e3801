import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outlets, sources and the derivation chain between sources (wire copy, citation).
 * Searches are substring matches on folded text (lowercase, accents removed in application code),
 * so trigram indexes serve them; pg_trgm ships with every PostgreSQL build we run on.
 */
export class SourcesInitial1764310000000 implements MigrationInterface {
  name = 'SourcesInitial1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');

    await q.query(`CREATE TABLE outlet (
      key text PRIMARY KEY,
      name text NOT NULL,
      name_folded text NOT NULL,
      country text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // outlets are listed by name; the key breaks ties so cursors are total
    await q.query('CREATE INDEX outlet_name_idx ON outlet (name_folded, key)');
    await q.query('CREATE INDEX outlet_name_trgm_idx ON outlet USING gin (name_folded gin_trgm_ops)');
    await q.query('CREATE INDEX outlet_country_idx ON outlet (country)');

    await q.query(`CREATE TABLE source (
      key text PRIMARY KEY,
      kind text NOT NULL CONSTRAINT source_kind_check
        CHECK (kind IN ('ARTICLE', 'BROADCAST', 'PRESS_BRIEFING', 'SOCIAL_POST', 'INTERVIEW', 'OTHER')),
      url text,
      canonical_url text,
      title text,
      title_folded text,
      outlet_key text CONSTRAINT source_outlet_fk REFERENCES outlet(key),
      published_at timestamptz,
      published_text text,
      language text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // lists are newest first with nulls last, then by key: these indexes match that order exactly
    await q.query('CREATE INDEX source_published_idx ON source (published_at DESC NULLS LAST, key)');
    await q.query('CREATE INDEX source_outlet_published_idx ON source (outlet_key, published_at DESC NULLS LAST, key)');
    await q.query('CREATE INDEX source_kind_idx ON source (kind, published_at DESC NULLS LAST, key)');
    await q.query('CREATE INDEX source_canonical_url_idx ON source (canonical_url)');
    await q.query('CREATE INDEX source_title_trgm_idx ON source USING gin (title_folded gin_trgm_ops)');

    await q.query(`CREATE TABLE source_derivation (
      source_key text NOT NULL CONSTRAINT source_derivation_source_fk REFERENCES source(key) ON DELETE CASCADE,
      ordinal int NOT NULL,
      derived_from_key text NOT NULL CONSTRAINT source_derivation_derived_from_fk REFERENCES source(key),
      CONSTRAINT source_derivation_pk PRIMARY KEY (source_key, ordinal)
    )`);
    await q.query('CREATE INDEX source_derivation_derived_from_idx ON source_derivation (derived_from_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE source_derivation');
    await q.query('DROP TABLE source');
    await q.query('DROP TABLE outlet');
    // pg_trgm stays: other objects of the database may use it
  }
}
