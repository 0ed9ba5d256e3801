import { FetchLike } from './gateway-client';

/** One request the fake gateway received. */
export interface RecordedRequest {
  url: string;
  authorization?: string;
  query: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read back the variables the client sent; their assertions are the shape
  variables: Record<string, any>;
  /** the root field asked for: `upsertActors`, `actorsByKeys`, `outlet`... */
  field: string;
}

export interface FakeGatewayOptions {
  /** keys the "server" knows, by lookup field */
  existing?: Partial<Record<'actorsByKeys' | 'sourcesByKeys' | 'claimsByKeys' | 'statementsByKeys' | 'outlet', string[]>>;
  /** answer for a mutation field instead of success (e.g. an INVALID_PACKAGE error) */
  refuse?: Partial<Record<string, { message: string; extensions?: Record<string, unknown> }>>;
  /** throw like fetch does when nothing listens */
  unreachable?: boolean;
}

/** A stand-in for the gateway: answers lookups from `existing`, reports every write as created. */
export function fakeGateway(options: FakeGatewayOptions = {}) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    if (options.unreachable) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const body = JSON.parse(init.body);
    const field = /\{\s*(?:\w+\s*:\s*)?(\w+)\s*\(/.exec(body.query)?.[1] ?? '?';
    requests.push({ url, authorization: init.headers.authorization, query: body.query, variables: body.variables, field });
    const answer = (data: unknown, errors?: unknown[]) => ({ status: 200, text: async () => JSON.stringify({ data, ...(errors ? { errors } : {}) }) });

    if (field.endsWith('ByKeys')) {
      const known = new Set(options.existing?.[field as 'actorsByKeys'] ?? []);
      return answer({ [field]: body.variables.k.map((key: string) => (known.has(key) ? { key } : null)) });
    }
    if (field === 'outlet') {
      const known = new Set(options.existing?.outlet ?? []);
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const [name, key] of Object.entries(body.variables as Record<string, string>)) {
        const alias = `o${name.slice(1)}`;
        data[alias] = known.has(key) ? { key } : null;
        if (!known.has(key)) errors.push({ message: `No outlet with key "${key}"`, path: [alias], extensions: { code: 'NOT_FOUND' } });
      }
      return answer(data, errors.length ? errors : undefined);
    }
    const refusal = options.refuse?.[field];
    if (refusal) return answer(null, [{ ...refusal, path: [field] }]);
    const items: Array<{ key: string }> = Object.values(body.variables as Record<string, Array<{ key: string }>>).flat();
    return answer({ [field]: { created: items.length, updated: 0, unchanged: 0, keys: items.map((i) => i.key) } });
  };
  return { fetch, requests, writes: () => requests.filter((r) => r.query.startsWith('mutation')) };
}

/** Collects what the CLI prints. */
export function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}
