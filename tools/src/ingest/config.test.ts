import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEFAULT_URL, findRepoRoot, resolveToken, resolveUrl } from './config';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ingest-config-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'root', workspaces: ['tools'] }));
  mkdirSync(path.join(root, 'tools', 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'tools', 'package.json'), JSON.stringify({ name: 'tools' }));
  mkdirSync(path.join(root, '.data'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the repository root is the nearest package.json with workspaces', () => {
  expect(findRepoRoot(path.join(root, 'tools', 'dist'))).toBe(root);
  expect(findRepoRoot(tmpdir())).toBeNull();
});

test('token: --token, then NEWSGRAPH_TOKEN, then .data/write-token', () => {
  writeFileSync(path.join(root, '.data', 'write-token'), 'from-file\n');
  expect(resolveToken('from-flag', { NEWSGRAPH_TOKEN: 'from-env' }, root)).toBe('from-flag');
  expect(resolveToken(undefined, { NEWSGRAPH_TOKEN: 'from-env' }, root)).toBe('from-env');
  expect(resolveToken(undefined, { NEWSGRAPH_TOKEN: '' }, root)).toBe('from-file');
});

test('no token anywhere is a clear error', () => {
  rmSync(path.join(root, '.data', 'write-token'), { force: true });
  expect(() => resolveToken(undefined, {}, root)).toThrow(ConfigError);
  expect(() => resolveToken(undefined, {}, null)).toThrow(/pass --token <token>, set NEWSGRAPH_TOKEN, or start newsgraph with `npm start`/);
  writeFileSync(path.join(root, '.data', 'write-token'), '  \n');
  expect(() => resolveToken(undefined, {}, root)).toThrow(ConfigError);
});

test('url: --url, then NEWSGRAPH_URL, then the default; it must be http(s)', () => {
  expect(resolveUrl('http://a/graphql', { NEWSGRAPH_URL: 'http://b/graphql' })).toBe('http://a/graphql');
  expect(resolveUrl(undefined, { NEWSGRAPH_URL: 'http://b/graphql' })).toBe('http://b/graphql');
  expect(resolveUrl(undefined, {})).toBe(DEFAULT_URL);
  expect(() => resolveUrl('localhost:4000', {})).toThrow(/is not an http\(s\) URL/);
});
