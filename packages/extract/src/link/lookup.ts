import { ActorKind } from '../types';

/** An actor the graph knows, as linking needs it. */
export interface KnownActor {
  key: string;
  kind: ActorKind;
  name: string;
  /** every alias value, any language */
  aliases: string[];
}

/** A claim the graph knows, as stance proposal needs it. */
export interface KnownClaim {
  key: string;
  text: string;
  topics: string[];
}

/** A statement the graph holds, with what a package needs to write it again unchanged. */
export interface KnownStatement {
  key: string;
  speaker: string;
  onBehalfOf?: string;
  text: string;
  language?: string;
  form?: 'DIRECT_QUOTE' | 'INDIRECT_QUOTE' | 'PARAPHRASE';
  saidAt: string;
  venue?: string;
  topics: string[];
  stances: Array<{ claim: string; stance: 'AFFIRMS' | 'DENIES' }>;
  relations: Array<{ type: 'CONTRADICTS' | 'SUPPORTS' | 'RESPONDS_TO'; statement: string }>;
  attestations: Array<{ source: string; quotedText?: string }>;
  extraction?: { confidence: number; start: number; end: number; review: boolean };
}

/** `findActors` answers at most this many actors (exact matches first); a full page may not be all of them. */
export const SEARCH_PAGE = 100;

/**
 * What the packager may ask a graph. Injected, so the packaging layer stays pure: tools and the
 * gateway pass `createGatewayLookup` (HTTP), tests pass a fixed list.
 */
export interface GraphLookup {
  /** Actors whose name or an alias contains `text`, ignoring case and accents (the gateway's `actors(search:)`). */
  findActors(text: string): Promise<KnownActor[]>;
  /** The claims statements may take a stance on. */
  listClaims(): Promise<KnownClaim[]>;
  /**
   * The statements among `keys` the graph holds already. A statement is written whole, so a
   * package for a second outlet's report of the same words must carry the attestations already
   * there; absent: every statement is taken as new.
   */
  findStatements?(keys: string[]): Promise<KnownStatement[]>;
  /** Which of `keys` name actors already (so a new speaker never takes over another's key); absent: none. */
  existingActors?(keys: string[]): Promise<Set<string>>;
  /**
   * Outlets whose name contains `name` (case and accents ignored). A known outlet is referred to by
   * key alone: writing it with a name would also reset its country. Absent: outlets are named.
   */
  findOutlets?(name: string): Promise<Array<{ key: string; name: string }>>;
}

/** A lookup over fixed lists, matching like the gateway does (folded substring): for tests and offline use. */
export function createFixedLookup(
  actors: KnownActor[],
  claims: KnownClaim[] = [],
  statements: KnownStatement[] = [],
  outlets: Array<{ key: string; name: string }> = [],
): GraphLookup {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  return {
    async findActors(text) {
      const t = fold(text);
      return actors.filter((a) => [a.name, ...a.aliases].some((n) => fold(n).includes(t)));
    },
    async listClaims() {
      return claims;
    },
    async findStatements(keys) {
      return statements.filter((s) => keys.includes(s.key));
    },
    async existingActors(keys) {
      return new Set(actors.map((a) => a.key).filter((k) => keys.includes(k)));
    },
    async findOutlets(name) {
      const n = fold(name);
      return outlets.filter((o) => fold(o.name).includes(n));
    },
  };
}
