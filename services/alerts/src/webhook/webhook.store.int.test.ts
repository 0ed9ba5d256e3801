import { createTestDatabase, TestDatabase } from '@newsgraph/kit/testing';
import { DataSource } from 'typeorm';
import { createAlertsDataSource } from '../data-source';
import { MAX_WEBHOOKS, WebhookStore } from './webhook.store';

let db: TestDatabase;
let dataSource: DataSource;
let store: WebhookStore;

beforeAll(async () => {
  db = await createTestDatabase('alerts_store');
  dataSource = createAlertsDataSource(db.url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  store = new WebhookStore(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

test(`registrations stop at ${MAX_WEBHOOKS}, even when they arrive together, and a deletion frees a place`, async () => {
  // all at once: the count and the insert share one lock, so no two pass the cap together
  const made = await Promise.all(Array.from({ length: MAX_WEBHOOKS + 5 }, (_, i) => store.create(`https://hooks.example.org/${i}`, {}, 'cursor-0')));
  expect(made.filter((w) => w !== null)).toHaveLength(MAX_WEBHOOKS);
  expect(await store.list()).toHaveLength(MAX_WEBHOOKS);
  expect(await store.create('https://hooks.example.org/one-more', {}, 'cursor-0')).toBeNull();

  const first = made.find((w) => w !== null)!;
  expect(await store.delete(first.id)).toBe(true);
  const again = await store.create('https://hooks.example.org/after-delete', { topic: 'base-use' }, 'cursor-0');
  expect(again?.url).toBe('https://hooks.example.org/after-delete');
  expect(await store.list()).toHaveLength(MAX_WEBHOOKS);
});
