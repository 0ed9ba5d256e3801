import { createDataSource } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { AlertsWebhooks1764900000000 } from './migrations/1764900000000-webhooks';

export const alertsMigrations = [AlertsWebhooks1764900000000];

/** The alerts database. Its queries are SQL in webhook.store.ts, so it declares no entities. */
export function createAlertsDataSource(url: string, statementTimeoutMs?: number): DataSource {
  return createDataSource({ url, migrations: alertsMigrations, poolSize: 5, statementTimeoutMs });
}
