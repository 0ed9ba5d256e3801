import { ConnectionShape, groupedLoader, keyedLoader, MAX_PAGE_SIZE } from '@newsgraph/kit';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { listSourcesOfOutlets, SourceFilter, SourcePage } from './source.list';
import { SOURCE_COLUMNS, SourceModel, SourceRow, toSourceModel } from './source.types';

/** A source reached from another one (`of`) through a derivation. */
export interface Linked {
  of: string;
  source: SourceModel;
}

export function createSourceLoaders(db: DataSource) {
  const sourceByKey = keyedLoader<string, SourceModel>(
    async (keys) => (await db.query(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.key = ANY($1)`, [keys])).map(toSourceModel),
    (s) => s.key,
  );

  // sources reached through a derivation are primed into sourceByKey, so asking for them again is free
  const linked = (rows: Array<SourceRow & { linked_to: string }>): Linked[] =>
    rows.map((r) => {
      const source = toSourceModel(r);
      sourceByKey.prime(source.key, source);
      return { of: r.linked_to, source };
    });

  const derivedFromBySource = groupedLoader<string, Linked>(
    async (keys) =>
      linked(
        await db.query(
          `SELECT d.source_key AS linked_to, ${SOURCE_COLUMNS}
             FROM source_derivation d JOIN source s ON s.key = d.derived_from_key
            WHERE d.source_key = ANY($1) AND d.ordinal < $2 ORDER BY d.source_key, d.ordinal`,
          [keys, LIST_BOUNDS.derivedFrom],
        ),
      ),
    (l) => l.of,
  );

  const derivativesBySource = groupedLoader<string, Linked>(
    async (keys) =>
      linked(
        await db.query(
          // at most a page's maximum per source, whatever the data: `derivatives(first:)` takes from these
          `SELECT o.key AS linked_to, ${SOURCE_COLUMNS}
             FROM unnest($1::text[]) AS o(key)
            CROSS JOIN LATERAL (
              SELECT s.* FROM source_derivation d JOIN source s ON s.key = d.source_key
               WHERE d.derived_from_key = o.key ORDER BY s.published_at DESC NULLS LAST, s.key LIMIT $2
            ) s
            ORDER BY o.key, s.published_at DESC NULLS LAST, s.key`,
          [keys, MAX_PAGE_SIZE],
        ),
      ),
    (l) => l.of,
  );

  const derivativeCountBySource = keyedLoader<string, { key: string; n: number }>(
    async (keys) =>
      db.query('SELECT o.key, (SELECT count(*)::int FROM source_derivation d WHERE d.derived_from_key = o.key) AS n FROM unnest($1::text[]) AS o(key)', [keys]),
    (c) => c.key,
  );

  /** `Outlet.sources` pages, one loader per distinct set of arguments (batched across outlets). */
  const pageLoaders = new Map<string, DataLoader<string, ConnectionShape<SourceModel>>>();
  function sourcesOfOutlet(filter: Omit<SourceFilter, 'outletKey'>, page: SourcePage) {
    const memo = JSON.stringify([filter, page]);
    let loader = pageLoaders.get(memo);
    if (!loader) {
      loader = new DataLoader(async (outletKeys) => {
        const pages = await listSourcesOfOutlets(db, outletKeys, filter, page);
        return outletKeys.map((k) => pages.get(k)!);
      });
      pageLoaders.set(memo, loader);
    }
    return loader;
  }

  return { sourceByKey, derivedFromBySource, derivativesBySource, derivativeCountBySource, sourcesOfOutlet };
}
