import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readArticle, readHtml, readJson, readTxt } from '.';
import { normalisePublished } from './published';

const SEED = path.resolve(__dirname, '../../../../fixtures/seed/000_7254b9545039598a.txt');

describe('.txt', () => {
  test('the seed: "date YYYY-MM-DD" on the headline line is the publication day, the rest the body', () => {
    const { article, problems } = readTxt(readFileSync(SEED, 'utf8'));
    expect(problems).toEqual([]);
    expect(article!.title).toBe('Spain Denies US Claims of Military Cooperation Against Iran, Stands Firm on Base Restrictions');
    expect(article!.publishedAt).toBe('2026-03-05');
    expect(article!.text.startsWith('World » EU | March 5, 2026')).toBe(true);
    expect(article!.text).toContain('“I categorically deny any change…');
  });

  test('a headline without a date leaves the date unknown (never today)', () => {
    const { article, problems } = readTxt('Ministers meet in Brussels\n\nThe meeting ended late, officials said.\n');
    expect(problems).toEqual([]);
    expect(article).toEqual({ title: 'Ministers meet in Brussels', text: 'The meeting ended late, officials said.' });
  });

  test('a date that is not one is reported on its line and kept out of nothing else', () => {
    const { article, problems } = readTxt('\n date 2026-02-30 Headline\nBody.');
    expect(problems).toEqual([{ where: 'line 2', message: '"2026-02-30" after "date" is not a date (YYYY-MM-DD)', fatal: false }]);
    expect(article!.publishedAt).toBeUndefined();
    expect(article!.title).toBe('date 2026-02-30 Headline');
  });

  test('Windows line ends and a byte-order mark', () => {
    expect(readTxt('\uFEFFTitle\r\n\r\nLine one.\r\nLine two.').article).toEqual({ title: 'Title', text: 'Line one.\nLine two.' });
  });

  test('empty, or a headline alone, is fatal', () => {
    expect(readTxt('  \n\n').problems).toEqual([{ where: '', message: 'the file is empty', fatal: true }]);
    expect(readTxt('Only a headline\n').problems[0]).toMatchObject({ fatal: true, message: 'the file has a headline but no body text' });
  });
});

describe('.json', () => {
  test('every field of section 7', () => {
    const { article, problems } = readJson(
      JSON.stringify({
        url: 'https://x.example/a',
        title: ' T ',
        outlet: 'Daily',
        publishedAt: '2026-03-05T09:01:00+0200',
        language: 'es-ES',
        text: 'Body.\r\nMore.',
      }),
    );
    expect(problems).toEqual([]);
    expect(article).toEqual({
      url: 'https://x.example/a',
      title: 'T',
      outlet: 'Daily',
      publishedAt: '2026-03-05T09:01:00+02:00',
      language: 'es',
      text: 'Body.\nMore.',
    });
  });

  test('html instead of text: the page is read, the JSON fields win', () => {
    const html =
      '<html lang="en"><head><meta property="og:site_name" content="Page Outlet"><title>Page title</title></head><body><p>First paragraph of the story.</p></body></html>';
    const { article } = readJson(JSON.stringify({ html, outlet: { name: 'JSON Outlet' }, publishedAt: '2026-03-04' }));
    expect(article).toMatchObject({ outlet: 'JSON Outlet', title: 'Page title', publishedAt: '2026-03-04', language: 'en' });
    expect(article!.text).toContain('First paragraph of the story.');
  });

  test('problems say where', () => {
    expect(readJson('{"text": ').problems[0]).toMatchObject({ where: '', fatal: true, message: expect.stringMatching(/^not valid JSON/) });
    expect(readJson('[1]').problems[0]).toMatchObject({ fatal: true });
    expect(readJson('{"title": "x"}').problems).toEqual([{ where: '/text', message: 'is missing: give the article as `text` or as `html`', fatal: true }]);
    expect(readJson('{"text": 5}').problems).toEqual([{ where: '/text', message: 'must be a string, not number', fatal: true }]);
    const soft = readJson('{"text": "Body.", "publishedAt": "last week", "language": "English", "author": "me", "url": "news/a.html"}');
    expect(soft.article).toEqual({ text: 'Body.' });
    expect(soft.problems.map((p) => [p.where, p.fatal])).toEqual([
      ['/author', false],
      ['/url', false],
      ['/publishedAt', false],
      ['/language', false],
    ]);
  });
});

describe('.html', () => {
  const page = (head: string, body = '') => `<!doctype html><html lang="en-GB"><head>${head}</head><body>
    <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Minister rejects report</h1>
      <p>The minister said on Tuesday that the report was “entirely false”, adding that talks would continue next week in Geneva.</p>
      <p>“We have never agreed to that,” she told reporters outside the ministry, according to a statement released later by her office.</p>
      <p>Opposition leaders called for an inquiry, saying the public deserved a full account of what had been discussed.</p>${body}
    </article><footer>© 2026 Example Media. All rights reserved.</footer></body></html>`;

  test('main text by paragraphs, without navigation or footer', () => {
    const { article } = readHtml(page('<title>Minister rejects report</title>'));
    const paragraphs = article!.text.split('\n\n');
    expect(paragraphs).toContain(
      '“We have never agreed to that,” she told reporters outside the ministry, according to a statement released later by her office.',
    );
    expect(article!.text).not.toMatch(/Home|All rights reserved/);
  });

  test('title, outlet, date, canonical URL and language from meta tags', () => {
    const { article, problems } = readHtml(
      page(`<meta property="og:title" content="Minister rejects report"><meta property="og:site_name" content="Example Media">
        <meta property="article:published_time" content="2026-03-03T18:45:00Z"><link rel="canonical" href="https://example.org/world/minister-rejects">`),
    );
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      title: 'Minister rejects report',
      outlet: 'Example Media',
      publishedAt: '2026-03-03T18:45:00Z',
      url: 'https://example.org/world/minister-rejects',
      language: 'en',
    });
  });

  test('JSON-LD publisher and datePublished; a relative canonical link against the page URL', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'NewsArticle', headline: 'LD headline', datePublished: '2026-03-02', publisher: { '@type': 'Organization', name: 'LD Outlet' } }],
    };
    const { article } = readHtml(
      page(`<script type="application/ld+json">${JSON.stringify(ld)}</script><link rel="canonical" href="/world/a">`),
      'https://news.example.net/feed/1',
    );
    expect(article).toMatchObject({ title: 'LD headline', outlet: 'LD Outlet', publishedAt: '2026-03-02', url: 'https://news.example.net/world/a' });
  });

  test('<time datetime> when nothing else dates the page; og:url when there is no canonical link', () => {
    const { article } = readHtml(
      page('<meta property="og:url" content="https://example.org/b">', '<p><time datetime="2026-03-01T10:00:00+01:00">1 March</time></p>'),
    );
    expect(article).toMatchObject({ publishedAt: '2026-03-01T10:00:00+01:00', url: 'https://example.org/b' });
  });

  test('an undated page has no date, and an unreadable date is reported', () => {
    expect(readHtml(page('')).article!.publishedAt).toBeUndefined();
    const bad = readHtml(page('<meta property="article:published_time" content="soon">'));
    expect(bad.article!.publishedAt).toBeUndefined();
    expect(bad.problems).toEqual([{ where: '<meta>', message: '"soon" is not a date the extractor can read', fatal: false }]);
  });

  test('a page with no text is fatal', () => {
    expect(readHtml('<html><body><script>x()</script></body></html>').problems[0]).toMatchObject({ fatal: true });
    expect(readHtml('   ').problems[0]).toMatchObject({ fatal: true });
  });
});

test('readArticle goes by extension', () => {
  expect(readArticle('a.TXT', 'T\nBody').article!.title).toBe('T');
  expect(readArticle('a.htm', '<p>Some text here.</p>').article!.text).toContain('Some text here.');
  expect(readArticle('a.json', '{"text":"x"}').article!.text).toBe('x');
  expect(readArticle('a.pdf', 'x').problems[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/unknown kind of article ".pdf"/) });
});

test.each([
  ['2026-03-05', '2026-03-05'],
  ['2026-03-05T09:01:00+02:00', '2026-03-05T09:01:00+02:00'],
  ['2026-03-05T09:01:00+0200', '2026-03-05T09:01:00+02:00'],
  ['2026-03-05T23:30:00', '2026-03-05'],
  ['2026-03-05 23:30', '2026-03-05'],
  ['March 5, 2026', '2026-03-05'],
  ['Thursday, 5 March 2026', '2026-03-05'],
  ['5 de marzo de 2026', '2026-03-05'],
  ['2026-02-30', null],
  ['yesterday', null],
])('publication date %s', (raw, expected) => {
  expect(normalisePublished(raw)).toBe(expected);
});
