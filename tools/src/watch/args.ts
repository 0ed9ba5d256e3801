import path from 'node:path';
import { DEFAULT_THRESHOLD } from './split';

export interface WatchArgs {
  feedsFile: string;
  url?: string;
  token?: string;
  threshold: number;
  stateFile?: string;
  queueDir?: string;
  once: boolean;
  timeoutMs: number;
  maxPageBytes: number;
  maxFeedBytes: number;
  hostGapMs: number;
  maxBackoffS: number;
  help: boolean;
}

export class WatchUsageError extends Error {}

export const DEFAULTS = {
  timeoutMs: 15_000,
  maxPageBytes: 2 * 1024 * 1024,
  maxFeedBytes: 5 * 1024 * 1024,
  hostGapMs: 2_000,
  maxBackoffS: 3_600,
  maxAttempts: 3,
};

export const WATCH_USAGE = `Usage: npm run watch -- <feeds file> [options]

Polls the RSS and Atom feeds listed in the feeds file, fetches each new article page, extracts its
quotations, ingests those at or above the confidence threshold through the gateway, and puts the
article in the review queue (listed on /review) when any quotation is left for a person.

The feeds file: {"feeds": [{"url": "https://…/rss.xml", "interval": 900, "outlet": "…", "language": "en"}]}
(interval in seconds, default 900; outlet and language optional).

  --threshold <0..1>     ingest statements at or above this confidence; default NEWSGRAPH_WATCH_THRESHOLD, else ${DEFAULT_THRESHOLD}
  --url <url>            gateway GraphQL endpoint; default NEWSGRAPH_URL, else http://localhost:4000/graphql
  --token <token>        write token; default NEWSGRAPH_TOKEN, else .data/write-token written by \`npm start\`
  --queue <folder>       review queue; default NEWSGRAPH_REVIEW_QUEUE, else .data/review-queue
  --state <file>         what was seen; default <feeds file>.state.json beside the feeds file
  --once                 poll every feed once, handle what is new, and exit
  --timeout-ms <ms>      deadline of one request, body included; default ${DEFAULTS.timeoutMs}
  --max-bytes <bytes>    largest article page; default ${DEFAULTS.maxPageBytes} (feeds: ${DEFAULTS.maxFeedBytes})
  --host-gap-ms <ms>     pause between two requests to one host; default ${DEFAULTS.hostGapMs}
  --max-backoff-s <s>    longest wait after a feed's failures; default ${DEFAULTS.maxBackoffS}
  -h, --help             this text

One JSON line per article on stdout (fetched / extracted N / ingested M / queued K / failed: why),
and one per feed poll. Stops on Ctrl-C or SIGTERM after the article it is on.`;

const NUMBERS = {
  '--threshold': 'threshold',
  '--timeout-ms': 'timeoutMs',
  '--max-bytes': 'maxPageBytes',
  '--host-gap-ms': 'hostGapMs',
  '--max-backoff-s': 'maxBackoffS',
} as const;
const STRINGS = { '--url': 'url', '--token': 'token', '--state': 'stateFile', '--queue': 'queueDir' } as const;

function readThreshold(raw: string, from: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new WatchUsageError(`${from} must be a number from 0 to 1, got "${raw}"`);
  return n;
}

export function parseWatchArgs(argv: readonly string[], env: Record<string, string | undefined>): WatchArgs {
  const inputs: string[] = [];
  const args: Omit<WatchArgs, 'feedsFile'> = {
    threshold: env.NEWSGRAPH_WATCH_THRESHOLD ? readThreshold(env.NEWSGRAPH_WATCH_THRESHOLD, 'NEWSGRAPH_WATCH_THRESHOLD') : DEFAULT_THRESHOLD,
    once: false,
    timeoutMs: DEFAULTS.timeoutMs,
    maxPageBytes: DEFAULTS.maxPageBytes,
    maxFeedBytes: DEFAULTS.maxFeedBytes,
    hostGapMs: DEFAULTS.hostGapMs,
    maxBackoffS: DEFAULTS.maxBackoffS,
    help: false,
    ...(env.NEWSGRAPH_REVIEW_QUEUE ? { queueDir: env.NEWSGRAPH_REVIEW_QUEUE } : {}),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    if (arg === '--once') {
      args.once = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!(name in NUMBERS) && !(name in STRINGS)) throw new WatchUsageError(`unknown option ${name}`);
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new WatchUsageError(`${name} needs a value`);
    if (name in STRINGS) {
      args[STRINGS[name as keyof typeof STRINGS]] = value;
    } else if (name === '--threshold') {
      args.threshold = readThreshold(value, name);
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (name === '--host-gap-ms' ? 0 : 1))
        throw new WatchUsageError(`${name} must be a whole number${name === '--host-gap-ms' ? '' : ' above 0'}, got "${value}"`);
      args[NUMBERS[name as keyof typeof NUMBERS] as 'timeoutMs'] = n;
    }
  }
  if (args.help) return { ...args, feedsFile: '' };
  if (inputs.length !== 1) throw new WatchUsageError(inputs.length ? `one feeds file, not ${inputs.length}` : 'no feeds file given');
  return { ...args, feedsFile: inputs[0] };
}

/** `feeds.json` -> `feeds.state.json`, beside it. */
export function defaultStateFile(feedsFile: string): string {
  const ext = path.extname(feedsFile);
  return `${ext ? feedsFile.slice(0, -ext.length) : feedsFile}.state.json`;
}
