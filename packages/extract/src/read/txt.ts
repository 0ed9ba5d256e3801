import { Article } from '../types';
import { normalisePublished } from './published';
import { problem, ReadProblem } from './problems';

export interface ReadResult {
  /** absent when nothing could be read (every problem then fatal) */
  article?: Article;
  problems: ReadProblem[];
}

/**
 * A plain-text article: the first non-empty line is the headline, the rest the body. Our own
 * archive format starts the headline line with `date YYYY-MM-DD `, the publication day: that prefix
 * is read as the date and left out of the title.
 */
export function readTxt(content: string): ReadResult {
  const lines = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1) return { problems: [problem('', 'the file is empty', true)] };
  let title = lines[first].trim();
  let publishedAt: string | undefined;
  const problems: ReadProblem[] = [];
  const dated = /^date\s+(\S+)\s+(.*)$/i.exec(title);
  if (dated) {
    const day = normalisePublished(dated[1]);
    if (day) {
      publishedAt = day;
      title = dated[2].trim();
    } else {
      problems.push(problem(`line ${first + 1}`, `"${dated[1]}" after "date" is not a date (YYYY-MM-DD)`));
    }
  }
  const text = lines
    .slice(first + 1)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  if (!text.trim()) return { problems: [...problems, problem('', 'the file has a headline but no body text', true)] };
  const article: Article = { text, ...(title ? { title } : {}), ...(publishedAt ? { publishedAt } : {}) };
  return { article, problems };
}
