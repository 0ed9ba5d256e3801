import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSIONS } from '@newsgraph/extract';
import { InputError } from '../ingest/files';

/** Files in an article folder that are not articles: packages written by --out, and dev-set annotations. */
const NOT_ARTICLES = /\.(package|gold)\.json$/i;

const isArticle = (name: string) => (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase()) && !NOT_ARTICLES.test(name);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function articlesIn(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  const found: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await articlesIn(full)));
    else if (e.isFile() && isArticle(e.name)) found.push(full);
  }
  return found;
}

export interface ArticleFile {
  file: string;
  /** where its package goes under --out: the path below the folder given, `.package.json` for the extension */
  outName: string;
}

/**
 * The article files the inputs name, in the order given: a file as is (its extension says how to
 * read it), a folder as every article file inside it, recursively, sorted by name. Two inputs that
 * would write the same package name keep their extension in it (`a.txt.package.json`).
 */
export async function discoverArticles(inputs: readonly string[], cwd: string): Promise<ArticleFile[]> {
  const found: Array<{ file: string; rel: string }> = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const info = await stat(full).catch(() => null);
    if (!info) throw new InputError(`${input}: no such file or folder`);
    if (info.isDirectory()) {
      const files = await articlesIn(full);
      if (files.length === 0) throw new InputError(`${input}: no article (${ARTICLE_EXTENSIONS.join(', ')}) in this folder`);
      for (const f of files) {
        if (seen.has(f)) continue;
        seen.add(f);
        found.push({ file: f, rel: path.relative(full, f) });
      }
    } else {
      // a file named explicitly is read whatever it is called, as long as its extension says how
      if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(full).toLowerCase())) {
        throw new InputError(`${input}: not an article file (expected ${ARTICLE_EXTENSIONS.join(', ')})`);
      }
      if (seen.has(full)) continue;
      seen.add(full);
      found.push({ file: full, rel: path.basename(full) });
    }
  }
  const stem = (rel: string) => rel.slice(0, rel.length - path.extname(rel).length);
  const count = new Map<string, number>();
  for (const f of found) count.set(stem(f.rel), (count.get(stem(f.rel)) ?? 0) + 1);
  return found.map((f) => ({ file: f.file, outName: `${count.get(stem(f.rel))! > 1 ? f.rel : stem(f.rel)}.package.json` }));
}
