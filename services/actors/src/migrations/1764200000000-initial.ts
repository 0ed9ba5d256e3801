import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actors, their aliases and memberships.
 *
 * `*_folded` columns hold names lowercased and without accents (foldText), written by the
 * service, so search ignores case and accents; trigram indexes on them serve substring search.
 * Membership periods are kept as given (`from_text`, `to_text`) and as a half-open day range
 * (`from_day`, `to_day_exclusive`, null = open) so "held on day d" is two comparisons.
 * The foreign keys are deferred: one write may add an actor and, in the same transaction, the
 * actors that point at it, in any order.
 */
export class Initial1764200000000 implements MigrationInterface {
  name = 'Initial1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE TABLE actor (
      key text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('PERSON', 'ORGANIZATION', 'GOVERNMENT', 'COUNTRY', 'OTHER')),
      name text NOT NULL,
      name_folded text NOT NULL,
      country_code text CHECK (country_code ~ '^[A-Z]{2}$'),
      part_of text REFERENCES actor (key) DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (part_of IS DISTINCT FROM key)
    )`);
    await q.query(`CREATE INDEX actor_name_key_idx ON actor (name, key)`);
    await q.query(`CREATE INDEX actor_kind_idx ON actor (kind)`);
    await q.query(`CREATE INDEX actor_country_code_idx ON actor (country_code)`);
    await q.query(`CREATE INDEX actor_part_of_idx ON actor (part_of)`);
    await q.query(`CREATE INDEX actor_name_folded_trgm_idx ON actor USING gin (name_folded gin_trgm_ops)`);

    await q.query(`CREATE TABLE actor_alias (
      actor_key text NOT NULL REFERENCES actor (key) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      ordinal int NOT NULL,
      value text NOT NULL,
      lang text,
      value_folded text NOT NULL,
      PRIMARY KEY (actor_key, ordinal)
    )`);
    await q.query(`CREATE INDEX actor_alias_value_folded_trgm_idx ON actor_alias USING gin (value_folded gin_trgm_ops)`);

    await q.query(`CREATE TABLE membership (
      id bigserial PRIMARY KEY,
      actor_key text NOT NULL REFERENCES actor (key) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      ordinal int NOT NULL,
      organization_key text NOT NULL REFERENCES actor (key) DEFERRABLE INITIALLY DEFERRED,
      role text,
      from_text text,
      to_text text,
      from_day date,
      to_day_exclusive date,
      UNIQUE (actor_key, ordinal),
      CHECK (from_day IS NULL OR to_day_exclusive IS NULL OR from_day < to_day_exclusive)
    )`);
    await q.query(`CREATE INDEX membership_organization_idx ON membership (organization_key, actor_key, ordinal)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE actor_alias`);
    await q.query(`DROP TABLE actor`);
  }
}
