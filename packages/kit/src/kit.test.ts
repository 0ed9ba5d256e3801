import { GraphQLError } from 'graphql';
import { createTokenCheck } from './auth';
import { ConfigError, loadExtendedSubgraphConfig, loadSubgraphConfig, readPositiveInt, readSwitch } from './config';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination';
import { subgraphCommand } from './subgraph-main';

describe('loadSubgraphConfig', () => {
  test('derives the service database from DATABASE_URL and applies defaults', () => {
    const config = loadSubgraphConfig({ DATABASE_URL: 'postgres://u:p@db:5432/postgres', NEWSGRAPH_WRITE_TOKENS: 'a, b,' }, 'actors');
    expect(config).toMatchObject({ port: 4001, host: '127.0.0.1', writeTokens: ['a', 'b'], production: false });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/newsgraph_actors');
  });
  test('a per-service URL wins', () => {
    const config = loadSubgraphConfig({ DATABASE_URL: 'postgres://db/x', STATEMENTS_DATABASE_URL: 'postgres://other/mine' }, 'statements');
    expect(config.databaseUrl).toBe('postgres://other/mine');
  });
  test('lists every problem at once', () => {
    let error: unknown;
    try {
      loadSubgraphConfig({ SOURCES_PORT: 'eighty', SOURCES_DATABASE_URL: 'mysql://x/y' }, 'sources');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'SOURCES_PORT must be a port number (0-65535), got "eighty"',
      'SOURCES_DATABASE_URL must be a postgres: or postgresql: URL, got "mysql://x/y"',
    ]);
  });
  test('no database at all is a problem', () => {
    expect(() => loadSubgraphConfig({}, 'actors')).toThrow(/DATABASE_URL/);
  });
});

describe('loadExtendedSubgraphConfig', () => {
  const readOwn = (env: Record<string, string>) => (problems: string[]) => ({ attempts: readPositiveInt(env, 'ATTEMPTS', 3, problems) });
  test("adds a service's own variables to the common ones", () => {
    const env = { DATABASE_URL: 'postgres://db/x', ATTEMPTS: '5' };
    expect(loadExtendedSubgraphConfig(env, 'alerts', readOwn(env))).toMatchObject({ port: 4004, attempts: 5 });
  });
  test('one error lists the problems of both, the common ones first', () => {
    const env = { ALERTS_PORT: 'x', ATTEMPTS: '0' };
    let error: unknown;
    try {
      loadExtendedSubgraphConfig(env, 'alerts', readOwn(env));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'ALERTS_PORT must be a port number (0-65535), got "x"',
      'DATABASE_URL (or ALERTS_DATABASE_URL) is not set; `npm start` provides an embedded PostgreSQL',
      'ATTEMPTS must be a positive integer, got "0"',
    ]);
  });
});

describe('subgraph commands', () => {
  test('none means serve; serve and migrate are known', () => {
    expect(subgraphCommand([])).toBe('serve');
    expect(subgraphCommand(['serve'])).toBe('serve');
    expect(subgraphCommand(['migrate'])).toBe('migrate');
  });
  test('anything else is refused, including a known command with more after it', () => {
    expect(subgraphCommand(['migrat'])).toBeUndefined();
    expect(subgraphCommand(['--help'])).toBeUndefined();
    expect(subgraphCommand(['migrate', 'now'])).toBeUndefined();
  });
});

describe('cursors and pages', () => {
  test('round-trip and shape check', () => {
    const c = encodeCursor(['2026-03-04T00:00:00.000Z', 'stmt:a']);
    expect(decodeCursor(c, ['string', 'string'])).toEqual(['2026-03-04T00:00:00.000Z', 'stmt:a']);
    expect(() => decodeCursor(c, ['number', 'string'])).toThrow(GraphQLError);
    expect(() => decodeCursor('%%%', ['string'])).toThrow(/not a cursor/);
    expect(decodeCursor(null, ['string'])).toBeNull();
  });
  test('first is 0..100, default 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/first/);
    expect(() => pageSize(-1)).toThrow(/first/);
  });
  test('the extra row only sets hasNextPage', () => {
    const page = toConnection(
      [1, 2, 3],
      2,
      10,
      true,
      (n) => `c${n}`,
      (n) => n * 10,
    );
    expect(page.edges).toEqual([
      { cursor: 'c1', node: 10 },
      { cursor: 'c2', node: 20 },
    ]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'c1', endCursor: 'c2' });
  });
});

describe('write tokens', () => {
  const check = createTokenCheck(['s3cret']);
  test('only a configured bearer token writes', () => {
    expect(check('Bearer s3cret').canWrite).toBe(true);
    expect(check('bearer s3cret').canWrite).toBe(true);
    expect(check('Bearer s3cre').canWrite).toBe(false);
    expect(check('s3cret').canWrite).toBe(false);
    expect(check(undefined).canWrite).toBe(false);
  });
  test('no configured tokens: nobody writes', () => {
    expect(createTokenCheck([])('Bearer ').canWrite).toBe(false);
  });
});

test('readSwitch: on, off, unset or blank is the default, anything else is a named problem', () => {
  const problems: string[] = [];
  expect(readSwitch({ A: 'on' }, 'A', false, problems)).toBe(true);
  expect(readSwitch({ A: ' off ' }, 'A', true, problems)).toBe(false);
  expect(readSwitch({}, 'A', true, problems)).toBe(true);
  expect(readSwitch({ A: '' }, 'A', false, problems)).toBe(false);
  expect(problems).toEqual([]);
  expect(readSwitch({ A: 'yes' }, 'A', true, problems)).toBe(true);
  expect(problems).toEqual(['A must be on or off, got "yes"']);
});
