/** The news package, `newsgraph.package/v1` (CONTRACT.md section 2). */

export const PACKAGE_FORMAT = 'newsgraph.package/v1';

export const ACTOR_KINDS = ['PERSON', 'ORGANIZATION', 'GOVERNMENT', 'COUNTRY', 'OTHER'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const SOURCE_KINDS = ['ARTICLE', 'BROADCAST', 'PRESS_BRIEFING', 'SOCIAL_POST', 'INTERVIEW', 'OTHER'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const STATEMENT_FORMS = ['DIRECT_QUOTE', 'INDIRECT_QUOTE', 'PARAPHRASE'] as const;
export type StatementForm = (typeof STATEMENT_FORMS)[number];

export const STANCE_KINDS = ['AFFIRMS', 'DENIES'] as const;
export type StanceKind = (typeof STANCE_KINDS)[number];

export const RELATION_TYPES = ['CONTRADICTS', 'SUPPORTS', 'RESPONDS_TO'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface PackageAlias {
  value: string;
  lang?: string | null;
}

export interface PackageMembership {
  organization: string;
  role?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface PackageActor {
  key: string;
  kind?: ActorKind;
  name: string;
  aliases?: Array<string | PackageAlias>;
  countryCode?: string | null;
  partOf?: string | null;
  memberships?: PackageMembership[];
  externalIds?: PackageExternalIds | null;
}

/** Identifiers of an actor in other databases. */
export interface PackageExternalIds {
  /** a Wikidata item id, `Q` and digits (`Q29` is Spain) */
  wikidata?: string | null;
}

export interface PackageOutlet {
  key: string;
  name?: string;
  country?: string | null;
}

export interface PackageSource {
  key?: string;
  kind?: SourceKind;
  url?: string | null;
  title?: string | null;
  outlet?: PackageOutlet | null;
  publishedAt?: string | null;
  language?: string | null;
  derivedFrom?: string[];
}

export interface PackageClaim {
  key: string;
  text: string;
  topics?: string[];
}

export interface PackageStance {
  claim: string;
  stance: StanceKind;
}

export interface PackageRelation {
  type: RelationType;
  statement: string;
}

export interface PackageAttestation {
  source: string;
  quotedText?: string | null;
}

/**
 * How an extractor found a statement in its source (CONTRACT.md section 7): optional, for review.
 * `start`/`end` are character offsets of the statement's text in the article's text.
 */
export interface PackageExtraction {
  confidence: number;
  start: number;
  end: number;
  review: boolean;
}

export interface PackageStatement {
  key?: string;
  speaker: string;
  onBehalfOf?: string | null;
  text: string;
  language?: string | null;
  form?: StatementForm;
  saidAt: string;
  venue?: string | null;
  topics?: string[];
  stances?: PackageStance[];
  relations?: PackageRelation[];
  attestations: PackageAttestation[];
  extraction?: PackageExtraction | null;
}

export interface NewsPackage {
  format: typeof PACKAGE_FORMAT;
  actors?: PackageActor[];
  sources?: PackageSource[];
  claims?: PackageClaim[];
  statements?: PackageStatement[];
}

/** One problem found in a package: where (a JSON Pointer into the document) and what. */
export interface Problem {
  path: string;
  message: string;
}
