import { buildSchema, parse } from 'graphql';
import { DEFAULT_PAGE, operationCost } from './limits';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String! }
  type Edge { cursor: String! node: Item! }
  type Connection { totalCount: Int! edges: [Edge!]! }
  type Query {
    items(first: Int, after: String, last: Int, before: String): Connection!
    nodes(ids: [ID!]!): [Node]!
  }
`);

const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), undefined, variables);

describe('operation cost of two-way paging and nodes(ids:)', () => {
  test('`last` sizes a page like `first`, literal or variable', () => {
    const forward = cost('{ items(first: 80) { edges { node { id } } } }');
    expect(cost('{ items(last: 80) { edges { node { id } } } }')).toBe(forward);
    expect(cost('query($n: Int) { items(last: $n) { edges { node { id } } } }', { n: 80 })).toBe(forward);
    expect(forward).toBeGreaterThan(cost(`{ items(first: ${DEFAULT_PAGE}) { edges { node { id } } } }`));
  });
  test('nodes(ids:) costs by the number of ids asked for', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `Item:${i}`);
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).toBe(1 + 100);
    expect(cost('{ nodes(ids: ["Item:1", "Item:2"]) { id } }')).toBe(1 + 2);
  });
});
