import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase } from '@newsgraph/kit';
import { generateCorpus } from '@newsgraph/tools/dist/generate/index';
import { openBrowser, nonLocal, screenshotPath, TestBrowser } from './chromium';
import { dataOf, startTestStack, TestStack } from '../harness';

/**
 * The dashboard on a generated corpus: thousands of statements written straight into the
 * databases (as `npm run generate` does), so the live feed never announced them. The page must
 * still open with the latest of them, draw its pictures over seven years, and take new ones live.
 */

const STATEMENTS = 3000;

let stack: TestStack | undefined;
let browser: TestBrowser | undefined;
let dir: string | undefined;
const prefix = `c${randomBytes(4).toString('hex')}_`;

function server(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through `npm test`');
  return url;
}

beforeAll(async () => {
  browser = await openBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-browser-live-corpus-'));
  // the corpus first, then the services over it (as the bench does)
  await generateCorpus({ databaseUrl: server(), prefix, statements: STATEMENTS });
  stack = await startTestStack({ databasePrefix: prefix });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  for (const s of ['actors', 'statements', 'sources']) {
    const u = new URL(server());
    u.pathname = `/${prefix}${s}`;
    await dropDatabase(u.toString()).catch(() => undefined);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('on a generated corpus the page opens with the latest statements and its pictures, then takes a new statement live', async () => {
  const { page } = browser!;
  const origin = new URL(stack!.gatewayUrl).origin;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${origin}/live?by=country:es&topic=base-use`);
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 30_000 });
  await page.locator('#feed[data-settled="true"]').waitFor({ timeout: 60_000 });

  // the latest said, as the API lists them (the feed has nothing to replay here)
  const latest = dataOf(
    await stack!.query<{ statements: { totalCount: number; edges: { node: { key: string } }[] } }>(
      `{ statements(filter: { by: "country:es", topic: "base-use" }, first: 50) { totalCount edges { node { key } } } }`,
    ),
  ).statements;
  expect(latest.totalCount).toBeGreaterThan(50);
  const shown: string[] = await page.locator('#feed > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
  expect(shown).toEqual(latest.edges.map((e) => e.node.key));
  expect(await page.locator('#feed-count').innerText()).toBe(`latest 50 of ${latest.totalCount}`);

  // seven years of statements: the timeline steps up to months; contested claims and who opposes whom
  await page.locator('body[data-pictures]').waitFor({ timeout: 60_000 });
  expect(await page.locator('#timeline-title').innerText()).toBe('Statements per month');
  const timeline = (await page.locator('#timeline-chart').getAttribute('aria-label')) ?? '';
  expect(timeline).toContain(`Spain: ${latest.totalCount} in all;`);
  expect(await page.locator('#contested-list li button').count()).toBeGreaterThan(0);
  expect(await page.locator('#network-list li[data-pair]').count()).toBeGreaterThan(0);
  expect(await page.locator('#feed > li .why').count()).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('live-corpus-1440'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForFunction(() => (globalThis as any).document.documentElement.scrollWidth <= 375);
  await page.screenshot({ path: screenshotPath('live-corpus-375'), fullPage: false });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // a new article, said after everything in the corpus: on top of the list, live
  const file = path.join(dir!, 'new.json');
  const key = 'stmt:spain-new-base-statement-2026-04-02';
  await writeFile(
    file,
    JSON.stringify({
      format: 'newsgraph.package/v1',
      sources: [
        {
          key: 'src:test-daily-2026-04-02-bases',
          kind: 'ARTICLE',
          url: 'https://daily.example/2026/04/02/bases',
          title: 'Madrid restates its line on the bases',
          outlet: { key: 'outlet:test-daily', name: 'Test Daily', country: 'ES' },
          publishedAt: '2026-04-02T10:00:00+02:00',
        },
      ],
      statements: [
        {
          key,
          speaker: 'country:es',
          text: 'The bases remain under Spanish command and will not be used for this operation.',
          saidAt: '2026-04-02',
          topics: ['base-use'],
          attestations: [{ source: 'src:test-daily-2026-04-02-bases' }],
        },
      ],
    }),
  );
  const res = await stack!.ingest([file]);
  expect(res.code).toBe(0);
  await page.locator(`#feed > li[data-key="${key}"]`).waitFor({ timeout: 45_000 });
  const after: string[] = await page.locator('#feed > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
  expect(after[0]).toBe(key);
  expect(after.length).toBe(51);
  expect(await page.locator(`#feed > li[data-key="${key}"] .sources`).innerText()).toContain('Test Daily: Madrid restates its line on the bases · 2026-04-02');
  await page.waitForFunction(
    (n) => ((globalThis as any).document.getElementById('timeline-chart')?.getAttribute('aria-label') ?? '').includes(`Spain: ${n} in all`),
    latest.totalCount + 1,
    { timeout: 30_000 },
  );
  expect(nonLocal(browser!.requests)).toEqual([]);
  expect(browser!.pageErrors).toEqual([]);
}, 240_000);
