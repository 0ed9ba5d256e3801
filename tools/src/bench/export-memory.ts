import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startStack } from '../stack';

/**
 * How much memory the gateway holds while it streams a bulk export of a whole archive:
 *   node tools/dist/bench/export-memory.js --database-url <server> --prefix bench_1000000_ [--format ndjson] [--limit N]
 * (a corpus made by `npm run generate` or `npm run bench` under that prefix). Starts the federation
 * on it, reads GET /export/statements to the end, and samples the gateway's resident memory
 * (/proc/<pid>/status) every 250 ms; with --limit, stops reading after N statements (the client going
 * away, which also ends the export). Prints statements, bytes, seconds and the RSS before and at peak.
 */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback?: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const databaseUrl = arg('--database-url', process.env.DATABASE_URL);
  const prefix = arg('--prefix', 'bench_1000000_')!;
  const format = arg('--format', 'ndjson')!;
  const limit = Number(arg('--limit', 'Infinity'));
  if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) is required');
  const stack = await startStack({
    databaseUrl,
    databasePrefix: prefix,
    writeTokens: [`bench-${randomBytes(6).toString('hex')}`],
    env: { NODE_ENV: 'production' },
    log: () => undefined,
  });
  try {
    const gateway = stack.processes.find((p) => p.service === 'gateway')!.child.pid!;
    const before = rssMb(gateway);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(gateway))), 250);
    const started = Date.now();
    const abort = new AbortController();
    const res = await fetch(new URL(`/export/statements?format=${format}`, stack.gatewayUrl), { signal: abort.signal });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
      // leaving the loop cancels the body; the abort then closes the connection
      if (lines >= limit) break;
    }
    abort.abort();
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `export ${format}: HTTP ${res.status}, ${lines} lines, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s ` +
        `(${Math.round(lines / seconds)} statements/s); gateway RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
