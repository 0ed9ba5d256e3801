import { invalidInput, UpsertResult } from '@newsgraph/kit';
import type { Problem } from '@newsgraph/news-package';
import { DataSource, EntityManager } from 'typeorm';
import { ActorInputLike, checkReferences, NormalActor, NormalAlias, NormalMembership, normaliseActors, sortProblems } from './actor.validation';

/** Serialises actor writes, so the reference and cycle checks still hold when the write commits. */
const WRITE_LOCK = 0x6e67_6163; // "ngac"

interface StoredActor {
  kind: string;
  name: string;
  countryCode: string | null;
  partOf: string | null;
  wikidata: string | null;
  aliases: Array<Pick<NormalAlias, 'value' | 'lang'>>;
  memberships: Array<Pick<NormalMembership, 'organization' | 'role' | 'from' | 'to'>>;
}

async function loadStored(em: EntityManager, keys: string[]): Promise<Map<string, StoredActor>> {
  // one after the other: a transaction is one connection, which runs one query at a time anyway
  const actors = await em.query('SELECT key, kind, name, country_code, part_of, wikidata FROM actor WHERE key = ANY($1::text[])', [keys]);
  const aliases = await em.query('SELECT actor_key, value, lang FROM actor_alias WHERE actor_key = ANY($1::text[]) ORDER BY actor_key, ordinal', [keys]);
  const memberships = await em.query(
    'SELECT actor_key, organization_key, role, from_text, to_text FROM membership WHERE actor_key = ANY($1::text[]) ORDER BY actor_key, ordinal',
    [keys],
  );
  const out = new Map<string, StoredActor>();
  for (const r of actors) {
    out.set(r.key, { kind: r.kind, name: r.name, countryCode: r.country_code, partOf: r.part_of, wikidata: r.wikidata, aliases: [], memberships: [] });
  }
  for (const r of aliases) out.get(r.actor_key)?.aliases.push({ value: r.value, lang: r.lang });
  for (const r of memberships) {
    out.get(r.actor_key)?.memberships.push({ organization: r.organization_key, role: r.role, from: r.from_text, to: r.to_text });
  }
  return out;
}

/** The stored keys that matter to the reference checks: the referenced actors and their partOf ancestors. */
async function loadReferenced(em: EntityManager, keys: string[]): Promise<Map<string, string | null>> {
  const rows: Array<{ key: string; part_of: string | null }> = keys.length
    ? await em.query(
        `WITH RECURSIVE up(key, part_of) AS (
           SELECT key, part_of FROM actor WHERE key = ANY($1::text[])
           UNION
           SELECT a.key, a.part_of FROM actor a JOIN up ON a.key = up.part_of
         ) SELECT key, part_of FROM up`,
        [keys],
      )
    : [];
  return new Map(rows.map((r) => [r.key, r.part_of]));
}

/** A Wikidata item already held by another actor than the one the input gives it to. */
async function wikidataTaken(em: EntityManager, actors: NormalActor[]): Promise<Problem[]> {
  const given = actors.map((a, i) => ({ i, key: a.key, qid: a.externalIds?.wikidata ?? null })).filter((g) => g.qid !== null);
  if (!given.length) return [];
  const rows: Array<{ key: string; wikidata: string }> = await em.query('SELECT key, wikidata FROM actor WHERE wikidata = ANY($1::text[])', [
    given.map((g) => g.qid),
  ]);
  const holder = new Map(rows.map((r) => [r.wikidata, r.key]));
  // moving an item from one actor to another takes two writes: first clear it, then give it
  return given
    .filter((g) => {
      const other = holder.get(g.qid!);
      return other !== undefined && other !== g.key;
    })
    .map((g) => ({
      path: `/actors/${g.i}/externalIds/wikidata`,
      message: `${g.qid} already identifies actor "${holder.get(g.qid!)}" (one actor per Wikidata item)`,
    }));
}

const sameAliases = (a: StoredActor['aliases'], b: NormalAlias[]) => a.length === b.length && a.every((x, k) => x.value === b[k].value && x.lang === b[k].lang);

const sameMemberships = (a: StoredActor['memberships'], b: NormalMembership[]) =>
  a.length === b.length && a.every((x, k) => x.organization === b[k].organization && x.role === b[k].role && x.from === b[k].from && x.to === b[k].to);

/**
 * Creates or updates actors by key, all or nothing. The whole input is checked first (shape,
 * then references and partOf cycles against the database); any problem refuses the write with
 * every problem listed. An actor whose stored content already equals the input is not touched.
 */
export async function upsertActors(db: DataSource, inputs: readonly ActorInputLike[]): Promise<UpsertResult> {
  const { actors, problems } = normaliseActors(inputs);
  return db.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const referenced = new Set<string>();
    for (const a of actors) {
      if (a.partOf) referenced.add(a.partOf);
      for (const m of a.memberships ?? []) referenced.add(m.organization);
    }
    const stored = await loadReferenced(em, [...referenced]);
    const all = sortProblems([...problems, ...checkReferences(actors, stored), ...(await wikidataTaken(em, actors))]);
    if (all.length) throw invalidInput(all);

    const existing = await loadStored(
      em,
      actors.map((a) => a.key),
    );
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, keys: actors.map((a) => a.key) };
    const rowsToWrite: NormalActor[] = [];
    const aliasesToWrite: NormalActor[] = [];
    const membershipsToWrite: NormalActor[] = [];
    for (const a of actors) {
      const old = existing.get(a.key);
      const aliasesChanged = a.aliases !== null && !(old && sameAliases(old.aliases, a.aliases));
      const membershipsChanged = a.memberships !== null && !(old && sameMemberships(old.memberships, a.memberships));
      // identifiers left out keep the stored ones
      const wikidata = a.externalIds ? a.externalIds.wikidata : (old?.wikidata ?? null);
      const rowChanged =
        !old || old.kind !== a.kind || old.name !== a.name || old.countryCode !== a.countryCode || old.partOf !== a.partOf || old.wikidata !== wikidata;
      if (!old) result.created += 1;
      else if (rowChanged || aliasesChanged || membershipsChanged) result.updated += 1;
      else {
        result.unchanged += 1;
        continue;
      }
      rowsToWrite.push({ ...a, externalIds: { wikidata } }); // also bumps updated_at when only a list changed
      if (aliasesChanged) aliasesToWrite.push(a);
      if (membershipsChanged) membershipsToWrite.push(a);
    }
    await writeRows(em, rowsToWrite);
    await writeAliases(em, aliasesToWrite);
    await writeMemberships(em, membershipsToWrite);
    return result;
  });
}

async function writeRows(em: EntityManager, actors: NormalActor[]): Promise<void> {
  if (!actors.length) return;
  await em.query(
    `INSERT INTO actor (key, kind, name, name_folded, country_code, part_of, wikidata)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, name_folded = EXCLUDED.name_folded,
       country_code = EXCLUDED.country_code, part_of = EXCLUDED.part_of, wikidata = EXCLUDED.wikidata, updated_at = now()`,
    [
      actors.map((a) => a.key),
      actors.map((a) => a.kind),
      actors.map((a) => a.name),
      actors.map((a) => a.nameFolded),
      actors.map((a) => a.countryCode),
      actors.map((a) => a.partOf),
      actors.map((a) => a.externalIds?.wikidata ?? null),
    ],
  );
}

async function writeAliases(em: EntityManager, actors: NormalActor[]): Promise<void> {
  if (!actors.length) return;
  await em.query('DELETE FROM actor_alias WHERE actor_key = ANY($1::text[])', [actors.map((a) => a.key)]);
  const rows = actors.flatMap((a) => a.aliases!.map((x, ordinal) => ({ key: a.key, ordinal, ...x })));
  if (!rows.length) return;
  await em.query(
    `INSERT INTO actor_alias (actor_key, ordinal, value, lang, value_folded)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
    [rows.map((r) => r.key), rows.map((r) => r.ordinal), rows.map((r) => r.value), rows.map((r) => r.lang), rows.map((r) => r.valueFolded)],
  );
}

async function writeMemberships(em: EntityManager, actors: NormalActor[]): Promise<void> {
  if (!actors.length) return;
  await em.query('DELETE FROM membership WHERE actor_key = ANY($1::text[])', [actors.map((a) => a.key)]);
  const rows = actors.flatMap((a) => a.memberships!.map((m, ordinal) => ({ key: a.key, ordinal, ...m })));
  if (!rows.length) return;
  await em.query(
    `INSERT INTO membership (actor_key, ordinal, organization_key, role, from_text, to_text, from_day, to_day_exclusive)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[])`,
    [
      rows.map((r) => r.key),
      rows.map((r) => r.ordinal),
      rows.map((r) => r.organization),
      rows.map((r) => r.role),
      rows.map((r) => r.from),
      rows.map((r) => r.to),
      rows.map((r) => r.fromDay),
      rows.map((r) => r.toDayExclusive),
    ],
  );
}
