import { DataSource } from 'typeorm';
import { ContradictionOrigin, StanceKind, StatementModel } from '../statement/statement.types';
import { statementCursor } from '../statement/statement.sql';
import { ExportedContradiction, ExportedStance, ExportedStatement } from './export.types';

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

/**
 * Every contradiction of a page of statements, as keys, in one query and without a cap or a count:
 * the pairs of contradictions.loader.ts (CONTRADICTS relations both ways, opposite stances on a
 * shared claim, one pair per (subject, other), EXPLICIT when any relation links them), each
 * subject's listed oldest first as `Statement.contradictions` lists them. What the query returns is
 * what the export writes: no window functions, no claim lists, no statement rows for the others.
 */
async function contradictionsOf(db: DataSource, keys: string[]): Promise<Map<string, ExportedContradiction[]>> {
  const rows: { subject: string; other: string; explicit: boolean }[] = await db.query(
    `WITH page AS (SELECT unnest($1::text[]) AS key),
     candidate AS (
       SELECT p.key AS subject, r.target_key AS other, true AS explicit
         FROM page p JOIN relation r ON r.statement_key = p.key AND r.type = 'CONTRADICTS'
       UNION ALL
       SELECT p.key, r.statement_key, true
         FROM page p JOIN relation r ON r.target_key = p.key AND r.type = 'CONTRADICTS'
       UNION ALL
       SELECT p.key, b.statement_key, false
         FROM page p JOIN stance a ON a.statement_key = p.key
         JOIN stance b ON b.claim_key = a.claim_key AND b.stance <> a.stance
     ),
     pair AS (SELECT subject, other, bool_or(explicit) AS explicit FROM candidate WHERE other <> subject GROUP BY subject, other)
     SELECT pair.subject, pair.other, pair.explicit
       FROM pair JOIN statement s ON s.key = pair.other
      ORDER BY pair.subject, s.said_at, s.key`,
    [keys],
  );
  const out = new Map<string, ExportedContradiction[]>();
  for (const r of rows) {
    let list = out.get(r.subject);
    if (!list) out.set(r.subject, (list = []));
    list.push({ statement: r.other, origin: r.explicit ? ContradictionOrigin.EXPLICIT : ContradictionOrigin.DERIVED });
  }
  return out;
}

/** A page of statement rows as the export writes them: two queries for the whole page. */
export async function exportedStatements(db: DataSource, rows: StatementModel[]): Promise<ExportedStatement[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => r.key);
  const [details, contradictions] = await Promise.all([detailsOf(db, keys), contradictionsOf(db, keys)]);
  return rows.map((s) => {
    const d = details.get(s.key);
    const c = contradictions.get(s.key) ?? [];
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
      contradictionCount: c.length,
      contradictions: c,
    };
  });
}
