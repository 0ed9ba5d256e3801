import { UpsertResult } from '@newsgraph/kit';
import { DataSource, EntityManager } from 'typeorm';
import { PlannedSource, SourcePlan } from './source.validate';

/**
 * Writes a validated plan in one transaction. Every write is an upsert by key that only touches
 * a row whose content differs, so re-sending the same input changes nothing (not even updated_at).
 */
export async function writeSourcePlan(db: DataSource, plan: SourcePlan): Promise<UpsertResult & { outlets: WriteCounts }> {
  return db.transaction(async (m) => {
    const outlets = await upsertOutlets(m, plan);
    const written = await upsertSourceRows(m, plan.sources);
    const relinked = await replaceDerivations(m, plan.sources);

    // a source whose only change is its derivation list is updated too
    const touched = [...relinked].filter((k) => !written.has(k));
    if (touched.length) await m.query('UPDATE source SET updated_at = now() WHERE key = ANY($1)', [touched]);

    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, keys: plan.sources.map((s) => s.key) };
    for (const s of plan.sources) {
      const row = written.get(s.key);
      if (row === 'created') result.created += 1;
      else if (row === 'updated' || relinked.has(s.key)) result.updated += 1;
      else result.unchanged += 1;
    }
    return { ...result, outlets };
  });
}

/** What a write did to one kind of item (the ingest metrics count them by kind). */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

async function upsertOutlets(m: EntityManager, plan: SourcePlan): Promise<WriteCounts> {
  if (!plan.outlets.length) return { created: 0, updated: 0, unchanged: 0 };
  const o = plan.outlets;
  // a row comes back only when written; xmax = 0 tells an insert from an update
  const rows: Array<{ created: boolean }> = await m.query(
    `INSERT INTO outlet (key, name, name_folded, country)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (key) DO UPDATE
       SET name = EXCLUDED.name, name_folded = EXCLUDED.name_folded, country = EXCLUDED.country, updated_at = now()
     WHERE (outlet.name, outlet.country) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.country)
     RETURNING (xmax = 0) AS created`,
    [o.map((x) => x.key), o.map((x) => x.name), o.map((x) => x.nameFolded), o.map((x) => x.country)],
  );
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created, unchanged: o.length - rows.length };
}

/** Upserts the source rows; returns the keys that were created or updated (unchanged ones are absent). */
async function upsertSourceRows(m: EntityManager, sources: PlannedSource[]): Promise<Map<string, 'created' | 'updated'>> {
  if (!sources.length) return new Map();
  const column = <K extends keyof PlannedSource>(k: K) => sources.map((s) => s[k]);
  // xmax = 0 tells a fresh insert from an update; rows whose content is identical are not returned
  const rows: Array<{ key: string; inserted: boolean }> = await m.query(
    `INSERT INTO source (key, kind, url, canonical_url, title, title_folded, outlet_key, published_at, published_text, language)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[], $9::text[], $10::text[])
     ON CONFLICT (key) DO UPDATE
       SET kind = EXCLUDED.kind, url = EXCLUDED.url, canonical_url = EXCLUDED.canonical_url, title = EXCLUDED.title,
           title_folded = EXCLUDED.title_folded, outlet_key = EXCLUDED.outlet_key, published_at = EXCLUDED.published_at,
           published_text = EXCLUDED.published_text, language = EXCLUDED.language, updated_at = now()
     WHERE (source.kind, source.url, source.canonical_url, source.title, source.outlet_key,
            source.published_at, source.published_text, source.language)
       IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.url, EXCLUDED.canonical_url, EXCLUDED.title, EXCLUDED.outlet_key,
            EXCLUDED.published_at, EXCLUDED.published_text, EXCLUDED.language)
     RETURNING key, (xmax = 0) AS inserted`,
    [
      column('key'),
      column('kind'),
      column('url'),
      column('canonicalUrl'),
      column('title'),
      column('titleFolded'),
      column('outletKey'),
      column('publishedAt'),
      column('publishedText'),
      column('language'),
    ],
  );
  return new Map(rows.map((r) => [r.key, r.inserted ? 'created' : 'updated']));
}

/** Replaces the derivation lists that were given and differ from the stored ones; returns their source keys. */
async function replaceDerivations(m: EntityManager, sources: PlannedSource[]): Promise<Set<string>> {
  const given = sources.filter((s) => s.derivedFrom !== null);
  if (!given.length) return new Set();
  const stored = new Map<string, string[]>();
  const rows: Array<{ source_key: string; derived_from_key: string }> = await m.query(
    'SELECT source_key, derived_from_key FROM source_derivation WHERE source_key = ANY($1) ORDER BY source_key, ordinal',
    [given.map((s) => s.key)],
  );
  for (const r of rows) stored.set(r.source_key, [...(stored.get(r.source_key) ?? []), r.derived_from_key]);

  const changed = given.filter((s) => (stored.get(s.key) ?? []).join('\n') !== s.derivedFrom!.join('\n'));
  if (!changed.length) return new Set();
  const keys = changed.map((s) => s.key);
  await m.query('DELETE FROM source_derivation WHERE source_key = ANY($1)', [keys]);
  const links = changed.flatMap((s) => s.derivedFrom!.map((from, ordinal) => ({ key: s.key, ordinal, from })));
  if (links.length) {
    await m.query(
      `INSERT INTO source_derivation (source_key, ordinal, derived_from_key)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`,
      [links.map((l) => l.key), links.map((l) => l.ordinal), links.map((l) => l.from)],
    );
  }
  return new Set(keys);
}
