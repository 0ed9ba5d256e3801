import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { DocumentNode, ExecutionResult, Kind, OperationDefinitionNode, print, ValueNode } from 'graphql';

type Result = ExecutionResult | AsyncIterable<ExecutionResult>;
type MaybePromise<T> = T | Promise<T>;

export interface SharedSubscriptionsOptions {
  /**
   * A root field argument that makes a stream begin at a position the caller chose (a replay):
   * an operation that gives it a value is never shared, since a caller joining a stream already
   * under way would miss what the stream sent before it joined.
   * @default 'after'
   */
  replayArgument?: string;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Subscribers of the same operation (document, variables, operation name, credentials) share one
 * execution: one upstream subscription to the subgraph, one resolution of each event's fields
 * from the other subgraphs, one result object, handed to each of them. Without it, 10,000
 * dashboards on one topic were 10,000 upstream subscriptions, each event resolved and merged
 * 10,000 times (BENCHMARKS.md, session 6). Each subscriber still goes through the whole
 * per-operation pipeline (limits, caps, observability) when it subscribes; only the stream is shared.
 *
 * A subscriber gets the events the shared stream yields from when it joined; a stream that starts
 * from a position (`after`) is a replay, never shared, nor is a stream over HTTP (below). When the last subscriber leaves, the
 * upstream subscription ends; when it ends or fails, every subscriber ends with it.
 */
export function useSharedSubscriptions(options: SharedSubscriptionsOptions = {}): GatewayPlugin & { readonly streams: number } {
  const replay = options.replayArgument ?? 'after';
  const streams = new Map<string, SharedStream>();
  const printed = new WeakMap<DocumentNode, string>();
  const textOf = (doc: DocumentNode) => {
    let text = printed.get(doc);
    if (text === undefined) printed.set(doc, (text = print(doc)));
    return text;
  };
  return {
    get streams() {
      return streams.size;
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const operation = operationOf(args.document, args.operationName ?? undefined);
      if (!operation || !shareable(operation, variables, replay)) return;
      const context = args.contextValue as {
        connectionParams?: unknown;
        req?: { headers?: Record<string, unknown> };
        request?: { signal?: unknown; headers?: { get(name: string): string | null } };
      };
      // A stream over HTTP (SSE, multipart) lives as long as its request, and the runtime cancels
      // the upstream requests made for it with that request's signal: shared, the first
      // subscriber leaving would end the stream for all. graphql-ws subscriptions have no such signal.
      if (context?.request?.signal) return;
      const key = JSON.stringify([
        textOf(args.document),
        args.operationName ?? null,
        variables,
        // whoever the subgraphs could answer differently: the credentials travel on to them
        context?.request?.headers?.get?.('authorization') ?? null,
        context?.req?.headers?.authorization ?? null,
        context?.connectionParams ?? null,
      ]);
      setSubscribeFn((subscribeArgs) => {
        let stream = streams.get(key);
        if (!stream) {
          const created = new SharedStream(
            () => subscribeFn(subscribeArgs) as MaybePromise<Result>,
            () => streams.get(key) === created && streams.delete(key),
          );
          streams.set(key, (stream = created));
        }
        return stream.join();
      });
    },
  };
}

function operationOf(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

function shareable(operation: OperationDefinitionNode, variables: Record<string, unknown>, replay: string): boolean {
  if (operation.operation !== 'subscription') return false;
  const given = (value: ValueNode): boolean => (value.kind === Kind.VARIABLE ? variables[value.name.value] != null : value.kind !== Kind.NULL);
  for (const selection of operation.selectionSet.selections) {
    // a fragment at the root could hide the replay argument: not worth looking through
    if (selection.kind !== Kind.FIELD) return false;
    if (selection.arguments?.some((a) => a.name.value === replay && given(a.value))) return false;
  }
  return true;
}

/** One upstream stream and the subscribers reading it; each has a queue of its own. */
class SharedStream {
  private readonly readers = new Set<Reader>();
  private source: AsyncIterator<ExecutionResult> | null = null;
  private started: Promise<Result> | null = null;
  private ended = false;

  constructor(
    private readonly open: () => MaybePromise<Result>,
    private readonly forget: () => void,
  ) {}

  join(): Promise<Result> {
    const reader = new Reader((r) => this.leave(r));
    this.readers.add(reader);
    this.started ??= this.start();
    return this.started.then(
      (result) => (isAsyncIterable(result) ? reader : result),
      (error) => {
        this.readers.delete(reader);
        throw error;
      },
    );
  }

  private async start(): Promise<Result> {
    let result: Result;
    try {
      result = await this.open();
    } catch (e) {
      this.finish();
      throw e;
    }
    // an answer instead of a stream (a refused operation, an unreachable subgraph): everyone who
    // asked meanwhile gets it, and the next subscriber asks afresh
    if (!isAsyncIterable(result)) {
      this.finish();
      return result;
    }
    this.source = result[Symbol.asyncIterator]();
    if (this.readers.size === 0) this.stop();
    else void this.pump(this.source);
    return result;
  }

  private async pump(source: AsyncIterator<ExecutionResult>): Promise<void> {
    try {
      for (;;) {
        const next = await source.next();
        if (next.done || this.ended) break;
        for (const reader of this.readers) reader.push(next.value);
      }
      for (const reader of this.finish()) reader.end();
    } catch (e) {
      for (const reader of this.finish()) reader.fail(e);
    }
  }

  private leave(reader: Reader): void {
    this.readers.delete(reader);
    if (this.readers.size === 0 && this.source) this.stop();
  }

  /** the last subscriber left: end the upstream subscription */
  private stop(): void {
    const source = this.source;
    this.finish();
    void Promise.resolve(source?.return?.()).catch(() => undefined);
  }

  /** no one joins this stream any more; returns who was still reading */
  private finish(): Reader[] {
    this.ended = true;
    this.forget();
    const readers = [...this.readers];
    this.readers.clear();
    return readers;
  }
}

/**
 * One subscriber's view of a shared stream: an async iterator (not a generator, whose `return()`
 * would wait behind a pending `next()`) over the results pushed to it since it joined.
 */
class Reader implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: { resolve: (r: IteratorResult<ExecutionResult>) => void; reject: (e: unknown) => void } | null = null;
  private done = false;
  private error: { cause: unknown } | null = null;

  constructor(private readonly onLeave: (r: Reader) => void) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  push(value: ExecutionResult): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value, done: false });
    } else this.queue.push(value);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = null;
  }

  fail(cause: unknown): void {
    if (this.done) return;
    this.error = { cause };
    this.done = true;
    this.waiting?.reject(cause);
    this.waiting = null;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.error) {
      const { cause } = this.error;
      this.error = null;
      return Promise.reject(cause);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.done) {
      this.end();
      this.queue.length = 0;
      this.onLeave(this);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    void this.return();
    return Promise.reject(error);
  }
}
