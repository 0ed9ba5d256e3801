/**
 * The alerts service reads the graph through the public gateway, as any client does: the gateway
 * joins the subgraphs, and the live feed's replay gives every webhook its order and its cursor.
 * Its URL comes from NEWSGRAPH_GATEWAY_URL, or, under `npm start` and the tests (where the gateway
 * starts after the subgraphs on a port of its own), from the launcher over IPC once it listens.
 */
export class GatewayLink {
  private current: string | null;
  private readonly waiting: ((url: string) => void)[] = [];

  constructor(url: string | undefined) {
    this.current = url || null;
  }

  get url(): string | null {
    return this.current;
  }

  set(url: string): void {
    this.current = url;
    for (const resolve of this.waiting.splice(0)) resolve(url);
  }

  /** Resolves once the gateway's URL is known. */
  ready(): Promise<string> {
    return this.current ? Promise.resolve(this.current) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** One GraphQL request to the gateway; a transport failure throws, GraphQL errors come back in the answer. */
  async request<T>(query: string, variables: Record<string, unknown>, timeoutMs = 10_000): Promise<{ data?: T; errors?: GatewayError[] }> {
    if (!this.current) throw new Error('the gateway URL is not known yet');
    const res = await fetch(this.current, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await res.json()) as { data?: T; errors?: GatewayError[] };
  }
}

export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; key?: string; argument?: string };
}
