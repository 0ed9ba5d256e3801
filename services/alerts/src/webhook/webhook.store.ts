import { ANSWER_BOUNDS } from '@newsgraph/kit';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FILTER_FIELDS, Webhook, WebhookFilter, WebhookStatus } from './webhook.types';

/** A webhook as the deliverer needs it: with its secret, which the API never shows again. */
export interface StoredWebhook extends Webhook {
  secret: string;
}

const COLUMNS = `id, url, filter, secret, status, cursor, delivered_count, failed_attempts, last_error, parked_reason, created_at, last_delivered_at`;

/** A row of COLUMNS, as node-postgres answers it (bigint as text, timestamptz as a Date). */
interface WebhookRow {
  id: string;
  url: string;
  filter: WebhookFilter;
  secret: string;
  status: string;
  cursor: string | null;
  delivered_count: string | number;
  failed_attempts: number;
  last_error: string | null;
  parked_reason: string | null;
  created_at: Date | string;
  last_delivered_at: Date | string | null;
}

function toWebhook(row: WebhookRow): StoredWebhook {
  return {
    id: row.id,
    url: row.url,
    filter: row.filter,
    secret: row.secret,
    status: row.status as WebhookStatus,
    cursor: row.cursor,
    deliveredCount: Number(row.delivered_count),
    failedAttempts: row.failed_attempts,
    lastError: row.last_error,
    parkedReason: row.parked_reason,
    createdAt: new Date(row.created_at).toISOString(),
    lastDeliveredAt: row.last_delivered_at ? new Date(row.last_delivered_at).toISOString() : null,
  };
}

/** Only the fields that narrow: what the live feed receives as `StatementFilter`. */
export function compactFilter(filter: WebhookFilter | null | undefined): WebhookFilter {
  const out: WebhookFilter = {};
  for (const f of FILTER_FIELDS) if (filter?.[f] !== undefined && filter?.[f] !== null) out[f] = filter[f];
  return out;
}

/**
 * At most this many webhooks are registered at once. The deliverer holds one subscription per
 * webhook on one socket to the gateway, whose cap is 50 subscriptions a socket
 * (NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET): a 51st could never be served. It also bounds
 * `Query.webhooks`, which the gateway's cost limit prices by it.
 */
export const MAX_WEBHOOKS = ANSWER_BOUNDS.webhooks;

export class WebhookStore {
  constructor(private readonly db: DataSource) {}

  /** The rows a statement returned: TypeORM answers UPDATE/DELETE with `[rows, count]`, so ask for the structured result. */
  private async rows<Row = WebhookRow>(sql: string, params: unknown[]): Promise<Row[]> {
    const runner = this.db.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).records;
    } finally {
      await runner.release();
    }
  }

  /** The new webhook, or null when MAX_WEBHOOKS are registered already. */
  async create(url: string, filter: WebhookFilter, cursor: string): Promise<StoredWebhook | null> {
    const id = `wh_${randomBytes(12).toString('base64url')}`;
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    // counted and inserted under one lock, so concurrent registrations cannot pass the cap together
    const inserted = await this.db.transaction(async (tx) => {
      await tx.query(`LOCK TABLE webhook IN SHARE ROW EXCLUSIVE MODE`);
      return tx.query(
        `INSERT INTO webhook (id, url, filter, secret, cursor)
         SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM webhook) < $6
         RETURNING ${COLUMNS}`,
        [id, url, JSON.stringify(filter), secret, cursor, MAX_WEBHOOKS],
      );
    });
    return inserted.length ? toWebhook(inserted[0]) : null;
  }

  async list(): Promise<StoredWebhook[]> {
    return (await this.rows(`SELECT ${COLUMNS} FROM webhook ORDER BY created_at, id`, [])).map(toWebhook);
  }

  async get(id: string): Promise<StoredWebhook | null> {
    const [row] = await this.rows(`SELECT ${COLUMNS} FROM webhook WHERE id = $1`, [id]);
    return row ? toWebhook(row) : null;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.rows<{ id: string }>('DELETE FROM webhook WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }

  /** PARKED -> ACTIVE, failures forgotten; delivery resumes after the last delivered statement. */
  async resume(id: string): Promise<StoredWebhook | null> {
    const [row] = await this.rows(
      `UPDATE webhook SET status = 'ACTIVE', parked_reason = NULL, parked_at = NULL, failed_attempts = 0, last_error = NULL
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return row ? toWebhook(row) : null;
  }

  /** One statement delivered: the cursor moves past it (only while the webhook is still active). */
  async delivered(id: string, cursor: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook SET cursor = $2, delivered_count = delivered_count + 1, failed_attempts = 0, last_error = NULL, last_delivered_at = now()
        WHERE id = $1`,
      [id, cursor],
    );
  }

  async failed(id: string, error: string): Promise<number> {
    const [row] = await this.rows<{ failed_attempts: number }>(
      'UPDATE webhook SET failed_attempts = failed_attempts + 1, last_error = $2 WHERE id = $1 RETURNING failed_attempts',
      [id, error],
    );
    return row?.failed_attempts ?? 0;
  }

  async park(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE webhook SET status = 'PARKED', parked_reason = $2, parked_at = now() WHERE id = $1`, [id, reason]);
  }
}
