import { currentScope, NODE_TYPES, NodeType, REQUEST_ID_HEADER, traceHeaders } from '@newsgraph/kit';
import { GraphQLError } from 'graphql';

/** The subgraphs other than this one that own Node types. */
export type OwnerName = 'actors' | 'sources';

/**
 * Whether entities of other subgraphs exist. `node(id:)` is answered here for every type; for
 * an actor, source or outlet only its owner knows whether the key exists, and without asking,
 * `node(id: "Actor:nobody") { id }` would answer an object that is not there.
 */
export interface NodeOwners {
  known(refs: readonly { type: NodeType; key: string }[]): Promise<boolean[]>;
}

/**
 * Asks each owner through the federation protocol itself: one `_entities` request per owner and
 * batch, whose answer is null for a key the owner does not have. The owner's own reference
 * resolver decides, so "exists" means what it means to the gateway.
 */
export function createHttpNodeOwners(urls: Record<OwnerName, string>, headers: Record<string, string> = {}): NodeOwners {
  async function ask(owner: OwnerName, refs: readonly { type: NodeType; key: string }[]): Promise<boolean[]> {
    const scope = currentScope();
    let body: { data?: { _entities?: (object | null)[] }; errors?: { message: string }[] };
    try {
      const res = await fetch(urls[owner], {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...traceHeaders(),
          ...(scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {}),
        },
        body: JSON.stringify({
          query: 'query NodeExists($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          variables: { r: refs.map((r) => ({ __typename: r.type, key: r.key })) },
        }),
        signal: AbortSignal.timeout(10_000),
      });
      body = (await res.json()) as typeof body;
    } catch (e) {
      throw new GraphQLError(`The ${owner} service is unreachable, so this id cannot be looked up right now`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', service: owner },
        originalError: e as Error,
      });
    }
    const found = body.data?._entities;
    if (!found || found.length !== refs.length) {
      throw new GraphQLError(`The ${owner} service did not answer the id lookup: ${body.errors?.[0]?.message ?? 'no data'}`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', service: owner },
      });
    }
    return found.map((e) => e !== null);
  }

  return {
    async known(refs) {
      const byOwner = new Map<OwnerName, number[]>();
      refs.forEach((r, i) => {
        const owner = NODE_TYPES[r.type] as OwnerName;
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), i]);
      });
      const out: boolean[] = refs.map(() => false);
      await Promise.all(
        [...byOwner].map(async ([owner, indexes]) => {
          const answers = await ask(
            owner,
            indexes.map((i) => refs[i]),
          );
          indexes.forEach((i, j) => (out[i] = answers[j]));
        }),
      );
      return out;
    },
  };
}
