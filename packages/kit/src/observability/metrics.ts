import http from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { secretMatches } from '../secret';

/** What a connection pool reports (node-postgres `Pool`). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export type Outcome = 'ok' | 'error';
export type IngestOutcome = 'created' | 'updated' | 'unchanged';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A client's operation name as logs show it: the name when it is a plain GraphQL name, else `anonymous` or `other`. */
export function operationName(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'other';
}

/**
 * Operation names become label values, and clients choose them: without a cap, a client sending a
 * new name per request would grow every series without bound. The first `max` distinct names keep
 * their own label; later ones are counted as `other`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();
  constructor(readonly max = 200) {}

  label(name: string | null | undefined): string {
    const plain = operationName(name);
    if (plain === 'anonymous' || plain === 'other') return plain;
    if (this.seen.has(plain)) return plain;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(plain);
    return plain;
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every series newsgraph exposes, on one registry. Services use the ones that apply to them. */
export class NewsgraphMetrics {
  readonly registry = new Registry();
  readonly operations = new OperationLabels();
  private readonly pools = new Map<string, () => PoolStats | undefined>();

  readonly requests = new Counter({
    name: 'newsgraph_graphql_requests_total',
    help: 'GraphQL operations served, by operation name (capped), type and outcome (error: the response carried errors)',
    labelNames: ['service', 'operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'newsgraph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its response (for a subscription: to its setup)',
    labelNames: ['service', 'operation', 'type'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly subgraphFetchDuration = new Histogram({
    name: 'newsgraph_subgraph_fetch_duration_seconds',
    help: 'Gateway: time of each request to a subgraph, by subgraph and outcome (error: no answer, or an answer with errors)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly subscriptionsActive = new Gauge({
    name: 'newsgraph_subscriptions_active',
    help: 'Subscriptions currently open',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });
  readonly ingestItems = new Counter({
    name: 'newsgraph_ingest_items_total',
    help: 'Items written by upsert mutations, by kind and what the write did',
    labelNames: ['service', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'newsgraph_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (delivered, failed: to be retried, parked: given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly webhooks = new Gauge({
    name: 'newsgraph_webhooks',
    help: 'Registered webhooks, by status (ACTIVE, PARKED), as the deliverer last saw them',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const pools = this.pools;
    new Gauge({
      name: 'newsgraph_db_pool_connections',
      help: 'Database pool connections: total open, idle, and callers waiting for one (read at scrape time)',
      labelNames: ['service', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [service, read] of pools) {
          const stats = read();
          if (!stats) continue;
          this.set({ service, state: 'total' }, stats.totalCount);
          this.set({ service, state: 'idle' }, stats.idleCount);
          this.set({ service, state: 'waiting' }, stats.waitingCount);
        }
      },
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Reports a service's pool at every scrape; returns the function that stops reporting it. */
  watchPool(service: string, read: () => PoolStats | undefined): () => void {
    this.pools.set(service, read);
    return () => {
      if (this.pools.get(service) === read) this.pools.delete(service);
    };
  }

  /** One finished GraphQL operation. */
  observeOperation(service: string, op: { name?: string | null; type?: string; failed: boolean; seconds: number }): void {
    const operation = this.operations.label(op.name);
    const type = op.type ?? 'unknown';
    this.requests.inc({ service, operation, type, outcome: op.failed ? 'error' : 'ok' });
    this.requestDuration.observe({ service, operation, type }, op.seconds);
  }

  /** What one upsert mutation wrote. */
  countIngest(service: string, kind: string, result: { created: number; updated: number; unchanged: number }): void {
    for (const outcome of ['created', 'updated', 'unchanged'] as const) {
      if (result[outcome] > 0) this.ingestItems.inc({ service, kind, outcome }, result[outcome]);
    }
  }

  /**
   * Counts a subscription as open from now until its stream ends, however it ends (the client
   * completes it, the server completes it, an error, the socket closes).
   */
  countSubscription<T>(service: string, source: AsyncIterable<T>): AsyncGenerator<T> {
    const gauge = this.subscriptionsActive;
    gauge.inc({ service });
    let open = true;
    const close = () => {
      if (open) {
        open = false;
        gauge.dec({ service });
      }
    };
    const it = source[Symbol.asyncIterator]();
    const counted: AsyncGenerator<T> = {
      async next() {
        try {
          const step = await it.next();
          if (step.done) close();
          return step;
        } catch (e) {
          close();
          throw e;
        }
      },
      async return(value) {
        close();
        return (await it.return?.(value)) ?? { done: true, value: value as T };
      },
      async throw(error) {
        close();
        if (it.throw) return it.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return counted;
      },
      async [Symbol.asyncDispose]() {
        await counted.return(undefined);
      },
    };
    return counted;
  }
}

let shared: NewsgraphMetrics | undefined;

/** The one registry of this process, served at /metrics. */
export function processMetrics(): NewsgraphMetrics {
  shared ??= new NewsgraphMetrics();
  return shared;
}

/**
 * GET /metrics in the Prometheus text format. With a token, only `Authorization: Bearer <token>`
 * gets an answer (401 otherwise); without one, anyone who can reach the port can read it.
 */
export function serveMetrics(registry: Registry, token: string | undefined) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (token !== undefined) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!secretMatches(token, given)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('metrics need a bearer token\n');
        return;
      }
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e instanceof Error ? e.message : e}\n`),
    );
  };
}
