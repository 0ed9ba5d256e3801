import { csvRecord } from './csv';

/**
 * What one exported statement carries: its own fields (claims and contradicting statements as keys,
 * every contradiction, uncapped) and the speaker's and sources' fields from their subgraphs.
 */
export const EXPORT_STATEMENT_FIELDS = `
  cursor key text form language saidAt venue
  speaker { key name kind }
  onBehalfOf { key name kind }
  topics
  stances { claim claimText stance }
  attestations { quotedText source { key kind url title publishedAt outlet { key name } } }
  contradictions explicitContradictions
`;

/**
 * Statements the export asks for per page: the statements subgraph's largest export page (its
 * `statementExport` answers a page with a fixed number of SQL queries, and the gateway fetches the
 * page's speakers and sources in one request to each of their subgraphs). Not its largest (500):
 * priced by the real bounds of a statement's lists (about 250 a statement, cost-rules.ts), a page
 * of 500 would be over the gateway's cost limit of 100,000, which the export obeys like any read.
 */
export const EXPORT_PAGE_SIZE = 350;

export const EXPORT_QUERY = `query NewsgraphExport($filter: StatementFilter, $after: String, $first: Int) {
  statementExport(filter: $filter, first: $first, after: $after) {
    statements { ${EXPORT_STATEMENT_FIELDS} }
    hasNextPage endCursor
  }
}`;

interface ActorRef {
  key: string;
  name: string;
  kind: string;
}

export interface ExportedStatement {
  cursor: string;
  key: string;
  text: string;
  form: string | null;
  language: string | null;
  saidAt: string;
  venue: string | null;
  speaker: ActorRef | null;
  onBehalfOf: ActorRef | null;
  topics: string[];
  stances: { claim: string; claimText: string; stance: string }[];
  attestations: {
    quotedText: string | null;
    source: {
      key: string;
      kind: string;
      url: string | null;
      title: string | null;
      publishedAt: string | null;
      outlet: { key: string; name: string } | null;
    } | null;
  }[];
  /** every contradicting statement's key, oldest first */
  contradictions: string[];
  /** those of `contradictions` linked by a CONTRADICTS relation */
  explicitContradictions: string[];
}

/** The statement's contradictions as the export writes them: each key with its origin, in order. */
export function contradictionsOf(s: ExportedStatement): { statement: string; origin: 'EXPLICIT' | 'DERIVED' }[] {
  const explicit = new Set(s.explicitContradictions);
  return s.contradictions.map((key) => ({ statement: key, origin: explicit.has(key) ? 'EXPLICIT' : 'DERIVED' }));
}

/** One NDJSON line: the statement with its cursor, so an interrupted export resumes after it. */
export function ndjsonLine(s: ExportedStatement): string {
  return `${JSON.stringify({
    cursor: s.cursor,
    key: s.key,
    text: s.text,
    form: s.form,
    language: s.language,
    saidAt: s.saidAt,
    venue: s.venue,
    speaker: s.speaker,
    onBehalfOf: s.onBehalfOf,
    topics: s.topics,
    stances: s.stances.map((st) => ({ claim: st.claim, claimText: st.claimText, stance: st.stance })),
    sources: s.attestations.map((a) => ({
      key: a.source?.key ?? null,
      kind: a.source?.kind ?? null,
      url: a.source?.url ?? null,
      title: a.source?.title ?? null,
      publishedAt: a.source?.publishedAt ?? null,
      outlet: a.source?.outlet ?? null,
      quotedText: a.quotedText,
    })),
    contradictionCount: s.contradictions.length,
    contradictions: contradictionsOf(s),
  })}\n`;
}

/**
 * The CSV columns, one row per statement. Lists are joined with " | " inside one field
 * (`claim-key:STANCE`, `statement-key:ORIGIN`), so the file stays one row per statement.
 */
export const CSV_COLUMNS = [
  'cursor',
  'key',
  'saidAt',
  'form',
  'language',
  'speakerKey',
  'speakerName',
  'speakerKind',
  'onBehalfOfKey',
  'onBehalfOfName',
  'text',
  'venue',
  'topics',
  'stances',
  'sourceUrls',
  'sourceTitles',
  'outlets',
  'contradictionCount',
  'contradictions',
] as const;

const LIST_SEPARATOR = ' | ';

export function csvHeader(): string {
  return csvRecord(CSV_COLUMNS);
}

export function csvRow(s: ExportedStatement): string {
  const sources = s.attestations.map((a) => a.source).filter((src): src is NonNullable<typeof src> => src !== null);
  const join = (values: (string | null | undefined)[]) => values.filter((v): v is string => !!v).join(LIST_SEPARATOR);
  return csvRecord([
    s.cursor,
    s.key,
    s.saidAt,
    s.form,
    s.language,
    s.speaker?.key,
    s.speaker?.name,
    s.speaker?.kind,
    s.onBehalfOf?.key,
    s.onBehalfOf?.name,
    s.text,
    s.venue,
    join(s.topics),
    join(s.stances.map((st) => `${st.claim}:${st.stance}`)),
    join(sources.map((src) => src.url)),
    join(sources.map((src) => src.title)),
    join([...new Set(sources.map((src) => src.outlet?.name))]),
    s.contradictions.length,
    join(contradictionsOf(s).map((c) => `${c.statement}:${c.origin}`)),
  ]);
}
