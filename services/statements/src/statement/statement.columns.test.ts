import { statementColumnsFor } from './statement.sql';

test('a list reads the columns of the fields asked for, plus the cursor’s', () => {
  expect(statementColumnsFor(new Set(['key', 'saidAt', 'speaker']))).toBe('s.key, s.said_at, s.said_at_text, s.speaker_key');
  expect(statementColumnsFor(new Set())).toBe('s.key, s.said_at');
});

test('an unknown field, or one that looks statements up by key, reads whole rows', () => {
  expect(statementColumnsFor(new Set(['key', 'somethingNew']))).toBeNull();
  expect(statementColumnsFor(new Set(['key', 'relations']))).toBeNull();
  expect(statementColumnsFor(new Set(['text', 'contradictions']))).toBeNull();
});

test('every column a field reads is a whole row', () => {
  const all = ['text', 'language', 'form', 'venue', 'extraction', 'saidAt', 'saidOn', 'speaker', 'onBehalfOf', 'topics', 'ownTopics'];
  expect(statementColumnsFor(new Set(all))).toBeNull();
  expect(statementColumnsFor(new Set(all.slice(1)))).not.toBeNull();
});
