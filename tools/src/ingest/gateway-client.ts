/** The part of `fetch` the client uses, so tests can pass a fake that records requests. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface GraphQLErrorLike {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; problems?: Array<{ path: string; message: string }>; [k: string]: unknown };
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: GraphQLErrorLike[];
}

/** The gateway could not be reached, or answered something that is not GraphQL. */
export class GatewayUnreachableError extends Error {}

/** The gateway answered with GraphQL errors. */
export class GatewayError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: GraphQLErrorLike[],
  ) {
    super(`${operation}: ${errors.map((e) => e.message).join('; ')}`);
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

export interface GatewayClient {
  readonly url: string;
  /** Sends one operation; the answer as it came (data and errors). */
  send<T>(query: string, variables: Record<string, unknown>, options?: { write?: boolean }): Promise<GraphQLAnswer<T>>;
  /** Sends one operation; throws GatewayError when the answer has errors. `operation` names it in messages. */
  request<T>(operation: string, query: string, variables: Record<string, unknown>, options?: { write?: boolean }): Promise<T>;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}

/** Times the client waits out the gateway's write rate limit for one request before giving up. */
export const MAX_RATE_LIMIT_WAITS = 30;

/** The wait a RATE_LIMITED answer asks for ("… Retry in 3 s."), in ms: at least 1 s, at most 30 s. */
function advisedWaitMs(error: GraphQLErrorLike): number {
  const seconds = Number(/Retry in (\d+) s/.exec(error.message)?.[1] ?? 1);
  return Math.min(30, Math.max(1, seconds)) * 1000;
}

/**
 * A GraphQL-over-HTTP client for the gateway; the token goes only on writes. A write refused by the
 * gateway's rate limit (RATE_LIMITED) is sent again after the wait the gateway names: every write
 * is an idempotent upsert, and a large package would otherwise stop halfway.
 */
export function createGatewayClient(options: {
  url: string;
  token: string;
  fetch: FetchLike;
  /** how the client waits out a rate limit; default a timer */
  sleep?: (ms: number) => Promise<void>;
}): GatewayClient {
  const { url, token, fetch } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function send<T>(query: string, variables: Record<string, unknown>, opts: { write?: boolean } = {}): Promise<GraphQLAnswer<T>> {
    for (let waits = 0; ; waits++) {
      const answer = await sendOnce<T>(query, variables, opts);
      const limited = answer.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
      if (!limited || !opts.write || waits >= MAX_RATE_LIMIT_WAITS) return answer;
      await sleep(advisedWaitMs(limited));
    }
  }

  async function sendOnce<T>(query: string, variables: Record<string, unknown>, opts: { write?: boolean }): Promise<GraphQLAnswer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (opts.write) headers.authorization = `Bearer ${token}`;
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new GatewayUnreachableError(`cannot reach the gateway at ${url}: ${describeFailure(error)}`);
    }
    let body: GraphQLAnswer<T>;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GatewayUnreachableError(`the gateway at ${url} answered HTTP ${status} without GraphQL: ${text.slice(0, 200)}`);
    }
    if (!body || typeof body !== 'object' || (!('data' in body) && !('errors' in body))) {
      throw new GatewayUnreachableError(`the gateway at ${url} answered HTTP ${status} without GraphQL: ${text.slice(0, 200)}`);
    }
    return body;
  }

  async function request<T>(operation: string, query: string, variables: Record<string, unknown>, opts: { write?: boolean } = {}): Promise<T> {
    const answer = await send<T>(query, variables, opts);
    if (answer.errors?.length) throw new GatewayError(operation, answer.errors);
    if (!answer.data) throw new GatewayError(operation, [{ message: 'the gateway answered without data' }]);
    return answer.data;
  }

  return { url, send, request };
}
