/**
 * Test helpers for async event streams: drain an iterator in the background and wait, with a
 * deadline and a clear failure message, for what should (or should not) have arrived.
 */
export interface StreamCollector<T> {
  readonly items: T[];
  /** resolves once at least `n` items arrived; fails after `ms` saying what did arrive */
  until(n: number, ms: number, what?: string): Promise<T[]>;
  /** waits `ms` and fails if more than `n` items arrived by then */
  quiet(n: number, ms: number, what?: string): Promise<void>;
  /** resolves once the stream has ended; fails after `ms` */
  end(ms: number): Promise<void>;
  stop(): Promise<void>;
  /** the error the stream ended with, if any */
  readonly error: unknown;
  readonly ended: boolean;
}

export function collectStream<T>(iterator: AsyncIterator<T>, show: (item: T) => unknown = (i) => i): StreamCollector<T> {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  const state: { error: unknown; ended: boolean } = { error: undefined, ended: false };
  const notify = () => {
    for (const w of waiters) w();
  };
  void (async () => {
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done) break;
        items.push(r.value);
        notify();
      }
    } catch (e) {
      state.error = e;
    } finally {
      state.ended = true;
      notify();
    }
  })();
  const describe = () => JSON.stringify(items.map(show));
  /**
   * Settles as soon as `settle` gives an outcome (asked again on every item and at the end of the
   * stream), or fails with `late()` after `ms`.
   */
  const wait = <R>(settle: () => { ok: R } | { fail: Error } | undefined, ms: number, late: () => string): Promise<R> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const outcome = settle();
        if (!outcome) return;
        done();
        if ('ok' in outcome) resolve(outcome.ok);
        else reject(outcome.fail);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(late()));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    items,
    get error() {
      return state.error;
    },
    get ended() {
      return state.ended;
    },
    until(n, ms, what = 'events') {
      return wait<T[]>(
        () =>
          items.length >= n
            ? { ok: items.slice() }
            : state.ended
              ? { fail: new Error(`stream ended after ${items.length} of ${n} ${what} (${String(state.error ?? 'no error')}): ${describe()}`) }
              : undefined,
        ms,
        () => `timed out after ${ms} ms waiting for ${n} ${what}; got ${items.length}: ${describe()}`,
      );
    },
    async quiet(n, ms, what = 'events') {
      await new Promise((r) => setTimeout(r, ms));
      if (items.length > n) throw new Error(`expected no more than ${n} ${what}, got ${items.length}: ${describe()}`);
    },
    end(ms) {
      return wait<void>(
        () => (state.ended ? { ok: undefined } : undefined),
        ms,
        () => `timed out after ${ms} ms waiting for the stream to end; got ${items.length} items: ${describe()}`,
      );
    },
    async stop() {
      await iterator.return?.();
    },
  };
}
