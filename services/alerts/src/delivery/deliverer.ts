import { Logger, NewsgraphMetrics } from '@newsgraph/kit';
import { createClient, Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { GatewayLink } from '../gateway-link';
import { StoredWebhook, WebhookStore } from '../webhook/webhook.store';
import { WebhookStatus } from '../webhook/webhook.types';
import { postDelivery } from './post';

/** What every delivery carries: the statement with the fields the other subgraphs add. */
export const FEED_SUBSCRIPTION = `subscription NewsgraphWebhook($filter: StatementFilter, $after: String) {
  statementAdded(filter: $filter, after: $after) {
    cursor
    statement {
      key text form language saidAt venue
      speaker { key name kind }
      onBehalfOf { key name kind }
      topics { key }
      stances { stance claim { key text } }
      attestations { quotedText source { key kind url title publishedAt outlet { key name } } }
      contradictionCount
      contradictions { origin statement { key text speaker { key name } } }
    }
  }
}`;

export interface DelivererOptions {
  store: WebhookStore;
  gateway: GatewayLink;
  /** the alerts database: one session holds the delivery lock, so one replica delivers */
  databaseUrl: string;
  metrics: NewsgraphMetrics;
  logger: Logger;
  /** first retry after this, doubling up to maxDelayMs (default 1000) */
  retryBaseMs?: number;
  /** default 300000 (5 minutes) */
  maxDelayMs?: number;
  /** failed attempts for one statement before the webhook is parked (default 12) */
  maxAttempts?: number;
  /** per delivery (default 10000) */
  timeoutMs?: number;
  allowPrivate: boolean;
  /** how often registrations are read again (default 2000); `changed()` reads them at once */
  rescanMs?: number;
}

interface FeedEvent {
  cursor: string;
  statement: { key: string } & Record<string, unknown>;
}

/** Error codes that say the webhook's filter itself is wrong (parking it), unlike an outage (retrying). */
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']);

const LOCK = `SELECT pg_try_advisory_lock(hashtext('newsgraph.alerts.deliverer')) AS held`;

/** A sleep that ends early (false) when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Delivers every active webhook: one loop per webhook, each subscribed through the gateway to the
 * live feed after the webhook's cursor, posting one statement at a time and moving the cursor only
 * once the receiver took it. So the order is the feed's commit order, a restart of anything
 * resumes from the cursor, and a statement is re-sent only when the receiver's 2xx was lost (the
 * delivery id, `<webhook id>/<statement key>`, is the same then). A failing receiver stops the
 * subscription while its one statement is retried with backoff, so nothing piles up in memory.
 */
export class Deliverer {
  private readonly running = new Map<string, AbortController>();
  private readonly stopping = new AbortController();
  private lockClient: PgClient | null = null;
  private ws: WsClient | null = null;
  private wsUrl: string | null = null;
  private rescanNow: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly o: DelivererOptions) {}

  start(): void {
    this.loop = this.lead();
  }

  /** Registrations changed (registered, deleted, resumed): look again now. */
  changed(): void {
    this.rescanNow?.();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.rescanNow?.();
    for (const c of this.running.values()) c.abort();
    await this.loop;
    await this.ws?.dispose();
    await this.lockClient?.end().catch(() => undefined);
  }

  /** Holds the delivery lock (retrying while another replica has it), then keeps the runners in step with the table. */
  private async lead(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        if (!this.lockClient) {
          const client = new PgClient({ connectionString: this.o.databaseUrl });
          client.on('error', () => undefined); // a dropped session ends the lead below
          await client.connect();
          const [{ held }] = (await client.query(LOCK)).rows;
          if (!held) {
            await client.end();
            await pause(5_000, signal);
            continue;
          }
          this.lockClient = client;
          this.o.logger.info('webhook deliverer: holding the delivery lock');
        }
        await this.o.gateway.ready();
        await this.lockClient.query('SELECT 1'); // still ours
        await this.rescan();
      } catch (e) {
        this.o.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'webhook deliverer: lost the database; stopping deliveries until it is back');
        for (const c of this.running.values()) c.abort();
        this.running.clear();
        await this.lockClient?.end().catch(() => undefined);
        this.lockClient = null;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.rescanMs ?? 2_000);
        this.rescanNow = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async rescan(): Promise<void> {
    const hooks = await this.o.store.list();
    const active = new Set(hooks.filter((h) => h.status === WebhookStatus.ACTIVE).map((h) => h.id));
    this.o.metrics.webhooks.reset();
    for (const status of Object.values(WebhookStatus)) this.o.metrics.webhooks.set({ status }, hooks.filter((h) => h.status === status).length);
    for (const [id, control] of this.running) {
      if (!active.has(id)) {
        control.abort();
        this.running.delete(id);
      }
    }
    for (const id of active) {
      if (this.running.has(id)) continue;
      const control = new AbortController();
      this.running.set(id, control);
      void this.run(id, control.signal).finally(() => {
        if (this.running.get(id)?.signal === control.signal) this.running.delete(id);
      });
    }
  }

  private client(): WsClient {
    const url = this.o.gateway.url!.replace(/^http/, 'ws');
    if (!this.ws || this.wsUrl !== url) {
      void this.ws?.dispose();
      // no automatic retry: a resubscription must start from the cursor as it is then, not as it was
      this.ws = createClient({ url, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, lazyCloseTimeout: 1_000 });
      this.wsUrl = url;
    }
    return this.ws;
  }

  private backoff(attempt: number): number {
    const base = this.o.retryBaseMs ?? 1_000;
    const delay = Math.min(this.o.maxDelayMs ?? 300_000, base * 2 ** Math.max(0, attempt - 1));
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  }

  /** One webhook's loop: subscribe after its cursor, deliver in order, retry or park on failure. */
  private async run(id: string, signal: AbortSignal): Promise<void> {
    let connectFailures = 0;
    while (!signal.aborted) {
      const hook = await this.o.store.get(id);
      if (!hook || hook.status !== WebhookStatus.ACTIVE) return;
      let failed: { event: FeedEvent; reason: string } | null = null;
      try {
        const events = this.client().iterate<{ statementAdded: FeedEvent }>({
          query: FEED_SUBSCRIPTION,
          variables: { filter: hook.filter, after: hook.cursor },
        });
        const onAbort = () => void events.return?.();
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          for await (const result of events) {
            connectFailures = 0;
            if (result.errors?.length) {
              const error = result.errors[0];
              // a filter the feed refuses stays refused; anything else (a subgraph restarting) passes
              if (REFUSALS.has(String(error.extensions?.code))) {
                await this.park(hook, `the live feed refused the subscription: ${error.message}`);
                return;
              }
              throw new Error(error.message);
            }
            const event = result.data!.statementAdded;
            const reason = await this.post(hook, event);
            if (reason === null) continue;
            failed = { event, reason };
            break; // leaves the subscription: nothing more is received while this one is retried
          }
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      } catch (e) {
        // the gateway went away (or refused the socket): subscribe again from the cursor
        connectFailures++;
        const delay = Math.min(10_000, 250 * 2 ** Math.min(connectFailures, 6));
        if (connectFailures === 1 || connectFailures % 10 === 0) {
          this.o.logger.warn({ webhook: id, err: describe(e) }, `webhook ${id}: live feed connection lost; resubscribing`);
        }
        await pause(delay, signal);
        continue;
      }
      if (failed && !(await this.retry(hook, failed.event, failed.reason, signal))) return;
      if (!failed) await pause(250, signal); // the feed completed (a gateway shutting down): resubscribe
    }
  }

  /** Posts one event; on success moves the cursor. Returns null when delivered, else the reason. */
  private async post(hook: StoredWebhook, event: FeedEvent): Promise<string | null> {
    const deliveryId = `${hook.id}/${event.statement.key}`;
    const body = JSON.stringify({ deliveryId, webhook: hook.id, cursor: event.cursor, statement: event.statement });
    const reason = await postDelivery(
      { id: deliveryId, webhookId: hook.id, url: hook.url, secret: hook.secret, body },
      { timeoutMs: this.o.timeoutMs ?? 10_000, allowPrivate: this.o.allowPrivate },
    );
    if (reason === null) {
      await this.o.store.delivered(hook.id, event.cursor);
      this.o.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      this.o.logger.debug({ webhook: hook.id, delivery: deliveryId }, 'webhook delivered');
    } else {
      this.o.metrics.webhookDeliveries.inc({ outcome: 'failed' });
    }
    return reason;
  }

  /** Retries one statement until the receiver takes it (true) or the webhook is parked or stopped (false). */
  private async retry(hook: StoredWebhook, event: FeedEvent, reason: string, signal: AbortSignal): Promise<boolean> {
    const max = this.o.maxAttempts ?? 12;
    let attempts = await this.o.store.failed(hook.id, reason);
    this.o.logger.warn({ webhook: hook.id, attempts, reason }, `webhook ${hook.id}: delivery failed (${reason}); retrying`);
    while (attempts < max) {
      if (!(await pause(this.backoff(attempts), signal))) return false;
      const again = await this.post(hook, event);
      if (again === null) return true;
      attempts = await this.o.store.failed(hook.id, again);
      reason = again;
    }
    await this.park(hook, `${reason} (${attempts} attempts in a row)`);
    return false;
  }

  private async park(hook: StoredWebhook, reason: string): Promise<void> {
    await this.o.store.park(hook.id, reason);
    this.o.metrics.webhookDeliveries.inc({ outcome: 'parked' });
    this.o.logger.error({ webhook: hook.id, reason }, `webhook ${hook.id} parked: ${reason}`);
    this.changed();
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'code' in e) return `closed (${(e as { code: number; reason?: string }).code} ${(e as { reason?: string }).reason ?? ''})`;
  return String(e);
}
