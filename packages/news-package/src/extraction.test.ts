import { deriveStatementKey, normaliseStatementText } from './keys';
import { checkPackage } from './validate';

// The same quotation printed by two outlets, or extracted twice, must become one statement: the
// derived key may not depend on how a page typesets it.
describe('the derived statement key absorbs typesetting', () => {
  const key = (text: string) => deriveStatementKey('person:jose-manuel-albares', '2026-03-04', text);
  const base = 'I categorically deny any change… our stance regarding the use of bases has not changed at all';
  test.each([
    ['straight apostrophes and three dots', 'I categorically deny any change... our stance regarding the use of bases has not changed at all'],
    ['an ellipsis with spaces around it', 'I categorically deny any change … our stance regarding the use of bases has not changed at all'],
    ['extra spaces and a line break', 'I  categorically deny any change…\nour stance regarding the use of bases has not changed at all'],
    ['a closing full stop and a comma', 'I categorically deny any change, our stance regarding the use of bases has not changed at all.'],
    ['other case and no accents to fold', 'i categorically DENY any change… our stance regarding the use of bases has not changed at all'],
  ])('%s', (_why, other) => {
    expect(key(other)).toBe(key(base));
  });

  test('curly and straight quotes and apostrophes inside a quotation', () => {
    expect(normaliseStatementText('Spain’s “position” remains unchanged')).toBe(normaliseStatementText('Spain\'s "position" remains unchanged'));
    expect(normaliseStatementText('la posición «no ha cambiado»')).toBe(normaliseStatementText('la posicion "no ha cambiado"'));
  });

  test('initials with dots or without', () => {
    expect(normaliseStatementText('the U.S. military and the U. N.')).toBe(normaliseStatementText('the US military and the UN'));
    expect(normaliseStatementText('the U.S. military')).toBe('the us military');
  });

  test('different words still make different keys', () => {
    expect(key('our stance has not changed')).not.toBe(key('our stance has changed'));
    expect(deriveStatementKey('person:a', '2026-03-04', 'x y')).not.toBe(deriveStatementKey('person:a', '2026-03-05', 'x y'));
  });
});

describe('the optional extraction object', () => {
  const pkg = (extraction: unknown) => ({
    format: 'newsgraph.package/v1',
    actors: [{ key: 'person:x', name: 'X' }],
    sources: [{ key: 'src:x', kind: 'OTHER' }],
    statements: [{ speaker: 'person:x', text: 'Hello', saidAt: '2026-03-04', attestations: [{ source: 'src:x' }], extraction }],
  });

  test('is accepted and kept', () => {
    const { problems, normalised } = checkPackage(pkg({ confidence: 0.82, start: 10, end: 15, review: false }));
    expect(problems).toEqual([]);
    expect(normalised!.statements![0].extraction).toEqual({ confidence: 0.82, start: 10, end: 15, review: false });
  });

  test('null means absent', () => {
    const { problems, normalised } = checkPackage(pkg(null));
    expect(problems).toEqual([]);
    expect(normalised!.statements![0].extraction).toBeUndefined();
  });

  test('bad values are listed by path', () => {
    const { problems } = checkPackage(pkg({ confidence: 1.5, start: -1, end: 2.5, review: 'yes', extra: 1 }));
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/statements/0/extraction/confidence',
        '/statements/0/extraction/start',
        '/statements/0/extraction/end',
        '/statements/0/extraction/review',
        '/statements/0/extraction/extra',
      ]),
    );
  });

  test('an end before the start is refused', () => {
    const { problems } = checkPackage(pkg({ confidence: 0.5, start: 20, end: 10, review: true }));
    expect(problems).toEqual([{ path: '/statements/0/extraction/end', message: '10 is before start (20)' }]);
  });
});
