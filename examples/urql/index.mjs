// newsgraph from urql: the headline query over HTTP, then the live feed over graphql-ws.
//
//   node examples/urql/index.mjs [--url http://localhost:4000/graphql] [--after <cursor>] [--limit N]
import { Client, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values: args } = parseArgs({
  options: { url: { type: 'string' }, after: { type: 'string' }, limit: { type: 'string' } },
});
const url = args.url ?? process.env.NEWSGRAPH_URL ?? 'http://localhost:4000/graphql';
const limit = args.limit === undefined ? Infinity : Number(args.limit);

const SPAIN_ON_BASE_USE = gql`
  query SpainOnBaseUse {
    actor(key: "country:es") {
      key
      name
      statements(filter: { topic: "base-use" }, first: 50) {
        totalCount
        edges {
          cursor
          node {
            key
            text
            saidAt
            speaker {
              key
              name
            }
            attestations {
              quotedText
              source {
                url
                title
                outlet {
                  name
                }
              }
            }
            contradictions(by: "country:us") {
              origin
              statement {
                key
                text
                speaker {
                  key
                  name
                }
                attestations {
                  source {
                    url
                  }
                }
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

const LIVE_FEED = gql`
  subscription LiveFeed($after: String) {
    statementAdded(filter: { by: "country:es", topic: "base-use" }, after: $after) {
      cursor
      statement {
        key
        text
        speaker {
          name
        }
        contradictions(by: "country:us") {
          statement {
            key
          }
        }
      }
    }
  }
`;

const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
const client = new Client({
  url,
  // urql sends short queries as GET by default; the gateway takes GET only with a header that
  // forces a CORS preflight (its CSRF guard), so this example POSTs
  preferGetMethod: false,
  exchanges: [
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});

function stop(code) {
  ws.dispose();
  process.exit(code);
}

const result = await client.query(SPAIN_ON_BASE_USE, {}).toPromise();
if (result.error) {
  console.error(result.error.message);
  stop(1);
}
const { actor } = result.data;
console.log(`${actor.name} on base use: ${actor.statements.totalCount} statements`);
for (const { node } of actor.statements.edges) {
  console.log(`- ${node.saidAt} ${node.speaker?.name}: "${node.text}" [${node.key}]`);
  for (const c of node.contradictions) console.log(`    contradicted (${c.origin}) by ${c.statement.speaker?.name}: "${c.statement.text}"`);
}

if (limit === 0) stop(0);
console.log('watching for new statements by Spain about base use (Ctrl-C to stop)');
let seen = 0;
client.subscription(LIVE_FEED, { after: args.after ?? null }).subscribe((event) => {
  if (event.error) {
    console.error(`live feed: ${event.error.message}`);
    stop(1);
  }
  const { statement, cursor } = event.data.statementAdded;
  console.log(`+ ${statement.speaker?.name}: "${statement.text}" [${statement.key}] (cursor ${cursor})`);
  seen += 1;
  if (seen >= limit) stop(0);
});
