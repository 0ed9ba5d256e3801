import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '@newsgraph/extract';
import type { NewsPackage, Problem } from '@newsgraph/news-package';

/**
 * One article waiting for a person: what /review shows and edits. The review page makes one
 * from pasted text (POST /review/extract); the feed watcher writes one per article whose
 * quotations it was not sure enough of, into the review queue folder, which /review lists.
 * Offsets (each statement's `extraction.start`/`end`) refer to `article.text`.
 */
export interface ReviewDocument {
  format: 'newsgraph.review/v1';
  article: Article;
  /** the proposed package: one source for the article, one statement per quotation found */
  package: NewsPackage;
  /** what the extractor could not settle (a missing date, an unreadable page part, …) */
  problems: Problem[];
  /** actors the article names that the graph knows (linked by name or alias), shown to the reviewer */
  mentions?: { name: string; key: string }[];
  /** indices in `package.statements` already ingested (the watcher's sure ones), shown as such */
  ingested?: number[];
  /** where a queued document came from */
  origin?: { feed: string; item: string; fetchedAt: string };
}

export const REVIEW_FORMAT = 'newsgraph.review/v1';

/** `.data/review-queue` at the repository root (gateway/dist -> ../..), where `npm run watch` writes by default. */
export const DEFAULT_REVIEW_QUEUE_DIR = path.resolve(__dirname, '..', '..', '.data', 'review-queue');

/** A queue entry's id: the file name without `.json`. */
const ID = /^[a-f0-9]{16}$/;

/** The id of an article in the queue: from its URL when it has one, else from its text (so a re-run overwrites, never duplicates). */
export function reviewId(article: Article): string {
  return createHash('sha256')
    .update(article.url ? `url ${article.url}` : `text ${article.text}`)
    .digest('hex')
    .slice(0, 16);
}

export interface QueueEntry {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** statements waiting for review */
  waiting: number;
  ingested: number;
  fetchedAt: string | null;
}

export function isQueueId(id: string): boolean {
  return ID.test(id);
}

/** Writes (or replaces) an entry so that a reader sees the old file or the new one, never half. */
export async function writeQueueEntry(dir: string, doc: ReviewDocument): Promise<string> {
  const id = reviewId(doc.article);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${id}.json`);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(doc, null, 1)}\n`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return id;
}

export async function readQueueEntry(dir: string, id: string): Promise<ReviewDocument | null> {
  if (!isQueueId(id)) return null;
  try {
    return JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as ReviewDocument;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function removeQueueEntry(dir: string, id: string): Promise<boolean> {
  if (!isQueueId(id)) return false;
  try {
    await rm(path.join(dir, `${id}.json`));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Every entry, newest first; unreadable files are skipped (a half-copied file is not an entry). */
export async function listQueue(dir: string, limit = 200): Promise<QueueEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && isQueueId(n.slice(0, -5)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: QueueEntry[] = [];
  for (const name of names) {
    const id = name.slice(0, -5);
    const doc = await readQueueEntry(dir, id).catch(() => null);
    if (!doc || doc.format !== REVIEW_FORMAT) continue;
    const total = doc.package.statements?.length ?? 0;
    const ingested = doc.ingested?.length ?? 0;
    entries.push({
      id,
      title: doc.article.title ?? null,
      url: doc.article.url ?? null,
      outlet: doc.article.outlet ?? null,
      publishedAt: doc.article.publishedAt ?? null,
      waiting: total - ingested,
      ingested,
      fetchedAt: doc.origin?.fetchedAt ?? null,
    });
  }
  entries.sort((a, b) => (b.fetchedAt ?? '').localeCompare(a.fetchedAt ?? '') || a.id.localeCompare(b.id));
  return entries.slice(0, limit);
}
