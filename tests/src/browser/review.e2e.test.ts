import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REVIEW_FORMAT, writeQueueEntry } from '@newsgraph/gateway/dist/review-queue';
import { BROWSER_SETUP_TIMEOUT_MS, nonLocal, openBrowser, screenshotPath, TestBrowser } from './chromium';
import { dataOf, loadSeed, SEED_DIR, startTestStack, TestStack } from '../harness';

/**
 * /review in Debian's Chromium against a real stack: paste the seed article, review what the
 * extractor proposes, ingest the accepted statements with the stack's token, and find exactly
 * those in the graph.
 */

let stack: TestStack;
let browser: TestBrowser;
let origin: string;
let queueDir: string;

beforeAll(async () => {
  browser = await openBrowser();
  queueDir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-review-queue-'));
  stack = await startTestStack({ env: { NEWSGRAPH_REVIEW_QUEUE: queueDir } });
  origin = new URL(stack.gatewayUrl).origin;
  await loadSeed(stack);
}, BROWSER_SETUP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await stack?.teardown();
  if (queueDir) await rm(queueDir, { recursive: true, force: true });
});

const SEED_URL = 'https://www.novinite.com/articles/review-test/spain-denies-us-claims';

/** The seed article as a person pastes it: the body in the text box, headline and date in their fields. */
async function seedArticle() {
  const file = await readFile(path.join(SEED_DIR, '000_7254b9545039598a.txt'), 'utf8');
  const [first, ...rest] = file.trimStart().split('\n');
  const m = /^date (\S+) (.*)$/.exec(first)!;
  return { text: rest.join('\n').trim(), title: m[2].trim(), publishedAt: m[1], outlet: 'Novinite', url: SEED_URL, language: 'en' };
}

/** What the gateway proposes for that input: the same endpoint the page calls. */
async function propose(input: object): Promise<any> {
  const res = await fetch(`${origin}/review/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status).toBe(200);
  return res.json();
}

async function statementsOfSource(key: string): Promise<{ key: string; text: string; form: string; speaker: { key: string; name: string } }[]> {
  const data = dataOf(
    await stack.query<any>('query($k:String!){ source(key:$k){ statements(first: 50){ edges { node { key text form speaker { key name } } } } } }', { k: key }),
  );
  return data.source.statements.edges.map((e: any) => e.node);
}

/** The id of the element with the focus (the page's, evaluated there: this file has no DOM types). */
const activeId = (page: Page) => page.evaluate<string | undefined>('document.activeElement ? document.activeElement.id : undefined');

async function fillArticle(page: Page, a: Awaited<ReturnType<typeof seedArticle>>): Promise<void> {
  await page.fill('#article-text', a.text);
  await page.fill('#article-headline', a.title);
  await page.fill('#article-outlet', a.outlet);
  await page.fill('#article-date', a.publishedAt);
  await page.fill('#article-url', a.url);
  await page.selectOption('#article-language', a.language);
}

test('/review: paste the seed article, drop one quotation, correct a form, a speaker and bounds, ingest; the graph holds exactly the accepted ones', async () => {
  const { page } = browser;
  const article = await seedArticle();
  const proposal = await propose(article);
  const proposed: any[] = proposal.package.statements;
  expect(proposed.length).toBeGreaterThanOrEqual(3);
  const sourceKey = proposal.package.sources[0].key;

  await page.goto(`${origin}/review`);
  await page.locator('body[data-ready="true"]').waitFor();
  await fillArticle(page, article);
  await page.click('#extract');
  await page.locator('#quotations li.card').first().waitFor();
  expect(await page.locator('#quotations li.card').count()).toBe(proposed.length);

  // every quotation with bounds is highlighted in the text, and its card names the speaker
  const marks = page.locator('#article-view a.q');
  expect(await marks.count()).toBeGreaterThanOrEqual(proposed.length - 1);
  const albares = proposed.findIndex((s) => s.speaker === 'person:jose-manuel-albares' && /categorically deny/.test(s.text));
  expect(albares).toBeGreaterThanOrEqual(0);
  const albaresCard = page.locator(`#q-${albares + 1}`);
  expect(await albaresCard.locator('.speaker-line').innerText()).toMatch(/José Manuel Albares/);
  // the seed's actors are known to the graph: Albares is linked, not created again
  expect(await albaresCard.locator('.linked').innerText()).toBe('linked to a known actor');
  expect(await page.locator(`#m-${albares + 1}`).innerText()).toContain('I categorically deny any change');
  // the actors the article names that the graph knows are listed for the reviewer
  expect(await page.locator('#mentions').innerText()).toMatch(/^Known actors mentioned: .*José Manuel Albares \(person:jose-manuel-albares\)/);
  // "show in text" moves the focus to the highlight
  await albaresCard.locator('a.show').click();
  expect(await activeId(page)).toBe(`m-${albares + 1}`);

  // drop one (not Albares'), correct two: a form, and the end bounds of Albares' denial by one word
  const dropped = proposed.findIndex((_, i) => i !== albares);
  const reformed = proposed.findIndex((_, i) => i !== albares && i !== dropped);
  await page.click(`#q-${dropped + 1}-drop`);
  expect(await page.locator(`#q-${dropped + 1}`).getAttribute('data-state')).toBe('dropped');
  expect(await page.locator(`#m-${dropped + 1}`).getAttribute('data-state')).toBe('dropped');
  const newForm = proposed[reformed].form === 'DIRECT_QUOTE' ? 'INDIRECT_QUOTE' : 'DIRECT_QUOTE';
  await page.selectOption(`#q-${reformed + 1}-form`, newForm);
  await page.click(`#q-${albares + 1}-less`);
  const shortened = await page.locator(`#q-${albares + 1}-text`).innerText();
  expect(proposed[albares].text.startsWith(shortened)).toBe(true);
  expect(shortened.length).toBeLessThan(proposed[albares].text.length);
  // the highlight follows (its first text node: the quotation's number follows it in a <sup>)
  expect(await page.locator(`#m-${albares + 1}`).evaluate((el) => el.firstChild?.textContent)).toBe(shortened);

  // correct a speaker: a quotation given to a new actor goes to the known Government of Spain instead
  const defined = new Set((proposal.package.actors ?? []).map((a: { key: string }) => a.key));
  const relinked = proposed.findIndex((st, i) => ![albares, dropped, reformed].includes(i) && defined.has(st.speaker));
  expect(relinked).toBeGreaterThanOrEqual(0);
  await page.fill(`#q-${relinked + 1}-name`, 'Government of Spain');
  await page.click(`#q-${relinked + 1}-find`);
  await page.locator(`#q-${relinked + 1}-matches option[value="org:es-government"]`).waitFor({ state: 'attached' });
  await page.selectOption(`#q-${relinked + 1}-matches`, 'org:es-government');
  expect(await page.inputValue(`#q-${relinked + 1}-key`)).toBe('org:es-government');
  expect(await page.locator(`#q-${relinked + 1}-linked`).innerText()).toBe('linked to a known actor');
  // a known actor is not renamed from a quotation
  await page.fill(`#q-${albares + 1}-name`, 'Pepe');
  await page.press(`#q-${albares + 1}-name`, 'Tab');
  expect(await page.inputValue(`#q-${albares + 1}-name`)).toBe('José Manuel Albares');
  expect(await page.locator(`#q-${albares + 1}-error`).innerText()).toMatch(/keeps that name/);

  await page.click('#accept-all');
  expect(await page.locator(`#q-${dropped + 1}`).getAttribute('data-state')).toBe('dropped');
  const accepted = proposed.length - 1;
  expect(await page.locator('#ingest').innerText()).toBe(`Ingest ${accepted} accepted`);
  // what a person sees on a desktop: the article, its highlighted text and the first cards
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: screenshotPath('review') });

  // without a token nothing is sent
  await page.click('#ingest');
  expect(await page.locator('#result').innerText()).toMatch(/Enter a write token/);
  expect(await activeId(page)).toBe('token');
  await page.fill('#token', stack.token);
  expect(await page.evaluate<string | null>("sessionStorage.getItem('newsgraph.writeToken')")).toBe(stack.token);
  await page.click('#ingest');
  await page.locator('#result .ok').waitFor({ timeout: 30_000 });
  expect(await page.locator('#result').innerText()).toMatch(new RegExp(`Ingested ${accepted} statements`));
  expect(await page.locator('#result').innerText()).toMatch(/claims and statements: created \d+, updated \d+, unchanged \d+/);
  expect(await page.locator(`#q-${albares + 1}`).getAttribute('data-state')).toBe('ingested');

  const stored = await statementsOfSource(sourceKey);
  expect(stored).toHaveLength(accepted);
  const texts = stored.map((s) => s.text);
  expect(texts).toContain(shortened);
  expect(texts).not.toContain(proposed[albares].text);
  expect(texts).not.toContain(proposed[dropped].text);
  expect(stored.find((s) => s.text === proposed[reformed].text)?.form).toBe(newForm);
  expect(stored.find((s) => s.text === shortened)?.speaker).toEqual({ key: 'person:jose-manuel-albares', name: 'José Manuel Albares' });
  expect(stored.find((s) => s.text === proposed[relinked].text)?.speaker).toEqual({ key: 'org:es-government', name: 'Government of Spain' });
  // the actor the extractor proposed for it is created only if another accepted quotation still names it
  const stillNamed = proposed.some((st, i) => i !== relinked && i !== dropped && st.speaker === proposed[relinked].speaker);
  const orphan = dataOf(await stack.query<any>('query($k:[String!]!){ actorsByKeys(keys:$k){ key } }', { k: [proposed[relinked].speaker] }));
  expect(orphan.actorsByKeys[0] !== null).toBe(stillNamed);

  // the ingested ones are done; undoing the drop makes that one pending again, not accepted
  await page.click(`#q-${dropped + 1}-drop`);
  expect(await page.locator('#ingest').isDisabled()).toBe(true);

  expect(nonLocal(browser.requests)).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
}, 120_000);

test('/review: bad input is refused with what and where; nothing is proposed', async () => {
  const res = await fetch(`${origin}/review/extract`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '  ', colour: 'red', title: 7 }),
  });
  expect(res.status).toBe(400);
  const body: any = await res.json();
  expect(body.error.code).toBe('BAD_USER_INPUT');
  expect(body.error.problems).toEqual([
    { path: '/colour', message: expect.stringMatching(/unknown field/) },
    { path: '/title', message: 'must be a string' },
    { path: '/text', message: 'paste the article: its text, or its HTML' },
  ]);
  expect((await fetch(`${origin}/review/extract`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
  expect((await fetch(`${origin}/review/extract`)).status).toBe(405);

  const page = await browser.context.newPage();
  await page.goto(`${origin}/review`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.fill('#article-text', 'Just one line with no quotation in it.');
  await page.click('#extract');
  await page.locator('#quotations li.empty').waitFor();
  expect(await page.locator('#problems').innerText()).toMatch(/publication date/);
  expect(await page.locator('#dequeue').isHidden()).toBe(true);

  // a queued article a person is done with leaves the queue without an ingest, with a token only
  const id = await writeQueueEntry(queueDir, {
    format: REVIEW_FORMAT,
    article: { text: 'Nothing anyone said.', url: 'https://harbour.example/nothing', title: 'A quiet day' },
    package: { format: 'newsgraph.package/v1', statements: [] },
    problems: [],
    origin: { feed: 'https://harbour.example/rss', item: 'quiet', fetchedAt: '2026-03-09T11:00:00Z' },
  });
  await page.click('#queue-refresh');
  await page.click(`#queue button[data-open="${id}"]`);
  await page.locator('body[data-review^="queue:"]').waitFor();
  await page.fill('#token', '');
  await page.click('#dequeue');
  expect(await page.locator('#result').innerText()).toMatch(/Enter a write token/);
  await page.fill('#token', 'not-the-token');
  await page.click('#dequeue');
  await page
    .locator('#result .bad')
    .getByText(/could not be removed/)
    .waitFor();
  expect(existsSync(path.join(queueDir, `${id}.json`))).toBe(true);
  await page.fill('#token', stack.token);
  await page.click('#dequeue');
  await page.locator('#result .ok').waitFor();
  await page.locator(`#queue li[data-id="${id}"]`).waitFor({ state: 'detached' });
  expect(existsSync(path.join(queueDir, `${id}.json`))).toBe(false);
  await page.close();
}, 60_000);

/** Presses Tab until `selector` has the focus (at most `max` presses): the way a keyboard user gets there. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate<boolean>(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with ${max} Tab presses`);
}

test('/review by keyboard alone: open a queued article, follow a highlight to its card, accept, ingest; focus always visible', async () => {
  // the feed watcher's part: an article it was unsure of waits in the queue
  const text = [
    'LISBON — Portugal will ask the European Commission for more time to meet its deficit target, Finance Minister Inês Carvalho said on Monday.',
    '“We are not asking for favours, we are asking for arithmetic,” Carvalho told reporters after a cabinet meeting.',
    'Opposition leaders said the request showed that the budget had been built on sand.',
  ].join('\n\n');
  const proposal = await propose({
    text,
    title: 'Portugal seeks more time on deficit',
    outlet: 'The Harbour Times',
    publishedAt: '2026-03-09',
    url: 'https://harbour.example/portugal-deficit',
  });
  const id = await writeQueueEntry(queueDir, {
    ...proposal,
    format: REVIEW_FORMAT,
    ingested: [],
    origin: { feed: 'https://harbour.example/rss', item: 'pt-deficit', fetchedAt: '2026-03-09T10:00:00Z' },
  });
  const sourceKey = proposal.package.sources[0].key;

  const page = await browser.context.newPage();
  await page.goto(`${origin}/review`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator(`#queue li[data-id="${id}"]`).waitFor();

  await tabTo(page, '#token');
  await page.keyboard.insertText(stack.token);
  await tabTo(page, `#queue button[data-open="${id}"]`);
  // a keyboard focus is drawn: the focus-visible outline is on
  expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
  await page.keyboard.press('Enter');
  await page.locator('body[data-review^="queue:"]').waitFor();
  expect(await activeId(page)).toBe('quotations-title');
  const cards = await page.locator('#quotations li.card').count();
  expect(cards).toBe(proposal.package.statements.length);

  // highlights are links: Tab to the first one, Enter goes to its card
  await tabTo(page, '#article-view a.q');
  expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
  const n = await page.evaluate<string>('document.activeElement.dataset.q');
  await page.keyboard.press('Enter');
  expect(await activeId(page)).toBe(`q-${n}`);

  // accept every card with its own button, reached by Tab
  for (let i = 1; i <= cards; i++) {
    await tabTo(page, `#q-${i}-accept`);
    await page.keyboard.press('Enter');
    expect(await page.locator(`#q-${i}-accept`).getAttribute('aria-pressed')).toBe('true');
  }
  await tabTo(page, '#ingest');
  await page.keyboard.press('Enter');
  await page.locator('#result .ok').waitFor({ timeout: 30_000 });
  // the result is announced (a polite live region) and the article has left the queue
  expect(await page.locator('#result').getAttribute('aria-live')).toBe('polite');
  expect(await page.locator('#result').innerText()).toMatch(/left the review queue/);
  await page.locator(`#queue li[data-id="${id}"]`).waitFor({ state: 'detached' });
  expect(existsSync(path.join(queueDir, `${id}.json`))).toBe(false);
  expect((await statementsOfSource(sourceKey)).length).toBe(cards);

  // a phone-sized window: one column, nothing wider than the screen
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.locator('#quotations-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('review-phone') });
  expect(statSync(screenshotPath('review-phone')).size).toBeGreaterThan(10_000);
  expect(statSync(screenshotPath('review')).size).toBeGreaterThan(10_000);
  expect(nonLocal(browser.requests)).toEqual([]);
  await page.close();
}, 120_000);
