import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';

type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

/**
 * The playground's preloaded examples: the operations of CONTRACT.md sections 4 and 5, word for
 * word (the live feed takes its cursor as a variable so it runs as is), plus a few starting
 * points, as named operations of one document. (GraphiQL's `defaultTabs` would give each its own
 * tab, but this GraphiQL build leaves preloaded tabs mispositioned so clicks miss them.)
 */
const INTRO = `# newsgraph: who said what, about what, according to
# which source, and who contradicts them. The Docs
# panel (book icon, top left) explains every field.
#
# Press the run button and pick an operation, or put
# the cursor inside one and press Ctrl-Enter.
`;

export const SPAIN_ON_BASE_USE = `# Statements by Spain about base use -- by Spain
# itself or by anyone speaking for it at the time
# (a minister, through his ministry and government)
# -- and the US statements that contradict each one.
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
          speaker { key name }
          attestations { quotedText source { url title outlet { name } } }
          contradictions(by: "country:us") {
            origin
            statement { key text speaker { key name } attestations { source { url } } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`;

export const SAME_FROM_THE_ROOT = `# The same list asked from the root: filter.by
# rolls memberships up as Actor.statements does.
query SameFromTheRoot {
  statements(filter: { by: "country:es", topic: "base-use" }, first: 50) {
    totalCount
    edges { node { key contradictions(by: "country:us") { origin statement { key } } } }
  }
}
`;

export const LIVE_FEED = `# The live feed, over graphql-ws. Run it, then load
# a matching statement (npm run ingest -- <file>).
# Each event has a cursor: run it again with the
# variables { "after": "<cursor>" } to replay what
# came after it, then go live: nothing missed,
# nothing twice.
subscription LiveFeed($after: String) {
  statementAdded(filter: { by: "country:es", topic: "base-use" }, after: $after) {
    cursor
    statement { key text speaker { name } contradictions(by: "country:us") { statement { key } } }
  }
}
`;

export const EXPLORE = `# actors(search:) ignores case and accents and
# matches aliases; filter.text is full-text search.
query Explore {
  actors(search: "España") { edges { node { key name kind } } }
  statements(filter: { text: "bases" }) { totalCount edges { node { key text speaker { name } } } }
  topics { edges { node { key statementCount } } }
}
`;

export const PLAYGROUND_DOCUMENT = [INTRO, SPAIN_ON_BASE_USE, SAME_FROM_THE_ROOT, LIVE_FEED, EXPLORE].join('\n');

/** Three linked nodes, inline: the page must not fetch anything from elsewhere. */
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">' +
  '<g stroke="#2456c8" stroke-width="2"><line x1="6" y1="7" x2="18" y2="5"/><line x1="6" y1="7" x2="12" y2="19"/>' +
  '<line x1="18" y1="5" x2="12" y2="19"/></g><g fill="#2456c8"><circle cx="6" cy="7" r="3"/><circle cx="18" cy="5" r="3"/>' +
  '<circle cx="12" cy="19" r="3"/></g></svg>';

/** GraphiQL options; the page itself is rendered by `@graphql-yoga/render-graphiql`, all inline. */
export function playgroundOptions(): GraphiQLOptions {
  return {
    title: 'newsgraph playground',
    logo: LOGO_SVG,
    favicon: `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`,
    subscriptionsProtocol: 'WS',
    defaultQuery: PLAYGROUND_DOCUMENT,
  };
}
