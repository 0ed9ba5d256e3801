import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';

export interface SubscriptionCaps {
  /** operations running at once on one WebSocket; default 50 */
  perSocket: number;
  /** operations running at once on all the WebSockets of one client address; default 200 */
  perClient: number;
}

export const DEFAULT_SUBSCRIPTION_CAPS: SubscriptionCaps = { perSocket: 50, perClient: 200 };

type Extra = { request: http.IncomingMessage };

function tooMany(message: string): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } })];
}

/**
 * Caps the operations running over graphql-ws, per socket and per client address: each costs the
 * statements subgraph a subscriber (reads on every wake and every poll), and 1,000 on one
 * unauthenticated socket once kept its database at 263 queries/s. A subscribe beyond a cap gets an
 * `error` message for that id (code TOO_MANY_SUBSCRIPTIONS); the socket and its other operations
 * go on. Counts are read from graphql-ws's own table of running operations, so an operation that
 * completes, errors or is cancelled stops counting at once, and a closed socket counts nothing.
 */
export function withSubscriptionCaps<E extends Extra, O extends ServerOptions<Record<string, unknown> | undefined, E>>(
  options: O,
  caps: SubscriptionCaps = DEFAULT_SUBSCRIPTION_CAPS,
): O {
  const byClient = new Map<string, Set<Context<Record<string, unknown> | undefined, E>>>();
  const addressOf = (ctx: Context<Record<string, unknown> | undefined, E>) => ctx.extra.request?.socket?.remoteAddress ?? 'unknown';
  const running = (ctx: Context<Record<string, unknown> | undefined, E>) => Object.keys(ctx.subscriptions).length;
  return {
    ...options,
    onConnect: async (ctx) => {
      const accepted = options.onConnect ? await options.onConnect(ctx) : true;
      if (accepted !== false) {
        const address = addressOf(ctx);
        let open = byClient.get(address);
        if (!open) byClient.set(address, (open = new Set()));
        open.add(ctx);
      }
      return accepted;
    },
    onClose: async (ctx, code, reason) => {
      const address = addressOf(ctx);
      const open = byClient.get(address);
      open?.delete(ctx);
      if (open?.size === 0) byClient.delete(address);
      await options.onClose?.(ctx, code, reason);
    },
    onSubscribe: (ctx, id, payload) => {
      // the new operation is already in the table (graphql-ws adds it before this hook)
      if (running(ctx) > caps.perSocket) {
        return tooMany(`At most ${caps.perSocket} operations may run at once on one connection; complete one first.`);
      }
      let total = 0;
      for (const other of byClient.get(addressOf(ctx)) ?? []) total += running(other);
      if (total > caps.perClient) {
        return tooMany(`At most ${caps.perClient} operations may run at once from one client address; complete one first.`);
      }
      return options.onSubscribe?.(ctx, id, payload);
    },
  };
}
