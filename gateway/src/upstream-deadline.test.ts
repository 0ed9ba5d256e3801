import { DocumentNode, ExecutionResult, parse } from 'graphql';
import { useUpstreamDeadline } from './upstream-deadline';

/** What the plugin reads of the runtime's execution request */
interface ExecutionRequest {
  document: DocumentNode;
  operationType: 'query' | 'subscription';
  signal?: AbortSignal;
}
type Executor = (request: ExecutionRequest) => unknown;

/** The executor the plugin installs around `inner`, as the runtime would call it. */
function wrapped(inner: Executor, deadlineMs: number, operationType: 'query' | 'subscription' = 'query'): Executor {
  const request = { document: parse('{ a }'), operationType } as ExecutionRequest;
  let installed: Executor = inner;
  const hook = useUpstreamDeadline(deadlineMs).onSubgraphExecute as unknown as (payload: object) => void;
  hook({ subgraphName: 'statements', executionRequest: request, executor: inner, setExecutor: (e: Executor) => (installed = e) });
  return (r) => installed({ ...request, ...r });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the per-subgraph deadline', () => {
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  test('a call that answers at once leaves no timer behind: nothing rejects later, unhandled', async () => {
    const answer: ExecutionResult = { data: { a: 1 } };
    const run = wrapped(() => answer, 20);
    expect(run({} as ExecutionRequest)).toBe(answer);
    // past the deadline: the runtime's own option rejected a promise nobody awaited here
    await settle(120);
    expect(unhandled).toEqual([]);
  });

  test('a call past its deadline fails with the code the mask turns into UPSTREAM_TIMEOUT, and its signal is aborted', async () => {
    let seen: AbortSignal | undefined;
    const run = wrapped((r) => {
      seen = r.signal;
      return new Promise(() => undefined);
    }, 20);
    await expect(run({} as ExecutionRequest)).rejects.toMatchObject({ extensions: { code: 'GATEWAY_TIMEOUT', serviceName: 'statements' } });
    expect(seen?.aborted).toBe(true);
    expect((seen?.reason as Error).name).toBe('TimeoutError');
  });

  test('a call that answers in time keeps its answer, and its deadline never fires', async () => {
    let seen: AbortSignal | undefined;
    const run = wrapped((r) => {
      seen = r.signal;
      return Promise.resolve({ data: { a: 2 } });
    }, 20);
    await expect(run({} as ExecutionRequest)).resolves.toEqual({ data: { a: 2 } });
    await settle(120);
    expect(seen?.aborted).toBe(false);
    expect(unhandled).toEqual([]);
  });

  test("the caller going away aborts the subgraph call's signal", async () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    // as the HTTP executor does: an aborted signal ends the call
    const run = wrapped((r) => {
      seen = r.signal;
      return new Promise((_, reject) => r.signal?.addEventListener('abort', () => reject(r.signal?.reason)));
    }, 10_000);
    const call = run({ signal: caller.signal } as ExecutionRequest) as Promise<unknown>;
    caller.abort();
    expect(seen?.aborted).toBe(true);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('a subscription is left as it is: no deadline', () => {
    const inner: Executor = () => ({ data: null });
    let installed = false;
    const hook = useUpstreamDeadline(20).onSubgraphExecute as unknown as (payload: object) => void;
    hook({
      subgraphName: 'statements',
      executionRequest: { document: parse('subscription { a }'), operationType: 'subscription' },
      executor: inner,
      setExecutor: () => (installed = true),
    });
    expect(installed).toBe(false);
  });
});
