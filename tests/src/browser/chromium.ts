import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { loadSeed, startTestStack, TestStack } from '../harness';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_LOCK = path.join(os.tmpdir(), 'newsgraph-chromium-install.lock');
const UPDATE_TIMEOUT_MS = 3 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

function missing(detail: string): Error {
  return new Error(
    `The browser tests need Chromium at ${CHROMIUM_PATH} and it is missing: ${detail}. ` +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.',
  );
}

function run(command: string, args: string[], timeout: number): void {
  const res = spawnSync(command, args, {
    timeout,
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.error || res.status !== 0) {
    const why = res.error ? res.error.message : `exit ${res.status}`;
    throw missing(`\`${command} ${args.join(' ')}\` failed (${why}):\n${(res.stderr || res.stdout || '').slice(-2000)}`);
  }
}

/**
 * Returns the Chromium binary, installing Debian's package first when it is absent and we run
 * as root (bounded in time). Test files run in parallel workers, so one installs while the
 * others wait on a lock directory.
 */
export async function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.env.CHROMIUM_PATH) throw missing('CHROMIUM_PATH names a file that does not exist');
  if (process.getuid?.() !== 0) throw missing('not running as root, so the test cannot apt-get install it');
  if (!existsSync('/usr/bin/apt-get')) throw missing('there is no apt-get to install it with');
  const deadline = Date.now() + UPDATE_TIMEOUT_MS + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(INSTALL_LOCK);
      break;
    } catch {
      // a lock left by a killed run is stale after the longest install could take
      const lock = statSync(INSTALL_LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > UPDATE_TIMEOUT_MS + INSTALL_TIMEOUT_MS) rmSync(INSTALL_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw missing('another process has been installing it for too long');
      await new Promise((r) => setTimeout(r, 1000));
      if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
    }
  }
  try {
    if (!existsSync(CHROMIUM_PATH)) {
      process.stderr.write("Chromium is missing: installing Debian's chromium package (apt-get) …\n");
      run('apt-get', ['update'], UPDATE_TIMEOUT_MS);
      run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], INSTALL_TIMEOUT_MS);
    }
  } finally {
    rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
  if (!existsSync(CHROMIUM_PATH)) throw missing('apt-get install chromium finished but the binary is not there');
  return CHROMIUM_PATH;
}

/** Generous: ensureChromium may run apt-get. */
export const BROWSER_SETUP_TIMEOUT_MS = UPDATE_TIMEOUT_MS + INSTALL_TIMEOUT_MS + 3 * 60_000;

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** every URL the page asked for: documents, scripts, fetches, workers, websockets */
  requests: string[];
  /** console errors and uncaught exceptions of the page */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; records every request so tests can check none leaves the machine. */
export async function openBrowser(): Promise<TestBrowser> {
  const executablePath = await ensureChromium();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    colorScheme: 'light',
  });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page: Page) => {
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    requests,
    pageErrors,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URLs that left this machine (anything but http(s)/ws(s) to localhost, data:, blob:, about:). */
export function nonLocal(urls: string[]): string[] {
  return urls.filter((raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return true;
    }
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return false;
    return !(['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && LOCAL_HOSTS.has(url.hostname));
  });
}

/** Where screenshots go, for a human (or a test reviewer) to look at. */
export function screenshotPath(name: string): string {
  return path.join(os.tmpdir(), `newsgraph-${name}.png`);
}

/** What a browser test runs against: the browser, a seeded stack, its origin and a scratch folder. */
export interface BrowserStack {
  browser: TestBrowser;
  stack: TestStack;
  /** the gateway's origin, the pages' own */
  origin: string;
  /** a temporary folder for the packages the test ingests */
  dir: string;
}

/**
 * Opens the browser first, so a missing one fails before a stack is started, then a scratch
 * folder and a stack with the seed loaded. What was opened before a failure is closed again.
 */
export async function openBrowserStack(dirPrefix: string): Promise<BrowserStack> {
  const opened: Partial<BrowserStack> = {};
  try {
    opened.browser = await openBrowser();
    opened.dir = await mkdtemp(path.join(os.tmpdir(), dirPrefix));
    opened.stack = await startTestStack();
    opened.origin = new URL(opened.stack.gatewayUrl).origin;
    await loadSeed(opened.stack);
    return opened as BrowserStack;
  } catch (e) {
    await closeBrowserStack(opened);
    throw e;
  }
}

export async function closeBrowserStack(opened: Partial<BrowserStack> | undefined): Promise<void> {
  await opened?.browser?.close();
  await opened?.stack?.teardown();
  if (opened?.dir) await rm(opened.dir, { recursive: true, force: true });
}

/**
 * A test file's browser stack: opened before its tests (each field handed to `take`, for the
 * file's own variables) and closed after them, even when opening failed halfway.
 */
export function withBrowserStack(dirPrefix: string, take: (opened: BrowserStack) => void): void {
  let opened: BrowserStack | undefined;
  beforeAll(async () => {
    opened = await openBrowserStack(dirPrefix);
    take(opened);
  }, BROWSER_SETUP_TIMEOUT_MS);
  afterAll(() => closeBrowserStack(opened));
}
