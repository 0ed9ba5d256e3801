import { articleToPackage, GraphLookup, normalisePublished, readHtml } from '@newsgraph/extract';
import type { PagePipeline } from './article';

/**
 * The extractor's way from a fetched page to a proposed package: integration's reader takes the
 * page's main text and what the page says of itself (title, outlet, date, canonical URL,
 * language); what the page does not say comes from the feed item (title, date) and the feeds
 * file (outlet, language). Linking goes through `lookup` (the gateway).
 */
export function pagePipeline(lookup: GraphLookup | undefined): PagePipeline {
  return async ({ html, url, feed, item }) => {
    const read = readHtml(html, url);
    const fatal = read.problems.filter((p) => p.fatal);
    if (!read.article || fatal.length) throw new Error(fatal.map((p) => p.message).join('; ') || 'no article text on the page');
    const published = item.published ? normalisePublished(item.published) : undefined;
    const article = {
      ...read.article,
      url: read.article.url ?? url,
      ...(read.article.title || !item.title ? {} : { title: item.title }),
      ...(read.article.outlet || !feed.outlet ? {} : { outlet: feed.outlet }),
      ...(read.article.publishedAt || !published ? {} : { publishedAt: published }),
      ...(feed.language ? { language: feed.language } : {}),
    };
    // the feed's date filled a gap the page left: not a problem any more
    const readProblems = read.problems.filter((p) => !(p.where === '/publishedAt' && article.publishedAt));
    const result = await articleToPackage(article, { lookup });
    return {
      article: result.article,
      package: result.package,
      problems: [...readProblems.map((p) => ({ path: p.where, message: p.message })), ...result.problems.map((p) => ({ path: p.where, message: p.message }))],
    };
  };
}
