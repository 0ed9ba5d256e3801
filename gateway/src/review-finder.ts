import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Extraction, ReadResult } from '@newsgraph/extract';

export interface FoundArticle {
  read: ReadResult;
  extraction?: Extraction;
}

/** The review page's finder is busy or took too long: answered 503, the gateway itself unaffected. */
export class FinderUnavailable extends Error {}

export interface ReviewFinder {
  find(content: string): Promise<FoundArticle>;
  close(): Promise<void>;
}

/**
 * Runs reading and finding in one worker thread, started on first use, so that a long article
 * never holds up the gateway's GraphQL traffic. Jobs wait in line (at most `maxWaiting`); a job
 * over `timeoutMs` ends the worker (a fresh one starts for the next job).
 */
export function createReviewFinder(options: { timeoutMs?: number; maxWaiting?: number } = {}): ReviewFinder {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxWaiting = options.maxWaiting ?? 8;
  let worker: Worker | null = null;
  let nextId = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const start = (): Worker => {
    const w = new Worker(path.join(__dirname, 'review-worker.js'));
    w.unref(); // an idle worker never keeps the gateway alive
    w.once('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  };

  const run = (content: string): Promise<FoundArticle> =>
    new Promise((resolve, reject) => {
      const w = (worker ??= start());
      const id = ++nextId;
      const done = (fn: () => void) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        fn();
      };
      const onMessage = (m: { id: number; error?: string } & FoundArticle) => {
        if (m.id !== id) return;
        done(() => (m.error ? reject(new Error(m.error)) : resolve({ read: m.read, extraction: m.extraction })));
      };
      const onError = (e: Error) => done(() => reject(e));
      const timer = setTimeout(() => {
        done(() => reject(new FinderUnavailable(`finding the quotations took longer than ${timeoutMs} ms; try a shorter text`)));
        worker = null;
        void w.terminate();
      }, timeoutMs);
      w.on('message', onMessage);
      w.once('error', onError);
      w.postMessage({ id, content });
    });

  return {
    find(content) {
      if (waiting >= maxWaiting) return Promise.reject(new FinderUnavailable(`${waiting} articles are being read already; try again in a moment`));
      waiting++;
      const job = chain.then(() => run(content));
      chain = job.catch(() => undefined);
      return job.finally(() => waiting--);
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
