import path from 'node:path';
import { readHtml } from './html';
import { readJson } from './json';
import { problem } from './problems';
import { ReadResult, readTxt } from './txt';

export { readHtml, paragraphsOf } from './html';
export { readJson } from './json';
export { readTxt, ReadResult } from './txt';
export { normalisePublished, normaliseLanguage } from './published';
export { ReadProblem } from './problems';

/** The file extensions `readArticle` knows (CONTRACT.md section 7). */
export const ARTICLE_EXTENSIONS = ['.json', '.html', '.htm', '.txt'] as const;

/**
 * An article file's content, read by the kind its name says: `.json`, `.html`/`.htm`, `.txt`.
 * Pure: the caller reads the file (or the feed fetches the page) and passes its text.
 */
export function readArticle(fileName: string, content: string): ReadResult {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.json') return readJson(content);
  if (ext === '.html' || ext === '.htm') return readHtml(content);
  if (ext === '.txt') return readTxt(content);
  return { problems: [problem('', `unknown kind of article "${ext || fileName}": expected ${ARTICLE_EXTENSIONS.join(', ')}`, true)] };
}
