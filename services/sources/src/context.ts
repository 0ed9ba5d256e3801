import { Caller, createTokenCheck } from '@newsgraph/kit';
import { Request } from 'express';
import { DataSource } from 'typeorm';
import { createOutletLoaders } from './outlet/outlet.loaders';
import { createSourceLoaders } from './source/source.loaders';

export type SourcesLoaders = ReturnType<typeof createLoaders>;

/** Everything a resolver may need; the loaders are new for every request (no cache across callers). */
export interface SourcesContext {
  caller: Caller;
  dataSource: DataSource;
  loaders: SourcesLoaders;
}

export function createLoaders(db: DataSource) {
  return { ...createSourceLoaders(db), ...createOutletLoaders(db) };
}

export function createContextFactory(dataSource: DataSource, writeTokens: readonly string[]): (req: Request) => SourcesContext {
  const checkToken = createTokenCheck(writeTokens);
  return (req) => ({
    caller: checkToken(req.headers.authorization),
    dataSource,
    loaders: createLoaders(dataSource),
  });
}
