import { findQuoteSpans, topLevel } from './marks';

const inner = (text: string): string[] => topLevel(findQuoteSpans(text)).map((s) => text.slice(s.start, s.end));

describe('quotation marks', () => {
  test.each([
    ['curly double', 'She said: “We will not move.” Then she left.', 'We will not move.'],
    ['straight double', 'He said: "We will not move." Then he left.', 'We will not move.'],
    ['guillemets', 'Afirmó: «No vamos a movernos». Y se fue.', 'No vamos a movernos'],
    ['low-high German', 'Er sagte: „Wir bleiben hier“, und ging.', 'Wir bleiben hier'],
    ['curly single', 'She said: ‘We will not move.’ Then she left.', 'We will not move.'],
    ['straight single', "She said: 'We will not move.' Then she left.", 'We will not move.'],
  ])('%s', (_name, text, expected) => {
    expect(inner(text)).toEqual([expected]);
  });

  test('the comma the attribution leaves inside the marks is not part of the words', () => {
    expect(inner('“I deny it,” he said.')).toEqual(['I deny it']);
  });

  test('apostrophes are not marks: Spain’s, don’t, ministers’, the ’90s', () => {
    expect(inner('Spain’s minister said he don’t know the ministers’ plans from the ’90s.')).toEqual([]);
    expect(inner("Spain's minister said he doesn't know. 'We won't,' she said.")).toEqual(["We won't"]);
  });

  test('a quote split by its attribution is two spans', () => {
    expect(inner('“The first half,” he said. “The second half.”')).toEqual(['The first half', 'The second half.']);
  });

  test('nested quotes stay inside the outer span', () => {
    const text = '“They keep talking about a ‘vibrant seafront’, but where are the customers?” he asked.';
    const spans = findQuoteSpans(text);
    expect(topLevel(spans).map((s) => text.slice(s.start, s.end))).toEqual(['They keep talking about a ‘vibrant seafront’, but where are the customers?']);
    expect(spans.filter((s) => s.depth === 1).map((s) => text.slice(s.start, s.end))).toEqual(['vibrant seafront']);
  });

  test('a quote continued by an opening mark at the next paragraph is one span over both', () => {
    const text = '“First paragraph of the quote.\n\n“Second paragraph,” she said.';
    const [span] = topLevel(findQuoteSpans(text));
    expect(text.slice(span.start, span.end)).toBe('First paragraph of the quote.\n\n“Second paragraph');
    expect(span.paragraphs).toBe(2);
    expect(span.closed).toBe(true);
  });

  test('Spanish continues a quotation with » at the next paragraph', () => {
    const text = '«Primera parte.\n\n»Segunda parte», explicó.';
    expect(inner(text)).toEqual(['Primera parte.\n\n»Segunda parte']);
  });

  test('an unclosed quote ends with its paragraph and is marked unclosed', () => {
    const text = 'Tehran called it “responsible behavior.\n\nNext paragraph.';
    const [span] = topLevel(findQuoteSpans(text));
    expect(text.slice(span.start, span.end)).toBe('responsible behavior.');
    expect(span.closed).toBe(false);
  });

  test('a breadcrumb arrow is not a mark', () => {
    expect(inner('World » EU | March 5, 2026')).toEqual([]);
  });
});
