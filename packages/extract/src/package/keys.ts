import { createHash } from 'node:crypto';
import { deriveSourceKey, slugify } from '@newsgraph/news-package';
import { ActorKind, Article } from '../types';

const PREFIX: Record<ActorKind, string> = { PERSON: 'person', ORGANIZATION: 'org', GOVERNMENT: 'org', COUNTRY: 'country', OTHER: 'actor' };

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The key of an actor the package defines: `person:karoline-leavitt`; a name with no letters a slug can keep gets a digest. */
export function actorKey(name: string, kind: ActorKind): string {
  const slug = slugify(name).slice(0, 120) || digest(name, 12);
  return `${PREFIX[kind]}:${slug}`;
}

/** `outlet:novinite` from `Novinite`. */
export function outletKey(name: string): string {
  return `outlet:${slugify(name).slice(0, 120) || digest(name, 12)}`;
}

/**
 * The source key: derived from the canonical URL when there is one (the same key `npm run ingest`
 * derives, so a package written by hand for the same article names the same source), otherwise
 * from outlet, day and title, so that extracting the same file twice names the same source.
 */
export function sourceKey(article: Article, day: string | undefined): string {
  if (article.url) return deriveSourceKey(article.url);
  const outlet = article.outlet ? slugify(article.outlet).slice(0, 60) : 'unknown-outlet';
  const title = article.title ? slugify(article.title).slice(0, 60) : 'untitled';
  const what = digest(`${article.outlet ?? ''}\n${day ?? ''}\n${article.title ?? article.text.slice(0, 2000)}`, 12);
  return `src:${outlet}-${day ?? 'undated'}-${title}-${what}`.replace(/-+/g, '-');
}
