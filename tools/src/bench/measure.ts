import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';

export interface Measurement {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** transport errors, non-2xx answers and answers carrying GraphQL errors */
  errors: number;
  /**
   * CPU time (user + system) the measured server process spent per request, in ms: the cost of
   * planning and executing one request in that process alone, whatever else shares the cores.
   */
  cpuMsPerRequest?: number;
}

/** User + system CPU time of a process so far, in ms, from /proc; null where /proc is absent. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may contain spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux the bench runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Each call gives the next request body: requests differ so nothing can be merged in flight. */
export type BodyFactory = () => Record<string, unknown>;

export async function measureHttp(
  url: string,
  next: BodyFactory,
  duration: number,
  connections: number,
  headers: Record<string, string> = {},
  /** the server process whose CPU time per request is reported */
  serverPid?: number,
): Promise<Measurement> {
  let graphqlErrors = 0;
  const cpuBefore = serverPid ? processCpuMs(serverPid) : null;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    connections,
    duration,
    requests: [
      {
        // autocannon's request options, passed on unchanged but for the body
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify(next()) }),
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return measurementOf(result, graphqlErrors, cpuBefore, serverPid ? processCpuMs(serverPid) : null);
}

/** The part of autocannon's result read here (it ships no types). */
export interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * An autocannon run as a Measurement: `answerErrors` are the bad answers the run's own checks
 * counted (on top of autocannon's transport errors, timeouts and non-2xx); the CPU per request
 * when both readings of the server process were taken.
 */
export function measurementOf(result: AutocannonResult, answerErrors: number, cpuBefore: number | null, cpuAfter: number | null): Measurement {
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + answerErrors,
    ...(cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
      ? { cpuMsPerRequest: Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 100) / 100 }
      : {}),
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The floor: the same data by hand-written SQL, `connections` loops in parallel for `duration` seconds. */
export async function measureSql(
  run: (pools: Record<string, Pool>, i: number) => Promise<unknown>,
  pools: Record<string, Pool>,
  duration: number,
  connections: number,
): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        try {
          await run(pools, i++);
        } catch {
          errors += 1;
        }
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p99: Math.round(percentile(latencies, 99) * 100) / 100,
    errors,
  };
}
