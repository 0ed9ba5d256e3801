import { createTestDatabase, TestDatabase } from '@newsgraph/kit/testing';
import { DataSource } from 'typeorm';
import { createSourcesDataSource } from '../data-source';

async function tables(db: DataSource): Promise<string[]> {
  const rows = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
  return rows.map((r: any) => r.table_name);
}

describe('sources migrations', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('sources_migrations');
    db = createSourcesDataSource(database.url);
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('build the schema on an empty database', async () => {
    expect(await tables(db)).toEqual([]);
    expect(await db.showMigrations()).toBe(true);
    const applied = await db.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(['SourcesInitial1764310000000', 'ListBounds1764800000000']);
    expect(await db.showMigrations()).toBe(false);
    expect(await tables(db)).toEqual(['migrations', 'outlet', 'source', 'source_derivation']);

    const indexes = await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
    expect(indexes.map((r: any) => r.indexname)).toEqual(
      expect.arrayContaining([
        'source_outlet_published_idx',
        'source_kind_idx',
        'source_canonical_url_idx',
        'source_derivation_derived_from_idx',
        'outlet_name_trgm_idx',
      ]),
    );
  });

  it('revert cleanly and apply again', async () => {
    // the list bounds first (the tables stay), then the initial schema
    await db.undoLastMigration();
    expect(await tables(db)).toEqual(['migrations', 'outlet', 'source', 'source_derivation']);
    await db.undoLastMigration();
    expect(await tables(db)).toEqual(['migrations']);
    await db.runMigrations();
    expect(await tables(db)).toEqual(['migrations', 'outlet', 'source', 'source_derivation']);
  });
});
