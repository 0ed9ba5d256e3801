import type { RollupResult } from '@newsgraph/kit';

type RollupCall = (targets: string[]) => Promise<Map<string, RollupResult>>;

interface Waiter {
  targets: readonly string[];
  resolve(answer: Map<string, RollupResult>): void;
  reject(error: unknown): void;
}

export interface CoalesceOptions {
  /** requests to the actors subgraph at once; callers beyond wait and join the next batch */
  maxInFlight?: number;
  /** targets per request (the actors endpoint accepts at most 500) */
  maxTargets?: number;
}

/**
 * Roll-up requests from concurrent callers, merged: callers that ask while `maxInFlight` requests
 * are out wait, and all of them are then answered by one request for the union of their targets.
 * A thousand subscriptions opened at once thus cost a few requests to the actors subgraph instead
 * of a thousand connections to it (which it refused). Every answer comes from a request sent after
 * its caller asked, so it is as fresh as a call of its own would have been.
 */
export function coalesceRollups(call: RollupCall, options: CoalesceOptions = {}): RollupCall {
  const maxInFlight = options.maxInFlight ?? 4;
  const maxTargets = options.maxTargets ?? 500;
  const waiting: Waiter[] = [];
  let inFlight = 0;
  let scheduled = false;

  /** The next waiters whose targets together stay within maxTargets (at least one), and those targets. */
  const takeBatch = (): { batch: Waiter[]; targets: string[] } => {
    const batch: Waiter[] = [];
    const keys = new Set<string>();
    while (waiting.length) {
      const next = waiting[0];
      const added = next.targets.filter((t) => !keys.has(t)).length;
      if (batch.length && keys.size + added > maxTargets) break;
      batch.push(waiting.shift()!);
      for (const t of next.targets) keys.add(t);
    }
    return { batch, targets: [...keys] };
  };

  const pump = () => {
    scheduled = false;
    while (inFlight < maxInFlight && waiting.length) {
      const { batch, targets } = takeBatch();
      inFlight += 1;
      call(targets)
        .then(
          (answer) => {
            for (const w of batch) w.resolve(new Map(w.targets.map((t) => [t, answer.get(t)!])));
          },
          (error) => {
            for (const w of batch) w.reject(error);
          },
        )
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  };

  return (targets) => {
    if (targets.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      waiting.push({ targets, resolve, reject });
      // callers arriving in the same turn of the event loop go out together
      if (!scheduled) {
        scheduled = true;
        setImmediate(pump);
      }
    });
  };
}
