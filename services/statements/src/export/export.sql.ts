import { DataSource } from 'typeorm';
import { StanceKind, StatementModel } from '../statement/statement.types';
import { statementCursor } from '../statement/statement.sql';
import { ExportedStance, ExportedStatement } from './export.types';

interface Details {
  stances: ExportedStance[];
  attestations: { sourceKey: string; quotedText: string | null }[];
}

/**
 * Stances (with their claims' texts) and attestations of a page of statements, in one query: each
 * statement's lists aggregated in ingest order from the (statement_key, ordinal) primary keys.
 */
async function detailsOf(db: DataSource, keys: string[]): Promise<Map<string, Details>> {
  const rows: { key: string; stances: ExportedStance[]; attestations: Details['attestations'] }[] = await db.query(
    `SELECT k.key,
            coalesce((SELECT json_agg(json_build_object('claim', st.claim_key, 'claimText', c.text, 'stance', st.stance) ORDER BY st.ordinal)
                        FROM stance st JOIN claim c ON c.key = st.claim_key
                       WHERE st.statement_key = k.key), '[]') AS stances,
            coalesce((SELECT json_agg(json_build_object('sourceKey', a.source_key, 'quotedText', a.quoted_text) ORDER BY a.ordinal)
                        FROM attestation a
                       WHERE a.statement_key = k.key), '[]') AS attestations
       FROM unnest($1::text[]) AS k(key)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, { stances: r.stances, attestations: r.attestations }]));
}

interface Contradictions {
  /** oldest first */
  all: string[];
  explicit: string[];
}

/**
 * Every contradiction of a page of statements, as keys, in one query and without a cap or a count.
 * The candidates are those of contradictions.loader.ts (CONTRADICTS relations both ways, opposite
 * stances on a shared claim), ordered by the other statement's (said_at, key), oldest first, as
 * `Statement.contradictions` lists them. A pair found more than once (two shared claims, or a
 * relation as well) is folded here, EXPLICIT when any relation links it: the rows come in the
 * order the export writes, so PostgreSQL need not group or sort them by subject.
 */
async function contradictionsOf(db: DataSource, keys: string[]): Promise<Map<string, Contradictions>> {
  // Each join is a LATERAL lookup behind OFFSET 0, so PostgreSQL keeps to the indexes: with a page
  // of 500 keys it otherwise hashes all of relation and all of statement (1.7 s at 1M statements,
  // against 0.1-0.4 s here). The cost it then estimates would start JIT compilation, which alone
  // took longer than the query: off for this transaction.
  const rows: { subject: string; other: string; explicit: boolean }[] = await db.transaction(async (m) => {
    await m.query('SET LOCAL jit = off');
    return m.query(
      `WITH page AS (SELECT unnest($1::text[]) AS key),
       candidate AS (
         SELECT p.key AS subject, r.other, true AS explicit
           FROM page p CROSS JOIN LATERAL
                (SELECT target_key AS other FROM relation WHERE statement_key = p.key AND type = 'CONTRADICTS' OFFSET 0) r
         UNION ALL
         SELECT p.key, r.other, true
           FROM page p CROSS JOIN LATERAL
                (SELECT statement_key AS other FROM relation WHERE target_key = p.key AND type = 'CONTRADICTS' OFFSET 0) r
         UNION ALL
         SELECT p.key, b.statement_key, false
           FROM page p JOIN stance a ON a.statement_key = p.key
           JOIN stance b ON b.claim_key = a.claim_key AND b.stance <> a.stance
       )
       SELECT c.subject, c.other, c.explicit
         FROM candidate c CROSS JOIN LATERAL (SELECT said_at FROM statement WHERE key = c.other OFFSET 0) s
        WHERE c.other <> c.subject
        ORDER BY s.said_at, c.other`,
      [keys],
    );
  });
  const seen = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    let others = seen.get(r.subject);
    if (!others) seen.set(r.subject, (others = new Map()));
    others.set(r.other, (others.get(r.other) ?? false) || r.explicit);
  }
  const out = new Map<string, Contradictions>();
  for (const [subject, others] of seen) {
    const all: string[] = [];
    const explicit: string[] = [];
    // a Map iterates in first-insertion order: the other's place in the (said_at, key) order
    for (const [other, isExplicit] of others) {
      all.push(other);
      if (isExplicit) explicit.push(other);
    }
    out.set(subject, { all, explicit });
  }
  return out;
}

/** A page of statement rows as the export writes them: two queries (run at once) for the whole page. */
export async function exportedStatements(db: DataSource, rows: StatementModel[]): Promise<ExportedStatement[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => r.key);
  const [details, contradictions] = await Promise.all([detailsOf(db, keys), contradictionsOf(db, keys)]);
  return rows.map((s) => {
    const d = details.get(s.key);
    const c = contradictions.get(s.key);
    return {
      cursor: statementCursor(s),
      key: s.key,
      text: s.text,
      form: s.form,
      language: s.language,
      saidAt: s.saidAt,
      venue: s.venue,
      speaker: { key: s.speakerKey },
      onBehalfOf: s.onBehalfOfKey ? { key: s.onBehalfOfKey } : null,
      topics: s.allTopics,
      stances: (d?.stances ?? []).map((st) => ({ ...st, stance: st.stance as StanceKind })),
      attestations: d?.attestations ?? [],
      contradictions: c?.all ?? [],
      explicitContradictions: c?.explicit ?? [],
    };
  });
}
