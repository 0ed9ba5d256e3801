import type { Page, WebSocketRoute } from 'playwright-core';
import { nonLocal, screenshotPath, TestBrowser, withBrowserStack } from './chromium';
import { ingestStatements, statement } from './live-statements';
import { TestStack } from '../harness';

const ALBARES = 'person:jose-manuel-albares';
const LEAVITT = 'person:karoline-leavitt';
const CLAIM = 'claim:spain-agreed-to-cooperate-with-us-military-against-iran';
const SPAIN_SEED = [
  'stmt:spanish-officials-territory-not-available-2026-03-05',
  'stmt:albares-territory-not-used-2026-03-04',
  'stmt:albares-denies-change-2026-03-04',
];
/** The live feed's first position (`["feed", 0]`, base64url): "replay everything, then go live". */
const FEED_START = Buffer.from(JSON.stringify(['feed', 0])).toString('base64url');

let stack: TestStack;
let browser: TestBrowser;
let origin: string;
let dir: string;
withBrowserStack('newsgraph-browser-live-', (opened) => ({ stack, browser, origin, dir } = opened));

const ingest = (name: string, statements: object[]) => ingestStatements(stack, dir, name, statements);

const entry = (page: Page, key: string) => page.locator(`#feed > li[data-key="${key}"]`);
const waitForState = (page: Page, state: string, timeout = 20_000) => page.locator(`#status[data-state="${state}"]`).waitFor({ timeout });

test('/live: choose Spain and base-use, then a matching statement ingested later appears with speaker, outlet and contradictions', async () => {
  const { page } = browser;
  await page.goto(`${origin}/live`);
  await page.locator('body[data-ready="true"]').waitFor();
  expect(await page.locator('#status').getAttribute('data-state')).toBe('idle');

  await page.fill('#actor-search', 'España');
  await page.press('#actor-search', 'Enter');
  await page.locator('#actor option[value="country:es"]').waitFor({ state: 'attached' });
  expect(await page.inputValue('#actor')).toBe('country:es');
  await page.selectOption('#topic', 'base-use');
  await page.click('#watch');
  await waitForState(page, 'live');
  expect(await page.locator('#status').innerText()).toMatch(/live/);

  // Leavitt speaks for the US: same topic, but not "by" Spain, so it must not appear.
  const ours = 'stmt:albares-bases-under-spanish-command-2026-03-06';
  const other = 'stmt:leavitt-bases-follow-up-2026-03-06';
  await ingest('first', [
    statement(other, LEAVITT, 'We will keep discussing the bases with our Spanish partners.'),
    statement(ours, ALBARES, 'The bases of Rota and Morón remain under Spanish command.', {
      stances: [{ claim: CLAIM, stance: 'DENIES' }],
    }),
  ]);

  const item = entry(page, ours);
  await item.waitFor({ timeout: 20_000 });
  const text = await item.innerText();
  expect(text).toContain('The bases of Rota and Morón remain under Spanish command.');
  expect(text).toContain('José Manuel Albares');
  expect(text).toContain('Novinite');
  expect(text).toContain('2026-03-06');
  // denying a claim Leavitt and the White House affirm: both contradict it, shown apart
  const contradictions = item.locator('.contradictions');
  expect(await contradictions.innerText()).toMatch(/Karoline Leavitt/);
  expect(await contradictions.innerText()).toMatch(/White House/);
  expect(await entry(page, other).count()).toBe(0);

  await page.screenshot({ path: screenshotPath('live'), fullPage: true });
  expect(nonLocal(browser.requests)).toEqual([]);
  expect(browser.requests).toContain(`${origin.replace(/^http/, 'ws')}/graphql`);
  expect(browser.pageErrors).toEqual([]);
}, 120_000);

test('/live: after a dropped connection it reconnects, resubscribes after its last cursor and shows what it missed', async () => {
  const page = await browser.context.newPage();
  // Every socket of this page goes through the test, which can cut it and watch the protocol.
  let down = false;
  const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  // the statement list's own subscription (the page also keeps a light one that only says
  // "something changed" to its pictures)
  const subscribes: any[] = [];
  const events: { key: string; cursor: string }[] = [];
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    if (down) {
      ws.close({ code: 1013, reason: 'test: network down' });
      return;
    }
    const server = ws.connectToServer();
    const feedIds = new Set<string>();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m));
      if (msg.type === 'subscribe' && /^subscription Dashboard\(/.test(msg.payload.query)) {
        feedIds.add(msg.id);
        subscribes.push(msg.payload);
      }
      server.send(m);
    });
    const socket = { page: ws, server };
    server.onMessage((m) => {
      if (!sockets.includes(socket)) return; // cut: what the server still sends is lost
      const msg = JSON.parse(String(m));
      const added = msg.type === 'next' && feedIds.has(msg.id) ? msg.payload?.data?.statementAdded : undefined;
      if (added) events.push({ key: added.statement.key, cursor: added.cursor });
      ws.send(m);
    });
    sockets.push(socket);
  });

  // the filter can come in the address, so a dashboard is a bookmark
  await page.goto(`${origin}/live?by=country:es&topic=base-use`);
  await waitForState(page, 'live');
  expect(await page.inputValue('#actor')).toBe('country:es');
  // the first subscribe starts at the feed's beginning: its replay is the history the page opens with
  expect(subscribes[0].variables).toEqual({ filter: { by: 'country:es', topic: 'base-use' }, after: FEED_START });

  const before = 'stmt:albares-before-the-drop-2026-03-06';
  await ingest('before', [statement(before, ALBARES, 'Spain has not changed its position on the bases.')]);
  await entry(page, before).waitFor({ timeout: 20_000 });
  const lastCursor = events.find((e) => e.key === before)!.cursor;
  const history = events.map((e) => e.key).slice(0, -1);
  // the seed's three statements by Spain about base-use, and the one the first test ingested
  expect(new Set(history)).toEqual(new Set([...SPAIN_SEED, 'stmt:albares-bases-under-spanish-command-2026-03-06']));

  down = true;
  for (const socket of sockets.splice(0)) {
    await socket.server.close();
    await socket.page.close({ code: 1013, reason: 'test: connection lost' });
  }
  await waitForState(page, 'reconnecting');
  expect(await page.locator('#status').innerText()).toMatch(/reconnecting/);

  // Said while the page is offline: only a replay from the last cursor can bring it.
  const missed = 'stmt:albares-while-offline-2026-03-06';
  await ingest('missed', [statement(missed, ALBARES, 'Any use of the bases requires authorisation from Spain.')]);
  down = false;

  await entry(page, missed).waitFor({ timeout: 45_000 });
  await waitForState(page, 'live');
  const resumed = subscribes[subscribes.length - 1];
  expect(resumed.variables).toEqual({ filter: { by: 'country:es', topic: 'base-use' }, after: lastCursor });
  // newest first, each once, on the page and on the wire
  const shown = await page.locator('#feed > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(shown.slice(0, 2)).toEqual([missed, before]);
  expect(new Set(shown)).toEqual(new Set([missed, before, ...history]));
  expect(shown.length).toBe(history.length + 2);
  expect(events.map((e) => e.key)).toEqual([...history, before, missed]);

  await page.screenshot({ path: screenshotPath('live-resumed'), fullPage: true });
  expect(nonLocal(browser.requests)).toEqual([]);
  await page.close();
}, 150_000);
