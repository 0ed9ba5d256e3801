import { csvRecord } from './csv';

/** Contradictions listed per statement (the statements subgraph's maximum); `contradictionCount` says how many in all. */
export const MAX_EXPORTED_CONTRADICTIONS = 100;

/** What one exported statement carries: its own fields and what the other subgraphs add. */
export const EXPORT_STATEMENT_FIELDS = `
  key text form language saidAt venue
  speaker { key name kind }
  onBehalfOf { key name kind }
  topics { key }
  stances { stance claim { key text } }
  attestations { quotedText source { key kind url title publishedAt outlet { key name } } }
  contradictionCount
  contradictions(first: ${MAX_EXPORTED_CONTRADICTIONS}) { origin statement { key } }
`;

/** Statements the export asks for per page: the gateway's largest page. */
export const EXPORT_PAGE_SIZE = 100;

export const EXPORT_QUERY = `query NewsgraphExport($filter: StatementFilter, $after: String, $first: Int) {
  statements(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${EXPORT_STATEMENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ActorRef {
  key: string;
  name: string;
  kind: string;
}

export interface ExportedStatement {
  key: string;
  text: string;
  form: string | null;
  language: string | null;
  saidAt: string;
  venue: string | null;
  speaker: ActorRef | null;
  onBehalfOf: ActorRef | null;
  topics: { key: string }[];
  stances: { stance: string; claim: { key: string; text: string } }[];
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
  contradictionCount: number;
  contradictions: { origin: string; statement: { key: string } }[];
}

export interface ExportEdge {
  cursor: string;
  node: ExportedStatement;
}

/** One NDJSON line: the statement with its cursor, so an interrupted export resumes after it. */
export function ndjsonLine(edge: ExportEdge): string {
  const s = edge.node;
  return `${JSON.stringify({
    cursor: edge.cursor,
    key: s.key,
    text: s.text,
    form: s.form,
    language: s.language,
    saidAt: s.saidAt,
    venue: s.venue,
    speaker: s.speaker,
    onBehalfOf: s.onBehalfOf,
    topics: s.topics.map((t) => t.key),
    stances: s.stances.map((st) => ({ claim: st.claim.key, claimText: st.claim.text, stance: st.stance })),
    sources: s.attestations.map((a) => ({
      key: a.source?.key ?? null,
      kind: a.source?.kind ?? null,
      url: a.source?.url ?? null,
      title: a.source?.title ?? null,
      publishedAt: a.source?.publishedAt ?? null,
      outlet: a.source?.outlet ?? null,
      quotedText: a.quotedText,
    })),
    contradictionCount: s.contradictionCount,
    contradictions: s.contradictions.map((c) => ({ statement: c.statement.key, origin: c.origin })),
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

export function csvRow(edge: ExportEdge): string {
  const s = edge.node;
  const sources = s.attestations.map((a) => a.source).filter((src): src is NonNullable<typeof src> => src !== null);
  const join = (values: (string | null | undefined)[]) => values.filter((v): v is string => !!v).join(LIST_SEPARATOR);
  return csvRecord([
    edge.cursor,
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
    join(s.topics.map((t) => t.key)),
    join(s.stances.map((st) => `${st.claim.key}:${st.stance}`)),
    join(sources.map((src) => src.url)),
    join(sources.map((src) => src.title)),
    join([...new Set(sources.map((src) => src.outlet?.name))]),
    s.contradictionCount,
    join(s.contradictions.map((c) => `${c.statement.key}:${c.origin}`)),
  ]);
}
