import { detectLanguage } from './language';
import { extractQuotations } from '../extract';

test('English and Spanish are told apart by their frequent words', () => {
  expect(detectLanguage('The minister said on Tuesday that the talks had been postponed and would resume in the spring.')).toBe('en');
  expect(detectLanguage('El ministro dijo el martes que las conversaciones se habían aplazado y que se retomarían en primavera.')).toBe('es');
});

test('a text with no frequent word of either is undetermined rather than guessed', () => {
  expect(detectLanguage('Zzz qwx 12345')).toBe('und');
  expect(detectLanguage('')).toBe('und');
});

test('an article without a language is extracted with the detected one', () => {
  const x = extractQuotations({ text: 'Ana Ruiz dijo que el acuerdo está cerca y que se firmará pronto.' });
  expect(x.language).toBe('es');
  expect(x.quotations[0].cue).toBe('say');
});
