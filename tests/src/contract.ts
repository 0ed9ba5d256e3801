/**
 * The headline queries of CONTRACT.md section 4, word for word. They are written out here, apart
 * from the playground's copy in gateway/src/playground.ts, so that the tests state the contract
 * independently of the code they check.
 */
export const SPAIN_ON_BASE_USE = `query SpainOnBaseUse {
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
}`;

export const SAME_FROM_THE_ROOT = `query SameFromTheRoot {
  statements(filter: { by: "country:es", topic: "base-use" }, first: 50) {
    totalCount
    edges { node { key contradictions(by: "country:us") { origin statement { key } } } }
  }
}`;
