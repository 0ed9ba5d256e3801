import { connectionTypes, globalId, Node } from '@newsgraph/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SourceKind {
  ARTICLE = 'ARTICLE',
  BROADCAST = 'BROADCAST',
  PRESS_BRIEFING = 'PRESS_BRIEFING',
  SOCIAL_POST = 'SOCIAL_POST',
  INTERVIEW = 'INTERVIEW',
  OTHER = 'OTHER',
}

registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'What kind of record a source is.',
  valuesConfig: {
    ARTICLE: { description: 'A written news article (web or print); has a URL.' },
    BROADCAST: { description: 'A radio or TV programme, or a segment of one.' },
    PRESS_BRIEFING: { description: 'A press conference or official briefing, or its transcript.' },
    SOCIAL_POST: { description: 'A post on a social network; has a URL.' },
    INTERVIEW: { description: 'An interview, in any medium.' },
    OTHER: { description: 'Anything else: reports, speeches, filings.' },
  },
});

/** Kinds that only make sense with a URL to point at. */
export const KINDS_NEEDING_URL: ReadonlySet<string> = new Set([SourceKind.ARTICLE, SourceKind.SOCIAL_POST]);

/** A source as resolvers pass it around: the row, minus what only the database needs. */
export interface SourceModel {
  id: string;
  key: string;
  kind: SourceKind;
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  outletKey: string | null;
  /** as given */
  publishedAt: string | null;
  /** the instant lists sort on, for cursors */
  publishedInstant: Date | null;
  language: string | null;
}

/** Columns of `source s` that `toSourceModel` reads. */
export const SOURCE_COLUMNS = 's.key, s.kind, s.url, s.canonical_url, s.title, s.outlet_key, s.published_at, s.published_text, s.language';

/** A row of SOURCE_COLUMNS. */
export interface SourceRow {
  key: string;
  kind: SourceKind;
  url: string | null;
  canonical_url: string | null;
  title: string | null;
  outlet_key: string | null;
  published_at: Date | null;
  published_text: string | null;
  language: string | null;
}

export function toSourceModel(row: SourceRow): SourceModel {
  return {
    id: globalId('Source', row.key),
    key: row.key,
    kind: row.kind,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    outletKey: row.outlet_key,
    publishedAt: row.published_text,
    publishedInstant: row.published_at,
    language: row.language,
  };
}

@Directive('@key(fields: "key")')
@ObjectType({
  implements: Node,
  description:
    'Where a statement was reported: an article, broadcast, press briefing, social post or interview. Sources may copy or cite each other (wire copy, citation chains).',
})
export class Source {
  @Directive('@shareable')
  @Field(() => ID, {
    description:
      'Global id, unique across all types and stable: `Source:<key>` (e.g. `Source:src:novinite-2026-03-05-spain-denies`); `node(id:)` refetches it.',
  })
  id: string;

  @Field({
    description: 'Stable key, e.g. `src:novinite-2026-03-05-spain-denies`; when a source is written without one it is `src:` plus a hash of its canonical URL.',
  })
  key: string;

  @Field(() => SourceKind, { description: 'What kind of record this is.' })
  kind: SourceKind;

  @Field(() => String, { nullable: true, description: 'The URL as given (absolute http or https).' })
  url: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The URL normalised: scheme and host lowercased, fragment and tracking parameters (utm_*, fbclid, ...) removed, query parameters sorted. `sourceByUrl` matches on it.',
  })
  canonicalUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Headline or title.' })
  title: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When it was published, as given: an ISO-8601 instant with its offset (`2026-03-05T09:01:00+02:00`) or a date (`2026-03-05`).',
  })
  publishedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Language of the source, a BCP-47 tag such as `en` or `pt-BR`.' })
  language: string | null;
}

export const { Connection: SourceConnection } = connectionTypes('Source', Source, 'A page of sources, newest first (sources without a publication time last).');
