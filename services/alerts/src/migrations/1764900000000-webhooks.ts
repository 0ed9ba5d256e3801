import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and where each one's delivery stands. `cursor` is the live feed's cursor of the last
 * statement delivered (the feed replays from it after any restart); `secret` signs every
 * delivery, so it is kept (and shown to the registrant once, at registration).
 */
export class AlertsWebhooks1764900000000 implements MigrationInterface {
  name = 'AlertsWebhooks1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook (
      id text PRIMARY KEY,
      url text NOT NULL,
      filter jsonb NOT NULL DEFAULT '{}',
      secret text NOT NULL,
      status text NOT NULL DEFAULT 'ACTIVE' CONSTRAINT webhook_status_check CHECK (status IN ('ACTIVE', 'PARKED')),
      cursor text,
      delivered_count bigint NOT NULL DEFAULT 0,
      failed_attempts int NOT NULL DEFAULT 0,
      last_error text,
      parked_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_delivered_at timestamptz,
      parked_at timestamptz
    )`);
    await q.query('CREATE INDEX webhook_created_idx ON webhook (created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook');
  }
}
