import { createDataSource, QueryCounter } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { Initial1764300000000 } from './migrations/1764300000000-initial';
import { StatementEvents1764400000000 } from './migrations/1764400000000-statement-events';
import { ByIndexes1764500000000 } from './migrations/1764500000000-by-indexes';
import { WriteVersion1764600000000 } from './migrations/1764600000000-write-version';
import { StatementExtraction1764700000000 } from './migrations/1764700000000-statement-extraction';
import { ListBounds1764800000000 } from './migrations/1764800000000-list-bounds';

export const statementsMigrations = [
  Initial1764300000000,
  StatementEvents1764400000000,
  ByIndexes1764500000000,
  WriteVersion1764600000000,
  StatementExtraction1764700000000,
  ListBounds1764800000000,
];

export function createStatementsDataSource(url: string, counter?: QueryCounter, statementTimeoutMs?: number): DataSource {
  return createDataSource({ url, migrations: statementsMigrations, counter, statementTimeoutMs });
}
