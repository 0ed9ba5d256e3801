import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@newsgraph/kit';
import { useHttpCaching } from './caching';
import { answerPreflight, corsHeaders, createCorsPolicy, decideOrigin, isPreflight } from './cors';
import { graphiqlPage } from './graphiql-assets';
import { useStrictJsonBody } from './json-body';
import { useMultipartSubscriptions } from './multipart-subscriptions';
import { usePersistedQueries } from './persisted-queries';
import { createMemoryStore, createRedisStore, PersistedQueryStore } from './persisted-store';
import { AssetServer } from './static-assets';

/**
 * HTTP as clients expect it, in one place for create-gateway.ts to wire: CORS (HTTP and WebSocket),
 * HEAD, hashed static files, and the runtime plugins for JSON bodies, persisted queries, multipart
 * subscriptions, caching headers and compression. Each concern lives in its own file here.
 */
export interface HttpLayerOptions {
  graphqlPath: string;
  allowedOrigins: string[];
  /** serve the playground's files (off in production, where there is no playground) */
  playground: boolean;
  persistedQueries?: {
    /** share registered documents across gateway replicas (REDIS_URL); default: in this process */
    redisUrl?: string;
    /** trusted documents: only these run (NEWSGRAPH_TRUSTED_DOCUMENTS) */
    trusted?: ReadonlyMap<string, string>;
  };
  logger?: Pick<Logger, 'warn'>;
}

type VerifyClient = (info: { origin?: string; req: IncomingMessage }, callback: (result: boolean, code?: number, message?: string) => void) => void;

export interface HttpLayer {
  /** runtime plugins that act on the request */
  plugins: GatewayPlugin[];
  /** runtime plugins that act on the finished response (registered last) */
  responsePlugins: GatewayPlugin[];
  /** the playground page, naming its hashed files; undefined without a playground */
  renderGraphiQL?: ReturnType<typeof graphiqlPage>;
  assets: AssetServer;
  persistedQueryStore: PersistedQueryStore;
  /** Called first for every request: true when it was answered here (preflight, asset). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  verifyWebSocket: VerifyClient;
  close(): Promise<void>;
}

export function createHttpLayer(options: HttpLayerOptions): HttpLayer {
  const cors = createCorsPolicy(options.allowedOrigins);
  const assets = new AssetServer();
  const pq = options.persistedQueries ?? {};
  const store = pq.redisUrl ? createRedisStore({ url: pq.redisUrl, logger: options.logger }) : createMemoryStore();
  return {
    plugins: [useStrictJsonBody(), usePersistedQueries({ store, trusted: pq.trusted }), useMultipartSubscriptions()],
    responsePlugins: [useHttpCaching({ graphqlPath: options.graphqlPath, vary: cors.allowedOrigins ? ['Origin'] : [] })],
    renderGraphiQL: options.playground ? graphiqlPage(assets) : undefined,
    assets,
    persistedQueryStore: store,
    handle(req, res) {
      if (isPreflight(req)) {
        answerPreflight(cors, req, res);
        return true;
      }
      for (const [name, value] of Object.entries(corsHeaders(cors, req))) res.setHeader(name, value);
      // HEAD is GET without the body (Node drops it for HEAD): so it can never run a mutation
      if (req.method === 'HEAD' && new URL(req.url ?? '/', 'http://local').pathname === options.graphqlPath) req.method = 'GET';
      return assets.serve(req, res);
    },
    verifyWebSocket({ origin, req }, callback) {
      const decision = decideOrigin(cors, origin, req.headers.host);
      if (decision.allowed) callback(true);
      else callback(false, 403, decision.reason);
    },
    close: () => store.close(),
  };
}
