/**
 * `@newsgraph/kit/testing`: helpers for tests (and benchmarks) only, kept out of the production
 * barrel so that no service can reach them at run time.
 */
export * from './database';
export * from './graphql';
export * from './streams';
export * from './subgraph';
