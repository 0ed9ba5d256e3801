import { createDataSource, QueryCounter } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { Initial1764200000000 } from './migrations/1764200000000-initial';
import { ExternalIds1764700000000 } from './migrations/1764700000000-external-ids';
import { ListBounds1764800000000 } from './migrations/1764800000000-list-bounds';

export const actorsMigrations = [Initial1764200000000, ExternalIds1764700000000, ListBounds1764800000000];

export function createActorsDataSource(url: string, counter?: QueryCounter, statementTimeoutMs?: number): DataSource {
  return createDataSource({ url, migrations: actorsMigrations, counter, statementTimeoutMs });
}
