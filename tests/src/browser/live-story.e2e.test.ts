import type { Page } from 'playwright-core';
import { nonLocal, screenshotPath, TestBrowser, withBrowserStack } from './chromium';
import { ingestStatements, NOVINITE, statement } from './live-statements';
import { dataOf, TestStack } from '../harness';

/**
 * The dashboard as a new user meets it, on the seed: `/live?by=country:es&topic=base-use` shows
 * the story at once (statements so far, a timeline, the contradiction with the White House, why
 * Albares counts as Spain), then keeps it up to date as statements are ingested, across a reload
 * and a gateway restart.
 */

// Functions passed to page.waitForFunction run in the page; the tests project has no DOM types.
declare const document: any;

const ALBARES = 'person:jose-manuel-albares';
const WHITE_HOUSE = 'org:white-house';
const CLAIM = 'claim:spain-agreed-to-cooperate-with-us-military-against-iran';
const CLAIM_TEXT = 'Spain has agreed to cooperate with the US military operation against Iran';
const SPAIN_ON_BASE_USE = [
  'stmt:spanish-officials-territory-not-available-2026-03-05',
  'stmt:albares-territory-not-used-2026-03-04',
  'stmt:albares-denies-change-2026-03-04',
];
const STORY = '/live?by=country:es&topic=base-use';

let stack: TestStack;
let browser: TestBrowser;
let origin: string;
let dir: string;
withBrowserStack('newsgraph-browser-live-story-', (opened) => ({ stack, browser, origin, dir } = opened));

const ingest = (name: string, statements: object[]) => ingestStatements(stack, dir, name, statements);

const waitForState = (page: Page, state: string, timeout = 30_000) => page.locator(`#status[data-state="${state}"]`).waitFor({ timeout });
const feedKeys = (page: Page) => page.locator('#feed > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
const label = (page: Page, id: string) =>
  page
    .locator(`#${id}`)
    .getAttribute('aria-label')
    .then((l) => l ?? '');
/** Waits until a chart's description (its data in words) says `text`. */
const chartSays = (page: Page, id: string, text: string, timeout = 30_000) =>
  page.waitForFunction(([el, t]) => (document.getElementById(el)?.getAttribute('aria-label') ?? '').includes(t), [id, text] as const, { timeout });

/** What the gateway says Spain's timeline is: the chart must show the same. */
async function spainCounts(): Promise<{ total: number; buckets: { start: string; count: number }[] }> {
  const data = dataOf(
    await stack.query<{ statementCounts: { total: number; buckets: { start: string; count: number }[] } }>(
      `{ statementCounts(filter: { by: "country:es", topic: "base-use" }, interval: DAY) { total buckets { start count } } }`,
    ),
  );
  return data.statementCounts;
}

function described(name: string, counts: { total: number; buckets: { start: string; count: number }[] }): string {
  const days = counts.buckets.filter((b) => b.count).map((b) => `${b.count} on ${b.start}`);
  return `${name}: ${counts.total} in all; ${days.join(', ')}.`;
}

test('a new user opening /live?by=country:es&topic=base-use sees the story at once, and a statement ingested later joins the list and the charts', async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${origin}${STORY}`);
  await waitForState(page, 'live');

  // the statements so far, with nothing ingested since the page opened
  await page.waitForFunction((n) => document.querySelectorAll('#feed > li').length === n, SPAIN_ON_BASE_USE.length);
  expect(new Set(await feedKeys(page))).toEqual(new Set(SPAIN_ON_BASE_USE));
  expect(await page.locator('#story-title').innerText()).toBe('Statements by Spain about base-use');

  // a timeline of Spain and of the United States, which takes the other side, as the API counts them
  await chartSays(page, 'timeline-chart', 'United States:');
  const before = await spainCounts();
  expect(before.total).toBe(3);
  expect(await label(page, 'timeline-chart')).toContain(described('Spain', before));
  expect(await label(page, 'timeline-chart')).toContain('2 on 2026-03-04, 1 on 2026-03-05');
  expect(await page.locator('#timeline-chart canvas').count()).toBeGreaterThan(0);

  // the contradiction with the White House's claim, up front and on the statement it contradicts
  const headline = await page.locator('#headline').innerText();
  expect(headline).toContain('United States affirms, Spain denies');
  expect(headline).toContain(CLAIM_TEXT);
  const denial = page.locator('#feed > li[data-key="stmt:albares-denies-change-2026-03-04"]');
  const contradictions = await denial.locator('.contradictions').innerText();
  expect(contradictions).toMatch(/White House \(2026-03-04\): An agreement for cooperation with Spain exists\./);
  expect(contradictions).toMatch(/EXPLICIT\s*Karoline Leavitt/i);
  expect(await label(page, 'contested-chart')).toContain(`${CLAIM_TEXT}: affirmed 2 times by United States; denied 2 times by Spain.`);
  expect(await page.locator('#network-list').innerText()).toContain('Spain and United States split on 1 claim');

  // why Albares counts as Spain: the roll-up path on the day he spoke
  expect(await denial.locator('.why').innerText()).toBe(
    'Why Spain: José Manuel Albares → member of Ministry of Foreign Affairs, European Union and Cooperation (Minister of Foreign Affairs) from 2021-07-12 → part of Government of Spain → part of Spain',
  );
  expect(await page.locator('#feed > li[data-key="stmt:spanish-officials-territory-not-available-2026-03-05"] .why').innerText()).toBe(
    'Why Spain: Government of Spain → part of Spain',
  );
  // each statement's sources: outlet (linked), title, date
  const sources = await denial.locator('.sources').innerText();
  expect(sources).toContain('Cadena SER: José Manuel Albares interviewed on Cadena SER radio · 2026-03-04');
  expect(sources).toContain('Novinite: Spain Denies US Claims of Military Cooperation Against Iran, Stands Firm on Base Restrictions · 2026-03-05');
  expect(await page.locator('#figures').innerText()).toMatch(/3\s*statements/);

  await page.screenshot({ path: screenshotPath('live-story-1440'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForFunction(() => document.querySelector('#timeline-chart canvas')?.getBoundingClientRect().width <= 375);
  // nothing sticks out sideways on a phone
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: screenshotPath('live-story-375'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // a statement ingested now: on top of the list, marked new, and counted in every picture. The page
  // calls "new" what arrives once its history has settled: wait for that, as a user would see it
  await page.locator('#feed[data-settled="true"]').waitFor({ timeout: 30_000 });
  const fresh = 'stmt:albares-no-change-on-bases-2026-03-06';
  await ingest('fresh', [
    statement(fresh, ALBARES, 'Nothing has changed: the bases serve the missions agreed with Spain, and no other.', {
      onBehalfOf: 'org:es-government',
      stances: [{ claim: CLAIM, stance: 'DENIES' }],
    }),
  ]);
  await page.locator(`#feed > li[data-key="${fresh}"]`).waitFor({ timeout: 30_000 });
  expect((await feedKeys(page))[0]).toBe(fresh);
  expect(await page.locator(`#feed > li[data-key="${fresh}"] .badge-new`).innerText()).toMatch(/new/i);
  await chartSays(page, 'timeline-chart', 'Spain: 4 in all');
  const after = await spainCounts();
  expect(await label(page, 'timeline-chart')).toContain(described('Spain', after));
  expect(await label(page, 'timeline-chart')).toContain('1 on 2026-03-06');
  await chartSays(page, 'contested-chart', 'denied 3 times by Spain');
  await page.waitForFunction(() => /4\s*statements/.test(document.getElementById('figures').innerText));

  // a reload shows the same list, in the same order, each statement once
  const shown = await feedKeys(page);
  expect(new Set(shown).size).toBe(shown.length);
  await page.reload();
  await waitForState(page, 'live');
  await page.waitForFunction((n) => document.querySelectorAll('#feed > li').length === n, shown.length);
  await page.waitForFunction(
    (keys) => JSON.stringify([...document.querySelectorAll('#feed > li')].map((e: any) => e.getAttribute('data-key'))) === keys,
    JSON.stringify(shown),
  );
  await chartSays(page, 'timeline-chart', 'Spain: 4 in all');

  expect(nonLocal(browser.requests)).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
}, 180_000);

test('the claim view, opened from the keyboard: positions per actor, a change of position arriving live, sources and why each statement counts', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${origin}${STORY}`);
  await page.locator('#headline button').waitFor();
  await page.focus('#headline button');
  await page.keyboard.press('Enter');
  await page.locator('#claim-view[data-ready="true"]').waitFor();
  expect(new URL(page.url()).searchParams.get('claim')).toBe(CLAIM);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('claim-title');
  expect(await page.locator('#claim-text').innerText()).toBe(CLAIM_TEXT);
  // one row per top-level actor, a mark per statement
  const positions = await label(page, 'claim-chart');
  expect(positions).toContain('United States: affirms on 2026-03-04, affirms on 2026-03-04.');
  expect(positions).toMatch(/Spain: (denies on 2026-03-0[456](, )?)+\./);
  expect(await page.locator('#claim-changes li').count()).toBe(0);

  // Leavitt: sources with outlet, title, date and link; and why she counts as the United States
  const leavitt = page.locator('#claim-statements > li[data-key="stmt:leavitt-spain-agrees-2026-03-04"]');
  expect(await leavitt.locator('.why').innerText()).toBe(
    'Why United States: Karoline Leavitt → member of White House (White House Press Secretary) from 2025-01-20 → part of Government of the United States → part of United States',
  );
  expect(await leavitt.locator('.sources').innerText()).toContain(
    'The White House: White House press briefing by Press Secretary Karoline Leavitt · 2026-03-04',
  );
  // every source with an address is a link to it
  const links = await leavitt.locator('.sources a').evaluateAll((as) => as.map((a) => (a as any).href));
  const urls = dataOf(
    await stack.query<{ statement: { attestations: { source: { url: string | null } }[] } }>(
      `{ statement(key: "stmt:leavitt-spain-agrees-2026-03-04") { attestations { source { url } } } }`,
    ),
  ).statement.attestations.flatMap((a) => (a.source.url ? [a.source.url] : []));
  expect(urls.length).toBeGreaterThan(0);
  expect(links.sort()).toEqual(urls.map((u) => new URL(u).href).sort());

  // the White House turns: a change of position, shown in the open view without a reload
  await ingest('turn', [
    {
      key: 'stmt:white-house-no-agreement-2026-03-07',
      speaker: WHITE_HOUSE,
      text: 'There is no agreement with Spain on the operation; talks continue.',
      saidAt: '2026-03-07',
      topics: ['base-use'],
      stances: [{ claim: CLAIM, stance: 'DENIES' }],
      attestations: [{ source: NOVINITE }],
    },
  ]);
  const change = page.locator('#claim-changes li[data-actor="country:us"]');
  await change.waitFor({ timeout: 30_000 });
  expect(await change.innerText()).toMatch(/^United States: affirms → denies/);
  expect(await change.innerText()).toContain('There is no agreement with Spain on the operation; talks continue.');
  await page.screenshot({ path: screenshotPath('live-claim-1440'), fullPage: true });

  // the address opens the same view; Escape closes it and the address follows
  await page.reload();
  await page.locator('#claim-view[data-ready="true"]').waitFor();
  expect(await page.locator('#claim-changes li[data-actor="country:us"]').count()).toBe(1);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: screenshotPath('live-claim-375'), fullPage: true });
  await page.keyboard.press('Escape');
  expect(await page.locator('#claim-view').isHidden()).toBe(true);
  expect(new URL(page.url()).searchParams.get('claim')).toBeNull();
  expect(new URL(page.url()).searchParams.get('by')).toBe('country:es');
  await page.close();
}, 150_000);

test('the page survives a gateway restart: it reconnects, resumes after its last event and shows what was said meanwhile, once', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${origin}${STORY}`);
  await waitForState(page, 'live');
  await page.locator('#feed[data-settled="true"]').waitFor({ timeout: 30_000 });
  const before = await feedKeys(page);
  expect(before.length).toBeGreaterThanOrEqual(3);

  // the page must notice the drop, not only be live again
  const dropped = page.locator('#status[data-state="reconnecting"]').waitFor({ timeout: 60_000 });
  await stack.restart('gateway');
  await dropped;
  await waitForState(page, 'live', 60_000);
  const after = 'stmt:albares-after-the-restart-2026-03-06';
  await ingest('after-restart', [statement(after, ALBARES, 'Spain keeps its word on the bases, as it always has.')]);
  await page.locator(`#feed > li[data-key="${after}"]`).waitFor({ timeout: 45_000 });
  const keys = await feedKeys(page);
  expect(keys).toEqual([after, ...before]);
  await chartSays(page, 'timeline-chart', 'Spain: 5 in all');
  expect(nonLocal(browser.requests)).toEqual([]);
  await page.close();
}, 150_000);
