import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Article } from '@newsgraph/extract';
import type { Form, Span } from './metrics';

/** One gold quotation as written in a `<name>.gold.json` file (see fixtures/README.md). */
export interface GoldQuotation {
  form: Form;
  text: string;
  speaker: string;
  speakerKey?: string;
  /** where the text starts in the article's text, when it occurs more than once */
  start?: number;
}

export interface EvalArticle {
  name: string;
  article: Article;
  gold: Span[];
  goldTexts: GoldQuotation[];
}

export class EvalSetError extends Error {}

/**
 * Gold spans from their texts. Gold quotations are listed in article order, so each is looked
 * for from the previous one on; a text that is not in the article is an error in the set, named.
 */
export function locateGold(name: string, text: string, gold: GoldQuotation[]): Span[] {
  let cursor = 0;
  return gold.map((g, i) => {
    if (g.form !== 'DIRECT_QUOTE' && g.form !== 'INDIRECT_QUOTE')
      throw new EvalSetError(`${name}.gold.json: quotations[${i}].form must be DIRECT_QUOTE or INDIRECT_QUOTE`);
    if (typeof g.text !== 'string' || !g.text) throw new EvalSetError(`${name}.gold.json: quotations[${i}].text is missing`);
    let start = g.start ?? text.indexOf(g.text, cursor);
    if (start < 0) start = text.indexOf(g.text);
    if (start < 0 || text.slice(start, start + g.text.length) !== g.text) {
      throw new EvalSetError(`${name}.gold.json: quotations[${i}].text is not in the article's text: ${JSON.stringify(g.text.slice(0, 60))}`);
    }
    cursor = start;
    return { form: g.form, start, end: start + g.text.length, speaker: g.speaker ?? null };
  });
}

/** Every `<name>.json` with a `<name>.gold.json` next to it, in name order. */
export function loadSet(folder: string): EvalArticle[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.gold.json'))
    .sort();
  return files.map((goldFile) => {
    const name = basename(goldFile, '.gold.json');
    const articlePath = join(folder, `${name}.json`);
    let raw: Record<string, unknown>;
    let goldRaw: { quotations?: GoldQuotation[] };
    try {
      raw = JSON.parse(readFileSync(articlePath, 'utf8'));
      goldRaw = JSON.parse(readFileSync(join(folder, goldFile), 'utf8'));
    } catch (error) {
      throw new EvalSetError(`${name}: ${(error as Error).message}`);
    }
    if (typeof raw.text !== 'string') throw new EvalSetError(`${articlePath}: "text" must be the article's text`);
    const str = (k: string): string | undefined => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    const article: Article = { text: raw.text };
    for (const k of ['title', 'url', 'outlet', 'publishedAt', 'language'] as const) {
      const v = str(k);
      if (v) article[k] = v;
    }
    const goldTexts = goldRaw.quotations ?? [];
    return { name, article, gold: locateGold(name, article.text, goldTexts), goldTexts };
  });
}
