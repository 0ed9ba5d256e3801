import { canonicalUrl } from '@newsgraph/news-package';
import { Article } from '../types';
import { readHtml } from './html';
import { normaliseLanguage, normalisePublished } from './published';
import { problem, ReadProblem } from './problems';
import { ReadResult } from './txt';

const FIELDS = ['url', 'title', 'outlet', 'publishedAt', 'language', 'text', 'html'];

/**
 * CONTRACT.md section 7's JSON article: `{url, title, outlet, publishedAt, language, text}`, or
 * `html` (an article page) instead of `text`. Fields given in the JSON win over what the page says.
 * `outlet` is a name, or `{name}` as in a package.
 */
export function readJson(content: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [problem('', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, true)] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { problems: [problem('', 'must be a JSON object {url, title, outlet, publishedAt, language, text or html}', true)] };
  }
  const o = doc as Record<string, unknown>;
  const problems: ReadProblem[] = [];
  const str = (field: string): string | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      problems.push(problem(`/${field}`, `must be a string, not ${Array.isArray(v) ? 'an array' : typeof v}`, field === 'text' || field === 'html'));
      return undefined;
    }
    return v.trim() ? v : undefined;
  };
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) problems.push(problem(`/${k}`, `unknown field (expected one of ${FIELDS.join(', ')}); ignored`));

  const text = str('text');
  const html = str('html');
  let outlet: string | undefined;
  if (o.outlet && typeof o.outlet === 'object' && typeof (o.outlet as { name?: unknown }).name === 'string')
    outlet = (o.outlet as { name: string }).name.trim() || undefined;
  else outlet = str('outlet');
  const url = str('url');
  const title = str('title');

  let base: Article | undefined;
  if (text !== undefined) {
    if (html !== undefined) problems.push(problem('/html', 'ignored: the article has `text`, which wins'));
    base = { text: text.replace(/\r\n?/g, '\n') };
  } else if (html !== undefined) {
    const page = readHtml(html, url);
    problems.push(...page.problems.map((p) => ({ ...p, where: p.where ? `/html ${p.where}` : '/html' })));
    base = page.article;
  } else if (!problems.some((p) => p.fatal)) {
    problems.push(problem('/text', 'is missing: give the article as `text` or as `html`', true));
  }
  if (!base || problems.some((p) => p.fatal)) return { problems };

  const article: Article = { ...base };
  if (url !== undefined) {
    // a package's source URL must be absolute http(s); anything else would make the package invalid
    if (canonicalUrl(url.trim())) article.url = url.trim();
    else problems.push(problem('/url', `"${url}" is not an absolute http(s) URL; the source is kept without one`));
  }
  if (title !== undefined) article.title = title.trim();
  if (outlet !== undefined) article.outlet = outlet.trim();
  const published = str('publishedAt');
  if (published !== undefined) {
    const d = normalisePublished(published);
    if (d) article.publishedAt = d;
    else problems.push(problem('/publishedAt', `"${published}" is not a date (YYYY-MM-DD or an ISO instant with offset)`));
  }
  const language = str('language');
  if (language !== undefined) {
    const l = normaliseLanguage(language);
    if (l) article.language = l;
    else problems.push(problem('/language', `"${language}" is not a language code such as en or es; it will be detected`));
  }
  return { article, problems };
}
