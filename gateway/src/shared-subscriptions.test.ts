import { ExecutionResult, parse } from 'graphql';
import { useSharedSubscriptions } from './shared-subscriptions';

/** An upstream stream the test pushes into, counting how often it was opened and ended. */
function upstream() {
  const opened: Array<{ push(v: number): void; fail(e: Error): void; ended: boolean }> = [];
  const open = () => {
    const queue: Array<(r: IteratorResult<ExecutionResult>) => void> = [];
    const values: ExecutionResult[] = [];
    let failure: Error | null = null;
    let rejectWaiting: ((e: Error) => void) | null = null;
    const handle = {
      ended: false,
      push(v: number) {
        const value = { data: { n: v } };
        const waiting = queue.shift();
        if (waiting) waiting({ value, done: false });
        else values.push(value);
      },
      fail(e: Error) {
        failure = e;
        rejectWaiting?.(e);
      },
    };
    opened.push(handle);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      next: () => {
        if (failure) return Promise.reject(failure);
        const value = values.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (handle.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          queue.push(resolve);
          rejectWaiting = reject;
        });
      },
      return: async () => {
        handle.ended = true;
        for (const w of queue.splice(0)) w({ value: undefined, done: true });
        return { value: undefined, done: true };
      },
    };
    return iterator;
  };
  return { opened, open };
}

const FEED = parse('subscription($topic: String, $after: String) { statementAdded(filter: { topic: $topic }, after: $after) { cursor } }');

type Subscribe = (args: any) => Promise<any>;

/** What envelop does for one subscriber: runs the plugin's hook, then the subscribe function it left. */
function subscriber(plugin: ReturnType<typeof useSharedSubscriptions>, open: () => unknown, variables: Record<string, unknown>, context: object = {}) {
  const args = { document: FEED, variableValues: variables, contextValue: context, schema: null as any };
  let subscribeFn: Subscribe = async () => open();
  (plugin.onSubscribe as any)({ args, subscribeFn, setSubscribeFn: (fn: Subscribe) => (subscribeFn = fn) });
  return subscribeFn(args);
}

async function take(iterator: AsyncIterator<ExecutionResult>, count: number): Promise<number[]> {
  const got: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = await iterator.next();
    if (r.done) break;
    got.push((r.value.data as { n: number }).n);
  }
  return got;
}

test('subscribers of one operation share one upstream stream, each getting every event from when it joined, once', async () => {
  const plugin = useSharedSubscriptions();
  const up = upstream();
  const a = await subscriber(plugin, up.open, { topic: 'base-use' });
  const b = await subscriber(plugin, up.open, { topic: 'base-use' });
  expect(up.opened).toHaveLength(1);
  up.opened[0].push(1);
  up.opened[0].push(2);
  expect(await take(a, 2)).toEqual([1, 2]);
  expect(await take(b, 2)).toEqual([1, 2]);
  const c = await subscriber(plugin, up.open, { topic: 'base-use' });
  up.opened[0].push(3);
  expect(await take(c, 1)).toEqual([3]);
  expect(await take(a, 1)).toEqual([3]);

  // one leaving ends nothing for the others; the last one leaving ends the upstream stream
  await a.return();
  await c.return();
  up.opened[0].push(4);
  expect(await take(b, 2)).toEqual([3, 4]);
  expect(up.opened[0].ended).toBe(false);
  await b.return();
  expect(up.opened[0].ended).toBe(true);
  expect(plugin.streams).toBe(0);

  // and the next subscriber opens a new one
  const d = await subscriber(plugin, up.open, { topic: 'base-use' });
  expect(up.opened).toHaveLength(2);
  await d.return();
});

test('a replay (after: a cursor), other variables or other credentials get streams of their own', async () => {
  const plugin = useSharedSubscriptions();
  const up = upstream();
  const open = [
    await subscriber(plugin, up.open, { topic: 'base-use', after: 'cursor-1' }),
    await subscriber(plugin, up.open, { topic: 'base-use', after: 'cursor-1' }),
    await subscriber(plugin, up.open, { topic: 'trade' }),
    await subscriber(plugin, up.open, { topic: 'base-use' }, { connectionParams: { authorization: 'Bearer a' } }),
    await subscriber(plugin, up.open, { topic: 'base-use' }, { connectionParams: { authorization: 'Bearer b' } }),
    // streams over HTTP end with their request: each has its own
    await subscriber(plugin, up.open, { topic: 'base-use' }, { request: { signal: new AbortController().signal } }),
    await subscriber(plugin, up.open, { topic: 'base-use' }, { request: { signal: new AbortController().signal } }),
    // a null `after` is no replay: these two share
    await subscriber(plugin, up.open, { topic: 'base-use', after: null }),
    await subscriber(plugin, up.open, { topic: 'base-use', after: null }),
  ];
  expect(up.opened).toHaveLength(8);
  await Promise.all(open.map((s) => s.return()));
  expect(up.opened.every((o) => o.ended)).toBe(true);
});

test('a failing upstream stream fails every subscriber, and the next one starts afresh', async () => {
  const plugin = useSharedSubscriptions();
  const up = upstream();
  const a = await subscriber(plugin, up.open, { topic: 'base-use' });
  const b = await subscriber(plugin, up.open, { topic: 'base-use' });
  up.opened[0].push(1);
  up.opened[0].fail(new Error('subgraph gone'));
  expect(await take(a, 1)).toEqual([1]);
  await expect(a.next()).rejects.toThrow('subgraph gone');
  expect(await take(b, 1)).toEqual([1]);
  await expect(b.next()).rejects.toThrow('subgraph gone');
  expect(plugin.streams).toBe(0);
  const c = await subscriber(plugin, up.open, { topic: 'base-use' });
  expect(up.opened).toHaveLength(2);
  await c.return();
});

test('an answer instead of a stream goes to everyone who asked for it, and is not kept', async () => {
  const plugin = useSharedSubscriptions();
  let calls = 0;
  const refuse = () => {
    calls += 1;
    return { errors: [{ message: 'refused' }] };
  };
  const [a, b] = await Promise.all([subscriber(plugin, refuse, { topic: 'x' }), subscriber(plugin, refuse, { topic: 'x' })]);
  expect(a).toEqual({ errors: [{ message: 'refused' }] });
  expect(b).toBe(a);
  expect(calls).toBe(1);
  await subscriber(plugin, refuse, { topic: 'x' });
  expect(calls).toBe(2);
});
