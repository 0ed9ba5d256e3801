import { parentPort } from 'node:worker_threads';
import { extractQuotations, readArticle } from '@newsgraph/extract';

/**
 * The CPU-bound half of /review/extract, off the gateway's event loop: reading the pasted article
 * (Readability over a whole page) and finding its quotations. Linking, which asks the graph, stays
 * in the gateway. One message in, one message out, per job.
 */
parentPort?.on('message', (job: { id: number; content: string }) => {
  try {
    const read = readArticle('pasted.json', job.content);
    const fatal = read.problems.some((p) => p.fatal);
    const extraction = read.article && !fatal ? extractQuotations(read.article) : undefined;
    parentPort!.postMessage({ id: job.id, read, extraction });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
