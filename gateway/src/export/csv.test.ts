import { csvField, csvRecord } from './csv';

test('plain values stay as they are; commas, quotes and line breaks are quoted with quotes doubled', () => {
  expect(csvField('Albares')).toBe('Albares');
  expect(csvField(null)).toBe('');
  expect(csvField(3)).toBe('3');
  expect(csvField('bases, airspace')).toBe('"bases, airspace"');
  expect(csvField('he said "no"')).toBe('"he said ""no"""');
  expect(csvField('line one\nline two')).toBe('"line one\nline two"');
  expect(csvField('=SUM(A1)')).toBe('=SUM(A1)'); // the text is kept exactly; see csv.ts
});

test('a record ends with CRLF', () => {
  expect(csvRecord(['a', 'b,c', undefined])).toBe('a,"b,c",\r\n');
});
