import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from './database';

/**
 * Test helpers. Tests run against a real PostgreSQL: `DATABASE_URL` names its server (the jest
 * global setup starts an embedded one when it is unset). Every test file gets databases of its
 * own, so files can run in parallel.
 */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through `npm test` (its global setup starts PostgreSQL)');
  return url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database for one test file. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `t_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(testServerUrl(), name);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

/** POSTs one GraphQL operation as JSON, the way a client app does. */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON answer (${res.status}) from ${url}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, data: body.data ?? undefined, errors: body.errors };
}
