import { Readability } from '@mozilla/readability';
import { Article } from '../types';
import { normaliseLanguage, normalisePublished } from './published';
import { problem, ReadProblem } from './problems';
import { ReadResult } from './txt';

// linkedom's package types resolve to its ES module build, which a CommonJS file may not import;
// its CommonJS build is what `require` loads at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: an import would not compile to the CommonJS build
const { parseHTML } = require('linkedom') as { parseHTML(html: string): unknown };

// linkedom's DOM is typed for browsers; only the few members used here are described.
interface El {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'TABLE',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'DD',
  'DT',
  'HR',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME']);

/**
 * The text of a subtree as paragraphs: block elements (and `<br>`) end a paragraph, whitespace
 * inside a paragraph collapses to one space. The finder's offsets refer to this text, so it must
 * keep the words exactly as printed, quotation marks included.
 */
export function paragraphsOf(root: El): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: El) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name)) return;
    if (name === 'BR') return flush();
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

function meta(doc: El, ...names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

/** Every JSON-LD object on the page, `@graph` members included; broken blocks are skipped. */
function jsonLd(doc: El): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      const graph = (v as Record<string, unknown>)['@graph'];
      if (graph) visit(graph);
    }
  };
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i].textContent ?? ''));
    } catch {
      // a page's broken JSON-LD is the page's problem; the meta tags may still say what we need
    }
  }
  return out;
}

const isArticleLd = (o: Record<string, unknown>) => [o['@type']].flat().some((t) => typeof t === 'string' && /Article|BlogPosting|Report/i.test(t));

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name.trim() || null;
  return null;
}

/** Page metadata, read before Readability (which rewrites the document). */
function metadata(doc: El) {
  const ld = jsonLd(doc);
  const article = ld.find(isArticleLd) ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const title =
    meta(doc, 'og:title', 'twitter:title') ??
    str(article.headline) ??
    doc.querySelector('h1')?.textContent?.trim() ??
    doc.querySelector('title')?.textContent?.trim() ??
    null;
  const outlet = meta(doc, 'og:site_name', 'application-name') ?? nameOf(article.publisher) ?? null;
  const dateCandidates = [
    meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date'),
    str(article.datePublished),
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
  ];
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || meta(doc, 'og:url') || str(article.url) || str(article.mainEntityOfPage);
  const language =
    normaliseLanguage(doc.querySelector('html')?.getAttribute('lang')) ??
    normaliseLanguage(meta(doc, 'og:locale')) ??
    normaliseLanguage(str(article.inLanguage));
  return { title, outlet, dateCandidates: dateCandidates.filter((d): d is string => !!d), canonical, language };
}

/** An absolute http(s) URL, relative ones resolved against `base` when there is one. */
function absoluteUrl(value: string | null, base?: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * An article page: its main text by Readability (the same heuristics as Firefox's reader view,
 * over linkedom's DOM), its title, outlet (`og:site_name`, JSON-LD publisher), publication date
 * (`article:published_time`, JSON-LD `datePublished`, `<time datetime>`), canonical URL
 * (`<link rel=canonical>`, `og:url`) and language (`<html lang>`, `og:locale`).
 * `pageUrl`, when known (the feed item the page came from), resolves a relative canonical link.
 */
export function readHtml(html: string, pageUrl?: string): ReadResult {
  const problems: ReadProblem[] = [];
  if (!html.trim()) return { problems: [problem('', 'the page is empty', true)] };
  // linkedom builds no <body> around a bare fragment ("<p>…</p>" pasted on the review page)
  const whole = /<(html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(whole) as unknown as { document: El };
  const info = metadata(document);
  let text = '';
  try {
    const parsed = new Readability(document as never, { serializer: (node: unknown) => paragraphsOf(node as El) }).parse();
    text = (parsed?.content as string | undefined) ?? '';
  } catch {
    // Readability gives up on some pages; the body's text below is still the page's words
  }
  if (!text.trim()) {
    const body = document.querySelector('body') ?? document;
    text = paragraphsOf(body);
  }
  if (!text.trim()) return { problems: [problem('', 'the page has no readable text', true)] };

  let publishedAt: string | undefined;
  for (const candidate of info.dateCandidates) {
    const d = normalisePublished(candidate);
    if (d) {
      publishedAt = d;
      break;
    }
    problems.push(problem('<meta>', `"${candidate}" is not a date the extractor can read`));
  }
  if (publishedAt) problems.splice(0); // an unreadable candidate does not matter once one is read
  const url = absoluteUrl(info.canonical, pageUrl) ?? absoluteUrl(pageUrl ?? null);
  const article: Article = {
    text,
    ...(info.title ? { title: info.title } : {}),
    ...(url ? { url } : {}),
    ...(info.outlet ? { outlet: info.outlet } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(info.language ? { language: info.language } : {}),
  };
  return { article, problems };
}
