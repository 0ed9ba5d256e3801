import { loadExtendedSubgraphConfig, readSwitch, readUrl, SubgraphConfig } from '@newsgraph/kit';

export interface StatementsConfig extends SubgraphConfig {
  /** ACTORS_URL: the actors subgraph (roll-ups, reference checks, `node(id:)`) */
  actorsUrl: string;
  /** SOURCES_URL: the sources subgraph (reference checks, `node(id:)`) */
  sourcesUrl: string;
  /** NEWSGRAPH_COUNT_CACHE (on|off): keep list counts until the next write; default on */
  countCache: boolean;
}

/** Pure: the statements service's configuration, or a ConfigError listing every problem. */
export function loadStatementsConfig(env: Record<string, string | undefined>): StatementsConfig {
  return loadExtendedSubgraphConfig(env, 'statements', (problems) => ({
    actorsUrl: readUrl(env, 'ACTORS_URL', ['http:', 'https:'], problems) ?? 'http://127.0.0.1:4001/graphql',
    sourcesUrl: readUrl(env, 'SOURCES_URL', ['http:', 'https:'], problems) ?? 'http://127.0.0.1:4003/graphql',
    countCache: readSwitch(env, 'NEWSGRAPH_COUNT_CACHE', true, problems),
  }));
}
