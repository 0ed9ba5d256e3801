import { extractQuotations } from '../extract';
import { GraphLookup } from '../link/lookup';
import { readArticle } from '../read';
import { Article, Extraction } from '../types';
import { ArticleProblem, buildPackage, BuiltPackage } from './build';

/** The finder: an article's quotations with speakers, and the actors it mentions (core's `extractQuotations`). */
export type Finder = (article: Article) => Extraction;

export interface ArticleToPackageOptions {
  /** what the graph knows (the gateway, through `createGatewayLookup`); absent: nothing is linked */
  lookup?: GraphLookup;
  /** @default extractQuotations of this package */
  find?: Finder;
}

export interface ArticleResult extends BuiltPackage {
  article: Article;
  extraction: Extraction;
}

/**
 * The whole way from an article to a news package, for every way in (the CLI, the review page, the
 * feed watcher): find the quotations, link them to what the graph knows when there is a lookup,
 * and package them. The package is what `npm run ingest` accepts; `problems` are what the caller
 * must show (a missing publication date, quotations left out and why).
 */
export async function articleToPackage(article: Article, options: ArticleToPackageOptions = {}): Promise<ArticleResult> {
  const extraction = (options.find ?? extractQuotations)(article);
  const built = await buildPackage(article, extraction, options.lookup);
  return { ...built, article, extraction };
}

export interface FileResult {
  /** absent when the file could not be read as an article */
  result?: ArticleResult;
  /** reading problems first, then packaging problems */
  problems: ArticleProblem[];
}

/**
 * An article file's content (`.json`, `.html`, `.txt`, by `fileName`'s extension) to a package.
 * Pure too: the caller reads the file or fetches the page.
 */
export async function fileToPackage(fileName: string, content: string, options: ArticleToPackageOptions = {}): Promise<FileResult> {
  const read = readArticle(fileName, content);
  const problems: ArticleProblem[] = read.problems.map((p) => ({ where: p.where, message: p.message, ...(p.fatal ? { fatal: true } : {}) }));
  if (!read.article || problems.some((p) => p.fatal)) return { problems };
  const result = await articleToPackage(read.article, options);
  return { result, problems: [...problems, ...result.problems] };
}
