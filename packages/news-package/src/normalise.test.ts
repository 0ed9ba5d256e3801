import { deriveSourceKey, deriveStatementKey } from './keys';
import { checkPackage } from './validate';

test('normalised fills derived keys and defaults, turns string aliases into objects, drops nulls', () => {
  const doc = {
    format: 'newsgraph.package/v1',
    actors: [{ key: 'person:x', name: 'X', aliases: ['Ex', { value: 'Equis', lang: 'es' }], partOf: null }],
    sources: [{ url: 'https://example.com/story?utm_source=feed', title: null }],
    claims: [{ key: 'claim:c', text: 'C' }],
    statements: [
      {
        speaker: 'person:x',
        text: 'Hello, world',
        saidAt: '2026-03-04T23:30:00-05:00',
        attestations: [{ source: deriveSourceKey('https://example.com/story') }],
      },
    ],
  };
  const before = JSON.stringify(doc);
  const { problems, normalised } = checkPackage(doc);
  expect(problems).toEqual([]);
  expect(normalised).toEqual({
    format: 'newsgraph.package/v1',
    actors: [{ key: 'person:x', kind: 'OTHER', name: 'X', aliases: [{ value: 'Ex' }, { value: 'Equis', lang: 'es' }] }],
    sources: [{ key: deriveSourceKey('https://example.com/story'), kind: 'ARTICLE', url: 'https://example.com/story?utm_source=feed' }],
    claims: [{ key: 'claim:c', text: 'C' }],
    statements: [
      {
        // the day is the one in the offset it was reported with
        key: deriveStatementKey('person:x', '2026-03-04', 'Hello, world'),
        speaker: 'person:x',
        text: 'Hello, world',
        saidAt: '2026-03-04T23:30:00-05:00',
        attestations: [{ source: deriveSourceKey('https://example.com/story') }],
      },
    ],
  });
  expect(normalised!.statements![0].form).toBeUndefined();
  expect(JSON.stringify(doc)).toBe(before); // the input is not changed
});

test('absent lists stay absent', () => {
  expect(checkPackage({ format: 'newsgraph.package/v1' }).normalised).toEqual({ format: 'newsgraph.package/v1' });
});
