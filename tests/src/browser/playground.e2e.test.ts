import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nonLocal, screenshotPath, TestBrowser, withBrowserStack } from './chromium';
import { TestStack } from '../harness';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';

let stack: TestStack;
let browser: TestBrowser;
let origin: string;
let dir: string;
withBrowserStack('newsgraph-playground-', (opened) => ({ stack, browser, origin, dir } = opened));

const OPERATIONS = ['SpainOnBaseUse', 'SameFromTheRoot', 'LiveFeed', 'Explore'];

/** The run button of a document with several operations asks which one to run. */
async function run(operation: string): Promise<void> {
  const { page } = browser;
  await page.locator('.graphiql-execute-button').click();
  const menu = page.getByRole('menuitem');
  await menu.first().waitFor();
  expect(await menu.allInnerTexts()).toEqual(OPERATIONS);
  await page.getByRole('menuitem', { name: operation, exact: true }).click();
}

test('GraphiQL loads from the gateway alone, with the contract operations preloaded, and runs SpainOnBaseUse', async () => {
  const { page } = browser;
  const response = await page.goto(`${origin}/graphql`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toMatch(/text\/html/);

  const editor = page.locator('.graphiql-query-editor');
  await editor.getByText('query SpainOnBaseUse').waitFor();
  await editor.getByText('statements(filter: { topic: "base-use" }, first: 50)').waitFor();

  // The result pane is a virtualised editor that renders only the lines in view, so the whole
  // answer is checked on the wire and what is in view on the screen.
  const answered = page.waitForResponse(
    (r) => r.url().startsWith(`${origin}/graphql`) && r.request().method() === 'POST' && /"operationName":"SpainOnBaseUse"/.test(r.request().postData() ?? ''),
  );
  await run('SpainOnBaseUse');
  const body = await (await answered).json();
  expect(body.errors).toBeUndefined();
  expect(body.data.actor.key).toBe('country:es');
  expect(body.data.actor.statements.edges.map((e: any) => e.node.key)).toEqual([
    'stmt:spanish-officials-territory-not-available-2026-03-05',
    'stmt:albares-territory-not-used-2026-03-04',
    'stmt:albares-denies-change-2026-03-04',
  ]);
  const result = page.locator('.result-window');
  await result.getByText('"country:es"').waitFor({ timeout: 30_000 });
  await result.getByText('"Spain"').waitFor();
  await result.getByText('"Government of Spain"').waitFor();

  // the docs panel explains the domain from the schema's descriptions
  await page.getByRole('button', { name: /show documentation explorer/i }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Query', { exact: true }).click();
  await docs.getByText('One actor by key or by Wikidata item id (give exactly one); an unknown one is a NOT_FOUND error.').waitFor();

  await page.screenshot({ path: screenshotPath('playground') });
  await page.getByRole('button', { name: /hide documentation explorer/i }).click();
  expect(nonLocal(browser.requests)).toEqual([]);
}, 120_000);

test('the LiveFeed example subscribes over graphql-ws and shows a statement ingested afterwards', async () => {
  const { page } = browser;
  const sockets: string[] = [];
  const subscribed = new Promise<void>((resolve) => {
    page.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framesent', (f) => {
        if (/"type":"subscribe"/.test(String(f.payload))) resolve();
      });
    });
  });
  await run('LiveFeed');
  await subscribed;
  // a statement ingested before the gateway's own subscription to statements is open would be missed
  await eventually(async () => (await subscriptionsActive(new URL('/metrics', stack.urls.statements))) === 1, 15_000, 'the subscription open in statements');

  const key = 'stmt:playground-live-2026-03-06'; // short: the result pane wraps long lines
  const file = path.join(dir, 'live.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'newsgraph.package/v1',
      statements: [
        {
          key,
          speaker: 'person:jose-manuel-albares',
          text: 'Spanish bases are not available for this operation.',
          saidAt: '2026-03-06',
          topics: ['base-use'],
          attestations: [{ source: 'src:novinite-2026-03-05-spain-denies' }],
        },
      ],
    }),
  );
  const loaded = await stack.ingest([file]);
  expect(loaded.code).toBe(0);

  const result = page.locator('.result-window');
  await result.getByText(`"${key}"`).waitFor({ timeout: 30_000 });
  await result.getByText('"José Manuel Albares"').waitFor();
  expect(sockets).toEqual([`${origin.replace(/^http/, 'ws')}/graphql`]);
  await page.screenshot({ path: screenshotPath('playground-live') });
  expect(nonLocal(browser.requests)).toEqual([]);
}, 120_000);
