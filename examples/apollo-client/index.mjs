// newsgraph from Apollo Client: the headline query over HTTP, then the live feed over graphql-ws.
//
//   node examples/apollo-client/index.mjs [--url http://localhost:4000/graphql] [--after <cursor>] [--limit N]
//
// Every entity selects `id` (a global id), so Apollo's default InMemoryCache normalises them with
// no type policies: the speaker of a statement and the same actor fetched elsewhere are one entry.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
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
      id
      name
      statements(filter: { topic: "base-use" }, first: 50) {
        totalCount
        edges {
          node {
            id
            key
            text
            saidAt
            speaker {
              id
              name
            }
            attestations {
              quotedText
              source {
                id
                url
                title
                outlet {
                  id
                  name
                }
              }
            }
            contradictions(by: "country:us") {
              origin
              statement {
                id
                key
                text
                speaker {
                  id
                  name
                }
              }
            }
          }
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
        id
        key
        text
        speaker {
          id
          name
        }
        contradictions(by: "country:us") {
          statement {
            id
            key
          }
        }
      }
    }
  }
`;

const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
const client = new ApolloClient({
  // subscriptions go over the WebSocket, everything else over HTTP
  link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), new GraphQLWsLink(ws), new HttpLink({ uri: url })),
  cache: new InMemoryCache(),
});

function stop(code) {
  ws.dispose();
  client.stop();
  process.exit(code);
}

const { data } = await client.query({ query: SPAIN_ON_BASE_USE });
const { statements } = data.actor;
console.log(`${data.actor.name} on base use: ${statements.totalCount} statements`);
for (const { node } of statements.edges) {
  console.log(`- ${node.saidAt} ${node.speaker?.name}: "${node.text}" [${node.key}]`);
  for (const c of node.contradictions) console.log(`    contradicted (${c.origin}) by ${c.statement.speaker?.name}: "${c.statement.text}"`);
}

if (limit === 0) stop(0);
console.log('watching for new statements by Spain about base use (Ctrl-C to stop)');
let seen = 0;
client.subscribe({ query: LIVE_FEED, variables: { after: args.after ?? null } }).subscribe({
  next({ data: event, error }) {
    if (error) {
      console.error(`live feed: ${error.message}`);
      stop(1);
    }
    const { statement, cursor } = event.statementAdded;
    console.log(`+ ${statement.speaker?.name}: "${statement.text}" [${statement.key}] (cursor ${cursor})`);
    seen += 1;
    if (seen >= limit) stop(0);
  },
  error(e) {
    console.error(`live feed: ${e.message}`);
    stop(1);
  },
});
