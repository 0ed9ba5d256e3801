/**
 * Bounded HTTP GETs for the watcher: every request has a deadline covering the whole body, a size
 * cap, and waits its turn at its host (one request at a time per host, a minimum gap between them).
 */

export interface FetchLimits {
  /** the whole request, headers and body, in ms */
  timeoutMs: number;
  /** largest body accepted, in bytes */
  maxBytes: number;
}

export interface Fetched {
  status: number;
  url: string;
  headers: Headers;
  body: string;
}

/** Why a fetch was abandoned, in words for the log line. Transient ones are worth trying again later. */
export class FetchFailure extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    /** seconds the server asked us to wait (Retry-After), when it did */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/** Seconds from a Retry-After header (delta seconds or an HTTP date), when present and sane. */
export function retryAfterSeconds(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/**
 * GET `url` within `limits`. Resolves with any HTTP status that has a body we read (304 included);
 * rejects with a FetchFailure for a timeout, a body over the cap, or a network error.
 */
export async function boundedGet(fetcher: Fetcher, url: string, headers: Record<string, string>, limits: FetchLimits): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetcher(url, { method: 'GET', headers, redirect: 'follow', signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw new FetchFailure(`no answer within ${limits.timeoutMs} ms`, true);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchFailure(`cannot reach ${new URL(url).host}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, true);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchFailure(`too large: ${declared} bytes declared, the limit is ${limits.maxBytes}`, false);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      if (res.body) {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > limits.maxBytes) {
            controller.abort();
            throw new FetchFailure(`too large: more than ${limits.maxBytes} bytes`, false);
          }
          chunks.push(chunk);
        }
      }
    } catch (error) {
      if (error instanceof FetchFailure) throw error;
      if (controller.signal.aborted) throw new FetchFailure(`body not received within ${limits.timeoutMs} ms (${size} bytes so far)`, true);
      throw new FetchFailure(`the body broke off after ${size} bytes: ${(error as Error).message}`, true);
    }
    const body = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
    return { status: res.status, url: res.url || url, headers: res.headers, body };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Politeness: one request at a time per host, and at least `gapMs` between the end of one request
 * to a host and the start of the next. Different hosts never wait for each other.
 */
export class HostGate {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly gapMs: number,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(url: string, work: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const before = this.tails.get(host) ?? Promise.resolve();
    const result = before.then(work);
    const tail = result.then(
      () => this.wait(this.gapMs),
      () => this.wait(this.gapMs),
    );
    this.tails.set(host, tail);
    // forget idle hosts, so a long-running watcher does not keep every host it ever saw
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }
}
