import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './selection';

const schema = buildSchema(`
  type Item { key: String text: String saidAt: String }
  type Edge { cursor: String node: Item }
  type Connection { totalCount: Int edges: [Edge] }
  type Query { list: Connection }
`);

/** The node fields `selectedFields` reads for `list` in `query`. */
async function nodeFields(query: string): Promise<string[]> {
  let seen: Set<string> | undefined;
  const list = (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    seen = selectedFields(info, ['edges', 'node']);
    return { totalCount: 0, edges: [] };
  };
  const result = await graphql({ schema, source: query, rootValue: { list } });
  expect(result.errors).toBeUndefined();
  return [...(seen ?? [])].sort();
}

test('the fields under a path, read through aliases', async () => {
  expect(await nodeFields('{ list { edges { cursor node { key t: text } } } }')).toEqual(['key', 'text']);
});

test('inline fragments, named fragments and fields under @skip/@include all count', async () => {
  const query = `query($no: Boolean = false) {
    list { edges { ... on Edge { node { key } } ...E node { saidAt @include(if: $no) } } }
  }
  fragment E on Edge { node { ...I } }
  fragment I on Item { text }`;
  expect(await nodeFields(query)).toEqual(['key', 'saidAt', 'text']);
});

test('a path not selected gives no fields', async () => {
  expect(await nodeFields('{ list { totalCount } }')).toEqual([]);
});
