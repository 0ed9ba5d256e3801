import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryStore } from './persisted-store';
import { loadTrustedDocuments } from './persisted-queries';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

test('the in-process store forgets the least recently used document past its entry bound', async () => {
  const store = createMemoryStore({ maxEntries: 2 });
  await store.set('a', '{ a }');
  await store.set('b', '{ b }');
  expect(await store.get('a')).toBe('{ a }'); // a is now the most recent
  await store.set('c', '{ c }');
  expect(await store.get('b')).toBeUndefined();
  expect(await store.get('a')).toBe('{ a }');
  expect(await store.get('c')).toBe('{ c }');
});

test('the in-process store stays within its byte bound and refuses a document larger than it', async () => {
  const store = createMemoryStore({ maxBytes: 10 });
  await store.set('big', 'x'.repeat(11));
  expect(await store.get('big')).toBeUndefined();
  await store.set('a', 'x'.repeat(6));
  await store.set('b', 'y'.repeat(6));
  expect(await store.get('a')).toBeUndefined();
  expect(await store.get('b')).toBe('yyyyyy');
});

test('trusted documents: both manifest formats load; a wrong id or an empty manifest is refused saying where', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-trusted-'));
  const write = (name: string, json: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(json));
    return file;
  };
  const doc = '{ actor(key: "country:es") { name } }';
  const apollo = write('apollo.json', {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [{ id: sha(doc), name: 'A', type: 'query', body: doc }],
  });
  expect([...loadTrustedDocuments(apollo)]).toEqual([[sha(doc), doc]]);
  const codegen = write('codegen.json', { [sha(doc)]: doc });
  expect(loadTrustedDocuments(codegen).get(sha(doc))).toBe(doc);
  expect(() => loadTrustedDocuments(write('wrong.json', { operations: [{ id: sha('other'), body: doc }] }))).toThrow(
    /\/operations\/0: id [0-9a-f]{64} is not the SHA-256 of its document/,
  );
  expect(() => loadTrustedDocuments(write('empty.json', {}))).toThrow(/no documents/);
  expect(() => loadTrustedDocuments(path.join(dir, 'missing.json'))).toThrow(/cannot read/);
});
