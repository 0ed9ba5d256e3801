import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createGatewayLookup } from '@newsgraph/extract';
import { DEFAULT_REVIEW_QUEUE_DIR } from '@newsgraph/gateway/dist/review-queue';
import { ConfigError, createGatewayClient, Env, findRepoRoot, GatewayClient, GatewayUnreachableError, resolveToken, resolveUrl } from '../ingest/index';
import { defaultStateFile, DEFAULTS, parseWatchArgs, WATCH_USAGE, WatchUsageError } from './args';
import { FeedsFileError, parseFeedsFile } from './feeds';
import type { Fetcher } from './http';
import { pagePipeline } from './pipeline';
import { loadState, StateFileError } from './state';
import { createWatcher, Watcher } from './watcher';

export interface WatchDeps {
  fetch: Fetcher;
  /** one JSON object per line, on stdout */
  log(line: Record<string, unknown>): void;
  /** problems with the command line or setup, on stderr */
  err(line: string): void;
  cwd: string;
  /** where to look for the repository root (.data/write-token, .data/review-queue) */
  startDir: string;
}

/** 0: fine; 1: `--once` and a feed or an article failed in that pass; 2: bad command line or setup. */
export const WATCH_EXIT = { OK: 0, FAILURES: 1, USAGE: 2 } as const;

/**
 * A refused token would fail every article: say so at once. The check is an empty upsert, which
 * writes nothing. An unreachable gateway is only a warning: it may come up later, and articles
 * wait for it (they are tried again at every poll).
 */
async function tokenUsable(client: GatewayClient, deps: WatchDeps): Promise<boolean> {
  try {
    const answer = await client.send('mutation WatchTokenCheck { upsertActors(actors: []) { created } }', {}, { write: true });
    if (answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      deps.err(`watch: the gateway at ${client.url} refused the write token; check --token, NEWSGRAPH_TOKEN or .data/write-token`);
      return false;
    }
  } catch (error) {
    if (!(error instanceof GatewayUnreachableError)) throw error;
    deps.log({ event: 'gateway unreachable', reason: error.message, msg: `${error.message}; articles wait for it` });
  }
  return true;
}

/**
 * Sets a watcher up from the command line and environment. Returns the exit code for a setup
 * problem (every problem said on stderr), or the running watcher.
 */
export async function startWatch(argv: readonly string[], env: Env, deps: WatchDeps): Promise<number | Watcher> {
  try {
    const args = parseWatchArgs(argv, env);
    if (args.help) {
      deps.err(WATCH_USAGE);
      return WATCH_EXIT.OK;
    }
    const feedsFile = path.resolve(deps.cwd, args.feedsFile);
    let text: string;
    try {
      text = await readFile(feedsFile, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read the feeds file ${args.feedsFile}: ${(error as Error).message}`);
    }
    const feeds = parseFeedsFile(args.feedsFile, text);
    const url = resolveUrl(args.url, env);
    const repoRoot = findRepoRoot(deps.startDir);
    const token = resolveToken(args.token, env, repoRoot);
    const stateFile = path.resolve(deps.cwd, args.stateFile ?? defaultStateFile(args.feedsFile));
    const queueDir = args.queueDir ? path.resolve(deps.cwd, args.queueDir) : repoRoot ? path.join(repoRoot, '.data', 'review-queue') : DEFAULT_REVIEW_QUEUE_DIR;
    const state = await loadState(stateFile);
    // the gateway gets its own deadline: a stuck write must not hold the feeds forever
    const gatewayFetch = (u: string, init: RequestInit) => deps.fetch(u, { ...init, signal: AbortSignal.timeout(30_000) });
    const client = createGatewayClient({ url, token, fetch: gatewayFetch as never });
    const lookup = createGatewayLookup({ url, fetch: gatewayFetch as never });
    if (!(await tokenUsable(client, deps))) return WATCH_EXIT.USAGE;
    deps.log({
      event: 'start',
      feeds: feeds.length,
      threshold: args.threshold,
      gateway: url,
      state: stateFile,
      queue: queueDir,
      msg: `watching ${feeds.length} feed(s); ingesting at confidence ≥ ${args.threshold}, the rest to ${queueDir}`,
    });
    return createWatcher({
      feeds,
      state,
      stateFile,
      queueDir,
      threshold: args.threshold,
      client,
      pipeline: pagePipeline(lookup),
      fetcher: deps.fetch,
      feedLimits: { timeoutMs: args.timeoutMs, maxBytes: args.maxFeedBytes },
      pageLimits: { timeoutMs: args.timeoutMs, maxBytes: args.maxPageBytes },
      hostGapMs: args.hostGapMs,
      maxBackoffS: args.maxBackoffS,
      maxAttempts: DEFAULTS.maxAttempts,
      once: args.once,
      log: deps.log,
    });
  } catch (error) {
    if (error instanceof WatchUsageError) {
      deps.err(`watch: ${error.message}\n\n${WATCH_USAGE}`);
      return WATCH_EXIT.USAGE;
    }
    if (error instanceof ConfigError || error instanceof FeedsFileError || error instanceof StateFileError) {
      deps.err(`watch: ${error.message}`);
      return WATCH_EXIT.USAGE;
    }
    throw error;
  }
}
