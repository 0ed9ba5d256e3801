import { createDataSource, QueryCounter } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { SourcesInitial1764310000000 } from './migrations/1764310000000-initial';
import { ListBounds1764800000000 } from './migrations/1764800000000-list-bounds';

export const sourcesMigrations = [SourcesInitial1764310000000, ListBounds1764800000000];

/** The sources database; pass a QueryCounter to count the SQL it sends (batching tests). */
export function createSourcesDataSource(url: string, counter?: QueryCounter, statementTimeoutMs?: number): DataSource {
  return createDataSource({ url, migrations: sourcesMigrations, counter, statementTimeoutMs });
}
