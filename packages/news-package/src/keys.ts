import { createHash } from 'node:crypto';

/** Every key in newsgraph: lowercase, starts with a letter or digit, at most 200 characters. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9:._-]{0,199}$/;

export function isValidKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Lowercase, accents removed: the form names and aliases are searched in. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Text reduced to words, so that punctuation, case, accents and spacing do not make two keys.
 * Initials written with dots or without ("U.S." / "US", "U. N." / "UN") are one word, since
 * outlets' style books differ on exactly that.
 */
export function normaliseStatementText(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\b\p{L}(?: \p{L}\b)+/gu, (initials) => initials.replace(/ /g, ''));
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * The canonical form of a source URL: scheme and host lowercased, default port, fragment and
 * tracking parameters dropped, remaining query parameters sorted, trailing slash removed.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING_PARAM.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of params) url.searchParams.append(k, v);
  let text = url.toString();
  if (url.pathname.length > 1 && text.endsWith('/') && params.length === 0) text = text.slice(0, -1);
  return text;
}

/** A source without a key is keyed by its canonical URL. */
export function deriveSourceKey(url: string): string {
  const canonical = canonicalUrl(url) ?? url;
  return `src:${sha256(canonical).slice(0, 20)}`;
}

/** A statement without a key is keyed by speaker, day and normalised text. */
export function deriveStatementKey(speaker: string, day: string, text: string): string {
  const digest = sha256(`${speaker}\n${day}\n${normaliseStatementText(text)}`).slice(0, 16);
  const who = speaker.replace(/^[a-z]+:/, '').slice(0, 120);
  return `stmt:${who}-${day}-${digest}`;
}

/** A topic key from free text: `Base use` becomes `base-use`. */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}
