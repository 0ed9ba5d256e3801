type UnifiedGraphHandler = typeof import('@graphql-hive/router-runtime').unifiedGraphHandler;

export type QueryPlanner = 'rust' | 'js' | 'auto';

export interface ResolvedPlanner {
  kind: 'rust' | 'js';
  /** undefined: the runtime's own (JavaScript) planner */
  handler?: UnifiedGraphHandler;
  /** why `auto` fell back to JavaScript */
  fallbackReason?: string;
}

/**
 * Picks the query planner. The Rust planner ships as native binaries for Linux glibc and macOS
 * (x64, arm64); loading it on another platform (Alpine's musl, Windows) throws, and `auto` then
 * keeps the JavaScript planner, which plans the same supergraph.
 */
export function queryPlanner(choice: QueryPlanner): ResolvedPlanner {
  if (choice === 'js') return { kind: 'js' };
  try {
    // required lazily: the native binary loads with the module
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require, so that a platform without the native binary can still fall back to the JS planner
    const { unifiedGraphHandler } = require('@graphql-hive/router-runtime') as typeof import('@graphql-hive/router-runtime');
    return { kind: 'rust', handler: unifiedGraphHandler };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (choice === 'rust') throw new Error(`the Rust query planner cannot load here: ${reason}`);
    return { kind: 'js', fallbackReason: reason };
  }
}
