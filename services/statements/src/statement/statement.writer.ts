import { createHash } from 'node:crypto';
import { invalidInput, UpsertResult } from '@newsgraph/kit';
import { checkPackage, NewsPackage, PACKAGE_FORMAT, PackageClaim, PackageStatement, parseSaidAt, Problem, withoutNulls } from '@newsgraph/news-package';
import { ExternalReferences, unknownExternalReferences } from './external-references';
import { DataSource, EntityManager } from 'typeorm';
import { recordStatementEvents } from '../feed/feed.outbox';
import { bumpWriteVersion } from './count-cache';
import { effectiveTopics } from './rules';
import { ClaimInput, StatementInput } from './statement.inputs';

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface StatementsWritten extends UpsertResult {
  /** the same counts, claims and statements apart (ingest metrics) */
  byKind: Record<'claim' | 'statement', { created: number; updated: number; unchanged: number }>;
}

function counts(items: number, created: number, updated: number) {
  return { created, updated, unchanged: items - created - updated };
}

/**
 * Writes claims and statements as one all-or-nothing upsert by key. The input is checked with the
 * same rules as a news package (news-package's checkPackage), then every claim or statement it
 * refers to must be in the input or already stored. Rows whose content hash is unchanged are not
 * touched, so re-sending the same input changes nothing.
 */
export async function writeStatements(
  db: DataSource,
  claimsIn: ClaimInput[],
  statementsIn: StatementInput[],
  /** where speakers and sources are checked; absent (tests of this subgraph alone): not checked */
  external?: ExternalReferences,
): Promise<StatementsWritten> {
  // GraphQL gives absent optional fields as null or undefined; the package format has them absent
  const doc = withoutNulls({ format: PACKAGE_FORMAT, claims: claimsIn, statements: statementsIn });
  const checked = checkPackage(doc);
  if (checked.problems.length || !checked.normalised) throw invalidInput(checked.problems);
  const pkg = checked.normalised as NewsPackage;
  const claims = pkg.claims ?? [];
  const statements = pkg.statements ?? [];
  // speakers and sources are never deleted, so a check before the transaction stays true at commit
  if (external) {
    const unknown = await unknownExternalReferences(statements, external);
    if (unknown.length) throw invalidInput(unknown);
  }

  // rows and content hashes need nothing stored: built before the lock, which other writers wait on
  const statementRows = statements.map(statementRow);

  return db.transaction(async (tx) => {
    // One writer at a time: references checked below stay valid until commit.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('newsgraph.statements.write'))`);
    const problems = await missingReferences(tx, claims, statements);
    if (problems.length) throw invalidInput(problems);

    const claimResult = await upsertClaims(tx, claims);
    const statementResult = await upsertStatementRows(tx, statementRows);
    // written statements got their effective topics with the insert; statements about a claim whose
    // topics changed need theirs again
    if (claimResult.topicsChanged.length) {
      const rows = await tx.query<{ statement_key: string }[]>('SELECT DISTINCT statement_key FROM stance WHERE claim_key = ANY($1)', [
        claimResult.topicsChanged,
      ]);
      await recomputeTopics(
        tx,
        rows.map((r) => r.statement_key),
      );
    }
    // an update of an existing statement is not news: only created ones go on the live feed
    const created = new Set(statementResult.created);
    await recordStatementEvents(
      tx,
      statements.map((s) => s.key!).filter((k) => created.has(k)),
    );
    const byKind = {
      claim: counts(claims.length, claimResult.created, claimResult.updated),
      statement: counts(statements.length, statementResult.created.length, statementResult.updated),
    };
    const total = counts(claims.length + statements.length, byKind.claim.created + byKind.statement.created, byKind.claim.updated + byKind.statement.updated);
    if (total.created + total.updated > 0) await bumpWriteVersion(tx);
    return { ...total, keys: [...claims.map((c) => c.key), ...statements.map((s) => s.key!)], byKind };
  });
}

async function missingReferences(tx: EntityManager, claims: PackageClaim[], statements: PackageStatement[]): Promise<Problem[]> {
  const claimKeys = new Set(claims.map((c) => c.key));
  const statementKeys = new Set(statements.map((s) => s.key!));
  const wantedClaims = new Map<string, string[]>();
  const wantedStatements = new Map<string, string[]>();
  statements.forEach((s, i) => {
    (s.stances ?? []).forEach((st, j) => {
      if (!claimKeys.has(st.claim)) wantedClaims.set(st.claim, [...(wantedClaims.get(st.claim) ?? []), `/statements/${i}/stances/${j}/claim`]);
    });
    (s.relations ?? []).forEach((r, j) => {
      if (!statementKeys.has(r.statement)) {
        wantedStatements.set(r.statement, [...(wantedStatements.get(r.statement) ?? []), `/statements/${i}/relations/${j}/statement`]);
      }
    });
  });
  const problems: Problem[] = [];
  if (wantedClaims.size) {
    const found = new Set((await tx.query<{ key: string }[]>('SELECT key FROM claim WHERE key = ANY($1)', [[...wantedClaims.keys()]])).map((r) => r.key));
    for (const [key, paths] of wantedClaims) {
      if (!found.has(key)) for (const path of paths) problems.push({ path, message: `unknown claim "${key}" (not in this input and not stored before)` });
    }
  }
  if (wantedStatements.size) {
    const found = new Set(
      (await tx.query<{ key: string }[]>('SELECT key FROM statement WHERE key = ANY($1)', [[...wantedStatements.keys()]])).map((r) => r.key),
    );
    for (const [key, paths] of wantedStatements) {
      if (!found.has(key)) for (const path of paths) problems.push({ path, message: `unknown statement "${key}" (not in this input and not stored before)` });
    }
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function upsertClaims(tx: EntityManager, claims: PackageClaim[]) {
  if (claims.length === 0) return { created: 0, updated: 0, topicsChanged: [] as string[] };
  const before = new Map<string, string[]>(
    (await tx.query<{ key: string; topics: string[] }[]>('SELECT key, topics FROM claim WHERE key = ANY($1)', [claims.map((c) => c.key)])).map((r) => [
      r.key,
      r.topics,
    ]),
  );
  const rows = claims.map((c) => {
    // absent topics keep what is stored
    const topics = c.topics ? [...new Set(c.topics)] : (before.get(c.key) ?? []);
    return { key: c.key, text: c.text, topics, content_hash: hash({ text: c.text, topics }) };
  });
  const written = await tx.query<{ key: string; inserted: boolean }[]>(
    `INSERT INTO claim (key, text, topics, content_hash)
     SELECT key, text, topics, content_hash FROM jsonb_to_recordset($1::jsonb) AS x(key text, text text, topics text[], content_hash text)
     ON CONFLICT (key) DO UPDATE SET text = excluded.text, topics = excluded.topics, content_hash = excluded.content_hash, updated_at = now()
       WHERE claim.content_hash IS DISTINCT FROM excluded.content_hash
     RETURNING key, (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  const topicsChanged = rows
    .filter((r) => before.has(r.key) && JSON.stringify([...before.get(r.key)!].sort()) !== JSON.stringify([...r.topics].sort()))
    .map((r) => r.key);
  const created = written.filter((w) => w.inserted).length;
  return { created, updated: written.length - created, topicsChanged };
}

/** A statement's row as stored, but for its effective topics (they need its claims' topics), and its child rows. */
interface StatementRow {
  row: {
    key: string;
    speaker_key: string;
    on_behalf_of_key: string | null;
    text: string;
    language: string | null;
    form: string | null;
    said_at: string;
    said_on: string;
    said_at_text: string;
    venue: string | null;
    topics: string[];
    extraction: unknown;
    content_hash: string;
  };
  claims: string[];
  stances: Array<{ statement_key: string; claim_key: string; stance: string; ordinal: number }>;
  relations: Array<{ statement_key: string; type: string; target_key: string; ordinal: number }>;
  attestations: Array<{ statement_key: string; source_key: string; quoted_text: string | null; ordinal: number }>;
}

function statementRow(s: PackageStatement): StatementRow {
  const said = parseSaidAt(s.saidAt)!;
  const content = {
    speaker: s.speaker,
    onBehalfOf: s.onBehalfOf ?? null,
    text: s.text,
    language: s.language ?? null,
    form: s.form ?? null,
    saidAt: said.original,
    venue: s.venue ?? null,
    topics: [...new Set(s.topics ?? [])],
    stances: s.stances ?? [],
    relations: s.relations ?? [],
    attestations: s.attestations,
    // only in the hash when present, so statements written before the column existed stay unchanged
    ...(s.extraction ? { extraction: s.extraction } : {}),
  };
  const key = s.key!;
  const seen = new Set<string>();
  const relations: StatementRow['relations'] = [];
  (s.relations ?? []).forEach((rel, i) => {
    const id = `${rel.type} ${rel.statement}`;
    if (seen.has(id)) return;
    seen.add(id);
    relations.push({ statement_key: key, type: rel.type, target_key: rel.statement, ordinal: i });
  });
  return {
    row: {
      key,
      speaker_key: s.speaker,
      on_behalf_of_key: s.onBehalfOf ?? null,
      text: s.text,
      language: s.language ?? null,
      form: s.form ?? null,
      said_at: said.instant,
      said_on: said.day,
      said_at_text: said.original,
      venue: s.venue ?? null,
      topics: content.topics,
      extraction: s.extraction ?? null,
      content_hash: hash(content),
    },
    claims: (s.stances ?? []).map((st) => st.claim),
    stances: (s.stances ?? []).map((st, i) => ({ statement_key: key, claim_key: st.claim, stance: st.stance, ordinal: i })),
    relations,
    attestations: s.attestations.map((a, i) => ({ statement_key: key, source_key: a.source, quoted_text: a.quotedText ?? null, ordinal: i })),
  };
}

async function upsertStatementRows(tx: EntityManager, statements: StatementRow[]) {
  if (statements.length === 0) return { created: [] as string[], updated: 0 };
  // Effective topics (own plus those of the claims it takes a stance on) go in with the row: the
  // claims are written first, so theirs are known, and no second write of every row is needed.
  const claimKeys = [...new Set(statements.flatMap((s) => s.claims))];
  const claimTopics = new Map<string, string[]>(
    claimKeys.length
      ? (await tx.query<{ key: string; topics: string[] }[]>('SELECT key, topics FROM claim WHERE key = ANY($1)', [claimKeys])).map((r) => [r.key, r.topics])
      : [],
  );
  const rows = statements.map((s) => ({
    ...s.row,
    all_topics: effectiveTopics(
      s.row.topics,
      s.claims.map((c) => claimTopics.get(c) ?? []),
    ),
  }));
  const written = await tx.query<{ key: string; inserted: boolean }[]>(
    `INSERT INTO statement (key, speaker_key, on_behalf_of_key, text, language, form, said_at, said_on, said_at_text, venue, topics, all_topics, extraction, content_hash)
     SELECT key, speaker_key, on_behalf_of_key, text, language, form, said_at, said_on, said_at_text, venue, topics, all_topics, extraction, content_hash
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, speaker_key text, on_behalf_of_key text, text text, language text, form text,
            said_at timestamptz, said_on date, said_at_text text, venue text, topics text[], all_topics text[], extraction jsonb, content_hash text)
     ON CONFLICT (key) DO UPDATE SET speaker_key = excluded.speaker_key, on_behalf_of_key = excluded.on_behalf_of_key,
       text = excluded.text, language = excluded.language, form = excluded.form, said_at = excluded.said_at,
       said_on = excluded.said_on, said_at_text = excluded.said_at_text, venue = excluded.venue, topics = excluded.topics,
       all_topics = excluded.all_topics, extraction = excluded.extraction, content_hash = excluded.content_hash, updated_at = now()
       WHERE statement.content_hash IS DISTINCT FROM excluded.content_hash
     RETURNING key, (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  const writtenKeys = written.map((w) => w.key);
  // a statement created just now has no stances, relations or attestations to replace
  const replacedKeys = written.filter((w) => !w.inserted).map((w) => w.key);
  if (writtenKeys.length) {
    const changed = new Set(writtenKeys);
    const stances: unknown[] = [];
    const relations: unknown[] = [];
    const attestations: unknown[] = [];
    for (const s of statements) {
      if (!changed.has(s.row.key)) continue;
      stances.push(...s.stances);
      relations.push(...s.relations);
      attestations.push(...s.attestations);
    }
    if (replacedKeys.length) {
      await tx.query('DELETE FROM stance WHERE statement_key = ANY($1)', [replacedKeys]);
      await tx.query('DELETE FROM relation WHERE statement_key = ANY($1)', [replacedKeys]);
      await tx.query('DELETE FROM attestation WHERE statement_key = ANY($1)', [replacedKeys]);
    }
    await tx.query(
      `INSERT INTO stance (statement_key, claim_key, stance, ordinal)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(statement_key text, claim_key text, stance text, ordinal int)`,
      [JSON.stringify(stances)],
    );
    await tx.query(
      `INSERT INTO relation (statement_key, type, target_key, ordinal)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(statement_key text, type text, target_key text, ordinal int)`,
      [JSON.stringify(relations)],
    );
    await tx.query(
      `INSERT INTO attestation (statement_key, source_key, quoted_text, ordinal)
       SELECT statement_key, source_key, quoted_text, ordinal
         FROM jsonb_to_recordset($1::jsonb) AS x(statement_key text, source_key text, quoted_text text, ordinal int)`,
      [JSON.stringify(attestations)],
    );
  }
  const created = written.filter((w) => w.inserted).map((w) => w.key as string);
  return { created, updated: written.length - created.length };
}

/** Stores each statement's effective topics (own plus its claims'), the column "about" filters on. */
async function recomputeTopics(tx: EntityManager, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const rows = await tx.query<{ key: string; topics: string[]; claim_topics: string[] }[]>(
    `SELECT s.key, s.topics, coalesce(array_agg(DISTINCT t.topic) FILTER (WHERE t.topic IS NOT NULL), '{}') AS claim_topics
       FROM statement s
       LEFT JOIN stance st ON st.statement_key = s.key
       LEFT JOIN claim c ON c.key = st.claim_key
       LEFT JOIN LATERAL unnest(c.topics) AS t(topic) ON true
      WHERE s.key = ANY($1) GROUP BY s.key, s.topics`,
    [keys],
  );
  const updates = rows.map((r) => ({ key: r.key, all_topics: effectiveTopics(r.topics, [r.claim_topics]) }));
  await tx.query(
    `UPDATE statement s SET all_topics = x.all_topics
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, all_topics text[])
      WHERE s.key = x.key AND s.all_topics IS DISTINCT FROM x.all_topics`,
    [JSON.stringify(updates)],
  );
}
