/**
 * The extractor's public types. Three layers, each pure (no network, no files):
 *   1. reading: an article file (.json / .html / .txt content) -> Article
 *   2. finding: Article -> Extraction (quotations with speakers, mentioned actors)
 *   3. packaging: Article + Extraction (+ what a graph already knows, through ActorLookup) -> a news package
 * Network access (the gateway) is injected through ActorLookup; callers (tools, gateway) supply it.
 */

export type ActorKind = 'PERSON' | 'ORGANIZATION' | 'GOVERNMENT' | 'COUNTRY' | 'OTHER';
export type QuotationForm = 'DIRECT_QUOTE' | 'INDIRECT_QUOTE';

/** An article as the finder sees it. Offsets everywhere refer to `text`. */
export interface Article {
  text: string;
  title?: string;
  url?: string;
  outlet?: string;
  /** ISO date (YYYY-MM-DD) or instant with offset, as found; absent when unknown (never invented) */
  publishedAt?: string;
  /** ISO 639-1 ('en', 'es'); absent: detected */
  language?: string;
}

/** A speaker as the article names them. */
export interface Speaker {
  /** the fullest name the article uses for this entity ("José Manuel Albares", "White House") */
  name: string;
  kind: ActorKind;
  /** the words at the quotation that name the speaker ("he", "the minister", "Albares") */
  surface: string;
  /** other names the article uses for the same entity ("Albares", "Spain's foreign minister") */
  aliases: string[];
  /** from an apposition or title: "White House spokeswoman Karoline Leavitt" -> role "spokeswoman" */
  role?: string;
  /** the organisation of that role, as named: "White House", "Ministry of Foreign Affairs" */
  organization?: string;
}

export interface Quotation {
  form: QuotationForm;
  /** DIRECT_QUOTE: exactly the words inside the marks; INDIRECT_QUOTE: the reported clause as printed */
  text: string;
  /** character offsets of `text` in Article.text: Article.text.slice(start, end) === text */
  start: number;
  end: number;
  speaker: Speaker | null;
  /** the cue's lemma in English ("say", "deny", "confirm", "according to"), whatever the article's language */
  cue?: string;
  /** the cue as printed ("denied", "negó") */
  cueText?: string;
  /** where the words were said, when the article says ("Cadena SER radio") */
  venue?: string;
  /** YYYY-MM-DD when the article dates the words ("on Tuesday"), else absent (the publication day applies) */
  saidAt?: string;
  /** 0..1: how sure the finder is that this is an attributed quotation with this speaker */
  confidence: number;
}

/** A named actor mentioned anywhere in the article (not necessarily a speaker). */
export interface Mention {
  name: string;
  kind: ActorKind;
  start: number;
  end: number;
}

export interface Extraction {
  language: string;
  quotations: Quotation[];
  mentions: Mention[];
}
