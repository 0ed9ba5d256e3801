import { ExistingKeys, PackageReferences, ResolveExisting } from '@newsgraph/news-package';
import { chunk } from './chunks';
import { GatewayClient, GatewayError } from './gateway-client';
import { MAX_PER_REQUEST } from './writes';

const LOOKUPS = {
  actors: 'actorsByKeys',
  sources: 'sourcesByKeys',
  claims: 'claimsByKeys',
  statements: 'statementsByKeys',
} as const;

/**
 * Outlets have no batch lookup: one aliased `outlet(key:)` field per key, this many per request,
 * within the gateway's limit of 20 root fields (TOO_MANY_ROOT_FIELDS) and 30 aliases.
 */
export const OUTLETS_PER_REQUEST = 20;

/** Lookup requests of one kind in flight at once (a package citing 2,000 claims asks in 4 parts). */
const LOOKUPS_IN_FLIGHT = 4;

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function existingByKeys(client: GatewayClient, field: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const query = `query($k:[String!]!){ ${field}(keys:$k){ key } }`;
  await eachLimited(chunk(keys, MAX_PER_REQUEST), LOOKUPS_IN_FLIGHT, async (part) => {
    const data = await client.request<Record<string, Array<{ key: string } | null>>>(field, query, { k: part });
    // the answer is aligned with the keys asked, null for an unknown key
    (data[field] ?? []).forEach((item, i) => {
      if (item) found.add(part[i]);
    });
  });
  return found;
}

async function existingOutlets(client: GatewayClient, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  await eachLimited(chunk(keys, OUTLETS_PER_REQUEST), LOOKUPS_IN_FLIGHT, async (part) => {
    const params = part.map((_, i) => `$k${i}:String!`).join(',');
    const fields = part.map((_, i) => `o${i}: outlet(key:$k${i}){ key }`).join(' ');
    const variables = Object.fromEntries(part.map((key, i) => [`k${i}`, key]));
    const answer = await client.send<Record<string, { key: string } | null>>(`query(${params}){ ${fields} }`, variables);
    // an unknown outlet is a NOT_FOUND error for its field; anything else is a real failure
    const failures = (answer.errors ?? []).filter((e) => e.extensions?.code !== 'NOT_FOUND');
    if (failures.length) throw new GatewayError('outlet', failures);
    part.forEach((key, i) => {
      if (answer.data?.[`o${i}`]) found.add(key);
    });
  });
  return found;
}

/** Asks the gateway which of a package's external references exist already. */
export function resolveThroughGateway(client: GatewayClient): ResolveExisting {
  return async (refs: PackageReferences): Promise<ExistingKeys> => {
    const ask = (kind: keyof typeof LOOKUPS) => (refs[kind].length ? existingByKeys(client, LOOKUPS[kind], refs[kind]) : Promise.resolve(new Set<string>()));
    const [actors, sources, claims, statements, outlets] = await Promise.all([
      ask('actors'),
      ask('sources'),
      ask('claims'),
      ask('statements'),
      refs.outlets.length ? existingOutlets(client, refs.outlets) : Promise.resolve(new Set<string>()),
    ]);
    return { actors, sources, claims, statements, outlets };
  };
}
